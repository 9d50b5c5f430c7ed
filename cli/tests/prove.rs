//! `pdp diff --prove`: the solver's answers on two amendments, and a machine without it.
//! These run the cvc5 solver (scripts/setup-solver installs it): they fail, never skip,
//! where it is missing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

mod common;

use common::{assert_exit, json, pdp, stderr, stdout, Fixture};
use serde_json::Value;

/// The proof of the one jurisdiction compared.
fn proof(report: &Value) -> &Value {
    let proof = &report["proof"]["jurisdictions"];
    assert_eq!(proof.as_array().map(Vec::len), Some(1), "{:#}", report["proof"]);
    &proof[0]
}

/// 永州 adds "an application to open data for commercial use must attach a data security
/// commitment": the proof finds a request OLD grants or reviews and NEW refuses, and it is
/// one of commercial use without the commitment.
#[test]
fn a_new_forbid_on_commercial_use_has_a_counterexample_that_is_refused() {
    let (_dir, new) = common::yongzhou_with_commercial_commitment();
    let args = ["diff", "policies/yongzhou", new.to_str().unwrap(), "--vectors", "tests/vectors/yongzhou/open.json"];
    let out = pdp(&[&args[..], &["--prove", "--format", "json"]].concat());
    assert_exit(&out, 1);
    let report = json(&out);
    let p = proof(&report);
    assert_eq!(p["newlyRefused"], true, "{p:#}");
    assert_eq!(p["newlyAdmitted"], false, "{p:#}");
    let refused: Vec<&Value> =
        p["findings"].as_array().unwrap().iter().filter(|f| f["question"] == "newlyRefused").collect();
    assert!(!refused.is_empty(), "{p:#}");
    for f in refused {
        let request = &f["request"];
        assert_eq!(request["kind"], "open", "{f:#}");
        assert_eq!(request["application"]["purpose"], "commercial", "{f:#}");
        let materials = request["requester"]["materials"].as_array().cloned().unwrap_or_default();
        assert!(!materials.contains(&"security_commitment".into()), "{f:#}");
        assert_eq!(f["reproduced"], true, "{f:#}");
        assert!(f["old"] == "granted" || f["old"] == "review", "{f:#}");
        assert_eq!(f["new"], "refused", "{f:#}");
        let changes = f["changes"].as_array().unwrap();
        assert!(
            changes.iter().any(|c| c["what"] == "violation"
                && c["new"].as_str().unwrap().starts_with("yongzhou.open.commercial_commitment")),
            "{f:#}"
        );
    }
}

/// 甘孜 第十八条's 5 working days become 3: proved to move routes only — no request newly
/// refused or newly granted — with a request whose route shows the new deadline.
#[test]
fn five_working_days_becoming_three_is_proved_to_change_routes_only() {
    let f = Fixture::new();
    f.review_in("3");
    let new = f.path("ganzi");
    let args = ["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", "tests/vectors/ganzi/share.json"];
    let out = pdp(&[&args[..], &["--prove", "--format", "json"]].concat());
    assert_exit(&out, 1);
    let report = json(&out);
    let p = proof(&report);
    assert_eq!((&p["newlyRefused"], &p["newlyAdmitted"]), (&false.into(), &false.into()), "{p:#}");
    assert_eq!(p["routes"], serde_json::json!(["ganzi.share.conditional.review"]), "{p:#}");
    assert_eq!(p["obligationsAndWarnings"], serde_json::json!([]), "{p:#}");
    let findings = p["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!((&f["question"], &f["reproduced"]), (&"route".into(), &true.into()), "{f:#}");
        assert_eq!((&f["old"], &f["new"]), (&"review".into(), &"review".into()), "{f:#}");
        let days = f["changes"].as_array().unwrap().iter().find(|c| c["what"] == "route.workingDays");
        assert_eq!(days.map(|c| (&c["old"], &c["new"])), Some((&"5".into(), &"3".into())), "{f:#}");
    }
    let out = pdp(&[&args[..], &["--prove"]].concat());
    let text = stdout(&out);
    assert!(
        text.contains("proved: no request is newly refused or newly granted or reviewed; routes change only"),
        "{text}"
    );
}

/// Without a solver `--prove` says so and exits 2, after the sampled diff.
#[test]
fn without_a_solver_prove_says_so_and_exits_2() {
    let f = Fixture::new();
    f.review_in("3");
    let new = f.path("ganzi");
    let args =
        ["diff", "policies/ganzi", new.to_str().unwrap(), "--vectors", "tests/vectors/ganzi/share.json", "--prove"];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pdp"))
        .args(args)
        .current_dir(common::repo())
        .env("CVC5", "/nonexistent/cvc5")
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(stdout(&out).contains("route.workingDays: 5 → 3"), "the sampled diff still runs: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("--prove: no cvc5 solver: CVC5 is set to /nonexistent/cvc5"), "{err}");
    assert!(err.contains("scripts/setup-solver"), "{err}");
}
