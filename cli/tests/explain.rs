//! `pdp explain`: the verdict with each deciding policy, its article and the values it read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, repo, stderr, stdout, Fixture, REVIEW_DAYS};
use serde_json::{json, Value};

#[test]
fn a_refusal_names_the_policy_its_article_and_the_missing_value() {
    let out = pdp(&["explain", "examples/ganzi-share.json"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    let line = Fixture::new().line_of("ganzi/share.cedar", "@id(\"ganzi.share.conditional.scenario\")");
    assert!(text.starts_with("Decided by the policies in `policies`.\nREFUSED"), "{text}");
    assert!(
        text.contains(&format!("violation  ganzi.share.conditional.scenario  (policies/ganzi/share.cedar:{line})")),
        "{text}"
    );
    assert!(text.contains("《甘孜州公共数据管理办法（试行）》第十八条"), "{text}");
    assert!(text.contains("有条件共享申请应明确应用场景"), "{text}");
    // Each value read is named by its label from the pack, then its pointer, in columns.
    assert!(text.contains("共享属性 (/resource/sharing)      \"conditional\""), "{text}");
    assert!(text.contains("应用场景 (/application/scenario)  (absent)"), "{text}");
}

#[test]
fn json_lists_every_reason_with_the_values_read() {
    let out = pdp(&["explain", "--format", "json", "examples/ganzi-share.json"]);
    assert_exit(&out, 0);
    let e = json(&out);
    assert_eq!(e["verdict"]["outcome"], "refused");
    let reason = &e["because"][0];
    assert_eq!(reason["rule"], "ganzi.share.conditional.scenario");
    assert_eq!(reason["role"], "violation");
    assert_eq!(reason["article"], "第十八条");
    let read: Vec<(&str, &Value)> =
        reason["read"].as_array().unwrap().iter().map(|r| (r["field"].as_str().unwrap(), &r["value"])).collect();
    assert!(read.contains(&("/kind", &json!("share"))), "{read:?}");
    assert!(read.contains(&("/resource/inCatalog", &json!(true))), "{read:?}");
    assert!(read.contains(&("/application/scenario", &Value::Null)), "{read:?}");
}

#[test]
fn a_review_shows_its_ground_and_obligations_under_a_working_copy() {
    let request = std::fs::read_to_string(repo().join("examples/ganzi-share.json")).unwrap();
    let mut request: Value = serde_json::from_str(&request).unwrap();
    request["application"]["scenario"] = json!("医保待遇资格核验");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), request.to_string()).unwrap();
    let f = Fixture::new();
    f.edit("ganzi/share.cedar", REVIEW_DAYS, &REVIEW_DAYS.replace("\"5\"", "\"3\""));

    let out = pdp(&["explain", "--format", "json", "--policies", f.arg(), file.path().to_str().unwrap()]);
    assert_exit(&out, 0);
    let e = json(&out);
    assert_eq!(e["verdict"]["route"]["workingDays"], 3);
    let roles: Vec<(&str, &str)> = e["because"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rule"].as_str().unwrap(), r["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("ganzi.share.conditional.review", "ground"),
            ("ganzi.share.usage_log", "obligation"),
            ("ganzi.share.scope", "obligation")
        ]
    );
    assert!(e["because"][0]["file"].as_str().unwrap().starts_with(f.arg()));
}

#[test]
fn an_unreadable_request_exits_2() {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), r#"{"jurisdiction":"ganzi","kind":"opening"}"#).unwrap();
    let out = pdp(&["explain", file.path().to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("/kind"), "{}", stderr(&out));
}

/// `explain` says which rule set decided, and defaults as `test` does: `./policies` when
/// there is one, else the built-in policies.
#[test]
fn explain_says_which_rule_set_it_used() {
    let request = common::repo().join("examples/ganzi-share.json");
    let here = stdout(&pdp(&["explain", request.to_str().unwrap()]));
    assert!(here.starts_with("Decided by the policies in `policies`.\n"), "{here}");
    let elsewhere = common::pdp_in(&std::env::temp_dir(), &["explain", request.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&elsewhere.stdout).unwrap();
    assert_eq!(report["policies"], "the built-in policies");
}
