//! `pdp test`: the scenario vectors through the engine, as `core/tests/vectors.rs` runs
//! them, with the difference of each failing case and the coverage.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use std::collections::BTreeSet;

use common::{assert_exit, json, pdp, pdp_in, repo, stderr, stdout, Fixture, REVIEW_DAYS};
use pubdata_policy::scenario::Suite;
use pubdata_policy::Engine;
use serde_json::Value;

/// `(file, case name)` of every failing case, as the core's runner sees it.
fn core_failures(engine: &Engine) -> (usize, BTreeSet<(String, String)>) {
    let dir = repo().join("tests/vectors/ganzi");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut ran, mut failed) = (0, BTreeSet::new());
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let suite = Suite::from_json(&std::fs::read_to_string(file).unwrap()).unwrap();
        for result in suite.run(engine) {
            ran += 1;
            if !result.passed() {
                failed.insert((file.file_name().unwrap().to_string_lossy().into_owned(), result.name));
            }
        }
    }
    (ran, failed)
}

fn pdp_failures(report: &Value) -> BTreeSet<(String, String)> {
    report["jurisdictions"][0]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| (c["file"].as_str().unwrap().to_owned(), c["name"].as_str().unwrap().to_owned()))
        .collect()
}

fn test_with(f: &Fixture) -> (std::process::Output, Value) {
    let out = pdp(&["test", "tests/vectors/ganzi", "--policies", f.arg(), "--format", "json"]);
    let report = json(&out);
    (out, report)
}

#[test]
fn the_ganzi_vectors_pass_as_the_core_runs_them() {
    let out = pdp(&["test", "--jurisdiction", "ganzi", "--format", "json"]);
    assert_exit(&out, 0);
    let report = json(&out);
    let (ran, failed) = core_failures(&Engine::builtin("ganzi").unwrap());
    assert!(failed.is_empty());
    assert_eq!(report["passed"], ran);
    assert_eq!(report["failed"], 0);
    let coverage = &report["jurisdictions"][0]["coverage"];
    assert_eq!(coverage["fired"], coverage["policies"], "{coverage:#}");
    assert_eq!(coverage["neverFired"], serde_json::json!([]));
}

#[test]
fn the_working_copy_decides_when_there_is_one_else_the_built_in_set() {
    let vectors = repo().join("tests/vectors/ganzi/identity.json");
    let vectors = vectors.to_str().unwrap();
    let text = stdout(&pdp(&["test", vectors]));
    assert!(text.starts_with("ganzi — the policies in `policies`, scenarios in "), "{text}");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = pdp_in(elsewhere.path(), &["test", vectors]);
    assert_exit(&out, 1); // one file fires only some of the policies
    assert!(stdout(&out).starts_with("ganzi — the built-in policies, scenarios in "), "{}", stdout(&out));
}

#[test]
fn a_changed_working_day_count_fails_the_cases_that_expect_five() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("\"5\"", "\"3\""));
    let (out, report) = test_with(&f);
    assert_exit(&out, 1);
    assert_eq!(report["ok"], false);
    // pdp and the core's runner agree on every case.
    let (ran, failed) = core_failures(&Engine::from_dir(&f.policies, "ganzi").unwrap());
    assert_eq!(pdp_failures(&report), failed);
    assert_eq!(report["passed"].as_u64().unwrap() + report["failed"].as_u64().unwrap(), ran as u64);
    let case = report["jurisdictions"][0]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with("a complete conditional application goes to the provider"))
        .unwrap();
    assert_eq!(case["passed"], false);
    // Typed values, as the scenario file writes them: numbers are numbers.
    let days = case["differences"].as_array().unwrap().iter().find(|d| d["path"] == "route.workingDays").unwrap();
    assert_eq!((&days["expected"], &days["actual"]), (&serde_json::json!(5), &serde_json::json!(3)));
    let due = case["differences"].as_array().unwrap().iter().find(|d| d["path"] == "route.due").unwrap();
    assert_eq!((due["expected"].as_str(), due["actual"].as_str()), (Some("2026-10-10"), Some("2026-10-08")));

    let human = stdout(&pdp(&["test", "tests/vectors/ganzi/share.json", "--policies", f.arg()]));
    assert!(human.contains("✗ a complete conditional application goes to the provider"), "{human}");
    assert!(human.contains("route.workingDays\n        - expected 5\n        + actual   3"), "{human}");
    assert!(human.contains("test result: FAILED."), "{human}");
}

#[test]
fn a_deleted_policy_fails_the_cases_that_need_it() {
    let f = Fixture::new();
    f.delete_policy("ganzi/share.cedar", "ganzi.share.conditional.scenario");
    let (out, report) = test_with(&f);
    assert_exit(&out, 1);
    let (_, failed) = core_failures(&Engine::from_dir(&f.policies, "ganzi").unwrap());
    assert_eq!(pdp_failures(&report), failed);
    assert!(failed.contains(&("share.json".into(), "conditional sharing without a scenario is refused".into())));
    let coverage = &report["jurisdictions"][0]["coverage"];
    assert_eq!(coverage["fired"], coverage["policies"]);
}

#[test]
fn a_mistyped_annotation_stops_the_run_with_the_located_error() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("@workingDays", "@workingDay"));
    let line = f.line_of("ganzi/share.cedar", "@workingDay(");
    let out = pdp(&["test", "tests/vectors/ganzi", "--policies", f.arg()]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("unknown annotation `@workingDay`"), "{err}");
    assert!(err.contains(&format!("share.cedar:{line}:1")), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn coverage_names_policies_no_case_fires_and_articles_no_case_cites() {
    let vectors = tempfile::tempdir().unwrap();
    let ganzi = vectors.path().join("ganzi");
    std::fs::create_dir(&ganzi).unwrap();
    let mut suite: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/vectors/ganzi/share.json")).unwrap()).unwrap();
    suite["cases"]
        .as_array_mut()
        .unwrap()
        .retain(|c| !c["cites"].as_array().unwrap().iter().any(|a| a == "第二十一条"));
    std::fs::write(ganzi.join("share.json"), suite.to_string()).unwrap();

    let out = pdp(&["test", ganzi.to_str().unwrap(), "--format", "json"]);
    assert_exit(&out, 1);
    let report = json(&out);
    assert_eq!(report["failed"], 0, "{report:#}");
    let run = &report["jurisdictions"][0];
    let never: Vec<&str> =
        run["coverage"]["neverFired"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert!(never.contains(&"ganzi.share.uncatalogued.review"), "{never:?}");
    assert!(never.contains(&"ganzi.open.conditional.review"), "{never:?}");
    let uncited: Vec<&str> = run["coverage"]["articlesWithoutCase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert!(uncited.contains(&"第二十一条") && !uncited.contains(&"第十八条"), "{uncited:?}");
    assert!(run["problems"][0].as_str().unwrap().starts_with("policies no case fires"), "{run:#}");

    let human = stdout(&pdp(&["test", ganzi.to_str().unwrap()]));
    assert!(human.contains("never fired: ganzi.share.uncatalogued.review  (policies/ganzi/share.cedar:"), "{human}");
    assert!(human.contains("no case cites 第二十一条 of `ganzi`"), "{human}");
}

/// A city's own cases must fire its own policies; the national layer's, which the city's
/// cases do not all reach, are listed but do not fail the city's run.
#[test]
fn a_layers_policies_no_case_fires_are_listed_without_failing_the_city() {
    let vectors = tempfile::tempdir().unwrap();
    let putuo = vectors.path().join("putuo");
    std::fs::create_dir(&putuo).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/vectors/putuo")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "national.json" {
            std::fs::copy(&path, putuo.join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = pdp(&["test", putuo.to_str().unwrap(), "--format", "json"]);
    let report = json(&out);
    assert_exit(&out, 0);
    let run = &report["jurisdictions"][0];
    assert_eq!(run["problems"], serde_json::json!([]), "{run:#}");
    let never: Vec<&str> =
        run["coverage"]["neverFired"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert!(never.contains(&"national.register.acceptance"), "{never:?}");
    assert!(never.iter().all(|id| id.starts_with("national.")), "{never:?}");
}

#[test]
fn running_no_case_fails() {
    let vectors = tempfile::tempdir().unwrap();
    let out = pdp(&["test", vectors.path().to_str().unwrap(), "--jurisdiction", "ganzi"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("no scenario case ran for `ganzi`"), "{text}");
    assert!(text.contains("test result: FAILED. 0 passed, 0 failed"), "{text}");
}

#[test]
fn an_unreadable_scenario_file_exits_2_naming_it() {
    let vectors = tempfile::tempdir().unwrap();
    let ganzi = vectors.path().join("ganzi");
    std::fs::create_dir(&ganzi).unwrap();
    std::fs::write(ganzi.join("broken.json"), "{ \"cases\": [ { \"name\": 1 } ] }").unwrap();
    let out = pdp(&["test", ganzi.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("broken.json: not a scenario file"), "{}", stderr(&out));

    let out = pdp(&["test", "tests/vectors", "--jurisdiction", "ganzi", "--policies", "no/such/dir"]);
    assert_exit(&out, 2);
}

/// `--filter` runs the cases whose name holds the text, and a failing case is shown at its
/// file and line; a filtered run does not judge coverage.
#[test]
fn a_filtered_run_shows_a_failing_case_at_its_line() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("\"5\"", "\"3\""));
    let file = "tests/vectors/ganzi/share.json";
    let name = "5 working days across the 2026 Spring Festival";
    let out = pdp(&["test", file, "--policies", f.arg(), "--filter", name]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let line = std::fs::read_to_string(common::repo().join(file))
        .unwrap()
        .lines()
        .position(|l| l.contains(&format!("\"name\": \"{name}")))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!(": the make-up Saturday counts, the holiday does not  (share.json:{line})")),
        "{text}"
    );
    assert!(text.contains("test result: FAILED. 0 passed, 1 failed, 0 problems"), "{text}");
    // The same filter over the unchanged policies passes, though it fires few policies.
    let out = pdp(&["test", file, "--filter", name]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("test result: ok. 1 passed, 0 failed, 0 problems"), "{}", stdout(&out));
}
