//! The engine's contract with policy authors: what a broken policy set gives, and that
//! a rule's numbers live in its annotations only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use pubdata_policy::scenario::{Case, Suite};
use pubdata_policy::{Engine, Error, Outcome, Request, ShareState, ShareUse, Sources};

fn ganzi() -> Sources {
    Sources::builtin("ganzi").unwrap()
}

fn with_policy(file: &str, text: &str) -> Sources {
    let mut s = ganzi();
    s.layers.last_mut().unwrap().policies.push((file.into(), text.into()));
    s
}

fn load_error(sources: &Sources) -> String {
    match Engine::from_sources(sources) {
        Err(e @ Error::Policies { .. }) => e.to_string(),
        other => panic!("expected a policy error, got {other:?}"),
    }
}

const CONDITIONAL_OPEN: &str =
    r#"{"jurisdiction":"ganzi","kind":"open","date":"2026-09-28","resource":{"opening":"conditional"}}"#;

#[test]
fn a_syntax_error_names_its_file() {
    let e = load_error(&with_policy("ganzi/broken.cedar", "permit (principal, action, resource"));
    assert!(e.starts_with("ganzi/broken.cedar"), "{e}");
}

#[test]
fn a_policy_that_reads_an_attribute_the_schema_lacks_is_rejected() {
    let policy = r#"@id("x.colour") @article("第一条") @field("/resource/colour") @zh("颜色") @en("colour")
        forbid (principal, action, resource) when { resource.colour == "red" };"#;
    let e = load_error(&with_policy("ganzi/colour.cedar", policy));
    assert!(e.contains("ganzi/colour.cedar") && e.contains("x.colour"), "{e}");
}

#[test]
fn a_mistyped_annotation_is_rejected() {
    let policy = r#"@id("x.typo") @outcome("review") @reviewer("provider") @workingdays("5") @article("第一条")
        permit (principal, action, resource);"#;
    let e = load_error(&with_policy("ganzi/typo.cedar", policy));
    assert!(e.contains("@workingdays"), "{e}");
}

#[test]
fn a_violation_without_an_article_is_rejected() {
    let policy = r#"@id("x.bare") @field("") @zh("不") @en("no") forbid (principal, action, resource);"#;
    let e = load_error(&with_policy("ganzi/bare.cedar", policy));
    assert!(e.contains("@article"), "{e}");
}

#[test]
fn working_days_must_be_a_positive_number() {
    let policy = r#"@id("x.days") @outcome("review") @reviewer("provider") @workingDays("five") @article("第一条")
        permit (principal, action, resource);"#;
    assert!(load_error(&with_policy("ganzi/days.cedar", policy)).contains("five"));
}

#[test]
fn a_duplicate_policy_id_is_rejected() {
    let s = ganzi();
    let (name, text) = s.layers.last().unwrap().policies[0].clone();
    let e = load_error(&with_policy(&format!("{name}.copy"), &text));
    assert!(e.contains("used twice"), "{e}");
}

#[test]
fn a_deadline_is_one_annotation() {
    let request = Request::from_json(CONDITIONAL_OPEN).unwrap();
    let before = Engine::from_sources(&ganzi()).unwrap().check(&request).unwrap();
    let mut edited = ganzi();
    for (_, text) in edited.layers.last_mut().unwrap().policies.iter_mut() {
        *text = text
            .replace("@workingDays(\"5\")\n@article(\"第二十六条\")", "@workingDays(\"3\")\n@article(\"第二十六条\")");
    }
    let after = Engine::from_sources(&edited).unwrap().check(&request).unwrap();
    let (b, a) = (before.route.unwrap(), after.route.unwrap());
    assert_eq!((b.working_days, b.due.unwrap().to_string()), (Some(5), "2026-10-10".into()));
    assert_eq!((a.working_days, a.due.unwrap().to_string()), (Some(3), "2026-10-08".into()));
}

#[test]
fn a_wrong_expected_article_fails_its_case() {
    let engine = Engine::builtin("ganzi").unwrap();
    let case: Case = serde_json::from_value(serde_json::json!({
        "name": "wrong article", "cites": ["第十七条"],
        "request": serde_json::from_str::<serde_json::Value>(CONDITIONAL_OPEN).unwrap(),
        "expect": { "outcome": "review", "route": { "article": "第十七条" } }
    }))
    .unwrap();
    let suite = Suite { description: String::new(), base: None, cases: vec![case] };
    let result = &suite.run(&engine)[0];
    assert!(!result.passed());
    let at = |path: &str| result.failures.iter().find(|d| d.path == path);
    let article = at("route.article").unwrap();
    assert_eq!(article.expected, "第十七条");
    let actual = article.actual.as_str().unwrap();
    assert_eq!(article.to_string(), format!("route.article: expected 第十七条, got {actual}"));
    assert_eq!(at("cites").unwrap().expected, "第十七条", "{:?}", result.failures);
}

#[test]
fn a_request_for_another_jurisdiction_is_an_error() {
    let engine = Engine::builtin("ganzi").unwrap();
    let request = Request::from_json(&CONDITIONAL_OPEN.replace("ganzi", "putuo")).unwrap();
    let e = engine.check(&request).unwrap_err();
    assert_eq!((e.code(), e.field()), ("wrong_jurisdiction", Some("/jurisdiction")));
}

#[test]
fn the_same_request_gives_the_same_verdict() {
    let engine = Engine::builtin("ganzi").unwrap();
    let request = Request::from_json(CONDITIONAL_OPEN).unwrap();
    let first = engine.check(&request).unwrap();
    assert_eq!(first.outcome, Outcome::Review);
    assert_eq!(engine.check(&request).unwrap(), first);
}

#[test]
fn an_unused_share_lapses_by_the_metadata_rule() {
    let mut sources = ganzi();
    let mut info: serde_json::Value =
        serde_json::from_str(sources.layers.last().unwrap().regulation.as_deref().unwrap()).unwrap();
    info["dormancy"] = serde_json::json!({ "article": "第一条", "suspendAfterMonths": 3, "terminateAfterDays": 30 });
    sources.layers.last_mut().unwrap().regulation = Some(info.to_string());
    let engine = Engine::from_sources(&sources).unwrap();
    let at = |today: &str, reason_given: bool| {
        let share = ShareUse {
            last_use: "2026-01-10".parse().unwrap(),
            today: today.parse().unwrap(),
            notice: None,
            reason_given,
            objected: false,
        };
        engine.share_status(&share).unwrap()
    };
    assert_eq!(at("2026-04-10", false).state, ShareState::Active);
    let suspended = at("2026-04-11", false);
    assert_eq!(suspended.state, ShareState::Suspended);
    assert_eq!(suspended.terminates_after.unwrap().to_string(), "2026-05-11");
    assert_eq!(at("2026-05-11", false).state, ShareState::Suspended);
    assert_eq!(at("2026-05-12", false).state, ShareState::Terminated);
    assert_eq!(at("2026-05-12", true).state, ShareState::Active);
    // Without the rule in the metadata, the question has no answer.
    let plain = Engine::builtin("ganzi").unwrap();
    let share = ShareUse {
        last_use: "2026-01-10".parse().unwrap(),
        today: "2026-05-12".parse().unwrap(),
        notice: None,
        reason_given: false,
        objected: false,
    };
    assert!(plain.share_status(&share).is_err());
}

/// A citizen ID with the right check digit but month 13 is refused for its birth date,
/// and the warning says what is wrong, not that the checksum fails.
#[test]
fn an_impossible_birth_date_is_named_as_such() {
    let engine = Engine::builtin("ganzi").unwrap();
    let request = |id: &str| {
        Request::from_json(&format!(
            r#"{{"jurisdiction":"ganzi","kind":"open","date":"2026-11-23","requester":{{"type":"citizen","idNumber":"{id}"}},
               "resource":{{"name":"公交线路","opening":"unconditional"}}}}"#
        ))
        .unwrap()
    };
    let verdict = engine.check(&request("360426199113010079")).unwrap();
    assert_eq!(verdict.violations.len(), 1, "{verdict:?}");
    assert_eq!(verdict.violations[0].rule, "ganzi.identity.birth_date");
    assert!(verdict.violations[0].message.zh.contains("出生日期"));
    let warning = &verdict.warnings.iter().find(|w| w.code == "invalid_identifier").unwrap().message;
    assert!(warning.en.contains("birth date") && !warning.en.contains("checksum:"), "{warning:?}");

    let verdict = engine.check(&request("360426199101010072")).unwrap();
    assert_eq!(verdict.violations[0].rule, "ganzi.identity.checksum");
    let warning = &verdict.warnings.iter().find(|w| w.code == "invalid_identifier").unwrap().message;
    assert!(warning.en.contains("fails its checksum"), "{warning:?}");
}
