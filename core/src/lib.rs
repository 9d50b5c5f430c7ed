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
#[cfg(feature = "cedar")]
mod cedar_json;
mod compiled;
#[cfg(feature = "cedar")]
pub mod coverage;
mod engine;
mod error;
#[cfg(feature = "cedar")]
pub mod explain;
mod identifier;
mod identity;
#[cfg(feature = "cedar")]
pub mod impact;
#[cfg(feature = "cedar")]
pub mod inspect;
pub mod json_reader;
mod limits;
#[cfg(feature = "cedar")]
pub mod lint;
mod messages;
mod pack;
mod regulation;
mod request;
mod rules;
pub mod scenario;
mod schedule;
mod serde_zh;
#[cfg(feature = "cedar")]
mod source_hash;
mod status;
pub mod strict_date;
pub mod text;
mod typescript;
mod verdict;
mod vocabulary;

mod embedded {
    /// One pack's files under `policies/`.
    pub(crate) struct Embedded {
        pub id: &'static str,
        pub manifest: &'static str,
        pub regulation: Option<&'static str>,
        /// Requests name it: it has regulations and is not `layerOnly`.
        pub jurisdiction: bool,
        pub policies: &'static [(&'static str, &'static str)],
        /// The packs beneath it, every one, the lowest first.
        pub layers: &'static [&'static str],
        /// `PolicySetId::hash` of the pack with its layers and the calendar, made by build.rs.
        pub hash: &'static str,
        /// The pack's policies compiled (its `compiled.json`), `""` for a pack without any.
        /// Only in a build without Cedar: one with it compiles them from `policies` when asked.
        #[cfg(not(feature = "cedar"))]
        pub compiled: &'static str,
    }
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use audit::{append_line, AuditRecord, RejectionRecord, MAX_AUDIT_RECEIVED_BYTES};
pub use calendar::{Calendar, Deadline};
pub use compiled::{CompiledLayer, CompiledPack, FORMAT as COMPILED_FORMAT};
pub use engine::{builtin_jurisdictions, builtin_layers, packs_in_dir, today_in_china, Engine, LayerSources, Sources};
pub use error::{Error, ErrorMessage, ErrorReport, Words, COMPILED_PACK};
pub use identifier::{citizen_id_problem, credit_code_problem, is_valid_citizen_id, is_valid_credit_code, IdProblem};
pub use identity::{read_client_verdict, PolicySetId, Verification};
pub use limits::{
    MAX_CALENDAR_FILES, MAX_COMPILED_PACK_BYTES, MAX_DEPTH, MAX_EXPRESSION_DEPTH, MAX_POLICIES, MAX_POLICY_FILES,
    MAX_POLICY_FILE_BYTES, MAX_PRIORITY, MAX_REQUEST_BYTES, MAX_STRING_CHARS, MAX_WORKING_DAYS,
};
pub use pack::{Derivation, FieldSpec, FieldType, KindSpec, PackManifest, ValueSpec};
pub use regulation::{DormancyRule, JurisdictionInfo, Regulation};
pub use request::Request;
pub use rules::{AnnotationDoc, PolicyRole, ANNOTATIONS};
pub use status::{ShareState, ShareStatus, ShareUse};
pub use typescript::{builtin_typescript, type_name};
pub use verdict::{
    Ground, Message, Obligation, Outcome, Reviewer, Route, Step, Verdict, Violation, Warning, UNDECIDED_RULE,
};
pub use vocabulary::{Contract, Field, Section, Vocabulary, SECTIONS};

/// Reads a request from JSON and decides it with the built-in policies of its jurisdiction:
/// the path the CLI and the scenario tests take.
pub fn check_json(text: &str) -> Result<Verdict, Error> {
    let request = Request::from_json(text)?;
    builtin_engine(&request.jurisdiction)?.check(&request)
}

/// The built-in engine of a request's jurisdiction; an unknown one is the request's fault.
pub fn builtin_engine(jurisdiction: &str) -> Result<Engine, Error> {
    known_builtin(jurisdiction)?;
    Engine::builtin(jurisdiction)
}

/// Whether a built-in pack decides requests of `jurisdiction`: an unknown one is an
/// [`Error::InvalidRequest`] at `/jurisdiction` listing the known ones.
pub fn known_builtin(jurisdiction: &str) -> Result<(), Error> {
    let known = builtin_jurisdictions();
    if !known.contains(&jurisdiction) {
        let message = if cfg!(feature = "builtin-packs") {
            let expected = error::expected_names(&mut known.iter().copied());
            error::text!(
                ("未知辖区 `{jurisdiction}`，{}", expected.zh),
                ("unknown jurisdiction `{jurisdiction}`, {}", expected.en)
            )
        } else {
            let hint = error::NO_BUILTIN_PACKS;
            error::text!(
                ("未知辖区 `{jurisdiction}`：{}", hint.zh),
                ("unknown jurisdiction `{jurisdiction}`: {}", hint.en)
            )
        };
        return Err(Error::InvalidRequest { field: "/jurisdiction".into(), message });
    }
    Ok(())
}
