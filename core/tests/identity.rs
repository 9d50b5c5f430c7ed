//! Policy-set identity, server-side re-checks of client verdicts, and audit records.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::path::Path;

use pubdata_policy::{AuditRecord, Engine, Outcome, Request, Sources};

const REQUEST: &str = r#"{"jurisdiction":"ganzi","kind":"open","date":"2026-09-28",
  "requester":{"id":"zhang-san","type":"citizen","name":"张三"},
  "resource":{"id":"bus","name":"公交线路","provider":"dept-transport","opening":"conditional"},
  "application":{"purpose":"research","scenario":"线路研究"}}"#;

fn policies_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies")
}

#[test]
fn built_in_and_folder_policies_share_one_hash() {
    let built_in = Engine::builtin("ganzi").unwrap();
    let folder = Engine::from_dir(&policies_dir(), "ganzi").unwrap();
    assert_eq!(built_in.policy_set(), folder.policy_set());
    assert_eq!(built_in.policy_set().hash.len(), 64);
    let verdict = built_in.check(&Request::from_json(REQUEST).unwrap()).unwrap();
    assert_eq!(verdict.policy_set.as_ref(), Some(built_in.policy_set()));
}

#[test]
fn a_tampered_policy_set_is_detected_by_the_server() {
    let request = Request::from_json(REQUEST).unwrap();
    let server = Engine::builtin("ganzi").unwrap();
    let mut sources = Sources::builtin("ganzi").unwrap();
    // The client's copy waives the 5-day review of conditional data.
    for (_, text) in sources.layers.last_mut().unwrap().policies.iter_mut() {
        *text = text.replace(
            "@outcome(\"review\")\n@reviewer(\"provider\")\n@workingDays(\"5\")\n@article(\"第二十六条\")",
            "@outcome(\"granted\")\n@article(\"第二十六条\")",
        );
    }
    let client = Engine::from_sources(&sources).unwrap();
    assert_ne!(client.policy_set().hash, server.policy_set().hash);

    let claimed = client.check(&request).unwrap();
    assert_eq!(claimed.outcome, Outcome::Granted);
    let v = server.verify(&request, &claimed).unwrap();
    assert!(!v.same_policies && !v.same_verdict);
    assert!(v.differences.iter().any(|d| d.starts_with("policy set")), "{:?}", v.differences);
    assert!(v.differences.iter().any(|d| d.starts_with("outcome")), "{:?}", v.differences);
    assert_eq!(v.verdict.outcome, Outcome::Review);
}

#[test]
fn an_honest_client_verdict_verifies() {
    let request = Request::from_json(REQUEST).unwrap();
    let engine = Engine::builtin("ganzi").unwrap();
    let claimed = engine.check(&request).unwrap();
    let v = engine.verify(&request, &claimed).unwrap();
    assert!(v.same_policies && v.same_verdict, "{:?}", v.differences);
}

#[test]
fn a_forged_outcome_with_the_right_hash_is_still_caught() {
    let request = Request::from_json(REQUEST).unwrap();
    let engine = Engine::builtin("ganzi").unwrap();
    let mut claimed = engine.check(&request).unwrap();
    claimed.outcome = Outcome::Granted;
    claimed.route = None;
    let v = engine.verify(&request, &claimed).unwrap();
    assert!(v.same_policies);
    assert!(!v.same_verdict);
    assert_eq!(v.differences.len(), 2, "{:?}", v.differences);
}

#[test]
fn an_audit_record_holds_who_what_why_and_the_rules() {
    let request = Request::from_json(REQUEST).unwrap();
    let engine = Engine::builtin("ganzi").unwrap();
    let verdict = engine.check(&request).unwrap();
    let line = AuditRecord::new(&request, &verdict).to_json_line();
    assert!(!line.contains('\n'));
    let record: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(record["request"]["requester"]["id"], "zhang-san");
    assert_eq!(record["request"]["requester"]["type"], "citizen");
    assert_eq!(record["request"]["resource"]["provider"], "dept-transport");
    assert_eq!(record["request"]["application"]["purpose"], "research");
    assert_eq!(record["outcome"], "review");
    assert_eq!(record["policies"][0], "ganzi.open.conditional.review");
    assert_eq!(record["policySet"]["hash"], engine.policy_set().hash.as_str());
    assert!(record["timestamp"].as_str().unwrap().ends_with("+08:00"));
}
