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

use crate::identifier::SAMPLE_CREDIT_CODE;
use crate::pack::{Derivation, FieldType};
use crate::vocabulary::Vocabulary;

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

/// Fields holding one value: each enum with its values, each number with its least and
/// greatest values, each text with the values its declaration suggests.
fn single_axes(vocabulary: &Vocabulary) -> Vec<(String, Vec<Value>)> {
    vocabulary
        .fields()
        .into_iter()
        .filter_map(|f| {
            let values: Vec<Value> = match f.field_type {
                FieldType::Enum => f.values.iter().map(|v| Value::String(v.value.clone())).collect(),
                FieldType::Text => f.suggest.iter().map(|v| Value::String(v.clone())).collect(),
                FieldType::Long => match (f.min, f.max) {
                    (Some(lo), Some(hi)) if hi.saturating_sub(lo) <= 8 => (lo..=hi).map(Value::from).collect(),
                    (lo, hi) => lo.into_iter().chain(hi).map(Value::from).collect(),
                },
                _ => Vec::new(),
            };
            (!values.is_empty()).then(|| (f.field.clone(), values))
        })
        .collect()
}

/// Fields holding a set of values.
fn set_axes(vocabulary: &Vocabulary) -> Vec<(String, Vec<Value>)> {
    vocabulary
        .fields()
        .into_iter()
        .filter(|f| f.field_type == FieldType::Set)
        .map(|f| (f.field.clone(), f.values.iter().map(|v| Value::String(v.value.clone())).collect()))
        .collect()
}

/// The fields of the grid: the requester's first enum, every enum of the resource, and
/// every boolean of the resource — who asks, about which data.
fn grid_axes(vocabulary: &Vocabulary) -> (Vec<String>, Vec<String>) {
    let fields = vocabulary.fields();
    let first_requester_enum = fields
        .iter()
        .find(|f| f.field_type == FieldType::Enum && f.field.starts_with("/requester/"))
        .map(|f| f.field.clone());
    let resource = |t: FieldType| -> Vec<String> {
        fields
            .iter()
            .filter(|f| f.field_type == t && f.field.starts_with("/resource/"))
            .map(|f| f.field.clone())
            .collect()
    };
    let enums = first_requester_enum.into_iter().chain(resource(FieldType::Enum)).collect();
    (enums, resource(FieldType::Bool))
}

/// A bare request of each kind: only what every request has.
pub fn bare_seeds(jurisdiction: &str, date: &str, vocabulary: &Vocabulary) -> Vec<Seed> {
    vocabulary
        .kinds()
        .iter()
        .map(|k| Seed {
            label: format!("a bare `{}` request", k.kind),
            request: json!({ "jurisdiction": jurisdiction, "kind": k.kind, "date": date }),
        })
        .collect()
}

/// A request of each kind that gives what the forbids require: every required field (a
/// forbid's `@field`) that holds information (a text, a date, a number, a choice) filled
/// from `populated`, and every declaration the forbids refuse the absence of (`duties`).
/// What passes the checks of missing information, and so reaches a route.
pub fn complete_seeds(
    jurisdiction: &str,
    date: &str,
    vocabulary: &Vocabulary,
    required: &BTreeSet<String>,
    populated: &Value,
    duties: &[(String, Value)],
) -> Vec<Seed> {
    bare_seeds(jurisdiction, date, vocabulary)
        .into_iter()
        .map(|mut seed| {
            for p in required {
                // Booleans and sets are facts that may refuse (`dishonest`, `flags`): only
                // `duties` sets them. A text takes its first suggested value, an identifier
                // one whose checksum holds.
                let Some(f) = vocabulary.field(p) else { continue };
                let value = match f.field_type {
                    FieldType::Bool | FieldType::Set => None,
                    FieldType::Text if f.derive.iter().any(|d| matches!(d, Derivation::Identifier { .. })) => {
                        Some(Value::from(SAMPLE_CREDIT_CODE))
                    }
                    FieldType::Text => {
                        f.suggest.first().map(|s| Value::from(s.as_str())).or_else(|| populated.pointer(p).cloned())
                    }
                    _ => populated.pointer(p).cloned(),
                };
                if let Some(v) = value {
                    set(&mut seed.request, p, Some(v));
                }
            }
            for (p, v) in duties {
                set(&mut seed.request, p, Some(v.clone()));
            }
            seed.label = seed.label.replacen("a bare", "a complete", 1);
            seed
        })
        .collect()
}

/// The corpus as it is, then the space around it and around `bases`, over the fields of
/// `vocabulary`. `populated` is the vocabulary's fullest request (its values fill in
/// missing required fields); `required` are the `@field` pointers of forbid policies;
/// `dates` the days either side's rules change on, each base also dated on each of them
/// (an amendment from a later day changes nothing on the scenarios' own dates);
/// `compared` the values the policies compare fields with, tried besides the declared ones.
pub fn generate(
    corpus: &[Seed],
    bases: &[Seed],
    vocabulary: &Vocabulary,
    populated: &Value,
    required: &BTreeSet<String>,
    dates: &[String],
    compared: &[(String, Vec<Value>)],
) -> Space {
    let mut singles = single_axes(vocabulary);
    for (pointer, values) in compared {
        match singles.iter_mut().find(|(p, _)| p == pointer) {
            Some((_, all)) => all.extend(values.iter().filter(|v| !all.contains(v)).cloned().collect::<Vec<_>>()),
            None => singles.push((pointer.clone(), values.clone())),
        }
    }
    let sets = set_axes(vocabulary);
    let booleans: Vec<String> =
        vocabulary.fields().into_iter().filter(|f| f.field_type == FieldType::Bool).map(|f| f.field.clone()).collect();
    let kinds: Vec<&str> = vocabulary.kinds().iter().map(|k| k.kind.as_str()).collect();

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

    fn of_kind(k: &str) -> impl Fn(&&Seed) -> bool + '_ {
        move |s| s.request.get("kind").and_then(Value::as_str) == Some(k)
    }
    let grid_seeds =
        kinds.iter().filter_map(|k| corpus.iter().find(of_kind(k)).or_else(|| bases.iter().find(of_kind(k))));
    let (grid_enums, grid_bools) = grid_axes(vocabulary);
    // Each axis with its values: an enum also absent, a boolean true and false.
    let mut grid: Vec<(String, Vec<Option<Value>>)> = grid_enums
        .iter()
        .map(|p| {
            let all = singles.iter().find(|(q, _)| q == p).map(|(_, v)| v.clone()).unwrap_or_default();
            (p.clone(), std::iter::once(None).chain(all.into_iter().map(Some)).collect())
        })
        .collect();
    grid.extend(grid_bools.iter().map(|p| (p.clone(), vec![Some(Value::Bool(true)), Some(Value::Bool(false))])));
    for seed in grid_seeds {
        // Every combination, the last axis turning fastest.
        let mut at = vec![0usize; grid.len()];
        'combinations: loop {
            let mut r = seed.request.clone();
            let mut shown = Vec::with_capacity(grid.len());
            for ((p, values), i) in grid.iter().zip(&at) {
                let v = values.get(*i).cloned().flatten();
                shown.push(format!("{}={}", last(p), show(v.as_ref())));
                set(&mut r, p, v);
            }
            push(format!("{} · {}", seed.label, shown.join(" ")), r);
            for axis in (0..grid.len()).rev() {
                let (Some(i), Some((_, values))) = (at.get_mut(axis), grid.get(axis)) else { break 'combinations };
                *i += 1;
                if *i < values.len() {
                    continue 'combinations;
                }
                *i = 0;
            }
            break;
        }
    }

    for seed in bases {
        let vary = |p: &str, v: Option<Value>, what: String| {
            let mut r = seed.request.clone();
            set(&mut r, p, v);
            (format!("{} · {what}", seed.label), r)
        };
        let mut variants = Vec::new();
        for k in &kinds {
            variants.push(vary("/kind", Some(Value::String((*k).to_owned())), format!("kind={k}")));
        }
        for d in dates {
            variants.push(vary("/date", Some(Value::String(d.clone())), format!("date={d}")));
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
        let engine = crate::Engine::builtin("ganzi").unwrap();
        let vocabulary = engine.vocabulary();
        let populated = crate::impact::contract::populated_request(vocabulary);
        let required: BTreeSet<String> = ["/application/scenario".to_owned()].into();
        let seed = Seed {
            label: "share.json › x".into(),
            request: json!({"jurisdiction":"ganzi","kind":"share","date":"2026-09-28",
                "resource":{"sharing":"conditional","flags":["personal_info"]},"application":{"scenario":"s"}}),
        };
        let mut bases = bare_seeds("ganzi", "2026-09-28", vocabulary);
        bases.push(Seed { label: "share.json › base".into(), request: seed.request.clone() });
        let space = generate(&[seed], &bases, vocabulary, &populated, &required, &[], &[]);
        assert_eq!(space.scenarios, 1);
        space.probes
    }

    #[test]
    fn the_grid_crosses_every_requester_type_and_attribute() {
        let probes = space();
        let grid = probes.iter().filter(|p| p.label.starts_with("a bare `open` request · type=")).count();
        // requester type (6 + absent) × sharing and opening (3 + absent) × the resource's
        // booleans (inCatalog, obtainedBySharing, providerConsent).
        assert_eq!(grid, 7 * 4 * 4 * 2 * 2 * 2);
        assert!(probes
            .iter()
            .any(|p| p.label == "share.json › x · type=citizen sharing=none opening=(none) inCatalog=false obtainedBySharing=true providerConsent=false"));
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
