//! What the benchmarks decide: representative requests taken from the scenario vectors.
//!
//! For each jurisdiction and kind, the `base` request of its scenario file (the file named
//! after the kind when there is one, else the first in name order): a complete, realistic
//! application that the file's cases then vary. The Node benchmark decides the same ones
//! (`cedar_calls` writes them out), so figures of both sides are about the same requests.

#![allow(dead_code, reason = "each bench binary uses its own part")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pubdata_policy::builtin_jurisdictions;
use pubdata_policy::scenario::Suite;
use serde_json::Value;

pub fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn suites(jurisdiction: &str) -> Vec<(String, Suite)> {
    let dir = vector_dir().join(jurisdiction);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            let suite = Suite::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (stem, suite)
        })
        .collect()
}

/// One representative request: `(jurisdiction, kind, request JSON text)`.
pub struct Representative {
    pub jurisdiction: String,
    pub kind: String,
    pub json: String,
}

impl Representative {
    pub fn label(&self) -> String {
        format!("{}/{}", self.jurisdiction, self.kind)
    }
}

pub fn representatives() -> Vec<Representative> {
    let mut out = Vec::new();
    for jurisdiction in builtin_jurisdictions() {
        let mut by_kind: BTreeMap<String, (bool, Value)> = BTreeMap::new();
        for (stem, suite) in suites(jurisdiction) {
            let Some(base) = suite.base else { continue };
            let Some(kind) = base.get("kind").and_then(Value::as_str).map(str::to_owned) else { continue };
            let named = stem == kind;
            match by_kind.get(&kind) {
                Some((true, _)) => {}
                Some((false, _)) if !named => {}
                _ => {
                    by_kind.insert(kind, (named, base));
                }
            }
        }
        for (kind, (_, base)) in by_kind {
            out.push(Representative { jurisdiction: jurisdiction.to_owned(), kind, json: base.to_string() });
        }
    }
    out
}

/// Every readable request of a jurisdiction's scenario cases (share-status cases and
/// requests the engine rejects as unreadable are left out).
pub fn corpus(jurisdiction: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (_, suite) in suites(jurisdiction) {
        for case in suite.cases.iter().filter(|c| c.share.is_none()) {
            let json = suite.request_of(case).to_string();
            if pubdata_policy::Request::from_json(&json).is_ok() {
                out.push(json);
            }
        }
    }
    out
}
