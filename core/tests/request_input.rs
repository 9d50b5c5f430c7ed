//! What a request that cannot be read gets: the field at fault (a JSON Pointer), the
//! value and what was expected — for dates, enum values, duplicate keys, JSON syntax,
//! and text that only looks filled in.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "a test fails loudly")]

use pubdata_policy::scenario::Suite;
use pubdata_policy::{check_json, Error, Outcome, Request};
use serde_json::json;

#[path = "support/english.rs"]
mod english;
use english::english_in;

const SHARE: &str = include_str!("../../examples/ganzi-share.json");

/// The example 甘孜 share with `patch` merged into it (RFC 7396).
fn share_with(patch: serde_json::Value) -> String {
    let mut request: serde_json::Value = serde_json::from_str(SHARE).unwrap();
    json_patch::merge(&mut request, &patch);
    request.to_string()
}

/// The error a request gets: the envelope is read by `Request::from_json`, its fields by
/// the jurisdiction's pack when it is checked.
fn error_of(text: &str) -> (String, String) {
    match Request::from_json(text).and_then(|_| check_json(text)) {
        Err(Error::InvalidRequest { field, message }) => (field, message.en),
        other => panic!("expected an invalid request, got {other:?} for {text}"),
    }
}

#[test]
fn dates_are_exactly_yyyy_mm_dd_in_range_with_the_field_named() {
    for bad in ["+10000-01-01", "-0001-01-01", "2026-1-5", " 2026-01-05", "2026-01-05T00:00:00", "9999-12-31"] {
        let (field, message) = error_of(&share_with(serde_json::json!({ "date": bad })));
        assert_eq!(field, "/date", "{bad}: {message}");
        assert!(message.contains(bad), "{bad}: {message}");
        let (field, _) = error_of(&share_with(serde_json::json!({ "application": { "agreementStart": bad } })));
        assert_eq!(field, "/application/agreementStart", "{bad}");
    }
    let (_, message) = error_of(&share_with(serde_json::json!({ "date": "9999-12-31" })));
    assert!(message.contains("1900-01-01 to 2999-12-31"), "{message}");
    // The range's last day still decides, deadline and all.
    let verdict = check_json(&share_with(serde_json::json!({ "date": "2999-12-31" }))).unwrap();
    assert_eq!(verdict.outcome, Outcome::Refused);
}

#[test]
fn a_whole_number_out_of_range_or_of_another_type_is_named_with_its_range() {
    let cases = [
        (serde_json::json!(6), "`6` is out of range, expected a whole number from 1 to 5"),
        (serde_json::json!(2.5), "`2.5` is out of range, expected a whole number from 1 to 5"),
        (serde_json::json!("3"), "invalid type: string \"3\", expected a whole number from 1 to 5"),
        (serde_json::json!([3]), "invalid type: a list, expected a whole number from 1 to 5"),
    ];
    for (level, expected) in cases {
        let (field, message) = error_of(&share_with(serde_json::json!({ "requester": { "securityLevel": level } })));
        assert_eq!(field, "/requester/securityLevel", "{level}");
        assert_eq!(message, expected, "{level}");
    }
}

#[test]
fn an_enum_value_is_text_only() {
    let (field, message) = error_of(&share_with(serde_json::json!({ "jurisdiction": { "ganzi": null } })));
    assert_eq!(field, "/jurisdiction", "{message}");
    let (field, _) = error_of(&share_with(serde_json::json!({ "resource": { "sharing": { "conditional": null } } })));
    assert_eq!(field, "/resource/sharing");
    let (field, _) = error_of(&share_with(serde_json::json!({ "resource": { "flags": [{ "personal_info": null }] } })));
    assert_eq!(field, "/resource/flags/0");
}

#[test]
fn a_key_given_twice_is_refused_not_overwritten() {
    let twice =
        SHARE.replacen("\"jurisdiction\": \"ganzi\",", "\"jurisdiction\": \"ganzi\", \"jurisdiction\": \"putuo\",", 1);
    let (field, message) = error_of(&twice);
    assert_eq!(field, "/jurisdiction");
    assert!(message.contains("twice"), "{message}");
    let nested = SHARE.replacen("\"commitment\": true,", "\"commitment\": true, \"commitment\": false,", 1);
    assert_eq!(error_of(&nested).0, "/application/commitment");
}

#[test]
fn a_syntax_error_names_the_value_being_read() {
    let cases = [
        ("\"usageMode\": \"api\"", "\"usageEveryDays\": 1e400", "/application/usageEveryDays"),
        ("\"usageMode\": \"api\"", "\"usageEveryDays\": NaN", "/application/usageEveryDays"),
        ("\"usageMode\": \"api\"", "\"usageEveryDays\": 030", "/application/usageEveryDays"),
        ("\"name\": \"人口基础信息\"", "\"name\": \"\\ud800\"", "/resource/name"),
        ("\"name\": \"人口基础信息\"", "\"name\": \"人口\n基础信息\"", "/resource/name"),
    ];
    for (from, to, pointer) in cases {
        let (field, message) = error_of(&SHARE.replacen(from, to, 1));
        assert_eq!(field, pointer, "{to}: {message}");
        assert!(message.contains("line") && message.contains("column"), "{message}");
    }
}

#[test]
fn text_of_whitespace_zero_width_or_control_characters_is_absent() {
    let scenario = |s: &str| check_json(&share_with(serde_json::json!({ "application": { "scenario": s } }))).unwrap();
    for blank in ["\u{200b}", "\u{0}", " \u{3000}\u{feff} ", "\u{1b}\u{7}"] {
        let verdict = scenario(blank);
        assert_eq!(verdict.outcome, Outcome::Refused, "{blank:?}");
        assert_eq!(verdict.violations[0].field, "/application/scenario", "{blank:?}");
    }
    assert_eq!(scenario("医保待遇资格核验").outcome, Outcome::Review);
}

/// Requests that cannot be read, each in another way: the scenario vectors' error cases, a
/// request wrong in each way a reader refuses, and text that is not JSON or is too large.
fn unreadable_requests() -> Vec<String> {
    let mut texts = Vec::new();
    for jurisdiction in pubdata_policy::builtin_jurisdictions() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors").join(jurisdiction);
        for file in std::fs::read_dir(folder).unwrap() {
            let suite = Suite::from_json(&std::fs::read_to_string(file.unwrap().path()).unwrap()).unwrap();
            for case in suite.cases.iter().filter(|c| c.expect.error.is_some() && c.share.is_none()) {
                texts.push(suite.request_of(case).to_string());
            }
        }
    }
    let patches = [
        json!({ "colour": "red" }),
        json!({ "jurisdiction": 5 }),
        json!({ "jurisdiction": "atlantis" }),
        json!({ "kind": "lend" }),
        json!({ "kind": ["share"] }),
        json!({ "date": "2026-13-01" }),
        json!({ "date": "23/11/2026" }),
        json!({ "date": "9999-12-31" }),
        json!({ "date": true }),
        json!({ "requester": "x" }),
        json!({ "application": 1 }),
        json!({ "requester": { "securityLevel": 6 } }),
        json!({ "requester": { "securityLevel": "3" } }),
        json!({ "requester": { "securityLevel": 2.5 } }),
        json!({ "requester": { "colour": "red" } }),
        json!({ "resource": { "sharing": "partly" } }),
        json!({ "resource": { "flags": "secret" } }),
        json!({ "resource": { "flags": [1] } }),
        json!({ "resource": { "flags": ["secret"] } }),
        json!({ "application": { "commitment": "yes" } }),
        json!({ "application": { "reason": 5 } }),
        json!({ "application": { "reason": "字".repeat(4097) } }),
        json!({ "application": { "agreementStart": "2026-02-30" } }),
        json!({ "application": { "agreementStart": null, "catalog": { "colour": "x" } } }),
        json!({ "application": { "catalog": [] } }),
    ];
    texts.extend(patches.iter().map(|p| share_with(p.clone())));
    let deep = format!("{}{}", "[".repeat(20), "]".repeat(20));
    texts.extend([
        "[]".to_owned(),
        "{\"jurisdiction\": \"ganzi\"}".to_owned(),
        "{\"kind\": \"share\"}".to_owned(),
        "{\"jurisdiction\": \"ganzi\", \"jurisdiction\": \"putuo\", \"kind\": \"share\"}".to_owned(),
        "{\"jurisdiction\" \"ganzi\"}".to_owned(),
        "{\"jurisdiction\": \"ganzi\",".to_owned(),
        "{\"jurisdiction\": \"ganzi\", \"kind\": \"share\"} x".to_owned(),
        "{\"a\": NaN}".to_owned(),
        "{\"a\": 1e400}".to_owned(),
        "{\"a\": \"\\ud800\"}".to_owned(),
        format!("{{\"a\": {deep}}}"),
        format!("{{\"a\": \"{}\"}}", "x".repeat(pubdata_policy::MAX_REQUEST_BYTES)),
    ]);
    texts
}

#[test]
#[cfg_attr(not(feature = "zh-detail"), ignore = "the Chinese detail is the `zh-detail` feature's")]
fn every_unreadable_request_is_said_in_chinese() {
    let texts = unreadable_requests();
    assert!(texts.len() > 40, "{} requests", texts.len());
    for text in &texts {
        let error = match Request::from_json(text).and_then(|_| check_json(text)) {
            Err(e @ Error::InvalidRequest { .. }) => e,
            other => panic!("expected an invalid request, got {other:?} for {text:.200}"),
        };
        let report = error.report();
        let field = report.field.clone().unwrap_or_default();
        let detail = english::detail_of(&report.message.zh, &field).unwrap_or_else(|| panic!("{report:?}"));
        assert!(!detail.is_empty(), "{report:?}");
        assert_eq!(english_in(detail), Vec::<String>::new(), "{} for {text:.200}", report.message.zh);
    }
}

#[test]
fn an_unreadable_requests_english_names_the_field_at_fault_or_none() {
    let (mut whole, mut fields) = (0, 0);
    for text in &unreadable_requests() {
        let report = match Request::from_json(text).and_then(|_| check_json(text)) {
            Err(e @ Error::InvalidRequest { .. }) => e.report(),
            other => panic!("expected an invalid request, got {other:?} for {text:.200}"),
        };
        let frame = match report.field.as_deref().unwrap_or_default() {
            "" => {
                whole += 1;
                "invalid request: ".to_owned()
            }
            field => {
                fields += 1;
                format!("invalid request at `{field}`: ")
            }
        };
        assert!(report.message.en.starts_with(&frame), "{:?} for {text:.200}", report.message.en);
    }
    assert!(whole > 0 && fields > 0, "{whole} requests wrong as a whole, {fields} in a field");
}

#[test]
fn english_is_found_outside_quotes_only() {
    assert_eq!(english_in("类型无效：字符串 \"x y\"，应为 `a b` 之一"), Vec::<String>::new());
    assert_eq!(english_in("不是有效的 JSON：expected value"), ["expected", "value"]);
}
