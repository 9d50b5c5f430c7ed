//! Scenario files: requests with the verdict the regulation demands, as data.
//!
//! One format serves the Rust tests, `pdp test`, and the JavaScript runs:
//!
//! ```json
//! { "description": "…", "base": { …request… },
//!   "cases": [ { "name": "…", "cites": ["Article 18"], "patch": { …merged into base… },
//!                "expect": { "outcome": "refused",
//!                            "violations": [{ "article": "Article 18", "field": "/application/scenario" }] } } ] }
//! ```
//!
//! `patch` is a JSON Merge Patch (RFC 7396) over `base` (`null` removes a field);
//! a case may give a whole `request` instead, or a `share` (`lastUse`, `today`, `notice`,
//! `reasonGiven`, `objected`) to ask whether an existing share has lapsed, expecting `state`,
//! `activeUntil` and `terminatesAfter`. Every key of `expect` that is present
//! is compared exactly; every article in `cites` must appear in the verdict.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::Engine;
use crate::error::Error;
use crate::request::Request;
use crate::status::{ShareState, ShareStatus, ShareUse};
use crate::verdict::{Outcome, Reviewer, Verdict};

/// A scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Suite {
    /// What the file tests.
    #[serde(default)]
    pub description: String,
    /// The request every case patches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One request and what the regulation says of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case {
    /// What the case shows.
    pub name: String,
    /// Articles the case proves, as the verdict writes them.
    pub cites: Vec<String>,
    /// A JSON Merge Patch on the base request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<Value>,
    /// A whole request instead of a patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    /// For a share-status case: the share's use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareUse>,
    /// What the verdict must hold.
    pub expect: Expect,
}

/// The expected verdict; absent keys are not compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expect {
    /// The outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The exact set of violations, by article and field (and rule id, when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<ExpectViolation>>,
    /// The route, or `null` for none.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    pub route: Option<Option<ExpectRoute>>,
    /// The schedule, step by step (as many steps, each compared as a route is), or `null`
    /// for none.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Option<Vec<ExpectRoute>>>,
    /// The exact set of articles among the grounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grounds: Option<Vec<String>>,
    /// The exact set of obligations, by rule id, or `{ "rule", "due", "workingDays" }` to
    /// check an obligation's deadline too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obligations: Option<Vec<ExpectObligation>>,
    /// The exact set of warning codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
    /// For a `share` case: the share's state and dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ShareState>,
    /// For a share-status case: the last day the share stays active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_until: Option<chrono::NaiveDate>,
    /// For a share-status case: the day it terminates, or `null` for none.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    pub terminates_after: Option<Option<chrono::NaiveDate>>,
    /// The request is unreadable: the error's code and field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ExpectError>,
}

fn some<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// An expected violation: its article and field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpectViolation {
    /// The article cited.
    pub article: String,
    /// The field named.
    pub field: String,
    /// The rule id, when the case names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// An expected route; each part left out is not checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpectRoute {
    /// Who decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<Reviewer>,
    /// The working days, or `null` for none.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    pub working_days: Option<Option<u32>>,
    /// The due date, or `null` for none.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    pub due: Option<Option<chrono::NaiveDate>>,
    /// Whether no answer counts as approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub silence_means_approval: Option<bool>,
    /// The article of the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// For a step of a schedule: whether it happens only if asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_request: Option<bool>,
}

/// What a route or a step of a schedule says, as compared with an [`ExpectRoute`].
struct Said<'a> {
    reviewer: Reviewer,
    working_days: Option<u32>,
    due: Option<chrono::NaiveDate>,
    silence_means_approval: bool,
    article: &'a str,
    on_request: bool,
}

impl<'a> Said<'a> {
    fn route(r: &'a crate::verdict::Route) -> Said<'a> {
        Said {
            reviewer: r.reviewer,
            working_days: r.working_days,
            due: r.due,
            silence_means_approval: r.silence_means_approval,
            article: &r.article,
            on_request: false,
        }
    }

    fn step(s: &'a crate::verdict::Step) -> Said<'a> {
        Said {
            reviewer: s.reviewer,
            working_days: s.working_days,
            due: s.due,
            silence_means_approval: s.silence_means_approval,
            article: &s.article,
            on_request: s.on_request,
        }
    }

    /// All of it, as a case would write it: `onRequest` only for a step of a schedule.
    fn expectation(&self, step: bool) -> ExpectRoute {
        ExpectRoute {
            reviewer: Some(self.reviewer),
            working_days: Some(self.working_days),
            due: Some(self.due),
            silence_means_approval: Some(self.silence_means_approval),
            article: Some(self.article.to_owned()),
            on_request: step.then_some(self.on_request),
        }
    }
}

impl ExpectRoute {
    /// One difference per part that differs, each at `what.<part>`.
    fn differences(&self, what: &str, got: &Said) -> Vec<Difference> {
        let mut out = Vec::new();
        let mut check = |field: &str, want: Value, got: Value| differ(&mut out, &format!("{what}.{field}"), want, got);
        if let Some(x) = self.reviewer {
            check("reviewer", json(&x), json(&got.reviewer));
        }
        if let Some(x) = self.working_days {
            check("workingDays", json(&x), json(&got.working_days));
        }
        if let Some(x) = self.due {
            check("due", json(&x), json(&got.due));
        }
        if let Some(x) = self.silence_means_approval {
            check("silenceMeansApproval", json(&x), json(&got.silence_means_approval));
        }
        if let Some(x) = &self.article {
            check("article", json(x), json(&got.article));
        }
        if let Some(x) = self.on_request {
            check("onRequest", json(&x), json(&got.on_request));
        }
        out
    }

    /// The same parts, each as `got` says it.
    fn answered(&self, got: &Said) -> ExpectRoute {
        ExpectRoute {
            reviewer: self.reviewer.map(|_| got.reviewer),
            working_days: self.working_days.map(|_| got.working_days),
            due: self.due.map(|_| got.due),
            silence_means_approval: self.silence_means_approval.map(|_| got.silence_means_approval),
            article: self.article.as_ref().map(|_| got.article.to_owned()),
            on_request: self.on_request.map(|_| got.on_request),
        }
    }
}

/// An expected obligation: its rule id, or the id with its deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExpectObligation {
    /// Only the rule id.
    Rule(String),
    /// The rule id with its deadline.
    WithDeadline {
        /// The rule id.
        rule: String,
        /// The working days of the deadline.
        #[serde(default, rename = "workingDays", skip_serializing_if = "Option::is_none")]
        working_days: Option<u32>,
        /// The due date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<chrono::NaiveDate>,
    },
}

impl ExpectObligation {
    fn rule(&self) -> &str {
        match self {
            ExpectObligation::Rule(rule) | ExpectObligation::WithDeadline { rule, .. } => rule,
        }
    }
}

/// An expected error: its code and field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpectError {
    /// The error's code.
    pub code: String,
    /// The field, a JSON Pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// What running one case gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    /// The case's name.
    pub name: String,
    /// Every difference between expected and actual; empty when the case passes.
    pub failures: Vec<Difference>,
    /// The request the case decided (its own, or the base with its patch merged in), for
    /// a request case: what an author replays or explains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    /// The verdict, for a request case that decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The status, for a share-status case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ShareStatus>,
    /// The case's `expect` rewritten to what the engine answered, key for key (what
    /// `pdp test --update` writes), or why the answer cannot be written so: an error where
    /// a verdict is expected or the other way round.
    #[serde(skip)]
    pub answered: Result<Expect, String>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One way what the engine answered differs from what a case expects.
///
/// `path` names the part of the case, as its JSON spells it: a key of `expect`
/// (`outcome`, `violations`, `route.workingDays`, `schedule[1].due`,
/// `obligations[ganzi.share.usage_log].due`, `error`), or `cites` for an article the case
/// cites and the answer does not. `expected` and `actual` are JSON values in the shape the
/// scenario format writes them (`5`, `"2026-10-10"`, `"review"`, a list of violations);
/// `null` is none — no route, no due date, no error (an error answered where a verdict was
/// expected is `error: null` against the error), no verdict (a verdict answered where an
/// error was expected). For `cites`, `expected` is the article and `actual` the articles
/// the answer cites. Sets (violations, grounds, obligations, warnings) are sorted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    /// The part of the case that differs.
    pub path: String,
    /// What the case expects.
    pub expected: Value,
    /// What the engine answered.
    pub actual: Value,
}

impl std::fmt::Display for Difference {
    /// `route.workingDays: expected 5, got 3`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: expected {}, got {}", self.path, shown(&self.expected), shown(&self.actual))
    }
}

/// A value of a [`Difference`] as a person reads it: text without quotes, `none` for
/// `null`, lists in brackets, objects as `{key: value, …}`. The playground writes them the
/// same way (`js-demo/src/playground.js`, `shownValue`).
pub fn shown(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::Array(items) => format!("[{}]", items.iter().map(shown).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}: {}", shown(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

impl Suite {
    /// Reads a scenario file.
    pub fn from_json(text: &str) -> Result<Suite, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The request a case describes, as JSON.
    pub fn request_of(&self, case: &Case) -> Value {
        match (&case.request, &case.patch) {
            (Some(request), _) => request.clone(),
            (None, patch) => {
                let mut doc = self.base.clone().unwrap_or(Value::Object(Default::default()));
                if let Some(p) = patch {
                    json_patch::merge(&mut doc, p);
                }
                doc
            }
        }
    }

    /// Runs every case through `engine`.
    pub fn run(&self, engine: &Engine) -> Vec<CaseResult> {
        self.cases.iter().map(|case| run_case(engine, case, self.request_of(case))).collect()
    }
}

/// Runs one case: reads its request, decides it, compares with the expectation.
pub fn run_case(engine: &Engine, case: &Case, request: Value) -> CaseResult {
    if let Some(share) = &case.share {
        let status = engine.share_status(share);
        let failures = compare_status(&case.expect, &case.cites, &status);
        let answered = answered_status(&case.expect, &status);
        let status = status.ok();
        return CaseResult { name: case.name.clone(), failures, request: None, verdict: None, status, answered };
    }
    let decided = Request::from_value(request.clone()).and_then(|r| {
        // As `pdp check` reads it: a jurisdiction no pack has is the request's fault.
        if r.jurisdiction != engine.jurisdiction() {
            crate::builtin_engine(&r.jurisdiction)?;
        }
        engine.check(&r)
    });
    let failures = compare(&case.expect, &case.cites, &decided);
    let answered = answered(&case.expect, &decided);
    let verdict = decided.ok();
    CaseResult { name: case.name.clone(), failures, request: Some(request), verdict, status: None, answered }
}

/// An error as a case expects one: its code and field, and what it says.
fn error_value(e: &Error) -> Value {
    serde_json::json!({ "code": e.code(), "field": e.field(), "message": e.to_string() })
}

fn compare_status(expect: &Expect, cites: &[String], status: &Result<ShareStatus, Error>) -> Vec<Difference> {
    let s = match status {
        Ok(s) => s,
        Err(e) => return vec![Difference { path: "error".into(), expected: Value::Null, actual: error_value(e) }],
    };
    let mut out = Vec::new();
    if let Some(x) = expect.state {
        differ(&mut out, "state", json(&x), json(&s.state));
    }
    if let Some(x) = expect.active_until {
        differ(&mut out, "activeUntil", json(&x), json(&s.active_until));
    }
    if let Some(x) = expect.terminates_after {
        differ(&mut out, "terminatesAfter", json(&x), json(&s.terminates_after));
    }
    for article in cites.iter().filter(|a| **a != s.article) {
        out.push(Difference { path: "cites".into(), expected: json(article), actual: json(&[&s.article]) });
    }
    out
}

/// The violations of `verdict` as a case compares them: article and field, and the rule
/// where the case names one for that article and field.
fn violations_as_expected(want: &[ExpectViolation], verdict: &Verdict) -> BTreeSet<ExpectViolation> {
    verdict
        .violations
        .iter()
        .map(|v| ExpectViolation {
            article: v.article.clone(),
            field: v.field.clone(),
            rule: want
                .iter()
                .any(|w| w.rule.is_some() && w.article == v.article && w.field == v.field)
                .then(|| v.rule.clone()),
        })
        .collect()
}

fn compare(expect: &Expect, cites: &[String], decided: &Result<Verdict, Error>) -> Vec<Difference> {
    let mut out = Vec::new();
    let verdict = match (decided, &expect.error) {
        (Err(e), Some(want)) => {
            if e.code() != want.code || (want.field.is_some() && e.field() != want.field.as_deref()) {
                out.push(Difference { path: "error".into(), expected: json(want), actual: error_value(e) });
            }
            return out;
        }
        (Err(e), None) => {
            return vec![Difference { path: "error".into(), expected: Value::Null, actual: error_value(e) }]
        }
        (Ok(_), Some(want)) => {
            return vec![Difference { path: "error".into(), expected: json(want), actual: Value::Null }];
        }
        (Ok(v), None) => v,
    };
    if let Some(o) = expect.outcome {
        differ(&mut out, "outcome", json(&o), json(&verdict.outcome));
    }
    if let Some(want) = &expect.violations {
        let got = violations_as_expected(want, verdict);
        let want: BTreeSet<ExpectViolation> = want.iter().cloned().collect();
        if want != got {
            // What was got names every policy that refused, so an unexpected refusal says
            // which rule caused it.
            let mut all: Vec<ExpectViolation> = verdict
                .violations
                .iter()
                .map(|v| ExpectViolation {
                    article: v.article.clone(),
                    field: v.field.clone(),
                    rule: Some(v.rule.clone()),
                })
                .collect();
            all.sort();
            out.push(Difference { path: "violations".into(), expected: json(&want), actual: json(&all) });
        }
    }
    if let Some(want) = &expect.route {
        match (want, &verdict.route) {
            (None, None) => {}
            (None, Some(r)) => differ(&mut out, "route", Value::Null, json(&Said::route(r).expectation(false))),
            (Some(w), None) => differ(&mut out, "route", json(w), Value::Null),
            (Some(w), Some(r)) => out.extend(w.differences("route", &Said::route(r))),
        }
    }
    if let Some(want) = &expect.schedule {
        let full =
            |s: &[crate::verdict::Step]| json(&s.iter().map(|s| Said::step(s).expectation(true)).collect::<Vec<_>>());
        match (want, &verdict.schedule) {
            (None, None) => {}
            (None, Some(s)) => differ(&mut out, "schedule", Value::Null, full(s)),
            (Some(w), None) => differ(&mut out, "schedule", json(w), Value::Null),
            (Some(w), Some(s)) if w.len() != s.len() => differ(&mut out, "schedule", json(w), full(s)),
            (Some(w), Some(s)) => {
                for (i, (w, step)) in w.iter().zip(s).enumerate() {
                    out.extend(w.differences(&format!("schedule[{i}]"), &Said::step(step)));
                }
            }
        }
    }
    if let Some(want) = &expect.grounds {
        differ(
            &mut out,
            "grounds",
            sorted(want.iter().cloned()),
            sorted(verdict.grounds.iter().map(|g| g.article.clone())),
        );
    }
    if let Some(want) = &expect.obligations {
        differ(
            &mut out,
            "obligations",
            sorted(want.iter().map(|o| o.rule().to_owned())),
            sorted(verdict.obligations.iter().map(|o| o.rule.clone())),
        );
        for w in want {
            let (ExpectObligation::WithDeadline { rule, working_days, due }, Some(got)) =
                (w, verdict.obligations.iter().find(|o| o.rule == w.rule()))
            else {
                continue;
            };
            if let Some(x) = working_days {
                differ(&mut out, &format!("obligations[{rule}].workingDays"), json(x), json(&got.working_days));
            }
            if let Some(x) = due {
                differ(&mut out, &format!("obligations[{rule}].due"), json(x), json(&got.due));
            }
        }
    }
    if let Some(want) = &expect.warnings {
        differ(
            &mut out,
            "warnings",
            sorted(want.iter().cloned()),
            sorted(verdict.warnings.iter().map(|w| w.code.clone())),
        );
    }
    let cited = cited(verdict);
    for article in cites.iter().filter(|a| !cited.contains(a.as_str())) {
        out.push(Difference { path: "cites".into(), expected: json(article), actual: json(&cited) });
    }
    out
}

/// Every article a verdict cites.
fn cited(verdict: &Verdict) -> BTreeSet<&str> {
    verdict
        .violations
        .iter()
        .map(|v| v.article.as_str())
        .chain(verdict.grounds.iter().map(|g| g.article.as_str()))
        .chain(verdict.obligations.iter().map(|o| o.article.as_str()))
        .chain(verdict.route.iter().map(|r| r.article.as_str()))
        .chain(verdict.schedule.iter().flatten().map(|s| s.article.as_str()))
        .chain(verdict.warnings.iter().filter_map(|w| w.article.as_deref()))
        .collect()
}

/// `expect` with each key it gives set to what the verdict says, in the form the case
/// wrote it: a violation's rule only where the case named one, an obligation's deadline
/// only where the case gave one. A set the verdict matches is kept as written (its order).
fn answered(expect: &Expect, decided: &Result<Verdict, Error>) -> Result<Expect, String> {
    let verdict = match (decided, &expect.error) {
        (Err(e), Some(want)) => {
            let error = ExpectError {
                code: e.code().to_owned(),
                field: want.field.as_ref().and_then(|_| e.field().map(str::to_owned)),
            };
            return Ok(Expect { error: Some(error), ..expect.clone() });
        }
        (Err(e), None) => return Err(format!("the engine answered an error where a verdict is expected: {e}")),
        (Ok(v), Some(want)) => {
            return Err(format!(
                "the engine decided ({}) where the error `{}` is expected",
                named(&v.outcome),
                want.code
            ))
        }
        (Ok(v), None) => v,
    };
    let mut new = expect.clone();
    new.outcome = expect.outcome.map(|_| verdict.outcome);
    if let Some(want) = &expect.violations {
        let got = violations_as_expected(want, verdict);
        if got != want.iter().cloned().collect::<BTreeSet<_>>() {
            new.violations = Some(got.into_iter().collect());
        }
    }
    new.route = expect.route.as_ref().map(|want| match (want, &verdict.route) {
        (_, None) => None,
        (Some(w), Some(r)) => Some(w.answered(&Said::route(r))),
        (None, Some(r)) => Some(Said::route(r).expectation(false)),
    });
    new.schedule = expect.schedule.as_ref().map(|want| match (want, &verdict.schedule) {
        (_, None) => None,
        (Some(w), Some(s)) if w.len() == s.len() => {
            Some(w.iter().zip(s).map(|(w, s)| w.answered(&Said::step(s))).collect())
        }
        (_, Some(s)) => Some(s.iter().map(|s| Said::step(s).expectation(true)).collect()),
    });
    new.grounds = expect.grounds.as_ref().map(|want| keep_or(want, verdict.grounds.iter().map(|g| g.article.clone())));
    new.warnings = expect.warnings.as_ref().map(|want| keep_or(want, verdict.warnings.iter().map(|w| w.code.clone())));
    if let Some(want) = &expect.obligations {
        let same = want.iter().map(|o| o.rule()).collect::<BTreeSet<_>>()
            == verdict.obligations.iter().map(|o| o.rule.as_str()).collect::<BTreeSet<_>>();
        let listed: Vec<ExpectObligation> = if same {
            want.clone()
        } else {
            let rules: BTreeSet<&str> = verdict.obligations.iter().map(|o| o.rule.as_str()).collect();
            let by_rule = |rule: &str| want.iter().find(|w| w.rule() == rule).cloned();
            rules.into_iter().map(|r| by_rule(r).unwrap_or_else(|| ExpectObligation::Rule(r.to_owned()))).collect()
        };
        let mut written = Vec::new();
        for w in listed {
            written.push(match (&w, verdict.obligations.iter().find(|o| o.rule == w.rule())) {
                (ExpectObligation::WithDeadline { rule, working_days, due }, Some(got)) => {
                    // An absent key is not compared: a deadline that is gone cannot be written here.
                    let days = match (working_days, got.working_days) {
                        (None, _) => None,
                        (Some(_), Some(d)) => Some(d),
                        (Some(_), None) => return Err(format!("obligation {rule} has no working days now")),
                    };
                    let date = match (due, got.due) {
                        (None, _) => None,
                        (Some(_), Some(d)) => Some(d),
                        (Some(_), None) => return Err(format!("obligation {rule} has no due date now")),
                    };
                    ExpectObligation::WithDeadline { rule: rule.clone(), working_days: days, due: date }
                }
                _ => w,
            });
        }
        new.obligations = Some(written);
    }
    Ok(new)
}

fn answered_status(expect: &Expect, status: &Result<ShareStatus, Error>) -> Result<Expect, String> {
    let s =
        status.as_ref().map_err(|e| format!("the engine answered an error where a share status is expected: {e}"))?;
    Ok(Expect {
        state: expect.state.map(|_| s.state),
        active_until: expect.active_until.map(|_| s.active_until),
        terminates_after: expect.terminates_after.map(|_| s.terminates_after),
        ..expect.clone()
    })
}

/// `want` when it is the set `got` is, else `got` sorted.
fn keep_or(want: &[String], got: impl Iterator<Item = String>) -> Vec<String> {
    let got: BTreeSet<String> = got.collect();
    if want.iter().cloned().collect::<BTreeSet<_>>() == got {
        want.to_vec()
    } else {
        got.into_iter().collect()
    }
}

/// A value as JSON; the scenario types always serialize.
fn json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A set as a sorted JSON list.
fn sorted(items: impl Iterator<Item = String>) -> Value {
    json(&items.collect::<BTreeSet<_>>())
}

/// A value's name as the JSON of a verdict spells it (`review`, `provider`).
fn named<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Records a difference between what a case expects and what the engine answered.
fn differ(out: &mut Vec<Difference>, path: &str, expected: Value, actual: Value) {
    if expected != actual {
        out.push(Difference { path: path.to_owned(), expected, actual });
    }
}
