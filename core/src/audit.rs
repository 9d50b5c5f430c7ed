//! A record of each decision, for the usage logs the regulations require (time, person,
//! purpose — e.g. 甘孜's usage log of shared data), written as JSON Lines.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::identity::PolicySetId;
use crate::request::Request;
use crate::verdict::{Outcome, Verdict};

/// One decision: who asked for what, why, when, what was decided and under which rules.
/// The request is kept whole (its fields are the pack's vocabulary: who, what, why).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    /// When the decision was made (RFC 3339, China time).
    pub timestamp: DateTime<FixedOffset>,
    /// The request as decided.
    pub request: Request,
    /// The outcome.
    pub outcome: Outcome,
    /// Rules that were broken, by id.
    pub violations: Vec<String>,
    /// The policies that determined the verdict.
    pub policies: Vec<String>,
    /// The policy set that decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_set: Option<PolicySetId>,
}

impl AuditRecord {
    /// The record of `verdict` on `request`, stamped now.
    pub fn new(request: &Request, verdict: &Verdict) -> AuditRecord {
        let now = Utc::now();
        let stamp = match FixedOffset::east_opt(8 * 3600) {
            Some(china) => now.with_timezone(&china),
            None => now.fixed_offset(),
        };
        AuditRecord::at(request, verdict, stamp)
    }

    /// The record of `verdict` on `request`, stamped `timestamp`.
    pub fn at(request: &Request, verdict: &Verdict, timestamp: DateTime<FixedOffset>) -> AuditRecord {
        AuditRecord {
            timestamp,
            request: request.clone(),
            outcome: verdict.outcome,
            violations: verdict.violations.iter().map(|v| v.rule.clone()).collect(),
            policies: verdict.policies.clone(),
            policy_set: verdict.policy_set.clone(),
        }
    }

    /// The record as one line of JSON Lines (no newline inside, none at the end).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
