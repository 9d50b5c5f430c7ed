//! Runs every scenario file under `tests/vectors/<jurisdiction>/` through the engine,
//! the same path `pdp check` takes (request JSON → `Request::from_value` → `Engine::check`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pubdata_policy::scenario::Suite;
use pubdata_policy::{builtin_jurisdictions, Engine};

/// The jurisdictions to run: all built-in ones, or those named in `PDP_JURISDICTIONS`
/// (comma-separated), for an author working on one rule set.
fn jurisdictions() -> Vec<&'static str> {
    let only = std::env::var("PDP_JURISDICTIONS").unwrap_or_default();
    builtin_jurisdictions().into_iter().filter(|j| only.is_empty() || only.split(',').any(|o| o.trim() == *j)).collect()
}

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn suites(jurisdiction: &str) -> Vec<(PathBuf, Suite)> {
    let dir = vector_dir().join(jurisdiction);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            let suite = Suite::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (f, suite)
        })
        .collect()
}

#[test]
fn every_vector_gives_the_verdict_its_article_demands() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for jurisdiction in jurisdictions() {
        let engine = Engine::builtin(jurisdiction).unwrap();
        for (file, suite) in suites(jurisdiction) {
            for result in suite.run(&engine) {
                ran += 1;
                if !result.passed() {
                    failures.push(format!(
                        "{} — {}\n    {}",
                        file.display(),
                        result.name,
                        result.failures.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n    ")
                    ));
                }
            }
        }
    }
    assert!(ran > 0, "no scenario ran");
    assert!(failures.is_empty(), "{} of {ran} cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{ran} scenario cases passed");
}

#[test]
fn every_policy_fires_in_some_vector() {
    // A layer's policy (the national layer's, a province's) decides for every jurisdiction
    // above it: a vector of any of them that fires it counts.
    let mut fired = BTreeSet::new();
    let engines: Vec<Engine> = jurisdictions().into_iter().map(|j| Engine::builtin(j).unwrap()).collect();
    for engine in &engines {
        for (_, suite) in suites(engine.jurisdiction()) {
            for result in suite.run(engine) {
                fired.extend(result.verdict.into_iter().flat_map(|v| v.policies));
            }
        }
    }
    for engine in &engines {
        let never: Vec<String> = engine.policy_ids().into_iter().filter(|id| !fired.contains(id)).collect();
        assert!(never.is_empty(), "{}: policies no vector fires: {never:?}", engine.jurisdiction());
    }
}

#[test]
fn every_case_cites_an_article_of_its_regulation() {
    for jurisdiction in jurisdictions() {
        let engine = Engine::builtin(jurisdiction).unwrap();
        let known: BTreeSet<&String> = engine.info().regulations.iter().flat_map(|r| r.articles.keys()).collect();
        for (file, suite) in suites(jurisdiction) {
            for case in &suite.cases {
                let is_error = case.expect.error.is_some();
                assert!(is_error || !case.cites.is_empty(), "{}: `{}` cites no article", file.display(), case.name);
                for a in &case.cites {
                    assert!(
                        known.contains(a),
                        "{}: `{}` cites {a}, unknown to the regulation metadata",
                        file.display(),
                        case.name
                    );
                }
            }
        }
    }
}
