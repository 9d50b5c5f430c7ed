//! The compiled policies against Cedar: every scenario vector, and the request space `pdp
//! diff` decides around them (with the values the policies compare fields with), decided
//! by `Engine::check` and `Engine::check_compiled`, must give the same whole verdict — or
//! both fail to decide.

#![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails loudly")]

use std::path::Path;

use pubdata_policy::impact::{request_space, PolicySide};
use pubdata_policy::scenario::Suite;
use pubdata_policy::{builtin_jurisdictions, CompiledPack, Engine, Error, Request, Sources, Verdict};
use serde_json::Value;

fn suites(jurisdiction: &str) -> Vec<(String, Suite)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors").join(jurisdiction);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            (name, Suite::from_json(&std::fs::read_to_string(&f).unwrap()).unwrap())
        })
        .collect()
}

/// The verdict, or the kind of error: messages of evaluation errors name Cedar's or the
/// compiled form's own words.
fn outcome(decided: Result<Verdict, Error>) -> Result<Verdict, String> {
    decided.map_err(|e| match e {
        Error::Evaluation(_) => "evaluation".to_owned(),
        other => other.to_string(),
    })
}

/// Decides each request both ways; returns how many were decided and the differences.
fn compare(engine: &Engine, requests: impl IntoIterator<Item = Value>) -> (usize, usize, Vec<String>) {
    let (mut decided, mut verdicts, mut differ) = (0, 0, Vec::new());
    for value in requests {
        let Ok(request) = Request::from_value(value.clone()) else { continue };
        decided += 1;
        let by_cedar = outcome(engine.check(&request));
        let compiled = outcome(engine.check_compiled(&request));
        verdicts += usize::from(by_cedar.is_ok());
        if by_cedar != compiled && differ.len() < 5 {
            differ.push(format!("{value}\n  cedar:    {by_cedar:?}\n  compiled: {compiled:?}"));
        }
    }
    (decided, verdicts, differ)
}

#[test]
fn every_vector_gets_the_same_verdict_from_the_compiled_policies() {
    let mut total = 0;
    for j in builtin_jurisdictions() {
        let engine = Engine::builtin(j).unwrap();
        let requests =
            suites(j).into_iter().flat_map(|(_, s)| s.cases.iter().map(|c| s.request_of(c)).collect::<Vec<_>>());
        let (decided, verdicts, differ) = compare(&engine, requests);
        assert!(differ.is_empty(), "{j}:\n{}", differ.join("\n"));
        assert!(verdicts > 0, "{j}: no vector was decided");
        total += decided;
    }
    println!("{total} vectors decided alike");
}

#[test]
fn the_request_space_gets_the_same_verdicts_from_the_compiled_policies() {
    for j in builtin_jurisdictions() {
        let side = PolicySide::load(Sources::builtin(j).unwrap()).unwrap();
        let space = request_space(&side, &suites(j));
        let (decided, verdicts, differ) = compare(side.engine(), space);
        assert!(differ.is_empty(), "{j}:\n{}", differ.join("\n"));
        assert!(verdicts > 100, "{j}: only {verdicts} requests decided");
        println!("{j}: {decided} requests of the space decided alike");
    }
}

/// An engine made from a compiled pack alone — the built-in one, and one written as `pdp
/// pack` writes it and read back — gives Cedar's engine's verdicts, its policy set's
/// identity included, so that the server's `Engine::verify` accepts them.
#[test]
fn an_engine_from_a_compiled_pack_gives_cedars_verdicts_which_the_server_accepts() {
    for j in builtin_jurisdictions() {
        let by_cedar = Engine::builtin(j).unwrap();
        let sources = Sources::builtin(j).unwrap();
        let written = CompiledPack::compile(&sources, &by_cedar.policy_set().hash).unwrap();
        let read = CompiledPack::from_json(&serde_json::to_string(&written).unwrap()).unwrap();
        for pack in [CompiledPack::builtin(j).unwrap(), read] {
            let compiled = Engine::from_compiled(&pack).unwrap();
            assert_eq!(compiled.policy_set(), by_cedar.policy_set());
            let mut verified = 0;
            for (_, suite) in suites(j) {
                for case in &suite.cases {
                    let Ok(request) = Request::from_value(suite.request_of(case)) else { continue };
                    let (ours, theirs) = (outcome(by_cedar.check(&request)), outcome(compiled.check(&request)));
                    assert_eq!(ours, theirs, "{j}: {}", case.name);
                    if let Ok(verdict) = theirs {
                        let verification = by_cedar.verify(&request, &verdict).unwrap();
                        assert!(verification.same_policies && verification.same_verdict, "{j}: {}", case.name);
                        verified += 1;
                    }
                }
            }
            assert!(verified > 0, "{j}: no verdict verified");
        }
    }
}

#[test]
fn a_compiled_pack_that_cannot_be_read_is_named_as_one_in_both_languages() {
    let big = " ".repeat(pubdata_policy::MAX_COMPILED_PACK_BYTES + 1);
    for text in ["{", "[]", big.as_str()] {
        let report = CompiledPack::from_json(text).unwrap_err().report();
        assert_eq!(report.code, "invalid_policies");
        assert!(report.message.en.starts_with("the compiled pack: "), "{report:?}");
        assert!(report.message.zh.starts_with("编译规则包有误："), "{report:?}");
    }
}
