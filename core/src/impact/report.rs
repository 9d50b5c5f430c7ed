//! What a comparison reports, as `pdp diff --format json` prints it and the WebAssembly
//! package's `Engine.diff` returns it.

use serde::Serialize;
use serde_json::Value;

use super::verdict_change::Change;

/// Every jurisdiction compared; `changed` when any request's verdict differs or a
/// jurisdiction has policies on one side only.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub changed: bool,
    pub jurisdictions: Vec<JurisdictionDiff>,
}

impl Report {
    pub fn new(jurisdictions: Vec<JurisdictionDiff>) -> Report {
        let changed = jurisdictions.iter().any(|d| d.only_in.is_some() || d.changed_requests > 0);
        Report { changed, jurisdictions }
    }
}

/// The side of a comparison: the policies before the change, or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Side {
    Old,
    New,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Old => "OLD",
            Side::New => "NEW",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JurisdictionDiff {
    pub jurisdiction: String,
    /// Set when only one side has policies for the jurisdiction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_in: Option<Side>,
    /// Both sides hold the same files: nothing was decided, nothing can differ.
    pub identical: bool,
    pub rules: Vec<RuleChange>,
    pub space: SpaceSize,
    pub changed_requests: usize,
    pub groups: Vec<Group>,
}

impl JurisdictionDiff {
    /// A jurisdiction only `side` has policies for: nothing to decide.
    pub fn only_in(jurisdiction: &str, side: Side) -> JurisdictionDiff {
        JurisdictionDiff {
            jurisdiction: jurisdiction.to_owned(),
            only_in: Some(side),
            identical: false,
            rules: vec![],
            space: SpaceSize::default(),
            changed_requests: 0,
            groups: vec![],
        }
    }
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SpaceSize {
    /// Requests of the scenario corpus.
    pub scenarios: usize,
    /// Requests generated around them.
    pub generated: usize,
    pub total: usize,
}

/// How a policy differs between the sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Modified,
}

impl ChangeKind {
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
    pub id: String,
    pub change: ChangeKind,
    pub file: String,
    pub annotations: Vec<AnnotationChange>,
    pub logic_changed: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationChange {
    pub key: String,
    pub old: Option<String>,
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
    pub requests: Vec<ChangedRequest>,
}

/// The group of changes no rule explains: the metadata or the calendar changed.
pub const NO_RULE: &str = "(regulation metadata or calendar)";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangedRequest {
    /// Where the request comes from: a scenario case, or how it was generated.
    pub label: String,
    pub changes: Vec<Change>,
    pub request: Value,
}
