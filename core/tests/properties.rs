//! Properties of every verdict, over requests generated across the whole contract: all
//! enum values, fields present and missing, dates across years.
//!
//! `PDP_PARITY_OUT=FILE PDP_PARITY_COUNT=N cargo test -p pubdata-policy --test properties
//! -- --ignored write_parity_corpus` writes N generated requests with their native
//! verdicts as JSON Lines (outcome and the SHA-256 of the verdict's JSON text), for the
//! WebAssembly build to reproduce field for field.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use std::collections::HashMap;
use std::io::Write;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use pubdata_policy::{
    builtin_jurisdictions, Attribute, AttributeName, Engine, Flag, Jurisdiction, Kind, ListEntry, Material,
    OpeningGround, OperateAction, Outcome, Penalty, Rating, Request, RequesterType, ScenarioType, Treatment, UsageMode,
    Verdict,
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
    fn maybe<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        self.flip().then(|| self.pick(items))
    }
    fn subset<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        items.iter().copied().filter(|_| self.below(4) == 0).collect()
    }
    fn date(&mut self) -> String {
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(self.below(9 * 366) as u64);
        day.to_string()
    }
}

fn strs<T: serde::Serialize>(items: &[T]) -> Value {
    serde_json::to_value(items).unwrap()
}

const TEXTS: &[&str] = &["医保待遇资格核验", "《社会保险法》", " ", "x"];
const PURPOSES: &[&str] =
    &["duty", "public_service", "innovation", "urban_governance", "social_services", "research", "commercial", "其他"];
const IDS: &[&str] = &["360426199101010071", "11010519491231002X", "91110000600037341L", "915101007130000000", "123"];
const CATALOG: &[&str] = &[
    "name",
    "openingSubject",
    "format",
    "dataType",
    "updateFrequency",
    "source",
    "gradingLevel",
    "coverage",
    "managingBody",
    "description",
];

/// A request over the whole contract; `dated` decides whether the date may be absent.
fn request(tape: &mut Tape, dated: bool) -> Value {
    let text = |t: &mut Tape, m: &mut Map<String, Value>, key: &str| {
        if t.flip() {
            m.insert(key.into(), json!(t.pick(TEXTS)));
        }
    };
    let mut q = Map::new();
    if let Some(t) = tape.maybe(RequesterType::ALL) {
        q.insert("type".into(), json!(t));
    }
    if let Some(id) = tape.maybe(IDS) {
        q.insert("idNumber".into(), json!(id));
    }
    if let Some(r) = tape.maybe(Rating::ALL) {
        q.insert("rating".into(), json!(r));
    }
    if tape.flip() {
        q.insert("securityLevel".into(), json!(1 + tape.below(5)));
    }
    q.insert("dishonest".into(), json!(tape.below(4) == 0));
    q.insert("materials".into(), strs(&tape.subset(Material::ALL)));
    q.insert("penalties".into(), strs(&tape.subset(Penalty::ALL)));
    q.insert("lists".into(), strs(&tape.subset(ListEntry::ALL)));
    q.insert("principalCriminal".into(), json!(tape.below(6) == 0));

    let mut r = Map::new();
    text(tape, &mut r, "name");
    if let Some(a) = tape.maybe(Attribute::ALL) {
        r.insert("sharing".into(), json!(a));
    }
    if let Some(a) = tape.maybe(Attribute::ALL) {
        r.insert("opening".into(), json!(a));
    }
    r.insert("inCatalog".into(), json!(tape.below(5) != 0));
    r.insert("flags".into(), strs(&tape.subset(Flag::ALL)));
    r.insert("treatments".into(), strs(&tape.subset(Treatment::ALL)));

    let mut a = Map::new();
    for key in [
        "scenario",
        "needBasis",
        "businessGoal",
        "securityMeasures",
        "needType",
        "dataContent",
        "fusionPlan",
        "lowFrequencyReason",
        "reason",
        "conditions",
        "legalBasis",
        "notAggregatedBasis",
        "authorityApproval",
    ] {
        text(tape, &mut a, key);
    }
    if let Some(p) = tape.maybe(PURPOSES) {
        a.insert("purpose".into(), json!(p));
    }
    for key in [
        "commitment",
        "thirdPartyTransfer",
        "crossLevel",
        "crossRegion",
        "keyWorkEvaluated",
        "fusion",
        "filed",
        "securityNeed",
        "authorityProposal",
        "reReview",
        "ownData",
        "subjectAuthorized",
        "productApproved",
    ] {
        a.insert(key.into(), json!(tape.flip()));
    }
    for key in ["aggregated", "withinScope"] {
        if tape.flip() {
            a.insert(key.into(), json!(tape.flip()));
        }
    }
    if let Some(v) = tape.maybe(ScenarioType::ALL) {
        a.insert("scenarioType".into(), json!(v));
    }
    if let Some(v) = tape.maybe(UsageMode::ALL) {
        a.insert("usageMode".into(), json!(v));
    }
    if tape.flip() {
        a.insert("usageEveryDays".into(), json!(1 + tape.below(200)));
    }
    if tape.flip() {
        a.insert("securityLevel".into(), json!(1 + tape.below(5)));
    }
    if let Some(v) = tape.maybe(OpeningGround::ALL) {
        a.insert("openingGround".into(), json!(v));
    }
    if let Some(v) = tape.maybe(AttributeName::ALL) {
        a.insert("attribute".into(), json!(v));
    }
    if let Some(v) = tape.maybe(Attribute::ALL) {
        a.insert("from".into(), json!(v));
    }
    if let Some(v) = tape.maybe(Attribute::ALL) {
        a.insert("to".into(), json!(v));
    }
    if let Some(v) = tape.maybe(OperateAction::ALL) {
        a.insert("action".into(), json!(v));
    }
    if tape.flip() {
        a.insert("agreementStart".into(), json!(tape.date()));
    }
    if tape.flip() {
        let keys = tape.subset(CATALOG);
        a.insert("catalog".into(), Value::Object(keys.into_iter().map(|k| (k.to_owned(), json!("x"))).collect()));
    }

    let mut request = json!({
        "jurisdiction": tape.pick(Jurisdiction::ALL),
        "kind": tape.pick(Kind::ALL),
        "requester": q, "resource": r, "application": a,
    });
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
    proptest::collection::vec(any::<u32>(), 160)
}

fn engines() -> HashMap<Jurisdiction, Engine> {
    builtin_jurisdictions().into_iter().map(|j| (j, Engine::builtin(j).unwrap())).collect()
}

fn decide(engines: &HashMap<Jurisdiction, Engine>, value: Value) -> (Request, Verdict) {
    let request = Request::from_value(value).unwrap();
    let verdict = engines[&request.jurisdiction].check(&request).unwrap();
    (request, verdict)
}

proptest! {
    #![proptest_config(Config { cases: 3000, max_global_rejects: 50_000, ..Config::default() })]

    #[test]
    fn verdicts_keep_the_contract(choices in tape()) {
        thread_local!(static ENGINES: HashMap<Jurisdiction, Engine> = engines());
        ENGINES.with(|engines| {
            let value = request(&mut Tape(choices.into_iter()), false);
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
    fn a_sensitivity_flag_never_turns_a_refusal_into_a_grant(choices in tape(), flag in 0..Flag::ALL.len()) {
        thread_local!(static ENGINES: HashMap<Jurisdiction, Engine> = engines());
        ENGINES.with(|engines| {
            let value = request(&mut Tape(choices.into_iter()), true);
            prop_assume!(widens_access(&value));
            let (_, before) = decide(engines, value.clone());
            let mut flagged = value;
            let flags = flagged["resource"]["flags"].as_array_mut().unwrap();
            let added = json!(Flag::ALL[flag]);
            if !flags.contains(&added) {
                flags.push(added);
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
        let value = request(&mut Tape(choices.into_iter()), true);
        let (_, verdict) = decide(&engines, value.clone());
        // The verdict's JSON text, as a digest: the WebAssembly side must produce the same text.
        let text = serde_json::to_string(&verdict).unwrap();
        let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{}", json!({ "request": value, "outcome": verdict.outcome, "sha256": digest })).unwrap();
    }
    out.flush().unwrap();
}
