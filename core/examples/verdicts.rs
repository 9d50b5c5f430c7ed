//! Prints, as one JSON document, what the native engine answers for every scenario vector
//! under `tests/vectors/<jurisdiction>/*.json`: each case's request and its verdict or
//! error (or a share's status), each suite's results, each engine's metadata and a table
//! of working-day deadlines. The JavaScript suites compare the WebAssembly build with it,
//! field for field, so it records what the engine does, not what a vector expects.
//!
//! `cargo run -p pubdata-policy --example verdicts [VECTOR_DIR] > native.json`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use pubdata_policy::scenario::Suite;
use pubdata_policy::{Engine, Error, Request};
use serde_json::{json, Value};

fn main() -> ExitCode {
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let dir = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or(default);
    match run(&dir) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<Value, String> {
    let mut jurisdictions = BTreeMap::new();
    let mut files = BTreeMap::new();
    for folder in sorted(dir, |p| p.is_dir())? {
        let name = file_name(&folder);
        let engine = Engine::builtin(&name);
        jurisdictions.insert(name.clone(), describe(&engine));
        for file in sorted(&folder, |p| p.extension().is_some_and(|e| e == "json"))? {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            files.insert(format!("{name}/{}", file_name(&file)), suite(&text, &engine));
        }
    }
    Ok(json!({ "jurisdictions": jurisdictions, "files": files }))
}

/// An engine's metadata and a table of deadlines, or why it could not be built.
fn describe(engine: &Result<Engine, Error>) -> Value {
    let engine = match engine {
        Ok(e) => e,
        Err(e) => return json!({ "error": e.report() }),
    };
    let mut deadlines = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(2025, 1, 1);
    while let Some(d) = day.filter(|d| d.to_string().as_str() < "2027-01-15") {
        for n in [0, 1, 5, 10, 20] {
            let due = engine.calendar().add_working_days(d, n);
            deadlines.push(json!({ "date": d, "workingDays": n, "due": due.due, "covered": due.covered }));
        }
        day = d.checked_add_days(Days::new(5));
    }
    json!({ "regulation": engine.info(), "policyIds": engine.policy_ids(), "deadlines": deadlines })
}

/// Every case of a scenario file, through the same calls `Suite::run` makes.
fn suite(text: &str, engine: &Result<Engine, Error>) -> Value {
    let suite = match Suite::from_json(text) {
        Ok(s) => s,
        Err(e) => return json!({ "suiteError": e.to_string() }),
    };
    let engine = match engine {
        Ok(e) => e,
        Err(e) => return json!({ "engineError": e.report() }),
    };
    let cases: Vec<Value> = suite
        .cases
        .iter()
        .map(|case| {
            let request = suite.request_of(case);
            let answer = match &case.share {
                Some(share) => engine.share_status(share).map(|s| json!({ "status": s })),
                None => {
                    Request::from_value(request.clone()).and_then(|r| engine.check(&r)).map(|v| json!({ "verdict": v }))
                }
            };
            let mut out = answer.unwrap_or_else(|e| json!({ "error": e.report() }));
            if let Value::Object(map) = &mut out {
                map.insert("name".into(), json!(case.name));
                map.insert("request".into(), request);
            }
            out
        })
        .collect();
    json!({ "cases": cases, "results": suite.run(engine) })
}

fn sorted(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| keep(p)).collect();
    found.sort();
    Ok(found)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
