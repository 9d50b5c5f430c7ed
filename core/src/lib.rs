#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The repository's README shows the same quick start: keep it compiling too (only when
// doctests are collected, so the published crate, which has no such file, still builds).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadme;

mod audit;
pub mod bounded_read;
mod calendar;
mod cedar_input;
mod cedar_json;
pub mod coverage;
mod engine;
mod error;
mod identifier;
mod identity;
pub mod impact;
pub mod inspect;
pub mod json_reader;
mod limits;
mod messages;
mod regulation;
mod request;
mod rules;
pub mod scenario;
mod schedule;
mod source_hash;
mod status;
pub mod strict_date;
pub mod text;
mod verdict;

mod embedded {
    /// One jurisdiction's files under `policies/`.
    pub(crate) struct Embedded {
        pub id: &'static str,
        pub regulation: &'static str,
        pub policies: &'static [(&'static str, &'static str)],
        /// `PolicySetId::hash` of these files with the schema and calendar, made by build.rs.
        pub hash: &'static str,
    }
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use audit::{append_line, AuditRecord, Party, RejectionRecord, MAX_AUDIT_RECEIVED_BYTES};
pub use calendar::{Calendar, Deadline};
pub use engine::{builtin_jurisdictions, today_in_china, Engine, Sources};
pub use error::{Error, ErrorMessage, ErrorReport};
pub use identifier::{citizen_id_problem, credit_code_problem, is_valid_citizen_id, is_valid_credit_code, IdProblem};
pub use identity::{read_client_verdict, PolicySetId, Verification};
pub use limits::{
    MAX_CALENDAR_FILES, MAX_DEPTH, MAX_POLICIES, MAX_POLICY_FILES, MAX_POLICY_FILE_BYTES, MAX_PRIORITY,
    MAX_REQUEST_BYTES, MAX_STRING_CHARS, MAX_WORKING_DAYS,
};
pub use regulation::{DormancyRule, JurisdictionInfo, Regulation};
pub use request::*;
pub use rules::ANNOTATIONS;
pub use status::{ShareState, ShareStatus, ShareUse};
pub use verdict::{Ground, Message, Obligation, Outcome, Reviewer, Route, Step, Verdict, Violation, Warning};

/// Reads a request from JSON and decides it with the built-in policies of its jurisdiction:
/// the path the CLI and the scenario tests take.
pub fn check_json(text: &str) -> Result<Verdict, Error> {
    let request = Request::from_json(text)?;
    Engine::builtin(request.jurisdiction)?.check(&request)
}
