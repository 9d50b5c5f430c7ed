//! Schedules: a review's steps in order, each counted from the due date of the step
//! before, set by policy annotations alone (`@after`, `@onRequest`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly"
)]

use chrono::{Days, NaiveDate};
use pubdata_policy::{Engine, Error, Outcome, Request, Sources};

const RESTRICTED: &str = r#"{"jurisdiction":"lishui","kind":"open","date":"DATE",
  "requester":{"type":"legal_person","rating":"AAA","securityLevel":3,
    "materials":["application_form","need_list","security_certificate","credit_report","security_commitment"]},
  "resource":{"name":"旅馆住宿统计","opening":"conditional"},
  "application":{"purpose":"innovation","scenario":"文旅客流预测","usageMode":"api"}}"#;

/// On every day of 2026 a restricted-data application gets the three steps of 丽水
/// 第十一条 in order, no step due before the step it follows, the route its first step.
#[test]
fn no_step_falls_due_before_the_step_it_follows() {
    let engine = Engine::builtin("lishui").unwrap();
    let mut day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    while day.format("%Y").to_string() == "2026" {
        let request = Request::from_json(&RESTRICTED.replace("DATE", &day.to_string())).unwrap();
        let verdict = engine.check(&request).unwrap();
        assert_eq!(verdict.outcome, Outcome::Review, "{day}");
        let steps = verdict.schedule.as_ref().unwrap();
        let articles: Vec<&str> = steps.iter().map(|s| s.article.as_str()).collect();
        assert_eq!(articles, ["第十一条第（二）项", "第十一条第（三）项", "第十一条第（四）项"], "{day}");
        let route = verdict.route.as_ref().unwrap();
        assert_eq!(
            (route.reviewer, route.due, route.article.as_str()),
            (steps[0].reviewer, steps[0].due, steps[0].article.as_str())
        );
        let dues: Vec<NaiveDate> = steps.iter().map(|s| s.due.unwrap()).collect();
        assert!(dues[0] > day && dues[0] < dues[1] && dues[1] < dues[2], "{day}: {dues:?}");
        assert_eq!(steps.iter().map(|s| s.on_request).collect::<Vec<_>>(), [false, false, true]);
        day = day.checked_add_days(Days::new(1)).unwrap();
    }
}

fn lishui_with(edit: impl Fn(&str) -> String) -> Sources {
    let mut s = Sources::builtin("lishui").unwrap();
    for (_, text) in s.layers.iter_mut().flat_map(|l| l.policies.iter_mut()) {
        *text = edit(text);
    }
    s
}

#[test]
fn a_step_after_an_unknown_policy_does_not_load() {
    let s = lishui_with(|t| t.replace("@after(\"lishui.open.normative_check\")", "@after(\"lishui.open.nowhere\")"));
    match Engine::from_sources(&s) {
        Err(e @ Error::Policies { .. }) => {
            let m = e.to_string();
            assert!(m.contains("lishui.open.nowhere") && m.contains("@after"), "{m}");
        }
        other => panic!("expected a policy error, got {other:?}"),
    }
}

/// Of several broken links the first policy in the files' order is named, on every load
/// (the engine keeps its policies in a map whose order changes from one load to the next).
#[test]
fn of_several_broken_steps_the_first_in_the_files_is_named() {
    let s = lishui_with(|t| t.replace("@after(\"lishui.open.", "@after(\"lishui.nowhere."));
    for _ in 0..8 {
        let m = Engine::from_sources(&s).unwrap_err().to_string();
        assert!(m.contains("policy `lishui.open.restricted.review`: `@after(\"lishui.nowhere."), "{m}");
    }
}

/// The order is the annotations': unlinking the need review from the check makes two
/// routes that compete (the later due date wins: the check, due 22 October, over the
/// need review's round ending 30 September), and the check has no step after it.
#[test]
fn the_schedule_follows_the_annotations_only() {
    let s = lishui_with(|t| t.replace("@after(\"lishui.open.normative_check\")\n", ""));
    let engine = Engine::from_sources(&s).unwrap();
    let request = Request::from_json(&RESTRICTED.replace("DATE", "2026-09-24")).unwrap();
    let verdict = engine.check(&request).unwrap();
    let route = verdict.route.unwrap();
    assert_eq!(route.article, "第十一条第（二）项");
    assert_eq!(route.due.unwrap().to_string(), "2026-10-22");
    assert_eq!(verdict.schedule, None);
}

/// A step that decides nothing (`@after` without `@outcome`) never admits a request
/// alone: a kind no ground decides stays undecided, and a grant lists no idle step.
#[test]
fn a_step_alone_decides_nothing() {
    let engine = Engine::builtin("putuo").unwrap();
    let share = r#"{"jurisdiction":"putuo","kind":"share","date":"2026-09-28",
      "requester":{"type":"department","name":"区市场监管局"},
      "resource":{"name":"企业登记信息","sharing":"conditional"},
      "application":{"purpose":"duty","needType":"接口","scenario":"企业开办","scenarioType":"one_network_service",
        "needBasis":"条例","businessGoal":"免于重复提交","dataContent":"名称","usageMode":"api","usageEveryDays":7,
        "securityLevel":2,"securityMeasures":"鉴权","commitment":true}}"#;
    let verdict = engine.check(&Request::from_json(share).unwrap()).unwrap();
    assert_eq!(verdict.outcome, Outcome::Granted);
    assert!(verdict.policies.iter().all(|p| !p.starts_with("putuo.share.dispute")), "{:?}", verdict.policies);

    let mut s = Sources::builtin("ganzi").unwrap();
    s.layers.last_mut().unwrap().policies.push((
        "ganzi/step.cedar".into(),
        r#"@id("ganzi.test.step") @article("第十八条") @reviewer("authority") @after("ganzi.share.conditional.review")
           @zh("争议") @en("dispute") permit (principal, action == Action::"operate", resource);"#
            .into(),
    ));
    let engine = Engine::from_sources(&s).unwrap();
    // A data request that does not say it is within the authorisation: no national ground.
    let operate = r#"{"jurisdiction":"ganzi","kind":"operate","date":"2026-09-28","requester":{"type":"operator"},
      "application":{"action":"request_data"}}"#;
    let verdict = engine.check(&Request::from_json(operate).unwrap()).unwrap();
    assert_eq!(verdict.outcome, Outcome::Refused);
    assert_eq!(verdict.violations[0].rule, "undecided");
    // Rules in force decide the kind, just not this request: the request as a whole lacks it.
    assert_eq!(verdict.violations[0].field, "");
    assert!(verdict.policies.is_empty(), "{:?}", verdict.policies);
}
