//! The requests a comparison decides under both policy sets: the scenario corpus, and a
//! space generated from the contract's closed enums around it.
//!
//! All combinations of every enum would be astronomically many (eight flags alone make
//! 256 sets), so the space is bounded, and deduplicated:
//! - every scenario request as it is;
//! - for each kind, a grid over its first scenario request (a bare request of the kind
//!   when there is none): every requester type × sharing attribute × opening attribute
//!   (each also absent) × in or out of the catalogue — 224 requests;
//! - around each base (every scenario file's `base`, and a bare request of each kind),
//!   every request that differs in one thing: another kind, another value of a closed
//!   enum (or none), one list item added or removed, a boolean flipped, a required field
//!   (a forbid policy's `@field`) removed or, when missing, filled in.
//!
//! For 甘孜 that is some 3,000 requests: a few seconds in a debug build.

use std::collections::{BTreeSet, HashSet};

use serde_json::{json, Value};

use crate::request::{
    Attribute, AttributeName, Flag, Kind, ListEntry, Material, OpeningGround, OperateAction, Penalty, Rating,
    RequesterType, ScenarioType, Treatment, UsageMode,
};

/// A request to decide, and how a person can tell where it came from.
pub struct Probe {
    pub label: String,
    pub request: Value,
}

/// The requests to decide; the first `scenarios` are the corpus's.
pub struct Space {
    pub probes: Vec<Probe>,
    pub scenarios: usize,
}

/// A request the space starts from: a scenario case's or file's, or a bare one.
pub struct Seed {
    pub label: String,
    pub request: Value,
}

fn values<T: std::fmt::Display>(all: &[T]) -> Vec<Value> {
    all.iter().map(|v| Value::String(v.to_string())).collect()
}

/// Fields holding one value of a closed enum.
fn single_axes() -> Vec<(&'static str, Vec<Value>)> {
    let levels: Vec<Value> = (1..=5).map(Value::from).collect();
    vec![
        ("/requester/type", values(RequesterType::ALL)),
        ("/requester/rating", values(Rating::ALL)),
        ("/requester/securityLevel", levels.clone()),
        ("/resource/sharing", values(Attribute::ALL)),
        ("/resource/opening", values(Attribute::ALL)),
        ("/application/usageMode", values(UsageMode::ALL)),
        ("/application/scenarioType", values(ScenarioType::ALL)),
        ("/application/securityLevel", levels),
        ("/application/openingGround", values(OpeningGround::ALL)),
        ("/application/attribute", values(AttributeName::ALL)),
        ("/application/from", values(Attribute::ALL)),
        ("/application/to", values(Attribute::ALL)),
        ("/application/action", values(OperateAction::ALL)),
    ]
}

/// Fields holding a set of a closed enum's values.
fn set_axes() -> Vec<(&'static str, Vec<Value>)> {
    vec![
        ("/requester/materials", values(Material::ALL)),
        ("/requester/penalties", values(Penalty::ALL)),
        ("/requester/lists", values(ListEntry::ALL)),
        ("/resource/flags", values(Flag::ALL)),
        ("/resource/treatments", values(Treatment::ALL)),
    ]
}

/// A bare request of each kind: only what every request has.
pub fn bare_seeds(jurisdiction: &str, date: &str) -> Vec<Seed> {
    Kind::ALL
        .iter()
        .map(|k| Seed {
            label: format!("a bare `{k}` request"),
            request: json!({ "jurisdiction": jurisdiction, "kind": k.as_str(), "date": date }),
        })
        .collect()
}

/// The corpus as it is, then the space around it and around `bases`. `populated` is
/// the contract with every field present (its values fill in missing required fields
/// and name the boolean fields); `required` are the `@field` pointers of forbid policies.
/// Axes the contract does not have are skipped.
pub fn generate(corpus: &[Seed], bases: &[Seed], populated: &Value, required: &BTreeSet<String>) -> Space {
    let exists = |p: &str| populated.pointer(p).is_some();
    let singles: Vec<_> = single_axes().into_iter().filter(|(p, _)| exists(p)).collect();
    let sets: Vec<_> = set_axes().into_iter().filter(|(p, _)| exists(p)).collect();
    let booleans = boolean_fields(populated);

    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |label: String, request: Value| -> bool {
        let new = seen.insert(request.to_string());
        if new {
            out.push(Probe { label, request });
        }
        new
    };
    let mut scenarios = 0;
    for seed in corpus {
        scenarios += usize::from(push(seed.label.clone(), seed.request.clone()));
    }

    let of_kind = |k: Kind| move |s: &&Seed| s.request.get("kind").and_then(Value::as_str) == Some(k.as_str());
    let grid_seeds =
        Kind::ALL.iter().filter_map(|k| corpus.iter().find(of_kind(*k)).or_else(|| bases.iter().find(of_kind(*k))));
    let with_absent = |p: &str| -> Vec<Option<Value>> {
        let all = singles.iter().find(|(q, _)| *q == p).map(|(_, v)| v.clone()).unwrap_or_default();
        std::iter::once(None).chain(all.into_iter().map(Some)).collect()
    };
    let in_catalog = [Some(Value::Bool(true)), Some(Value::Bool(false))];
    for seed in grid_seeds {
        for t in with_absent("/requester/type") {
            for s in with_absent("/resource/sharing") {
                for o in with_absent("/resource/opening") {
                    for c in &in_catalog {
                        let mut r = seed.request.clone();
                        let axes = [("/requester/type", &t), ("/resource/sharing", &s), ("/resource/opening", &o)];
                        for (p, v) in axes {
                            set(&mut r, p, v.clone());
                        }
                        set(&mut r, "/resource/inCatalog", c.clone());
                        let shown: Vec<String> = axes
                            .iter()
                            .map(|(p, v)| format!("{}={}", last(p), show(v.as_ref())))
                            .chain(std::iter::once(format!("inCatalog={}", show(c.as_ref()))))
                            .collect();
                        push(format!("{} · {}", seed.label, shown.join(" ")), r);
                    }
                }
            }
        }
    }

    for seed in bases {
        let vary = |p: &str, v: Option<Value>, what: String| {
            let mut r = seed.request.clone();
            set(&mut r, p, v);
            (format!("{} · {what}", seed.label), r)
        };
        let mut variants = Vec::new();
        for k in Kind::ALL {
            variants.push(vary("/kind", Some(Value::String(k.to_string())), format!("kind={k}")));
        }
        for (p, all) in &singles {
            variants.push(vary(p, None, format!("without {p}")));
            for v in all {
                variants.push(vary(p, Some(v.clone()), format!("{p}={}", show(Some(v)))));
            }
        }
        for (p, all) in &sets {
            let current: Vec<Value> = seed.request.pointer(p).and_then(Value::as_array).cloned().unwrap_or_default();
            for v in all {
                let (items, what) = if current.contains(v) {
                    (current.iter().filter(|c| *c != v).cloned().collect(), format!("{p} -{}", show(Some(v))))
                } else {
                    (
                        current.iter().cloned().chain(std::iter::once(v.clone())).collect(),
                        format!("{p} +{}", show(Some(v))),
                    )
                };
                variants.push(vary(p, Some(Value::Array(items)), what));
            }
        }
        for p in &booleans {
            let current = seed.request.pointer(p).and_then(Value::as_bool);
            variants.push(vary(p, Some(Value::Bool(current != Some(true))), format!("{p}={}", current != Some(true))));
            if current.is_none() {
                variants.push(vary(p, Some(Value::Bool(false)), format!("{p}=false")));
            }
        }
        for p in required {
            match (seed.request.pointer(p), populated.pointer(p)) {
                (Some(_), _) => variants.push(vary(p, None, format!("without {p}"))),
                (None, Some(filler)) => variants.push(vary(p, Some(filler.clone()), format!("with {p}"))),
                (None, None) => {}
            }
        }
        for (label, r) in variants {
            push(label, r);
        }
    }
    Space { probes: out, scenarios }
}

/// Pointers whose value is a boolean in the contract.
fn boolean_fields(populated: &Value) -> Vec<String> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Bool(_) => out.push(prefix.to_owned()),
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(&format!("{prefix}/{k}"), v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", populated, &mut out);
    out
}

/// Sets (or with `None` removes) the field at a JSON Pointer, making parent objects as needed.
fn set(doc: &mut Value, pointer: &str, value: Option<Value>) {
    let mut parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some(leaf) = parts.pop() else { return };
    let mut here = doc;
    for part in parts {
        let Some(map) = here.as_object_mut() else { return };
        here = map.entry(part).or_insert_with(|| json!({}));
    }
    if let Some(map) = here.as_object_mut() {
        match value {
            Some(v) => {
                map.insert(leaf.to_owned(), v);
            }
            None => {
                map.remove(leaf);
            }
        }
    }
}

fn last(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space() -> Vec<Probe> {
        let populated = crate::impact::contract::populated_request().unwrap();
        let required: BTreeSet<String> = ["/application/scenario".to_owned()].into();
        let seed = Seed {
            label: "share.json › x".into(),
            request: json!({"jurisdiction":"ganzi","kind":"share","date":"2026-09-28",
                "resource":{"sharing":"conditional","flags":["personal_info"]},"application":{"scenario":"s"}}),
        };
        let mut bases = bare_seeds("ganzi", "2026-09-28");
        bases.push(Seed { label: "share.json › base".into(), request: seed.request.clone() });
        let space = generate(&[seed], &bases, &populated, &required);
        assert_eq!(space.scenarios, 1);
        space.probes
    }

    #[test]
    fn the_grid_crosses_every_requester_type_and_attribute() {
        let probes = space();
        let grid = probes.iter().filter(|p| p.label.starts_with("a bare `open` request · type=")).count();
        assert_eq!(grid, 7 * 4 * 4 * 2);
        assert!(probes
            .iter()
            .any(|p| p.label == "share.json › x · type=citizen sharing=none opening=(none) inCatalog=false"));
    }

    #[test]
    fn neighbours_differ_in_one_thing_and_every_request_is_readable() {
        let probes = space();
        let find = |label: &str| probes.iter().find(|p| p.label == label).map(|p| &p.request);
        assert_eq!(probes[0].label, "share.json › x");
        let r = find("share.json › base · without /application/scenario").unwrap();
        assert!(r.pointer("/application/scenario").is_none());
        let r = find("share.json › base · /resource/flags -personal_info").unwrap();
        assert_eq!(r.pointer("/resource/flags"), Some(&json!([])));
        let r = find("a bare `share` request · with /application/scenario").unwrap();
        assert!(r.pointer("/application/scenario").is_some());
        assert!(find("a bare `share` request · /application/commitment=true").is_some());
        let distinct: HashSet<String> = probes.iter().map(|p| p.request.to_string()).collect();
        assert_eq!(distinct.len(), probes.len());
        for p in &probes {
            crate::Request::from_value(p.request.clone()).unwrap_or_else(|e| panic!("{}: {e}", p.label));
        }
    }
}
