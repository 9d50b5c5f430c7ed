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

impl ExpectRoute {
    /// One line per difference, each starting with `what`.
    fn differences(&self, what: &str, got: &Said) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |field: &str, want: String, got: String| {
            if want != got {
                out.push(format!("{what}.{field}: expected {want}, got {got}"));
            }
        };
        if let Some(x) = self.reviewer {
            check("reviewer", named(&x), named(&got.reviewer));
        }
        if let Some(x) = self.working_days {
            check("workingDays", or_none(x), or_none(got.working_days));
        }
        if let Some(x) = self.due {
            check("due", or_none(x), or_none(got.due));
        }
        if let Some(x) = self.silence_means_approval {
            check("silenceMeansApproval", x.to_string(), got.silence_means_approval.to_string());
        }
        if let Some(x) = &self.article {
            check("article", x.clone(), got.article.to_owned());
        }
        if let Some(x) = self.on_request {
            check("onRequest", x.to_string(), got.on_request.to_string());
        }
        out
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
    /// One line per difference between expected and actual; empty when the case passes.
    pub failures: Vec<String>,
    /// The verdict, for a request case that decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The status, for a share-status case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ShareStatus>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
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
        return CaseResult { name: case.name.clone(), failures, verdict: None, status: status.ok() };
    }
    let decided = Request::from_value(request).and_then(|r| {
        // As `pdp check` reads it: a jurisdiction no pack has is the request's fault.
        if r.jurisdiction != engine.jurisdiction() {
            crate::builtin_engine(&r.jurisdiction)?;
        }
        engine.check(&r)
    });
    let failures = compare(&case.expect, &case.cites, &decided);
    CaseResult { name: case.name.clone(), failures, verdict: decided.ok(), status: None }
}

fn compare_status(expect: &Expect, cites: &[String], status: &Result<ShareStatus, Error>) -> Vec<String> {
    let s = match status {
        Ok(s) => s,
        Err(e) => return vec![format!("error: {e}")],
    };
    let mut out = Vec::new();
    let mut check = |what: &str, want: String, got: String| {
        if want != got {
            out.push(format!("{what}: expected {want}, got {got}"));
        }
    };
    if let Some(x) = expect.state {
        check("state", format!("{x:?}"), format!("{:?}", s.state));
    }
    if let Some(x) = expect.active_until {
        check("activeUntil", x.to_string(), s.active_until.to_string());
    }
    if let Some(x) = expect.terminates_after {
        check("terminatesAfter", format!("{x:?}"), format!("{:?}", s.terminates_after));
    }
    for article in cites.iter().filter(|a| **a != s.article) {
        out.push(format!("cites {article}, but the status cites {}", s.article));
    }
    out
}

fn compare(expect: &Expect, cites: &[String], decided: &Result<Verdict, Error>) -> Vec<String> {
    let mut out = Vec::new();
    let verdict = match (decided, &expect.error) {
        (Err(e), Some(want)) => {
            if e.code() != want.code || (want.field.is_some() && e.field() != want.field.as_deref()) {
                out.push(format!(
                    "error: expected {} at {:?}, got {} at {:?}: {e}",
                    want.code,
                    want.field,
                    e.code(),
                    e.field()
                ));
            }
            return out;
        }
        (Err(e), None) => return vec![format!("error: {e}")],
        (Ok(v), Some(want)) => {
            return vec![format!("expected error {} but got a verdict: {}", want.code, named(&v.outcome))];
        }
        (Ok(v), None) => v,
    };
    if let Some(o) = expect.outcome {
        differ(&mut out, "outcome", named(&o), named(&verdict.outcome));
    }
    if let Some(want) = &expect.violations {
        let with_rule = |rule: &str, keep: bool| keep.then(|| rule.to_owned());
        let got: BTreeSet<ExpectViolation> = verdict
            .violations
            .iter()
            .map(|v| ExpectViolation {
                article: v.article.clone(),
                field: v.field.clone(),
                rule: with_rule(
                    &v.rule,
                    want.iter().any(|w| w.rule.is_some() && w.article == v.article && w.field == v.field),
                ),
            })
            .collect();
        let want: BTreeSet<ExpectViolation> = want.iter().cloned().collect();
        if want != got {
            // What was got names every policy that refused, so an unexpected refusal says
            // which rule caused it.
            let show = |v: &ExpectViolation, rule: Option<&str>| match rule {
                Some(rule) => format!("{} {} ({rule})", v.article, shown_field(&v.field)),
                None => format!("{} {}", v.article, shown_field(&v.field)),
            };
            let wanted: Vec<String> = want.iter().map(|v| show(v, v.rule.as_deref())).collect();
            let mut all: Vec<&crate::verdict::Violation> = verdict.violations.iter().collect();
            all.sort_by(|a, b| (&a.article, &a.field, &a.rule).cmp(&(&b.article, &b.field, &b.rule)));
            let said: Vec<String> = all
                .iter()
                .map(|v| {
                    show(
                        &ExpectViolation { article: v.article.clone(), field: v.field.clone(), rule: None },
                        Some(&v.rule),
                    )
                })
                .collect();
            out.push(format!("violations: expected [{}], got [{}]", wanted.join(", "), said.join(", ")));
        }
    }
    if let Some(want) = &expect.route {
        match (want, &verdict.route) {
            (None, None) => {}
            (None, Some(r)) => differ(
                &mut out,
                "route",
                "none".into(),
                format!(
                    "{}, {} working days, due {}, {}",
                    named(&r.reviewer),
                    or_none(r.working_days),
                    or_none(r.due),
                    r.article
                ),
            ),
            (Some(_), None) => differ(&mut out, "route", "a route".into(), "none".into()),
            (Some(w), Some(r)) => {
                let said = Said {
                    reviewer: r.reviewer,
                    working_days: r.working_days,
                    due: r.due,
                    silence_means_approval: r.silence_means_approval,
                    article: &r.article,
                    on_request: false,
                };
                out.extend(w.differences("route", &said));
            }
        }
    }
    if let Some(want) = &expect.schedule {
        match (want, &verdict.schedule) {
            (None, None) => {}
            (None, Some(s)) => out.push(format!("schedule: expected none, got {} steps", s.len())),
            (Some(w), None) => out.push(format!("schedule: expected {} steps, got none", w.len())),
            (Some(w), Some(s)) if w.len() != s.len() => {
                out.push(format!("schedule: expected {} steps, got {}", w.len(), s.len()));
            }
            (Some(w), Some(s)) => {
                for (i, (w, step)) in w.iter().zip(s).enumerate() {
                    let said = Said {
                        reviewer: step.reviewer,
                        working_days: step.working_days,
                        due: step.due,
                        silence_means_approval: step.silence_means_approval,
                        article: &step.article,
                        on_request: step.on_request,
                    };
                    out.extend(w.differences(&format!("schedule[{i}]"), &said));
                }
            }
        }
    }
    let set = |items: &mut dyn Iterator<Item = String>| {
        format!("[{}]", items.collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(", "))
    };
    if let Some(want) = &expect.grounds {
        differ(
            &mut out,
            "grounds",
            set(&mut want.iter().cloned()),
            set(&mut verdict.grounds.iter().map(|g| g.article.clone())),
        );
    }
    if let Some(want) = &expect.obligations {
        differ(
            &mut out,
            "obligations",
            set(&mut want.iter().map(|o| o.rule().to_owned())),
            set(&mut verdict.obligations.iter().map(|o| o.rule.clone())),
        );
        for w in want {
            let (ExpectObligation::WithDeadline { rule, working_days, due }, Some(got)) =
                (w, verdict.obligations.iter().find(|o| o.rule == w.rule()))
            else {
                continue;
            };
            if let Some(x) = working_days {
                differ(&mut out, &format!("obligation {rule} workingDays"), x.to_string(), or_none(got.working_days));
            }
            if let Some(x) = due {
                differ(
                    &mut out,
                    &format!("obligation {rule} due"),
                    x.to_string(),
                    got.due.map_or_else(|| "none".into(), |d| d.to_string()),
                );
            }
        }
    }
    if let Some(want) = &expect.warnings {
        differ(
            &mut out,
            "warnings",
            set(&mut want.iter().cloned()),
            set(&mut verdict.warnings.iter().map(|w| w.code.clone())),
        );
    }
    let cited: BTreeSet<&str> = verdict
        .violations
        .iter()
        .map(|v| v.article.as_str())
        .chain(verdict.grounds.iter().map(|g| g.article.as_str()))
        .chain(verdict.obligations.iter().map(|o| o.article.as_str()))
        .chain(verdict.route.iter().map(|r| r.article.as_str()))
        .chain(verdict.schedule.iter().flatten().map(|s| s.article.as_str()))
        .chain(verdict.warnings.iter().filter_map(|w| w.article.as_deref()))
        .collect();
    for article in cites {
        if !cited.contains(article.as_str()) {
            let only: Vec<&str> = cited.iter().copied().collect();
            out.push(format!("cites {article}, but the verdict cites only [{}]", only.join(", ")));
        }
    }
    out
}

/// A value's name as the JSON of a verdict spells it (`review`, `provider`).
fn named<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A value that may be absent, written as it is or `none`.
fn or_none<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

/// A violation's field, `(request)` for the request as a whole.
fn shown_field(field: &str) -> &str {
    if field.is_empty() {
        "(request)"
    } else {
        field
    }
}

/// Records a difference between what a case expects and what the verdict says.
fn differ(out: &mut Vec<String>, what: &str, want: String, got: String) {
    if want != got {
        out.push(format!("{what}: expected {want}, got {got}"));
    }
}
