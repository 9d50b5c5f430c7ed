//! Properties of every verdict, over requests generated across the whole contract: all
//! enum values, fields present and missing, dates across years.
//!
//! `PDP_PARITY_OUT=FILE PDP_PARITY_COUNT=N cargo test -p pubdata-policy --test properties
//! -- --ignored write_parity_corpus` writes N generated requests with their native
//! verdicts as JSON Lines (outcome and the SHA-256 of the verdict's JSON text), for the
//! WebAssembly build to reproduce field for field. Every request decided here is also
//! decided by the compiled policies (`Engine::check_compiled`), which must give the same
//! verdict; the values the policies compare fields with are among those generated.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::io::Write;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use pubdata_policy::impact::{compared_values, PolicySide};
use pubdata_policy::{
    builtin_jurisdictions, Engine, Field, FieldType, Outcome, Request, Sources, Verdict, Vocabulary, SECTIONS,
};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// A stream of random choices, from which a request is built field by field.
struct Tape(std::vec::IntoIter<u32>);

impl Tape {
    fn next(&mut self) -> u32 {
        self.0.next().unwrap_or(0)
    }
    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n.max(1)
    }
    fn flip(&mut self) -> bool {
        self.next() % 2 == 0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn subset<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        items.iter().copied().filter(|_| self.below(4) == 0).collect()
    }
    fn date(&mut self) -> String {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(self.below(9 * 366) as u64);
        day.to_string()
    }
}

const TEXTS: &[&str] = &["医保待遇资格核验", "《社会保险法》", " ", "x"];
const IDS: &[&str] = &["360426199101010071", "11010519491231002X", "91110000600037341L", "915101007130000000", "123"];

/// A value of a field, or none: every field of the pack's vocabulary, so that the
/// requests cover whatever the packs declare; now and then one of the values the
/// policies compare the field with (`compared`), so that their rules fire.
fn value(tape: &mut Tape, field: &Field, compared: &[(String, Vec<Value>)]) -> Option<Value> {
    let spec = &field.spec;
    let literals = compared.iter().find(|(f, _)| *f == spec.field).map_or(&[][..], |(_, v)| v.as_slice());
    if !literals.is_empty() && tape.below(4) == 0 {
        return Some(literals[tape.below(literals.len())].clone());
    }
    let values: Vec<&str> = spec.values.iter().map(|v| v.value.as_str()).collect();
    match spec.field_type {
        // Booleans and sets are always given (as the forms send them), optional booleans not.
        FieldType::Bool if spec.optional => tape.flip().then(|| json!(tape.flip())),
        FieldType::Bool => Some(json!(tape.below(3) == 0)),
        FieldType::Set => Some(json!(tape.subset(&values))),
        _ if !tape.flip() => None,
        FieldType::Text if !spec.derive.is_empty() => Some(json!(tape.pick(IDS))),
        FieldType::Text if !spec.suggest.is_empty() && tape.flip() => {
            let suggested: Vec<&str> = spec.suggest.iter().map(String::as_str).collect();
            Some(json!(tape.pick(&suggested)))
        }
        FieldType::Text => Some(json!(tape.pick(TEXTS))),
        FieldType::Enum => Some(json!(tape.pick(&values))),
        FieldType::Long => {
            let lo = spec.min.unwrap_or(0);
            let span = spec.max.unwrap_or(lo + 200).saturating_sub(lo).min(200) as usize;
            Some(json!(lo + tape.below(span + 1) as i64))
        }
        FieldType::Date => Some(json!(tape.date())),
        FieldType::Record => {
            let map: Map<String, Value> =
                field.children.iter().filter(|_| tape.below(4) == 0).map(|c| (c.name.clone(), json!("x"))).collect();
            Some(Value::Object(map))
        }
    }
}

/// A request over the whole vocabulary of a random jurisdiction; `dated` decides whether
/// the date may be absent.
fn request(tape: &mut Tape, dated: bool, engines: &Engines) -> Value {
    let (jurisdiction, engine, compared) =
        tape.pick(&engines.iter().map(|(j, e, c)| (*j, e, c.as_slice())).collect::<Vec<_>>());
    let vocabulary: &Vocabulary = engine.vocabulary();
    let kinds: Vec<&str> = vocabulary.kinds().iter().map(|k| k.kind.as_str()).collect();
    let mut request = json!({ "jurisdiction": jurisdiction, "kind": tape.pick(&kinds) });
    for (i, section) in SECTIONS.iter().enumerate() {
        let mut map = Map::new();
        for field in vocabulary.section(i).iter().filter(|f| !f.spec.entity_id) {
            if let Some(v) = value(tape, field, compared) {
                map.insert(field.name.clone(), v);
            }
        }
        request[section.key] = Value::Object(map);
    }
    if dated || tape.below(8) != 0 {
        request["date"] = json!(tape.date());
    }
    request
}

/// Whether the request asks for data, or to make data more available.
fn widens_access(request: &Value) -> bool {
    let rank = |v: &Value| match v.as_str() {
        Some("none") => 0,
        Some("conditional") => 1,
        Some("unconditional") => 2,
        _ => -1,
    };
    match request["kind"].as_str() {
        Some("share" | "open" | "operate") => true,
        Some("reclassify") => {
            let a = &request["application"];
            rank(&a["from"]) >= 0 && rank(&a["to"]) > rank(&a["from"])
        }
        _ => false,
    }
}

fn tape() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(any::<u32>(), 256)
}

/// Each jurisdiction's engine, with the values its policies compare fields with.
type Engines = Vec<(&'static str, Engine, Vec<(String, Vec<Value>)>)>;

fn engines() -> Engines {
    builtin_jurisdictions()
        .into_iter()
        .map(|j| {
            let side = PolicySide::load(Sources::builtin(j).unwrap()).unwrap();
            (j, Engine::builtin(j).unwrap(), compared_values(&side))
        })
        .collect()
}

fn decide(engines: &Engines, value: Value) -> (Request, Verdict) {
    let request = Request::from_value(value).unwrap();
    let engine = &engines.iter().find(|(j, _, _)| *j == request.jurisdiction).unwrap().1;
    let verdict = engine.check(&request).unwrap();
    // The compiled policies decide every generated request as Cedar does, to the letter.
    let compiled = engine.check_compiled(&request);
    assert_eq!(compiled.as_ref(), Ok(&verdict), "compiled and Cedar differ on {}", value_text(&request));
    (request, verdict)
}

fn value_text(request: &Request) -> String {
    serde_json::to_string(request).unwrap_or_default()
}

/// The values of `/resource/flags` (the same in every built-in pack).
fn flags(engines: &Engines) -> Vec<String> {
    let spec = engines[0].1.vocabulary().field("/resource/flags").unwrap();
    spec.values.iter().map(|v| v.value.clone()).collect()
}

proptest! {
    #![proptest_config(Config { cases: 3000, max_global_rejects: 50_000, ..Config::default() })]

    #[test]
    fn verdicts_keep_the_contract(choices in tape()) {
        thread_local!(static ENGINES: Engines = engines());
        ENGINES.with(|engines| {
            let value = request(&mut Tape(choices.into_iter()), false, engines);
            let (request, verdict) = decide(engines, value.clone());
            // Refused if and only if there are violations.
            prop_assert_eq!(verdict.outcome == Outcome::Refused, !verdict.violations.is_empty());
            // A review says who decides.
            prop_assert!(verdict.outcome != Outcome::Review || verdict.route.is_some());
            // Deterministic: the same request gives the same verdict.
            prop_assert_eq!(&decide(engines, value).1, &verdict);
            // No deadline before the request date.
            if let Some(date) = request.date {
                let dues = verdict.route.iter().filter_map(|r| r.due).chain(verdict.obligations.iter().filter_map(|o| o.due));
                for due in dues {
                    prop_assert!(due >= date, "deadline {} before {}", due, date);
                }
            }
            // Every violation names a field of the request (a JSON Pointer) and an article.
            for v in &verdict.violations {
                prop_assert!(v.field.is_empty() || v.field.starts_with('/'));
            }
            Ok(())
        })?;
    }

    /// For requests that make data more available. A flag may rightly let a restriction
    /// through (e.g. 浙江 第十四条 grounds a move to "prohibited" in a sensitive category).
    #[test]
    fn a_sensitivity_flag_never_turns_a_refusal_into_a_grant(choices in tape(), flag in 0..8usize) {
        thread_local!(static ENGINES: Engines = engines());
        ENGINES.with(|engines| {
            let value = request(&mut Tape(choices.into_iter()), true, engines);
            prop_assume!(widens_access(&value));
            let (_, before) = decide(engines, value.clone());
            let mut flagged = value;
            let all = flags(engines);
            let added = json!(all[flag % all.len()]);
            let given = flagged["resource"]["flags"].as_array_mut().unwrap();
            if !given.contains(&added) {
                given.push(added);
            }
            let (_, after) = decide(engines, flagged);
            prop_assert!(!(before.outcome == Outcome::Refused && after.outcome == Outcome::Granted));
            Ok(())
        })?;
    }
}

/// Writes generated requests and their native verdicts for the WebAssembly parity run.
#[test]
#[ignore = "writes the parity corpus; run by scripts/test-parity"]
fn write_parity_corpus() {
    let path = std::env::var("PDP_PARITY_OUT").expect("PDP_PARITY_OUT names the output file");
    let count: usize = std::env::var("PDP_PARITY_COUNT").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let engines = engines();
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let strategy = tape();
    for _ in 0..count {
        let choices = strategy.new_tree(&mut runner).unwrap().current();
        let value = request(&mut Tape(choices.into_iter()), true, &engines);
        let (_, verdict) = decide(&engines, value.clone());
        // The verdict's JSON text, as a digest: the WebAssembly side must produce the same text.
        let text = serde_json::to_string(&verdict).unwrap();
        let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{}", json!({ "request": value, "outcome": verdict.outcome, "sha256": digest })).unwrap();
    }
    out.flush().unwrap();
}
