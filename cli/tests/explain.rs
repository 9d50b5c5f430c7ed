//! `pdp explain`: the verdict with each deciding policy, its article and the values it read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, repo, stderr, stdout, Fixture};
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
    assert!(text.contains("共享属性（/resource/sharing）      \"conditional\""), "{text}");
    assert!(text.contains("应用场景（/application/scenario）  (absent)"), "{text}");
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
    f.review_in("3");

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

/// `--lang en` names the fields by the pack's English labels, and gives the article's
/// summary in English only.
#[test]
fn labels_follow_the_chosen_language() {
    let en = stdout(&pdp(&["explain", "examples/ganzi-share.json", "--lang", "en"]));
    // The label as the pack beneath 甘孜 declares it.
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("policies/base/pack.json")).unwrap()).unwrap();
    let field = base["fields"].as_array().unwrap().iter().find(|f| f["field"] == "/application/scenario").unwrap();
    let (zh, english) = (field["label"]["zh"].as_str().unwrap(), field["label"]["en"].as_str().unwrap());
    let row = en.lines().find(|l| l.contains(&format!("{english} (/application/scenario) "))).unwrap();
    assert!(row.ends_with("(absent)"), "{en}");
    // The verdict above is in both languages; the reasons name fields in English only.
    let why = en.split("\nWhy:\n").nth(1).unwrap();
    assert!(!why.contains(zh), "{en}");
    assert!(en.contains("Kind of request (/kind)"), "{en}");
    assert!(!en.contains("有条件共享申请应明确应用场景"), "{en}");
    let zh = stdout(&pdp(&["explain", "examples/ganzi-share.json", "--lang", "zh"]));
    assert!(zh.contains("申请类型（/kind）"), "{zh}");
}

/// `--case NAME` explains a scenario case's request, found by its name in the vectors.
#[test]
fn a_case_is_explained_by_its_name() {
    let name = "conditional sharing without a scenario is refused";
    let out = pdp(&["explain", "--case", name, "--format", "json"]);
    assert_exit(&out, 0);
    let e = json(&out);
    assert_eq!(e["case"]["name"], name);
    assert_eq!(e["case"]["file"], "tests/vectors/ganzi/share.json");
    let line = std::fs::read_to_string(repo().join("tests/vectors/ganzi/share.json"))
        .unwrap()
        .lines()
        .position(|l| l.contains(&format!("\"name\": \"{name}\"")))
        .unwrap()
        + 1;
    assert_eq!(e["case"]["line"], line);
    assert_eq!(e["verdict"]["outcome"], "refused");
    assert_eq!(e["because"][0]["rule"], "ganzi.share.conditional.scenario");

    let text = stdout(&pdp(&["explain", "--case", name]));
    assert!(text.starts_with(&format!("Case `{name}` (tests/vectors/ganzi/share.json:{line}).\n")), "{text}");
    // A part of a name that one case holds is enough.
    let out =
        pdp(&["explain", "--case", "without a scenario is", "--vectors", "tests/vectors/ganzi", "--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["case"]["name"], name);
}

#[test]
fn an_unknown_or_ambiguous_case_lists_the_likely_ones() {
    let out = pdp(&["explain", "--case", "conditonal sharing withot a scenario"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("no scenario case in `tests/vectors` is called `conditonal sharing withot a scenario`"),
        "{err}"
    );
    let first = err.lines().nth(1).unwrap();
    assert!(
        first.contains("conditional sharing without a scenario is refused  (tests/vectors/ganzi/share.json:"),
        "{err}"
    );

    let out = pdp(&["explain", "--case", "conditional sharing", "--vectors", "tests/vectors/ganzi/share.json"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("scenario cases in `tests/vectors/ganzi/share.json` match `conditional sharing`"), "{err}");
    assert!(err.contains("conditional sharing without a scenario is refused"), "{err}");
    assert!(err.contains("conditional sharing without basis"), "{err}");

    let out = pdp(&["explain"]);
    assert_exit(&out, 2);
    let out = pdp(&["explain", "examples/ganzi-share.json", "--case", "x"]);
    assert_exit(&out, 2);
}
