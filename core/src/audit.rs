//! A record of each decision, for the usage logs the regulations require (time, person,
//! purpose — e.g. 甘孜's usage log of shared data), written as JSON Lines.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::identity::PolicySetId;
use crate::request::{Jurisdiction, Kind, Request, RequesterType};
use crate::verdict::{Outcome, Verdict};

/// One decision: who asked for what, why, when, what was decided and under which rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    /// When the decision was made (RFC 3339, China time).
    pub timestamp: DateTime<FixedOffset>,
    /// The request's jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The request's kind.
    pub kind: Kind,
    /// The request's date (the day deadlines count from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who asked.
    pub requester: Party,
    /// The data asked about.
    pub resource: Party,
    /// What for (`application.purpose`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The use scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The verdict's outcome.
    pub outcome: Outcome,
    /// Rules that were broken, by id.
    pub violations: Vec<String>,
    /// The policies that determined the verdict.
    pub policies: Vec<String>,
    /// The policy set that decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_set: Option<PolicySetId>,
}

/// A requester or a resource, by id, name and (for a requester) type or (for data) provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// The identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A requester's type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub requester_type: Option<RequesterType>,
    /// The unit that provides the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
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
        let (q, r, a) = (&request.requester, &request.resource, &request.application);
        AuditRecord {
            timestamp,
            jurisdiction: request.jurisdiction,
            kind: request.kind,
            date: request.date,
            requester: Party {
                id: q.id.clone(),
                name: q.name.clone(),
                requester_type: q.requester_type,
                provider: None,
            },
            resource: Party {
                id: r.id.clone(),
                name: r.name.clone(),
                requester_type: None,
                provider: r.provider.clone(),
            },
            purpose: a.purpose.clone(),
            scenario: a.scenario.clone(),
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
