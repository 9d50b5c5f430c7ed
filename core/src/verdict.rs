//! The verdict of the contract: what the policies decided, and why.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::identity::PolicySetId;

/// `granted`, `review` or `refused`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Granted,
    Review,
    Refused,
}

/// Who decides a request that goes to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    Provider,
    Authority,
    Negotiation,
    ExpertCommittee,
    Government,
}

impl Reviewer {
    pub(crate) fn parse(s: &str) -> Option<Reviewer> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
    }
}

/// A text in simplified Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

/// The decision on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Verdict {
    pub outcome: Outcome,
    pub violations: Vec<Violation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    /// When the route is the first of several steps that follow one another (a review, then
    /// a second review, then a re-review on request): every step in order, the route first.
    /// Each step's period runs from the due date of the step before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<Step>>,
    pub obligations: Vec<Obligation>,
    pub warnings: Vec<Warning>,
    pub grounds: Vec<Ground>,
    pub policies: Vec<String>,
    /// The policy set that decided: jurisdiction, version and content hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_set: Option<PolicySetId>,
}

/// A rule the request breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Violation {
    pub rule: String,
    pub regulation: String,
    pub article: String,
    /// JSON Pointer into the request, `""` for the request as a whole.
    pub field: String,
    pub message: Message,
}

/// Who decides, by when, under which article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Route {
    pub reviewer: Reviewer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub silence_means_approval: bool,
    pub regulation: String,
    pub article: String,
    /// What the route means for the applicant (who decides disputes, what silence means).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

/// One step of a schedule: who decides, by when, under which article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Step {
    /// The policy that sets the step.
    pub rule: String,
    pub reviewer: Reviewer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// Counted from the due date of the step before (the request date for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub silence_means_approval: bool,
    pub regulation: String,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// The step happens only if the applicant asks for it (its due date is then the
    /// latest, counted as if asked on the day the step before is due).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_request: bool,
}

/// A duty that follows from a grant or a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Obligation {
    pub rule: String,
    pub regulation: String,
    pub article: String,
    pub message: Message,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

/// Something the applicant should know that does not change the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Warning {
    pub code: String,
    pub message: Message,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

/// A rule that made a `granted` or `review` outcome what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ground {
    pub rule: String,
    pub regulation: String,
    pub article: String,
}
