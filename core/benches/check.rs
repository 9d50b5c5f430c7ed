//! Native per-check and construction times, and the hand-written floor.
//!
//! `cargo bench -p pubdata-policy --bench check` (see BENCHMARKS.md). Groups:
//!
//! - `check/<jurisdiction>/<kind>`: `Engine::check` on a parsed `Request`, the
//!   representative request of each jurisdiction and kind (`common::representatives`);
//! - `check_compiled/<jurisdiction>/<kind>`: the same by `Engine::check_compiled`, the
//!   compiled policies instead of Cedar;
//! - `check_json/<jurisdiction>/<kind>`: the same from JSON text (`Request::from_json` and
//!   `Engine::check`: what `pdp check` and the WebAssembly `checkJson` do);
//! - `corpus/<jurisdiction>`: every readable request of the jurisdiction's scenario files,
//!   decided one after the other (throughput = requests);
//! - `engine/<jurisdiction>`: `Engine::builtin` (parse, validate, read annotations);
//! - `floor/<request>` with `engine`, `compiled` and `hand_written` side by side: a handful
//!   of 甘孜 sharing requests decided by `Engine::check`, by `Engine::check_compiled` and by
//!   the plain Rust below, which give the same verdict field for field (checked before
//!   measuring).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark fails loudly"
)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pubdata_policy::{
    builtin_jurisdictions, citizen_id_problem, credit_code_problem, Calendar, Engine, Ground, IdProblem, Message,
    Obligation, Outcome, PolicySetId, Request, Reviewer, Route, Verdict, Violation, Warning,
};
use serde_json::{Map, Value};

fn checks(c: &mut Criterion) {
    let reps = common::representatives();
    let engines: Vec<(&str, Engine)> =
        builtin_jurisdictions().into_iter().map(|j| (j, Engine::builtin(j).unwrap())).collect();
    let engine_of = |j: &str| &engines.iter().find(|(e, _)| *e == j).unwrap().1;

    type Check = fn(&Engine, &Request) -> Result<pubdata_policy::Verdict, pubdata_policy::Error>;
    let deciders: [(&str, Check); 2] = [("check", Engine::check), ("check_compiled", Engine::check_compiled)];
    for (name, decide) in deciders {
        let mut group = c.benchmark_group(name);
        for rep in &reps {
            let engine = engine_of(&rep.jurisdiction);
            let request = Request::from_json(&rep.json).unwrap();
            decide(engine, &request).unwrap();
            group.bench_function(rep.label(), |b| b.iter(|| decide(engine, black_box(&request)).unwrap()));
        }
        group.finish();
    }

    let mut group = c.benchmark_group("check_json");
    for rep in &reps {
        let engine = engine_of(&rep.jurisdiction);
        group.bench_function(rep.label(), |b| {
            b.iter(|| engine.check(&Request::from_json(black_box(&rep.json)).unwrap()).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("corpus");
    for (jurisdiction, engine) in &engines {
        let requests: Vec<Request> =
            common::corpus(jurisdiction).iter().map(|t| Request::from_json(t).unwrap()).collect();
        group.throughput(Throughput::Elements(requests.len() as u64));
        group.bench_function(*jurisdiction, |b| {
            b.iter(|| {
                for r in &requests {
                    // Some corpus requests are errors by design (a wrong date, say): decided all the same.
                    let _ = black_box(engine.check(black_box(r)));
                }
            })
        });
    }
    group.finish();
}

fn construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group.sample_size(20);
    for jurisdiction in builtin_jurisdictions() {
        group.bench_function(jurisdiction, |b| b.iter(|| Engine::builtin(black_box(jurisdiction)).unwrap()));
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------
// The floor: 甘孜 sharing (policies/ganzi/share.cedar and identity.cedar) as plain Rust.
// It knows every article, text and deadline by heart, so it has nothing to parse, look up
// or evaluate: the least any implementation must do to give the same verdict.

const SHARE_REQUESTS: &[(&str, &str)] = &[
    ("conditional_review", "{}"),
    ("missing_scenario", r#"{"application":{"scenario":null}}"#),
    ("unconditional_granted", r#"{"resource":{"sharing":"unconditional"}}"#),
    ("not_shareable_third_party", r#"{"resource":{"sharing":"none"},"application":{"thirdPartyTransfer":true}}"#),
    ("cross_level_review", r#"{"application":{"crossLevel":true}}"#),
    (
        "citizen_incomplete",
        r#"{"requester":{"type":"citizen","idNumber":null},"application":{"purpose":null,"commitment":false}}"#,
    ),
];

struct Floor {
    title: String,
    calendar: Calendar,
    policy_set: PolicySetId,
    years: String,
}

fn msg(zh: &str, en: &str) -> Message {
    Message { zh: zh.to_owned(), en: en.to_owned() }
}

/// A text field, when given and not blank.
fn text<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn blank(m: &Map<String, Value>, key: &str) -> bool {
    text(m, key).is_none()
}

fn yes(m: &Map<String, Value>, key: &str) -> bool {
    m.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn word<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

impl Floor {
    fn violation(&self, rule: &str, article: &str, field: &str, zh: &str, en: &str) -> Violation {
        Violation {
            rule: rule.to_owned(),
            regulation: self.title.clone(),
            article: article.to_owned(),
            field: field.to_owned(),
            message: msg(zh, en),
        }
    }

    fn check(&self, r: &Request) -> Verdict {
        let date = r.date.unwrap();
        let (req, res, app) = (&r.requester, &r.resource, &r.application);
        let mut policies: Vec<&str> = Vec::new();
        let mut violations = Vec::new();
        let mut warnings = Vec::new();
        let mut v = |id: &'static str, article, field, zh, en| {
            policies.push(id);
            violations.push(self.violation(id, article, field, zh, en));
        };

        let number = text(req, "idNumber").map(str::trim);
        let id_problem = number.and_then(|n| match word(req, "type") {
            Some("citizen") => citizen_id_problem(n),
            Some(_) => credit_code_problem(n),
            None => match (citizen_id_problem(n), credit_code_problem(n)) {
                (None, _) | (_, None) => None,
                (Some(IdProblem::Format), credit) => credit,
                (citizen, _) => citizen,
            },
        });
        match id_problem {
            None => {}
            Some(IdProblem::BirthDate) => v("ganzi.identity.birth_date", "第十条", "/requester/idNumber",
              "公民身份号码中的出生日期（第7至14位）不是真实日期：自然人以公民身份号码作为唯一标识",
              "The birth date in the citizen ID number (its 7th to 14th digits) is not a real day: natural persons are identified by citizen ID number"),
            Some(_) => v("ganzi.identity.checksum", "第十条", "/requester/idNumber",
              "证件号码未通过校验（格式或校验码不符）：自然人以公民身份号码、法人和非法人组织以统一社会信用代码作为唯一标识",
              "The identifier fails its format or checksum: natural persons are identified by citizen ID number, legal persons and other organisations by unified social credit code"),
        }
        if !matches!(word(req, "type"), Some("department" | "public_service_org")) {
            v("ganzi.share.requester_type", "第十三条", "/requester/type",
              "公共数据共享限于政务部门和公共服务组织之间；自然人、法人和非法人组织请通过公共数据开放渠道申请",
              "Sharing is between government departments and public service organisations only; others apply for opened data instead");
        }
        let purpose_ok = matches!(text(app, "purpose"), Some("duty" | "public_service"));
        if !purpose_ok {
            v(
                "ganzi.share.purpose",
                "第十三条",
                "/application/purpose",
                "共享须为履行法定职责或提供公共服务需要，请选择相应用途",
                "Sharing must serve the requester's statutory duties or a public service: choose that purpose",
            );
        }
        if blank(res, "name") {
            v(
                "ganzi.share.data_name",
                "第十八条",
                "/resource/name",
                "请填写申请共享的数据名称",
                "Name the data you apply for",
            );
        }
        if yes(app, "thirdPartyTransfer") {
            v(
                "ganzi.share.third_party",
                "第十九条",
                "/application/thirdPartyTransfer",
                "通过共享获取的公共数据不得以任何形式提供给第三方",
                "Shared data may not be given to a third party in any form",
            );
        }
        let in_catalog = res.get("inCatalog").and_then(Value::as_bool).unwrap_or(true);
        let sharing = word(res, "sharing");
        if in_catalog && sharing.is_none() {
            v(
                "ganzi.share.attribute_required",
                "第十四条",
                "/resource/sharing",
                "目录内数据须注明共享属性（无条件共享、有条件共享或不予共享）",
                "Catalogued data must state its sharing attribute (unconditional, conditional or none)",
            );
        }
        if in_catalog && sharing == Some("none") {
            v("ganzi.share.not_shareable", "第十四条", "/resource/sharing",
              "该数据属于不予共享类，不宜提供共享；经脱敏脱密或权利人同意变更属性后方可申请",
              "This data is not for sharing; it can be requested only after it is reclassified (desensitised or with the rights holder's consent)");
        }
        let conditional = in_catalog && sharing == Some("conditional");
        if conditional && blank(app, "scenario") {
            v(
                "ganzi.share.conditional.scenario",
                "第十八条",
                "/application/scenario",
                "申请有条件共享数据，应当明确应用场景",
                "An application for conditionally shared data must state the use scenario",
            );
        }
        if conditional && blank(app, "needBasis") {
            v(
                "ganzi.share.conditional.need_basis",
                "第十八条",
                "/application/needBasis",
                "申请有条件共享数据，应当明确需求依据",
                "An application for conditionally shared data must state the basis of the need",
            );
        }
        if conditional && blank(app, "businessGoal") {
            v(
                "ganzi.share.conditional.business_goal",
                "第十八条",
                "/application/businessGoal",
                "申请有条件共享数据，应当明确业务目标",
                "An application for conditionally shared data must state the business goal",
            );
        }
        if conditional && blank(app, "securityMeasures") {
            v(
                "ganzi.share.conditional.security_measures",
                "第十八条",
                "/application/securityMeasures",
                "申请有条件共享数据，应当明确相关安全保障措施",
                "An application for conditionally shared data must state its security measures",
            );
        }
        if conditional && !yes(app, "commitment") {
            v(
                "ganzi.share.conditional.commitment",
                "第十八条",
                "/application/commitment",
                "申请有条件共享数据，应当承诺其真实性、安全性、合规性",
                "An application for conditionally shared data must commit to its truthfulness, security and compliance",
            );
        }

        let mut verdict = if !violations.is_empty() {
            Verdict {
                outcome: Outcome::Refused,
                violations,
                route: None,
                schedule: None,
                obligations: vec![],
                warnings: vec![],
                grounds: vec![],
                policies: policies.iter().map(|p| (*p).to_owned()).collect(),
                policy_set: Some(self.policy_set.clone()),
            }
        } else {
            // (rule, review?, reviewer, working days, priority, zh, en), in the file's order.
            type G = (&'static str, bool, Reviewer, Option<u32>, i64, &'static str, &'static str, &'static str);
            let mut fired: Vec<G> = Vec::new();
            if in_catalog && sharing == Some("unconditional") {
                fired.push(("ganzi.share.unconditional.granted", false, Reviewer::Authority, Some(1), 0, "第十八条",
                    "同级数据主管部门在1个工作日内完成形式审核，申请单位自动取得数据使用授权",
                    "The same-level data authority completes a formal check within 1 working day and the requester is authorised automatically"));
            }
            if conditional {
                fired.push(("ganzi.share.conditional.review", true, Reviewer::Provider, Some(5), 0, "第十八条",
                    "提供单位自收到申请之日起5个工作日内答复；不予共享的应说明理由并提供依据，发生争议的由同级公共数据管理机构协调解决",
                    "The provider answers within 5 working days of receipt; a refusal gives reasons and its basis, and disputes are settled by the same-level data authority"));
            }
            if !in_catalog {
                fired.push((
                    "ganzi.share.uncatalogued.review",
                    true,
                    Reviewer::Provider,
                    Some(5),
                    0,
                    "第二十一条",
                    "尚未列入公共数据目录的数据，提供单位在5个工作日内完成需求响应",
                    "For data not yet in the catalogue, the provider responds to the demand within 5 working days",
                ));
            }
            if yes(app, "crossLevel") || yes(app, "crossRegion") {
                fired.push(("ganzi.share.cross_level.review", true, Reviewer::Authority, None, 1, "第二十一条",
                    "跨层级、跨区域公共数据由同级公共数据管理机构会同有关部门协调获取",
                    "Cross-level or cross-region data is obtained through the same-level data authority, which coordinates with the bodies concerned"));
            }
            let review = fired.iter().any(|g| g.1);
            let deciding: Vec<&G> = fired.iter().filter(|g| g.1 == review).collect();
            let mut route: Option<(i64, Option<chrono::NaiveDate>, bool, Route)> = None;
            for g in &deciding {
                let deadline = g.3.map(|n| self.calendar.add_working_days(date, n));
                let due = deadline.map(|d| d.due);
                // The highest priority wins, then the latest due date, then the first in order.
                if route.as_ref().is_none_or(|(p, d, ..)| (g.4, due) > (*p, *d)) {
                    let r = Route {
                        reviewer: g.2,
                        working_days: g.3,
                        due,
                        silence_means_approval: false,
                        regulation: self.title.clone(),
                        article: g.5.to_owned(),
                        message: Some(msg(g.6, g.7)),
                    };
                    route = Some((g.4, due, deadline.is_some_and(|d| !d.covered), r));
                }
            }
            let uncovered = route.as_ref().filter(|r| r.2).and_then(|r| r.1);
            let grounds = deciding
                .iter()
                .map(|g| Ground { rule: g.0.to_owned(), regulation: self.title.clone(), article: g.5.to_owned() })
                .collect();
            let obligation = |rule: &str, zh, en| Obligation {
                rule: rule.to_owned(),
                regulation: self.title.clone(),
                article: "第十九条".to_owned(),
                message: msg(zh, en),
                working_days: None,
                due: None,
            };
            let obligations = vec![
                obligation("ganzi.share.usage_log", "建立使用日志，记录使用时间、人员、目的等信息，定期审查数据使用情况",
                    "Keep a usage log recording time, person and purpose, and review the use regularly"),
                obligation("ganzi.share.scope", "共享数据仅用于本单位履行法定职责、提供公共服务需要，不得扩大使用范围",
                    "Use the shared data only for your own statutory duties or public services, never beyond that scope"),
            ];
            let mut all: Vec<String> = fired.iter().map(|g| g.0.to_owned()).collect();
            all.push("ganzi.share.usage_log".to_owned());
            all.push("ganzi.share.scope".to_owned());
            if let Some(due) = uncovered {
                warnings.push(Warning {
                    code: "calendar_out_of_range".into(),
                    message: Message {
                        zh: format!("期限{due}超出节假日数据覆盖的年份（{}），超出部分仅按周末计算工作日", self.years),
                        en: format!("the deadline {due} reaches beyond the years the holiday data covers ({}); there, only weekends were taken as days off", self.years),
                    },
                    rule: None,
                    regulation: None,
                    article: None,
                });
            }
            Verdict {
                outcome: if review { Outcome::Review } else { Outcome::Granted },
                violations: vec![],
                route: route.map(|(.., r)| r),
                schedule: None,
                obligations,
                warnings: vec![],
                grounds,
                policies: all,
                policy_set: Some(self.policy_set.clone()),
            }
        };
        verdict.warnings.append(&mut warnings);
        if let (Some(problem), Some(n)) = (id_problem, number) {
            let (zh, en) = match problem {
                IdProblem::Format => (
                    "不符合格式：应为18位（17位数字加1位校验码）",
                    "is not in the format: 18 characters, 17 digits or code characters and a check character",
                ),
                IdProblem::BirthDate => (
                    "第7至14位的出生日期不是真实日期",
                    "has a birth date (its 7th to 14th digits) that is not a real day",
                ),
                IdProblem::Checksum => {
                    ("校验码不符", "fails its checksum: the last character is not the one the others give")
                }
            };
            verdict.warnings.push(Warning {
                code: "invalid_identifier".into(),
                message: Message {
                    zh: format!("证件号码 `{n}` {zh}（公民身份号码 GB 11643 或统一社会信用代码 GB 32100）"),
                    en: format!(
                        "the identifier `{n}` {en} (citizen ID GB 11643 or unified social credit code GB 32100)"
                    ),
                },
                rule: None,
                regulation: None,
                article: None,
            });
        }
        verdict
    }
}

fn floor(c: &mut Criterion) {
    let engine = Engine::builtin("ganzi").unwrap();
    let regulation = &engine.info().regulations[0];
    let floor = Floor {
        title: regulation.title.clone(),
        calendar: engine.calendar().clone(),
        policy_set: engine.policy_set().clone(),
        years: engine.calendar().years().map(|y| y.to_string()).collect::<Vec<_>>().join(", "),
    };
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::vector_dir().join("ganzi/share.json")).unwrap())
            .map(|suite: serde_json::Value| suite["base"].clone())
            .unwrap();

    let mut group = c.benchmark_group("floor");
    for (name, patch) in SHARE_REQUESTS {
        let mut json = base.clone();
        json_patch::merge(&mut json, &serde_json::from_str(patch).unwrap());
        let request = Request::from_value(json).unwrap();
        assert!(regulation.in_force_on(request.date.unwrap()), "the floor knows no regulation_not_in_force");
        let expected = engine.check(&request).unwrap();
        assert_eq!(floor.check(&request), expected, "the floor differs from the engine on `{name}`");
        assert_eq!(engine.check_compiled(&request).unwrap(), expected, "the compiled policies differ on `{name}`");
        group.bench_with_input(BenchmarkId::new("engine", name), &request, |b, r| {
            b.iter(|| engine.check(black_box(r)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("compiled", name), &request, |b, r| {
            b.iter(|| engine.check_compiled(black_box(r)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("hand_written", name), &request, |b, r| {
            b.iter(|| floor.check(black_box(r)))
        });
    }
    group.finish();
}

fn config() -> Criterion {
    // A shared, noisy machine: short runs, many of them; medians are what BENCHMARKS.md reports.
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2))
}

criterion_group! { name = benches; config = config(); targets = floor, checks, construction }
criterion_main!(benches);
