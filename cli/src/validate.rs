//! `pdp validate`: the core's lint of each pack of a policies folder (`pubdata_policy::lint`:
//! strict Cedar validation against the pack's schema, annotations, regulation metadata, the
//! slips Cedar lets through), the calendar and the coverage matrix. Every problem is
//! reported, not only the first one the engine would stop at. Here: the folder's paths,
//! and the report printed.

use std::path::{Path, PathBuf};

use pubdata_policy::lint::{self, Diagnostic, Severity};
use serde::Serialize;

use crate::diagnostic::human as shown;
use crate::policy_source::PolicySource;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// A policies folder (schema, calendar, one folder per jurisdiction) or one
    /// jurisdiction's folder inside it.
    #[arg(default_value = "policies")]
    dir: PathBuf,
    /// Validate only this jurisdiction (repeatable).
    #[arg(long = "jurisdiction", value_name = "ID")]
    only: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    ok: bool,
    errors: usize,
    warnings: usize,
    jurisdictions: Vec<Checked>,
    findings: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Checked {
    jurisdiction: String,
    files: usize,
    policies: usize,
}

pub fn run(args: &Args) -> Exit {
    crate::finish(validate(&args.dir, &args.only), args.format, human, |r| r.ok)
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!("{}\n", shown(f)));
    }
    for c in &report.jurisdictions {
        out.push_str(&format!("{}: {} policies in {} files\n", c.jurisdiction, c.policies, c.files));
    }
    out.push_str(&format!(
        "validate: {} error{}, {} warning{}\n",
        report.errors,
        if report.errors == 1 { "" } else { "s" },
        report.warnings,
        if report.warnings == 1 { "" } else { "s" }
    ));
    out
}

fn validate(dir: &Path, only: &[String]) -> Result<Report, String> {
    let source = PolicySource::folder(dir)?;
    let mut findings = Vec::new();
    let mut jurisdictions = Vec::new();
    let selected = source.select_packs(only)?;
    for jurisdiction in &selected {
        let (found, checked) = pack(&source, jurisdiction)?;
        findings.extend(found);
        jurisdictions.push(checked);
    }
    if let Some(first) = selected.first() {
        // The calendar is shared by every jurisdiction: its faults are reported once.
        findings.extend(lint::calendar(&source.sources(first).map_err(|e| e.to_string())?));
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    Ok(Report { ok: errors == 0, errors, warnings, jurisdictions, findings })
}

/// Every finding for one jurisdiction of a folder, in file and line order; the coverage
/// matrix is checked once the policies themselves are clean.
fn pack(source: &PolicySource, jurisdiction: &str) -> Result<(Vec<Diagnostic>, Checked), String> {
    if !matches!(source, PolicySource::Folder { .. }) {
        return Err("only a policies folder can be linted".into());
    }
    let sources = source.sources(jurisdiction).map_err(|e| e.to_string())?;
    let linted = lint::pack(&sources, &|name| source.file_path(jurisdiction, name));
    let mut found = linted.diagnostics;
    if !found.iter().any(|f| f.severity == Severity::Error) {
        let file = source.file_path(jurisdiction, "coverage.json");
        match crate::coverage::of_pack(source, jurisdiction) {
            Ok(coverage) => {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                found.extend(lint::coverage(&coverage, &file, &text));
            }
            Err(e) => found.push(lint::coverage_failed(&file, &e)),
        }
        lint::sort(&mut found);
    }
    let checked = Checked { jurisdiction: jurisdiction.to_owned(), files: linted.files, policies: linted.policies };
    Ok((found, checked))
}

/// Why a jurisdiction's policies do not load, for the commands that need them loaded:
/// the errors `pdp validate` finds, located, or else the engine's own message.
pub fn load_failure(source: &PolicySource, jurisdiction: &str, error: &pubdata_policy::Error) -> String {
    let mut found = pack(source, jurisdiction).map(|(found, _)| found).unwrap_or_default();
    found.extend(source.sources(jurisdiction).map(|s| lint::calendar(&s)).unwrap_or_default());
    let errors: Vec<String> = found.iter().filter(|f| f.severity == Severity::Error).map(shown).collect();
    if errors.is_empty() {
        return error.to_string();
    }
    format!(
        "{} for `{jurisdiction}` do not load (what `pdp validate` reports):\n\n{}",
        source.describe(),
        errors.join("\n")
    )
}
