//! The project's checks of a pack's files beyond what loading them needs, every problem
//! at once, each a [`Diagnostic`] at its file, line and policy: Cedar's syntax and strict
//! validation against the pack's schema, the annotations, `pack.json`, `regulation.json`,
//! the calendar, and the slips Cedar lets through ([`mod@slips`]). `pdp validate` prints them
//! and the WebAssembly package's `Engine.lint` returns them; both call [`pack`].

mod annotations;
mod catalog;
mod cedar;
mod diagnostic;
mod files;
pub mod slips;

use std::str::FromStr;

use cedar_policy::{Policy, PolicySet};

pub use diagnostic::{find_from, Diagnostic, Severity};
pub use slips::{closest, slips, Slip};

use crate::coverage::Coverage;
use crate::engine::Sources;
use crate::inspect::{self, PolicySummary};

/// What linting one pack found.
#[derive(Debug, Clone)]
pub struct PackLint {
    /// In file and line order, errors before warnings on a line.
    pub diagnostics: Vec<Diagnostic>,
    /// The pack's own policy files.
    pub files: usize,
    /// The policies in them that parse.
    pub policies: usize,
}

/// A policy that parsed, with what the core reads of it.
pub(crate) struct Parsed<'a> {
    pub file: &'a str,
    pub index: usize,
    pub text: &'a str,
    pub policy: Policy,
    pub summary: Option<PolicySummary>,
}

/// Lints the top pack of `sources` (its layers are linted as packs of their own).
/// `name(file)` gives the name to report a pack file under (`pack.json`,
/// `regulation.json`): `<pack>/pack.json` for sources in memory, a path for a folder.
pub fn pack(sources: &Sources, name: &dyn Fn(&str) -> String) -> PackLint {
    let Some(top) = sources.pack() else {
        return PackLint { diagnostics: vec![], files: 0, policies: 0 };
    };
    let (manifest_file, regulation_file) = (name("pack.json"), name("regulation.json"));
    let mut out = Vec::new();
    let vocabulary = files::vocabulary(sources, &top.pack, &manifest_file, &mut out);
    let schema = vocabulary.as_ref().and_then(|v| cedar::schema(v, &manifest_file, &mut out));
    let info = files::regulation(sources, &regulation_file, &mut out);
    let mut parsed = Vec::new();
    for (file, text) in &top.policies {
        match PolicySet::from_str(text) {
            Err(errors) => {
                for e in errors.iter() {
                    out.push(cedar::diagnostic(Severity::Error, "cedar-syntax", e, file, text));
                }
            }
            Ok(set) => {
                let summaries = match &info {
                    Some(info) => inspect::inspect_file(file, text, info, &top.pack).unwrap_or_default(),
                    None => vec![],
                };
                for (index, policy) in set.policies().enumerate() {
                    let summary = summaries.get(index).cloned();
                    parsed.push(Parsed { file, index, text, policy: policy.clone(), summary });
                }
            }
        }
    }
    if let Some(info) = &info {
        let fields = vocabulary.as_ref().map(crate::Vocabulary::pointers).unwrap_or_default();
        annotations::check(info, &fields, &parsed, &mut out);
    }
    if let Some(vocabulary) = &vocabulary {
        annotations::slips(vocabulary, &parsed, &mut out);
    }
    catalog::check(sources, &manifest_file, &parsed, &mut out);
    files::required_files(top, &manifest_file, &parsed, &mut out);
    if let Some(schema) = schema {
        cedar::strict_validation(schema, &parsed, &mut out);
    }
    sort(&mut out);
    PackLint { diagnostics: out, files: top.policies.len(), policies: parsed.len() }
}

/// The holiday calendar's faults, each at the calendar file that has it. The calendar
/// is shared by every pack of a folder: report it once.
pub fn calendar(sources: &Sources) -> Vec<Diagnostic> {
    files::calendar(sources)
}

/// What the coverage matrix (`coverage.json`, named `file`, its text `text`) says is
/// missing or contradicted, each at the article's entry in the matrix.
pub fn coverage(coverage: &Coverage, file: &str, text: &str) -> Vec<Diagnostic> {
    files::coverage(coverage, file, text)
}

/// A coverage matrix that could not be worked out, at its file.
pub fn coverage_failed(file: &str, error: &crate::Error) -> Diagnostic {
    Diagnostic::error("coverage", file, diagnostic::english(error.to_string())).help(diagnostic::both(
        "每个政策包都要在 coverage.json 中为其法规文本的每一条分类（README“Coverage”）",
        "every pack classifies each article of its regulations' texts in coverage.json (README, \"Coverage\")",
    ))
}

/// File and line order; on one line, errors first.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
}
