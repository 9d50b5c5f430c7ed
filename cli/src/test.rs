//! `pdp test`: runs scenario files through the engine as `core/tests/vectors.rs` does,
//! prints each case with the difference between expected and actual verdict, and the
//! coverage: policies no case fires, articles no case cites.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pubdata_policy::inspect;
use pubdata_policy::scenario::{shown, Difference};

use serde::Serialize;

use crate::policy_source::PolicySource;
use crate::scenarios::Vectors;
use crate::validate::load_failure;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files: a vectors root (one folder per jurisdiction), one jurisdiction's
    /// folder, or one file in such a folder.
    #[arg(default_value = "tests/vectors")]
    vectors: PathBuf,
    /// Decide with the policies of this folder [default: `policies` when the current
    /// folder has one, the working copy an author edits; else the built-in policies].
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Run only this jurisdiction (repeatable).
    #[arg(long = "jurisdiction", value_name = "ID")]
    only: Vec<String>,
    /// Run only the cases whose name contains this text (coverage is then not judged).
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    ok: bool,
    passed: usize,
    failed: usize,
    jurisdictions: Vec<Run>,
    /// Vector folders left out because no policies exist for them.
    skipped: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    jurisdiction: String,
    policies: String,
    vectors: String,
    cases: Vec<CaseRun>,
    coverage: Coverage,
    /// What fails the run besides failing cases: cases citing no or unknown articles,
    /// policies that never fire.
    problems: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaseRun {
    file: String,
    /// The line of the case's `name` in its file.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    name: String,
    passed: bool,
    differences: Vec<Difference>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Coverage {
    policies: usize,
    fired: usize,
    never_fired: Vec<Unfired>,
    articles: usize,
    cited: usize,
    articles_without_case: Vec<Uncited>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Unfired {
    id: String,
    file: String,
    line: Option<usize>,
    /// The jurisdiction's own policy, not a layer's beneath it.
    #[serde(skip)]
    own: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Uncited {
    regulation: String,
    article: String,
    summary: String,
}

pub fn run(args: &Args) -> Exit {
    crate::finish(collect(args), args.format, human, |r| r.ok)
}

fn collect(args: &Args) -> Result<Report, String> {
    let working_copy = Path::new("policies");
    let source = match &args.policies {
        Some(dir) => PolicySource::folder(dir)?,
        None if working_copy.is_dir() => PolicySource::folder(working_copy)?,
        None => PolicySource::Builtin,
    };
    let vectors = Vectors::locate(&args.vectors)?;
    let mut only = args.only.clone();
    if let Vectors::Files(j, _) = &vectors {
        if !only.is_empty() && !only.contains(j) {
            return Err(format!("`{}` holds the scenarios of `{j}`, not of {only:?}", args.vectors.display()));
        }
        only = vec![j.clone()];
    }
    let jurisdictions = source.select(&only)?;
    let skipped = vectors
        .jurisdictions()
        .into_iter()
        .filter(|j| !jurisdictions.contains(j) && (args.only.is_empty() || args.only.contains(j)))
        .map(|j| format!("{}: {} has no policies for `{j}`", vectors.describe(&j), source.describe()))
        .collect();
    let mut runs = Vec::new();
    for j in jurisdictions {
        runs.push(run_jurisdiction(&source, &vectors, &j, args.filter.as_deref())?);
    }
    // Only a jurisdiction's own policies must fire in its cases. A layer's (the national
    // layer's, a province's) that no case fires is listed under `coverage.neverFired`: a
    // layer is tested with the jurisdictions built on it, and a city's author is not asked
    // to test the layers beneath.
    // A filtered run leaves cases out on purpose: what they would fire is not judged.
    for r in runs.iter_mut().filter(|_| args.filter.is_none()) {
        let never: Vec<&str> = r.coverage.never_fired.iter().filter(|u| u.own).map(|u| u.id.as_str()).collect();
        if !never.is_empty() {
            r.problems.push(format!("policies no case fires: {}", never.join(", ")));
        }
    }
    let passed = runs.iter().flat_map(|r| &r.cases).filter(|c| c.passed).count();
    let failed = runs.iter().flat_map(|r| &r.cases).count() - passed;
    let ok = failed == 0 && passed > 0 && runs.iter().all(|r| r.problems.is_empty());
    Ok(Report { ok, passed, failed, jurisdictions: runs, skipped })
}

fn run_jurisdiction(source: &PolicySource, vectors: &Vectors, j: &str, filter: Option<&str>) -> Result<Run, String> {
    let sources = source.sources(j).map_err(|e| e.to_string())?;
    let engine = pubdata_policy::Engine::from_sources(&sources).map_err(|e| load_failure(source, j, &e))?;
    let summaries = inspect::inspect(&sources).map_err(|e| e.to_string())?;
    let mut files = vectors.load(j)?;

    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let mut fired = BTreeSet::new();
    let mut cited = BTreeSet::new();
    let known: BTreeSet<&String> = engine.info().regulations.iter().flat_map(|r| r.articles.keys()).collect();
    for file in &mut files {
        if let Some(text) = filter {
            file.suite.cases.retain(|c| c.name.contains(text));
        }
        // Each case's line, for the author to open it at.
        let source_text = std::fs::read_to_string(&file.path).unwrap_or_default();
        let line_of = |name: &str| {
            let key = format!("\"name\": {}", serde_json::to_string(name).unwrap_or_default());
            source_text.find(&key).map(|at| source_text.get(..at).map_or(0, |b| b.matches('\n').count()) + 1)
        };
        for (case, result) in file.suite.cases.iter().zip(file.suite.run(&engine)) {
            if case.expect.error.is_none() && case.cites.is_empty() {
                problems.push(format!("{} › {}: cites no article", file.name(), case.name));
            }
            for a in case.cites.iter().filter(|a| !known.contains(a)) {
                problems.push(format!(
                    "{} › {}: cites {a}, unknown to the regulation metadata",
                    file.name(),
                    case.name
                ));
            }
            cited.extend(case.cites.iter().cloned());
            fired.extend(result.verdict.iter().flat_map(|v| v.policies.iter().cloned()));
            cases.push(CaseRun {
                file: file.name(),
                line: line_of(&case.name),
                name: result.name.clone(),
                passed: result.passed(),
                differences: result.failures.clone(),
            });
        }
    }
    if cases.is_empty() && filter.is_none() {
        problems.push(format!("no scenario case ran for `{j}` (looked in {})", vectors.describe(j)));
    }
    let own_files: BTreeSet<&str> =
        sources.layers.last().map(|l| l.policies.iter().map(|(n, _)| n.as_str()).collect()).unwrap_or_default();
    let never_fired: Vec<Unfired> = summaries
        .iter()
        .filter(|s| !fired.contains(&s.id))
        .map(|s| Unfired {
            id: s.id.clone(),
            file: source.display_file(&s.file),
            line: s.line,
            own: own_files.contains(s.file.as_str()),
        })
        .collect();
    let mut articles = 0;
    let mut articles_without_case = Vec::new();
    for r in &engine.info().regulations {
        for (article, summary) in &r.articles {
            articles += 1;
            if !cited.contains(article) {
                articles_without_case.push(Uncited {
                    regulation: r.key.clone(),
                    article: article.clone(),
                    summary: summary.zh.clone(),
                });
            }
        }
    }
    let coverage = Coverage {
        policies: summaries.len(),
        fired: summaries.len() - never_fired.len(),
        never_fired,
        articles,
        cited: articles - articles_without_case.len(),
        articles_without_case,
    };
    Ok(Run {
        jurisdiction: j.to_owned(),
        policies: source.describe(),
        vectors: vectors.describe(j),
        cases,
        coverage,
        problems,
    })
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for r in &report.jurisdictions {
        out.push_str(&format!("{} — {}, scenarios in {}\n", r.jurisdiction, r.policies, r.vectors));
        let mut file = "";
        for c in &r.cases {
            if c.file != file {
                file = &c.file;
                out.push_str(&format!("  {file}\n"));
            }
            match (c.passed, c.line) {
                (false, Some(line)) => out.push_str(&format!("    ✗ {}  ({}:{line})\n", c.name, c.file)),
                (passed, _) => out.push_str(&format!("    {} {}\n", if passed { "✓" } else { "✗" }, c.name)),
            }
            for d in &c.differences {
                out.push_str(&format!(
                    "        {}\n        - expected {}\n        + actual   {}\n",
                    d.path,
                    shown(&d.expected),
                    shown(&d.actual)
                ));
            }
        }
        let cov = &r.coverage;
        out.push_str(&format!(
            "  coverage: {} of {} policies fired, {} of {} articles have a case\n",
            cov.fired, cov.policies, cov.cited, cov.articles
        ));
        for u in &cov.never_fired {
            let line = u.line.map(|l| format!(":{l}")).unwrap_or_default();
            out.push_str(&format!("    never fired: {}  ({}{line})\n", u.id, u.file));
        }
        for a in &cov.articles_without_case {
            out.push_str(&format!("    no case cites {} of `{}`: {}\n", a.article, a.regulation, a.summary));
        }
        for p in &r.problems {
            out.push_str(&format!("  problem: {p}\n"));
        }
    }
    for s in &report.skipped {
        out.push_str(&format!("skipped {s}\n"));
    }
    let problems: usize = report.jurisdictions.iter().map(|r| r.problems.len()).sum();
    let verdict = if report.ok { "ok" } else { "FAILED" };
    out.push_str(&format!(
        "test result: {verdict}. {} passed, {} failed, {problems} problems\n",
        report.passed, report.failed
    ));
    out
}
