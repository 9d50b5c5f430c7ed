//! `pdp diff OLD NEW`: every request whose verdict a policy change alters, by rule.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, stderr, stdout, Fixture, REVIEW_DAYS};
use serde_json::Value;

/// `pdp diff` of the repository's 甘孜 policies against a fixture, over one scenario file.
fn diff(f: &Fixture, vectors: &str, extra: &[&str]) -> (std::process::Output, Value) {
    let new = f.path("ganzi");
    let mut args = vec!["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", vectors, "--format", "json"];
    args.extend(extra);
    let out = pdp(&args);
    let report = json(&out);
    (out, report)
}

#[test]
fn identical_folders_change_nothing() {
    let f = Fixture::new();
    let (out, report) = diff(&f, "tests/vectors/ganzi", &[]);
    assert_exit(&out, 0);
    assert_eq!(report["changed"], false);
    let d = &report["jurisdictions"][0];
    assert_eq!(d["changedRequests"], 0);
    assert!(d["space"]["total"].as_u64().unwrap() > 1000, "{:#}", d["space"]);
}

#[test]
fn an_edit_that_alters_no_verdict_says_so() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", "// Shared data is never passed on to a third party.", "// Never to a third party.");
    f.edit("ganzi/share.cedar", "when { context.thirdPartyTransfer };", "when { context.thirdPartyTransfer == true };");
    let new = f.path("ganzi");
    let out = pdp(&["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", "tests/vectors/ganzi/share.json"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("~ ganzi.share.third_party (modified"), "{text}");
    assert!(text.contains("no verdict changes: the rules above changed, but no request's verdict did"), "{text}");
    assert!(text.ends_with("diff: no verdict changes (1 rule or metadata edits)\n"), "{text}");
}

#[test]
fn five_working_days_becoming_three_changes_routes_under_that_rule_only() {
    let f = Fixture::new();
    f.review_in("3");
    let (out, report) = diff(&f, "tests/vectors/ganzi/share.json", &["--limit", "0"]);
    assert_exit(&out, 1);
    assert_eq!(report["changed"], true);
    let d = &report["jurisdictions"][0];
    let rules = d["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1, "{rules:#?}");
    assert_eq!(rules[0]["id"], "ganzi.share.conditional.review");
    assert_eq!(rules[0]["change"], "modified");
    assert_eq!(rules[0]["annotations"], serde_json::json!([{ "key": "workingDays", "old": "5", "new": "3" }]));
    assert_eq!(rules[0]["logicChanged"], false);

    let groups = d["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    assert_eq!(g["rule"], "ganzi.share.conditional.review");
    assert_eq!(g["count"], d["changedRequests"]);
    let requests = g["requests"].as_array().unwrap();
    assert_eq!(requests.len() as u64, g["count"].as_u64().unwrap());
    for r in requests {
        let days = r["changes"].as_array().unwrap().iter().find(|c| c["what"] == "route.workingDays");
        assert_eq!(days.map(|c| (&c["old"], &c["new"])), Some((&"5".into(), &"3".into())), "{r:#}");
        assert_eq!(r["request"]["kind"], "share");
        assert!(r["changes"].as_array().unwrap().iter().all(|c| c["what"] != "outcome"), "{r:#}");
    }
    let labels: Vec<&str> = requests.iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"share.json › a public service organisation may ask for sharing"), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("share.json › base · ")), "{labels:?}");
    let s = &d["space"];
    assert_eq!(s["total"].as_u64(), Some(s["scenarios"].as_u64().unwrap() + s["generated"].as_u64().unwrap()));
}

#[test]
fn a_deleted_policy_is_named_with_the_requests_it_refused() {
    let f = Fixture::new();
    f.delete_policy("ganzi/share.cedar", "ganzi.share.conditional.scenario");
    let (out, report) = diff(&f, "tests/vectors/ganzi/share.json", &["--limit", "0"]);
    assert_exit(&out, 1);
    let d = &report["jurisdictions"][0];
    assert_eq!(d["rules"][0]["id"], "ganzi.share.conditional.scenario");
    assert_eq!(d["rules"][0]["change"], "removed");
    let g = d["groups"].as_array().unwrap().iter().find(|g| g["rule"] == "ganzi.share.conditional.scenario").unwrap();
    assert_eq!(g["change"], "removed");
    let case = g["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "share.json › conditional sharing without a scenario is refused")
        .unwrap();
    let outcome = case["changes"].as_array().unwrap().iter().find(|c| c["what"] == "outcome").unwrap();
    assert_eq!((outcome["old"].as_str(), outcome["new"].as_str()), (Some("refused"), Some("review")));

    let new = f.path("ganzi");
    let vectors = "tests/vectors/ganzi/share.json";
    let text = stdout(&pdp(&["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", vectors, "--limit", "1"]));
    assert!(text.contains("- ganzi.share.conditional.scenario (removed"), "{text}");
    assert!(text.contains("ganzi.share.conditional.scenario (removed): "), "{text}");
    assert!(text.contains("outcome: refused → review"), "{text}");
    assert!(text.contains("more (--limit 0 lists all)"), "{text}");
}

#[test]
fn policies_that_do_not_load_exit_2_naming_the_side_and_place() {
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("@workingDays", "@workingDay"));
    let new = f.path("ganzi");
    let out = pdp(&["diff", "policies/ganzi", new.to_str().unwrap()]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.starts_with("error: NEW: "), "{err}");
    assert!(err.contains("unknown annotation `@workingDay`"), "{err}");
    assert!(out.stdout.is_empty());

    let out = pdp(&["diff", "no/such/dir", "policies"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("OLD: `no/such/dir` is not a folder"), "{}", stderr(&out));
}

#[test]
fn a_dated_amendment_shows_from_its_day_and_not_the_day_before() {
    // 第十八条's five days become three from 2027-01-01: the old rule until the day before,
    // the new one, under a new id, from that day. The scenarios are dated 2026: only the
    // requests the space dates on the amendment's days can show it.
    let f = Fixture::new();
    let old_rule = "@id(\"ganzi.share.conditional.review\")";
    let text = f.read("ganzi/share.cedar");
    let start = text.find(old_rule).unwrap();
    let end = start + text[start..].find(";\n").unwrap() + 2;
    let policy = &text[start..end];
    let amended = policy
        .replace(old_rule, "@id(\"ganzi.share.conditional.review.2027\")\n@validFrom(\"2027-01-01\")")
        .replace("@workingDays(\"5\")", "@workingDays(\"3\")");
    let until = policy.replace(old_rule, &format!("{old_rule}\n@validUntil(\"2026-12-31\")"));
    f.edit("ganzi/share.cedar", policy, &format!("{until}\n{amended}"));

    let (out, report) = diff(&f, "tests/vectors/ganzi/share.json", &["--limit", "0"]);
    assert_exit(&out, 1);
    let d = &report["jurisdictions"][0];
    let added = d["rules"].as_array().unwrap().iter().find(|r| r["id"] == "ganzi.share.conditional.review.2027");
    assert_eq!(added.map(|r| (&r["change"], &r["validFrom"])), Some((&"added".into(), &"2027-01-01".into())));
    let changed: Vec<&Value> =
        d["groups"].as_array().unwrap().iter().flat_map(|g| g["requests"].as_array().unwrap()).collect();
    assert!(!changed.is_empty(), "{d:#}");
    for r in &changed {
        assert!(r["request"]["date"].as_str().unwrap() >= "2027-01-01", "{r:#}");
        let days = r["changes"].as_array().unwrap().iter().find(|c| c["what"] == "route.workingDays");
        assert_eq!(days.map(|c| (&c["old"], &c["new"])), Some((&"5".into(), &"3".into())), "{r:#}");
    }
    // The human report says when the amendment takes effect.
    let new = f.path("ganzi");
    let out = pdp(&["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", "tests/vectors/ganzi/share.json"]);
    let text = stdout(&out);
    assert!(
        text.contains("+ ganzi.share.conditional.review.2027 (added, ")
            && text.contains("an amendment in force from 2027-01-01"),
        "{text}"
    );
    assert!(text.contains("in force until 2026-12-31"), "{text}");
}

/// 永州: "an application to open data for commercial use must attach a data security
/// commitment" — the new forbid is exercised (the space tries the policy's own
/// "commercial"), its refusals are listed under it, and the summary says how outcomes moved.
#[test]
fn a_commercial_use_rule_is_exercised_and_its_moves_summarised() {
    let (_dir, new) = common::yongzhou_with_commercial_commitment();
    let out = pdp(&[
        "diff",
        "policies/yongzhou",
        new.to_str().unwrap(),
        "--vectors",
        "tests/vectors/yongzhou",
        "--format",
        "json",
    ]);
    assert_exit(&out, 1);
    let report = json(&out);
    let d = &report["jurisdictions"][0];
    let group = d["groups"].as_array().unwrap().iter().find(|g| g["rule"] == "yongzhou.open.commercial_commitment");
    assert!(group.is_some_and(|g| g["count"].as_u64().unwrap() > 0), "{:#}", d["groups"]);
    assert_eq!(d["notExercised"], serde_json::json!([]));
    let moved = d["outcomes"].as_array().unwrap();
    assert!(moved.iter().any(|m| m["to"] == "refused" && m["count"].as_u64().unwrap() > 0), "{moved:?}");
    let human =
        stdout(&pdp(&["diff", "policies/yongzhou", new.to_str().unwrap(), "--vectors", "tests/vectors/yongzhou"]));
    assert!(human.contains("  outcomes: ") && human.contains(" → refused "), "{human}");
}

/// Without `--vectors`, from a copy of the folder, 甘孜's 5 → 3 working days still shows,
/// and the report warns that no scenario files were found.
#[test]
fn without_scenario_files_the_amendment_shows_with_a_warning() {
    let f = Fixture::new();
    f.review_in("3");
    let new = f.path("ganzi");
    // Run where no tests/vectors is found.
    let old = common::repo().join("policies/ganzi");
    let out = common::pdp_in(&f.policies, &["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let text = stdout(&out);
    assert_exit(&out, 1);
    assert!(text.contains("! no scenario files"), "{text}");
    assert!(text.contains("ganzi.share.conditional.review"), "{text}");
    assert!(text.contains("route.workingDays: 5 → 3"), "{text}");
}
