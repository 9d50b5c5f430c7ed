//! What a comparison reports, as `pdp diff --format json` prints it and the WebAssembly
//! package's `Engine.diff` returns it.

use serde::Serialize;
use serde_json::Value;

use super::verdict_change::Change;

/// Every jurisdiction compared; `changed` when any request's verdict differs, a changed
/// rule fired on no request (its effect is unknown, never "no change"), or a jurisdiction
/// has policies on one side only.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Whether any verdict changed, or a changed rule could not be exercised.
    pub changed: bool,
    /// One comparison per jurisdiction.
    pub jurisdictions: Vec<JurisdictionDiff>,
}

impl Report {
    /// A report over these comparisons.
    pub fn new(jurisdictions: Vec<JurisdictionDiff>) -> Report {
        let changed =
            jurisdictions.iter().any(|d| d.only_in.is_some() || d.changed_requests > 0 || !d.not_exercised.is_empty());
        Report { changed, jurisdictions }
    }
}

/// The side of a comparison: the policies before the change, or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Side {
    /// The policies before the change.
    Old,
    /// The policies after the change.
    New,
}

impl Side {
    /// The name as the JSON report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Old => "OLD",
            Side::New => "NEW",
        }
    }
}

/// The comparison of one jurisdiction's two policy sets.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionDiff {
    /// The jurisdiction compared.
    pub jurisdiction: String,
    /// Set when only one side has policies for the jurisdiction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_in: Option<Side>,
    /// Both sides hold the same files: nothing was decided, nothing can differ.
    pub identical: bool,
    /// What changed in `regulation.json`: regulations, titles, dates, articles.
    pub regulations: Vec<String>,
    /// The policies added, removed or edited.
    pub rules: Vec<RuleChange>,
    /// How many requests were decided.
    pub space: SpaceSize,
    /// How many requests changed verdict.
    pub changed_requests: usize,
    /// How the changed requests' outcomes moved, the largest move first.
    pub outcomes: Vec<Movement>,
    /// Rules added, removed or with changed conditions that no request fired on either
    /// side: what they change is unknown.
    pub not_exercised: Vec<String>,
    /// What the comparison could not do (no scenario files).
    pub warnings: Vec<String>,
    /// The changed requests, by the rule that makes the difference.
    pub groups: Vec<Group>,
}

impl JurisdictionDiff {
    /// A jurisdiction only `side` has policies for: nothing to decide.
    pub fn only_in(jurisdiction: &str, side: Side) -> JurisdictionDiff {
        JurisdictionDiff {
            jurisdiction: jurisdiction.to_owned(),
            only_in: Some(side),
            identical: false,
            regulations: vec![],
            rules: vec![],
            space: SpaceSize::default(),
            changed_requests: 0,
            outcomes: vec![],
            not_exercised: vec![],
            warnings: vec![],
            groups: vec![],
        }
    }
}

/// How many changed requests went from one outcome to another.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Movement {
    /// The outcome before.
    pub from: String,
    /// The outcome after.
    pub to: String,
    /// How many requests.
    pub count: usize,
}

/// How many requests both sides decided.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SpaceSize {
    /// Requests of the scenario corpus.
    pub scenarios: usize,
    /// Requests generated around them.
    pub generated: usize,
    /// Both together.
    pub total: usize,
}

/// How a policy differs between the sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The policy is only in the new set.
    Added,
    /// The policy is only in the old set.
    Removed,
    /// The policy is in both, changed.
    Modified,
}

impl ChangeKind {
    /// The name as the JSON report spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
        }
    }
}

/// A policy added, removed, or with other annotations or logic.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleChange {
    /// The policy's id.
    pub id: String,
    /// Added, removed or modified.
    pub change: ChangeKind,
    /// The file the policy is in.
    pub file: String,
    /// The annotations that changed.
    pub annotations: Vec<AnnotationChange>,
    /// Whether the policy's conditions changed.
    pub logic_changed: bool,
    /// The first day the policy decides (`@validFrom`, on the side that has it): with
    /// `validUntil`, what makes a change a dated amendment rather than one from today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// The last day the policy decides (`@validUntil`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

/// One annotation of a policy that changed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationChange {
    /// The annotation.
    pub key: String,
    /// Its value before.
    pub old: Option<String>,
    /// Its value after.
    pub new: Option<String>,
}

/// The requests whose verdict changed, under the rule that makes the difference.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// A rule id, or [`NO_RULE`] when no rule differs.
    pub rule: String,
    /// Absent for a rule that is itself unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeKind>,
    /// How many requests changed, of which `requests` lists the first few.
    pub count: usize,
    /// The requests listed (up to the limit).
    pub requests: Vec<ChangedRequest>,
}

/// The group of changes no rule explains: the metadata or the calendar changed.
pub const NO_RULE: &str = "(regulation metadata or calendar)";

/// A request whose verdict changed, and how.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangedRequest {
    /// Where the request comes from: a scenario case, or how it was generated.
    pub label: String,
    /// What differs in the verdict.
    pub changes: Vec<Change>,
    /// The request.
    pub request: Value,
}
