//! `pdp coverage` and the coverage checks of `pdp validate`: every article of a
//! regulation's text is classified, and each class is borne out by the policies.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, stdout, Fixture};
use serde_json::Value;

fn coverage(f: &Fixture) -> (std::process::Output, Value) {
    let out = pdp(&["coverage", "--policies", f.arg(), "--format", "json"]);
    let report = json(&out);
    (out, report)
}

fn validate_errors(f: &Fixture) -> Vec<Value> {
    let out = pdp(&["validate", f.arg(), "--format", "json"]);
    assert_exit(&out, 1);
    let report = json(&out);
    report["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").cloned().collect()
}

/// The article list comes from the text: 甘孜's 45 articles (written 第…條), each counted once.
#[test]
fn every_article_of_the_ganzi_text_is_classified() {
    let f = Fixture::new();
    let (out, report) = coverage(&f);
    assert_exit(&out, 0);
    assert_eq!(report["ok"], true, "{report:#}");
    let r = &report["jurisdictions"][0]["regulations"][0];
    let articles = r["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 45);
    assert_eq!(articles[0]["article"], "第一条");
    assert_eq!(articles[44]["article"], "第四十五条");
    let n = &r["counts"];
    let sum =
        ["decides", "informs", "notDecidable", "unclassified"].iter().map(|k| n[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum, 45, "{n}");
    let tenth = articles.iter().find(|a| a["article"] == "第十条").unwrap();
    assert_eq!(tenth["class"], "decides");
    let ids: Vec<&str> = tenth["policies"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(ids.contains(&"ganzi.identity.birth_date") && ids.contains(&"ganzi.identity.checksum"), "{ids:?}");
}

#[test]
fn every_article_of_the_five_cities_is_classified() {
    let out = pdp(&["coverage", "--format", "human"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.ends_with("coverage: 0 unclassified, 0 problems\n"), "{text}");
    for key in [
        "ganzi / ganzi",
        "lishui / lishui",
        "zhejiang / zhejiang",
        "putuo / putuo",
        "suining / suining",
        "yongzhou / yongzhou",
    ] {
        assert!(text.contains(key), "{key} missing from\n{text}");
    }
}

#[test]
fn an_article_left_out_of_the_matrix_is_unclassified_and_fails_both_commands() {
    let f = Fixture::new();
    let text = f.read("ganzi/coverage.json");
    let line = text.lines().find(|l| l.contains("\"第三十九条\"")).unwrap();
    f.edit("ganzi/coverage.json", &format!("{line}\n"), "");
    let (out, report) = coverage(&f);
    assert_exit(&out, 1);
    assert_eq!(report["unclassified"], 1, "{report:#}");
    let errors = validate_errors(&f);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "unclassified");
    assert!(errors[0]["message"]["en"].as_str().unwrap().contains("第三十九条"), "{:#}", errors[0]);
}

#[test]
fn a_decides_article_no_policy_cites_is_an_error() {
    let f = Fixture::new();
    let text = f.read("ganzi/coverage.json");
    let line = text.lines().find(|l| l.contains("\"第三十九条\"")).unwrap();
    f.edit("ganzi/coverage.json", line, "        \"第三十九条\": \"decides\",");
    let errors = validate_errors(&f);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "no-policy");
    assert!(errors[0]["file"].as_str().unwrap().ends_with("coverage.json"));
    assert_eq!(errors[0]["line"], f.line_of("ganzi/coverage.json", "\"第三十九条\""));
}

#[test]
fn a_policy_citing_an_article_marked_not_decidable_is_an_error() {
    let f = Fixture::new();
    f.edit("ganzi/coverage.json", "\"第十条\": \"decides\"", "\"第十条\": { \"notDecidable\": \"a wrong reason\" }");
    let errors = validate_errors(&f);
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|e| e["code"] == "not-classified-cited"), "{errors:#?}");
    assert!(errors.iter().any(|e| e["policy"] == "ganzi.identity.checksum"), "{errors:#?}");
}

#[test]
fn a_missing_text_is_an_error_not_a_panic() {
    let f = Fixture::new();
    std::fs::remove_file(f.path("ganzi/ganzi-2025-public-data-management.txt")).unwrap();
    let out = pdp(&["coverage", "--policies", f.arg()]);
    assert_exit(&out, 2);
    let errors = validate_errors(&f);
    assert_eq!(errors[0]["code"], "coverage", "{errors:#?}");
    assert!(errors[0]["message"]["en"].as_str().unwrap().contains("ganzi-2025-public-data-management.txt"));
}
