//! The decision server behind `pdp serve` and the decision log behind `pdp log`.
//!
//! The engine stays in `pubdata-policy`, free of HTTP: this crate puts it behind axum on
//! tokio and writes every decision and every rejected request to an append-only log
//! (SQLite by default, PostgreSQL when several instances share one), acknowledging a
//! decision only once its record is committed.

mod config;
mod decision_log;
mod error;
mod http;
mod metrics;
mod packs;
mod run;

pub use config::{Config, LogTarget};
pub use decision_log::{query, Filter, Record, StoredRecord, OUTCOME_REJECTED};
pub use error::ServerError;
pub use run::serve;
