//! `pdp test`: runs scenario files through the engine as `core/tests/vectors.rs` does,
//! prints each case with the difference between expected and actual verdict, and the
//! coverage: policies no case fires, articles no case cites.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pubdata_policy::inspect;
use pubdata_policy::scenario::{run_case, shown, Case, CaseResult, Difference, Expect, Suite};
use pubdata_policy::Engine;

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
    /// After a reviewed change: write what the engine now answers into the `expect` of
    /// each failing case (only the values that differ; review the result with `git diff`).
    /// A case answered with an error where a verdict is expected, or one whose cited
    /// articles no longer appear, is listed and left alone.
    #[arg(long)]
    update: bool,
    /// `junit` writes JUnit XML for CI systems: a testsuite per scenario file, a testcase
    /// per case.
    #[arg(long, value_enum, default_value = "human")]
    format: Output,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Output {
    Human,
    Json,
    Junit,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    ok: bool,
    passed: usize,
    failed: usize,
    /// Failing cases whose expectation `--update` rewrote.
    updated: usize,
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
    /// With `--update`: the failing cases whose `expect` was rewritten, and those left alone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    updated: Vec<Updated>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_updated: Vec<NotUpdated>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    name: String,
    /// What was expected (the old value) and is now written (the actual one).
    changes: Vec<Difference>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotUpdated {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    name: String,
    reason: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaseRun {
    file: String,
    /// The file as given on the command line, for JUnit's `file` attribute.
    #[serde(skip)]
    path: String,
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
    match args.format {
        Output::Human => crate::finish(collect(args), Format::Human, human, |r| r.ok),
        Output::Json => crate::finish(collect(args), Format::Json, human, |r| r.ok),
        Output::Junit => crate::finish(collect(args), Format::Human, junit, |r| r.ok),
    }
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
        runs.push(run_jurisdiction(&source, &vectors, &j, args.filter.as_deref(), args.update)?);
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
    let updated = runs.iter().map(|r| r.updated.len()).sum::<usize>();
    // After `--update`, a run is good when every failing case was rewritten.
    let ok = failed == updated && passed + updated > 0 && runs.iter().all(|r| r.problems.is_empty());
    Ok(Report { ok, passed, failed, updated, jurisdictions: runs, skipped })
}

fn run_jurisdiction(
    source: &PolicySource,
    vectors: &Vectors,
    j: &str,
    filter: Option<&str>,
    update: bool,
) -> Result<Run, String> {
    let sources = source.sources(j).map_err(|e| e.to_string())?;
    let engine = Engine::from_sources(&sources).map_err(|e| load_failure(source, j, &e))?;
    let summaries = inspect::inspect(&sources).map_err(|e| e.to_string())?;
    let files = vectors.load(j)?;

    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let mut fired = BTreeSet::new();
    let mut cited = BTreeSet::new();
    let (mut updated, mut not_updated) = (Vec::new(), Vec::new());
    let known: BTreeSet<&String> = engine.info().regulations.iter().flat_map(|r| r.articles.keys()).collect();
    for file in &files {
        // Each case's line, for the author to open it at.
        let source_text = std::fs::read_to_string(&file.path).unwrap_or_default();
        let lines = crate::scenario_text::case_lines(&source_text);
        let line_of = |index: usize| lines.get(index).copied().flatten();
        let mut rewrites = Vec::new();
        // The index in the file stays the case's, for `--update` to find it again.
        let chosen = file.suite.cases.iter().enumerate().filter(|(_, c)| filter.is_none_or(|t| c.name.contains(t)));
        for (index, case) in chosen {
            let result = run_case(&engine, case, file.suite.request_of(case));
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
            if update && !result.passed() {
                match updatable(&engine, &file.suite, case, &result) {
                    Ok(expect) => {
                        rewrites.push((index, expect));
                        updated.push(Updated {
                            file: file.name(),
                            line: line_of(index),
                            name: case.name.clone(),
                            changes: result.failures.clone(),
                        });
                    }
                    Err(reason) => not_updated.push(NotUpdated {
                        file: file.name(),
                        line: line_of(index),
                        name: case.name.clone(),
                        reason,
                    }),
                }
            }
            cases.push(CaseRun {
                file: file.name(),
                path: file.path.display().to_string(),
                line: line_of(index),
                name: result.name.clone(),
                passed: result.passed(),
                differences: result.failures,
            });
        }
        if !rewrites.is_empty() {
            let text = crate::scenario_text::rewrite(&source_text, &rewrites)
                .map_err(|e| format!("{}: not rewritten: {e}", file.path.display()))?;
            write_file(&file.path, &text)?;
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
        updated,
        not_updated,
    })
}

/// The expectation `--update` writes for a failing case: what the engine answered, in the
/// case's own form, provided the case passes with it — so an article the case cites and
/// the answer lacks, which no `expect` value can mend, leaves the case alone.
fn updatable(engine: &Engine, suite: &Suite, case: &Case, result: &CaseResult) -> Result<Expect, String> {
    let expect = result.answered.clone()?;
    let rewritten = Case { expect: expect.clone(), ..case.clone() };
    let again = run_case(engine, &rewritten, suite.request_of(case));
    if again.passed() {
        Ok(expect)
    } else {
        let left: Vec<String> = again.failures.iter().map(ToString::to_string).collect();
        Err(format!("it would still fail: {}", left.join("; ")))
    }
}

/// Replaces a file by writing beside it and renaming, so that an interrupted write does
/// not leave half a scenario file.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".pdp-update");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
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
        for u in &r.updated {
            let line = u.line.map(|l| format!(":{l}")).unwrap_or_default();
            out.push_str(&format!("  updated {} › {}  ({}{line})\n", u.file, u.name, u.file));
            for c in &u.changes {
                out.push_str(&format!("      {}: {} → {}\n", c.path, shown(&c.expected), shown(&c.actual)));
            }
        }
        for u in &r.not_updated {
            let line = u.line.map(|l| format!(":{l}")).unwrap_or_default();
            out.push_str(&format!("  not updated {} › {}  ({}{line}): {}\n", u.file, u.name, u.file, u.reason));
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
    let updated = if report.updated > 0 { format!(" ({} updated)", report.updated) } else { String::new() };
    out.push_str(&format!(
        "test result: {verdict}. {} passed, {} failed{updated}, {problems} problems\n",
        report.passed, report.failed
    ));
    out
}

/// JUnit XML, as CI systems read it: `<testsuites>`, a `<testsuite>` per scenario file, a
/// `<testcase>` per case whose `<failure>` lists the differences; and per jurisdiction a
/// `coverage` testsuite with one testcase failing on the run's problems (policies no case
/// fires, cases citing unknown articles), which fail `pdp test` as well.
fn junit(report: &Report) -> String {
    let total = report.passed + report.failed + report.jurisdictions.len();
    let problems = report.jurisdictions.iter().filter(|r| !r.problems.is_empty()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"pdp test\" tests=\"{total}\" failures=\"{}\">\n",
        report.failed + problems
    ));
    for r in &report.jurisdictions {
        let mut files: Vec<&str> = r.cases.iter().map(|c| c.file.as_str()).collect();
        files.dedup();
        for file in files {
            let cases: Vec<&CaseRun> = r.cases.iter().filter(|c| c.file == file).collect();
            let failed = cases.iter().filter(|c| !c.passed).count();
            let path = cases.first().map(|c| c.path.as_str()).unwrap_or_default();
            out.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" file=\"{}\">\n",
                xml(&format!("{}/{file}", r.jurisdiction)),
                cases.len(),
                xml(path)
            ));
            for c in cases {
                let line = c.line.map(|l| format!(" line=\"{l}\"")).unwrap_or_default();
                let head = format!(
                    "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{line}",
                    xml(&c.name),
                    xml(&format!("{}.{}", r.jurisdiction, file.trim_end_matches(".json"))),
                    xml(&c.path)
                );
                if c.passed {
                    out.push_str(&format!("{head}/>\n"));
                } else {
                    let lines: Vec<String> = c.differences.iter().map(ToString::to_string).collect();
                    out.push_str(&format!(
                        "{head}>\n      <failure message=\"{}\" type=\"difference\">{}</failure>\n    </testcase>\n",
                        xml(&lines.join("; ")),
                        xml(&lines.join("\n"))
                    ));
                }
            }
            out.push_str("  </testsuite>\n");
        }
        let failed = usize::from(!r.problems.is_empty());
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"1\" failures=\"{failed}\">\n",
            xml(&format!("{}: coverage", r.jurisdiction))
        ));
        let head = format!(
            "    <testcase name=\"policies fired and articles cited\" classname=\"{}.coverage\"",
            xml(&r.jurisdiction)
        );
        if r.problems.is_empty() {
            out.push_str(&format!("{head}/>\n"));
        } else {
            out.push_str(&format!(
                "{head}>\n      <failure message=\"{}\" type=\"problem\">{}</failure>\n    </testcase>\n",
                xml(&r.problems.join("; ")),
                xml(&r.problems.join("\n"))
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text for an XML attribute or element: markup escaped, line breaks kept as character
/// references (an attribute's raw newline would be read as a space), and the control
/// characters XML 1.0 cannot hold at all replaced.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
