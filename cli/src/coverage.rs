//! `pdp coverage`: every article of each regulation's text, as the pack classifies it
//! (decides, informs, not decidable with its reason), with counts. The matrix and its
//! checks are the core's (`pubdata_policy::coverage`); this module reads the pack's
//! files and prints.

use std::path::{Path, PathBuf};

use pubdata_policy::coverage::{self, Coverage, MAX_MATRIX_BYTES, MAX_TEXT_BYTES};
use pubdata_policy::Error;
use serde::Serialize;

use crate::policy_source::PolicySource;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// A policies folder, or one jurisdiction's folder inside it: each jurisdiction's
    /// `coverage.json` and regulation texts are read from it.
    #[arg(long, value_name = "DIR", default_value = "policies")]
    policies: PathBuf,
    /// Only this jurisdiction (repeatable).
    #[arg(long = "jurisdiction", value_name = "ID")]
    only: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    /// No article unclassified and no other problem.
    ok: bool,
    unclassified: usize,
    problems: usize,
    jurisdictions: Vec<Coverage>,
}

pub fn run(args: &Args) -> Exit {
    let report = PolicySource::folder(&args.policies).and_then(|source| {
        let jurisdictions = source
            .select_packs(&args.only)?
            .into_iter()
            .map(|j| of_pack(&source, &j).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, String>>()?;
        let unclassified = jurisdictions.iter().map(Coverage::unclassified).sum();
        let problems = jurisdictions.iter().map(|c| c.problems.len()).sum();
        Ok(Report { ok: problems == 0, unclassified, problems, jurisdictions })
    });
    crate::finish(report, args.format, human, |r| r.ok)
}

/// The coverage of one jurisdiction of a policies folder.
pub fn of_pack(source: &PolicySource, jurisdiction: &str) -> Result<Coverage, Error> {
    let dir = PathBuf::from(source.file_path(jurisdiction, ""));
    let sources = source.sources(jurisdiction)?;
    let matrix_file = dir.join("coverage.json");
    let matrix = read(&matrix_file, MAX_MATRIX_BYTES)?;
    coverage::of_sources(&sources, &matrix_file.display().to_string(), &matrix, &|name| {
        read(&dir.join(name), MAX_TEXT_BYTES)
    })
}

/// Reads a file of at most `limit` bytes; a longer one is an error, not read.
fn read(path: &Path, limit: usize) -> Result<String, Error> {
    let io = |e: std::io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > limit as u64 {
        return Err(Error::Io { path: path.display().to_string(), message: format!("longer than {limit} bytes") });
    }
    std::fs::read_to_string(path).map_err(io)
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.jurisdictions {
        for r in &c.regulations {
            let n = &r.counts;
            out.push_str(&format!(
                "{} / {} {} ({}): {} articles — {} decides, {} informs, {} not decidable, {} unclassified\n",
                c.jurisdiction,
                r.key,
                r.title,
                r.text,
                n.articles,
                n.decides,
                n.informs,
                n.not_decidable,
                n.unclassified
            ));
            for a in &r.articles {
                let detail = match (&a.reason, a.policies.is_empty()) {
                    (Some(reason), _) => reason.clone(),
                    (None, false) => a.policies.join(", "),
                    (None, true) => String::new(),
                };
                out.push_str(&format!("  {:<8} {:<13} {detail}\n", a.article, a.class));
            }
        }
        for p in &c.problems {
            out.push_str(&format!("error[{}]: {}: {}\n", p.code, c.jurisdiction, p.message));
        }
    }
    out.push_str(&format!("coverage: {} unclassified, {} problems\n", report.unclassified, report.problems));
    out
}
