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
    f.review_in("3");
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
    f.review_in("3");
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

/// A copy of the 甘孜 vectors beside a copy of the policies, for commands that write them.
fn vectors_copy(f: &Fixture) -> std::path::PathBuf {
    let dir = f.policies.parent().unwrap().join("vectors").join("ganzi");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/vectors/ganzi")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The lines of two texts that differ, by line number (the files keep their line count).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    assert_eq!(before.lines().count(), after.lines().count());
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, a.to_owned(), b.to_owned()))
        .collect()
}

/// After a reviewed change (5 working days become 3), `--update` writes the new answers
/// into the failing cases' `expect`, touching only those values, and the run then passes.
#[test]
fn update_rewrites_only_the_expected_values_that_changed() {
    let f = Fixture::new();
    let vectors = vectors_copy(&f);
    let dir = vectors.to_str().unwrap();
    let before: Vec<(String, String)> = ["share.json", "open.json", "classify.json"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read_to_string(vectors.join(n)).unwrap()))
        .collect();
    f.review_in("3");

    let out = pdp(&["test", dir, "--policies", f.arg(), "--format", "json"]);
    assert_exit(&out, 1);
    let failing = pdp_failures(&json(&out));
    assert!(!failing.is_empty());

    let out = pdp(&["test", dir, "--policies", f.arg(), "--update", "--format", "json"]);
    assert_exit(&out, 0);
    let report = json(&out);
    assert_eq!(report["updated"], failing.len(), "{report:#}");
    let updated: BTreeSet<(String, String)> = report["jurisdictions"][0]["updated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["file"].as_str().unwrap().to_owned(), u["name"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(updated, failing);

    let out = pdp(&["test", dir, "--policies", f.arg()]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains(", 0 failed, 0 problems"), "{}", stdout(&out));

    // Only share.json's cases of 第十八条 changed, and in them only the days, the due dates
    // and the warning of a deadline that no longer reaches past the calendar.
    for (name, old) in &before {
        let new = std::fs::read_to_string(vectors.join(name)).unwrap();
        if name != "share.json" {
            assert_eq!(&new, old, "{name} was not to change");
            continue;
        }
        let changed = changed_lines(old, &new);
        assert_eq!(changed.len(), failing.len(), "{changed:#?}");
        for (line, a, b) in &changed {
            let undone = b
                .replace("\"workingDays\": 3", "\"workingDays\": 5")
                .replace("2026-10-08", "2026-10-10")
                .replace("2026-02-24", "2026-02-26")
                .replace(
                    "\"2026-12-31\" }, \"warnings\": []",
                    "\"2027-01-04\" }, \"warnings\": [\"calendar_out_of_range\"]",
                );
            assert_eq!(&undone, a, "line {line}");
        }
    }
    let text = stdout(&pdp(&["test", dir, "--policies", f.arg(), "--update"]));
    assert!(text.contains("test result: ok."), "an up-to-date run rewrites nothing: {text}");
    assert!(!text.contains("updated "), "{text}");
}

/// A case the engine answers with an error where it expects a verdict is not rewritten
/// into something else: it is listed, the file stays as it was, and the run fails.
#[test]
fn update_leaves_a_case_that_cannot_be_written_as_an_expectation() {
    let vectors = tempfile::tempdir().unwrap();
    let ganzi = vectors.path().join("ganzi");
    std::fs::create_dir(&ganzi).unwrap();
    let text = r#"{
  "cases": [
    {
      "name": "an unknown kind",
      "cites": ["第十八条"],
      "request": { "jurisdiction": "ganzi", "kind": "teleport" },
      "expect": { "outcome": "review" }
    }
  ]
}
"#;
    std::fs::write(ganzi.join("broken.json"), text).unwrap();
    let out = pdp(&["test", ganzi.to_str().unwrap(), "--update", "--filter", "unknown kind", "--format", "json"]);
    assert_exit(&out, 1);
    let report = json(&out);
    let left = &report["jurisdictions"][0]["notUpdated"][0];
    assert_eq!(left["name"], "an unknown kind");
    assert_eq!(left["line"], 4);
    assert!(left["reason"].as_str().unwrap().contains("error where a verdict is expected"), "{left}");
    let difference = &report["jurisdictions"][0]["cases"][0]["differences"][0];
    assert_eq!(difference["path"], "error");
    assert_eq!(difference["expected"], Value::Null);
    assert_eq!(difference["actual"]["field"], "/kind");
    assert_eq!(std::fs::read_to_string(ganzi.join("broken.json")).unwrap(), text);
}

/// `--format junit`: a testsuite per scenario file, a testcase per case, each failure
/// listing its differences, as an XML reader sees it.
#[test]
fn junit_lists_each_case_under_its_file_with_its_failures() {
    let f = Fixture::new();
    f.review_in("3");
    let (_, report) = test_with(&f);
    let out = pdp(&["test", "tests/vectors/ganzi", "--policies", f.arg(), "--format", "junit"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases: Vec<_> = root.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    let failures: Vec<_> = root.descendants().filter(|n| n.has_tag_name("failure")).collect();
    let (passed, failed) = (report["passed"].as_u64().unwrap() as usize, report["failed"].as_u64().unwrap() as usize);
    // Every case, and the jurisdiction's coverage, which has no problem here.
    assert_eq!(cases.len(), passed + failed + 1);
    assert_eq!(failures.len(), failed);
    assert_eq!(root.attribute("tests"), Some((passed + failed + 1).to_string().as_str()));
    assert_eq!(root.attribute("failures"), Some(failed.to_string().as_str()));

    let share = root.children().find(|n| n.attribute("name") == Some("ganzi/share.json")).unwrap();
    assert_eq!(share.attribute("file"), Some("tests/vectors/ganzi/share.json"));
    assert_eq!(share.attribute("failures"), Some(failed.to_string().as_str()));
    let case = share
        .children()
        .find(|n| n.attribute("name").is_some_and(|a| a.starts_with("a complete conditional application")))
        .unwrap();
    let line = std::fs::read_to_string(repo().join("tests/vectors/ganzi/share.json"))
        .unwrap()
        .lines()
        .position(|l| l.contains("\"name\": \"a complete conditional application"))
        .unwrap()
        + 1;
    assert_eq!(case.attribute("line"), Some(line.to_string().as_str()));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("route.workingDays: expected 5, got 3; route.due: expected 2026-10-10, got 2026-10-08")
    );
    assert_eq!(
        failure.text(),
        Some("route.workingDays: expected 5, got 3\nroute.due: expected 2026-10-10, got 2026-10-08")
    );
}

/// Names with markup characters come out as well-formed XML with the names intact.
#[test]
fn junit_escapes_what_it_quotes() {
    let vectors = tempfile::tempdir().unwrap();
    let ganzi = vectors.path().join("ganzi");
    std::fs::create_dir(&ganzi).unwrap();
    let name = "<quoted> \"a\" & 'b'\tc";
    let suite = serde_json::json!({ "cases": [{
        "name": name, "cites": [], "request": { "jurisdiction": "ganzi", "kind": "teleport" },
        "expect": { "error": { "code": "<none>" } }
    }] });
    std::fs::write(ganzi.join("a&b.json"), suite.to_string()).unwrap();
    let out = pdp(&["test", ganzi.to_str().unwrap(), "--format", "junit"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let case = doc.descendants().find(|n| n.has_tag_name("testcase") && n.attribute("line").is_some()).unwrap();
    assert_eq!(case.attribute("name"), Some(name));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert!(failure.attribute("message").unwrap().starts_with("error: expected {code: <none>}, got {"), "{text}");
    assert!(doc.descendants().any(|n| n.attribute("name") == Some("ganzi/a&b.json")), "{text}");
}
