//! What of a verdict a comparison looks at — outcome, violations, route and deadlines,
//! obligations, warnings — and how two verdicts of one request differ.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Error;
use crate::verdict::Verdict;

/// A verdict reduced to what a change of policies can alter for an applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    outcome: String,
    violations: BTreeSet<String>,
    route: BTreeMap<&'static str, String>,
    obligations: BTreeMap<String, String>,
    warnings: BTreeSet<String>,
    /// The policies that fired: not compared, but they say which rules a change concerns.
    pub fired: BTreeSet<String>,
}

/// One way a request's verdict changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The verdict part that differs, e.g. `route.due`.
    pub what: String,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

impl Decision {
    /// What a decision shows an applicant, to compare.
    pub fn of(decided: &Result<Verdict, Error>) -> Decision {
        let v = match decided {
            Ok(v) => v,
            Err(e) => {
                return Decision {
                    outcome: format!("error {} ({e})", e.code()),
                    violations: BTreeSet::new(),
                    route: BTreeMap::new(),
                    obligations: BTreeMap::new(),
                    warnings: BTreeSet::new(),
                    fired: BTreeSet::new(),
                }
            }
        };
        let outcome =
            serde_json::to_value(v.outcome).ok().and_then(|o| o.as_str().map(str::to_owned)).unwrap_or_default();
        let violations = v.violations.iter().map(|x| format!("{} ({} {})", x.rule, x.article, x.field)).collect();
        let mut route = BTreeMap::new();
        if let Some(r) = &v.route {
            let reviewer = serde_json::to_value(r.reviewer).ok().and_then(|x| x.as_str().map(str::to_owned));
            route.insert("reviewer", reviewer.unwrap_or_default());
            route.insert("workingDays", r.working_days.map(|d| d.to_string()).unwrap_or_else(|| "none".into()));
            route.insert("due", r.due.map(|d| d.to_string()).unwrap_or_else(|| "none".into()));
            route.insert("silenceMeansApproval", r.silence_means_approval.to_string());
            route.insert("article", r.article.clone());
        }
        let obligations = v
            .obligations
            .iter()
            .map(|o| (o.rule.clone(), o.due.map(|d| format!("fires, due {d}")).unwrap_or_else(|| "fires".into())))
            .collect();
        Decision {
            outcome,
            violations,
            route,
            obligations,
            warnings: v.warnings.iter().map(|w| w.code.clone()).collect(),
            fired: v.policies.iter().cloned().collect(),
        }
    }

    /// The outcome (`granted`, `review`, `refused`, or `error …`).
    pub fn outcome(&self) -> &str {
        &self.outcome
    }

    /// Every difference from `old` to `self`, empty when the applicant would see none.
    pub fn changes_from(&self, old: &Decision) -> Vec<Change> {
        let mut out = Vec::new();
        let mut change = |what: &str, o: String, n: String| {
            if o != n {
                out.push(Change { what: what.to_owned(), old: o, new: n });
            }
        };
        change("outcome", old.outcome.clone(), self.outcome.clone());
        for gone in old.violations.difference(&self.violations) {
            change("violation", gone.clone(), "none".into());
        }
        for added in self.violations.difference(&old.violations) {
            change("violation", "none".into(), added.clone());
        }
        match (old.route.is_empty(), self.route.is_empty()) {
            (false, true) => change("route", route_text(&old.route), "none".into()),
            (true, false) => change("route", "none".into(), route_text(&self.route)),
            _ => {
                for (key, o) in &old.route {
                    let n = self.route.get(key).cloned().unwrap_or_default();
                    change(&format!("route.{key}"), o.clone(), n);
                }
            }
        }
        let rules: BTreeSet<&str> = old.obligations.keys().chain(self.obligations.keys()).map(String::as_str).collect();
        for rule in rules {
            let o = old.obligations.get(rule).cloned().unwrap_or_else(|| "none".into());
            let n = self.obligations.get(rule).cloned().unwrap_or_else(|| "none".into());
            change(&format!("obligation {rule}"), o, n);
        }
        for gone in old.warnings.difference(&self.warnings) {
            change("warning", gone.clone(), "none".into());
        }
        for added in self.warnings.difference(&old.warnings) {
            change("warning", "none".into(), added.clone());
        }
        out
    }
}

fn route_text(route: &BTreeMap<&'static str, String>) -> String {
    let get = |k: &str| route.get(k).map(String::as_str).unwrap_or("");
    format!("{}, {} working days, due {}, {}", get("reviewer"), get("workingDays"), get("due"), get("article"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(text: &str) -> Decision {
        Decision::of(&crate::check_json(text))
    }

    const SHARE: &str = r#"{"jurisdiction":"ganzi","kind":"share","date":"2026-09-28",
        "requester":{"type":"department"},"resource":{"name":"d","sharing":"conditional"},
        "application":{"purpose":"duty","scenario":"s","needBasis":"b","businessGoal":"g",
        "securityMeasures":"m","commitment":true}}"#;

    #[test]
    fn the_same_verdict_changes_nothing() {
        assert!(decide(SHARE).changes_from(&decide(SHARE)).is_empty());
    }

    #[test]
    fn a_lost_route_and_a_new_violation_are_both_named() {
        let old = decide(SHARE);
        let new = decide(&SHARE.replace(r#""scenario":"s","#, ""));
        let changes = new.changes_from(&old);
        let whats: Vec<&str> = changes.iter().map(|c| c.what.as_str()).collect();
        assert!(whats.contains(&"outcome") && whats.contains(&"violation") && whats.contains(&"route"), "{changes:?}");
        let outcome = changes.iter().find(|c| c.what == "outcome").unwrap();
        assert_eq!((outcome.old.as_str(), outcome.new.as_str()), ("review", "refused"));
    }
}
