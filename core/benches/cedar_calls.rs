//! Writes the input of the Node benchmark (`bench/node.mjs`): for each representative
//! request (`common::representatives`) of every built-in jurisdiction the request itself,
//! the policies in force on its date (Cedar text keyed by `@id`: the set the engine asks
//! Cedar about), the one Cedar authorisation the engine makes for it
//! (`Engine::cedar_call`) and the policies that fired, so that
//! `@cedar-policy/cedar-wasm` can be given exactly the same work and checked to reach the
//! same decision. Not a timing: a generator run with the benchmarks' build.
//!
//! `cargo bench -p pubdata-policy --bench cedar_calls` writes `bench/target/cedar-calls.json`
//! (or the path in `CEDAR_CALLS_OUT`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a generator fails loudly"
)]

mod common;

use std::path::PathBuf;

use pubdata_policy::{builtin_jurisdictions, today_in_china, Engine, Outcome, Request};
use serde_json::{json, Map, Value};

fn main() {
    let out = std::env::var_os("CEDAR_CALLS_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bench/target/cedar-calls.json"));
    let reps = common::representatives();
    let mut jurisdictions = Map::new();
    let mut schema = String::new();
    for jurisdiction in builtin_jurisdictions() {
        let engine = Engine::builtin(jurisdiction).unwrap();
        schema = engine.vocabulary().schema();
        let requests: Vec<Value> = reps
            .iter()
            .filter(|r| r.jurisdiction == jurisdiction)
            .map(|rep| {
                let request = Request::from_json(&rep.json).unwrap();
                let verdict = engine.check(&request).unwrap();
                // The engine reads its verdict off one Cedar decision: `deny` when refused.
                let decision = if verdict.outcome == Outcome::Refused { "deny" } else { "allow" };
                json!({
                    "label": rep.label(),
                    "request": serde_json::from_str::<Value>(&rep.json).unwrap(),
                    "cedar": engine.cedar_call(&request).unwrap(),
                    // The policies in force on the request's date: what the engine asks Cedar.
                    "policies": engine.cedar_policies(request.date.unwrap_or_else(today_in_china)),
                    "decision": decision,
                    "reasons": verdict.policies,
                    "outcome": verdict.outcome,
                })
            })
            .collect();
        jurisdictions.insert(jurisdiction.to_string(), json!({ "requests": requests }));
    }
    let doc = json!({ "schema": schema, "jurisdictions": jurisdictions });
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&out, serde_json::to_string(&doc).unwrap()).unwrap();
    eprintln!("cedar_calls: wrote {}", out.display());
}
