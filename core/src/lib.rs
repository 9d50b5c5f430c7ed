#![doc = include_str!("../../README.md")]

mod audit;
mod calendar;
mod cedar_input;
mod cedar_json;
mod engine;
mod error;
mod identifier;
mod identity;
pub mod impact;
pub mod inspect;
mod limits;
mod messages;
mod pack;
mod regulation;
mod request;
mod rules;
pub mod scenario;
mod source_hash;
mod status;
mod verdict;
mod vocabulary;

mod embedded {
    /// One pack's files under `policies/`.
    pub(crate) struct Embedded {
        pub id: &'static str,
        pub manifest: &'static str,
        pub regulation: Option<&'static str>,
        pub policies: &'static [(&'static str, &'static str)],
        /// The packs beneath it, every one, the lowest first.
        pub layers: &'static [&'static str],
        /// `PolicySetId::hash` of the pack with its layers and the calendar, made by build.rs.
        pub hash: &'static str,
    }
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use audit::AuditRecord;
pub use calendar::{Calendar, Deadline};
pub use engine::{builtin_jurisdictions, today_in_china, Engine, LayerSources, Sources};
pub use error::{Error, ErrorMessage, ErrorReport};
pub use identifier::{is_valid_citizen_id, is_valid_credit_code};
pub use identity::{PolicySetId, Verification};
pub use limits::{MAX_DEPTH, MAX_REQUEST_BYTES, MAX_STRING_CHARS};
pub use regulation::{DormancyRule, JurisdictionInfo, Regulation};
pub use pack::{Derivation, FieldSpec, FieldType, KindSpec, PackManifest, ValueSpec};
pub use request::Request;
pub use rules::ANNOTATIONS;
pub use status::{ShareState, ShareStatus, ShareUse};
pub use verdict::{Ground, Message, Obligation, Outcome, Reviewer, Route, Verdict, Violation, Warning};
pub use vocabulary::{Contract, Field, Section, Vocabulary, SECTIONS};

/// Reads a request from JSON and decides it with the built-in policies of its jurisdiction:
/// the path the CLI and the scenario tests take.
pub fn check_json(text: &str) -> Result<Verdict, Error> {
    let request = Request::from_json(text)?;
    builtin_engine(&request.jurisdiction)?.check(&request)
}

/// The built-in engine of a request's jurisdiction; an unknown one is the request's fault.
pub fn builtin_engine(jurisdiction: &str) -> Result<Engine, Error> {
    let known = builtin_jurisdictions();
    if !known.contains(&jurisdiction) {
        let all: Vec<String> = known.iter().map(|j| format!("`{j}`")).collect();
        return Err(Error::InvalidRequest {
            field: "/jurisdiction".into(),
            message: format!("unknown jurisdiction `{jurisdiction}`, expected one of {}", all.join(", ")),
        });
    }
    Engine::builtin(jurisdiction)
}
