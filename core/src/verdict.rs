//! The verdict of the contract: what the policies decided, and why.

use chrono::NaiveDate;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};

use crate::identity::PolicySetId;

/// `granted`, `review` or `refused`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Admissible, and no one else need decide.
    Granted,
    /// Admissible; a person or body decides, named in the route.
    Review,
    /// At least one rule is broken.
    Refused,
}

/// Who decides a request that goes to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reviewer {
    /// The unit that provides the data.
    Provider,
    /// The data authority (数据主管部门).
    Authority,
    /// The user and the provider negotiate.
    Negotiation,
    /// An expert committee.
    ExpertCommittee,
    /// The government.
    Government,
}

impl Reviewer {
    /// The reviewer a verdict names `s`; else serde's error, which lists every name (the
    /// enum's, written nowhere else).
    pub(crate) fn parse(s: &str) -> Result<Reviewer, String> {
        // serde's own reader of a lone string: a JSON value's would bring its enum reader.
        let text: StrDeserializer<'_, ValueError> = s.into_deserializer();
        Reviewer::deserialize(text).map_err(|e| e.to_string())
    }
}

/// A text in simplified Chinese and in English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    /// In Chinese (简体).
    pub zh: String,
    /// In English.
    pub en: String,
}

/// The decision on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Verdict {
    /// Granted, review or refused.
    pub outcome: Outcome,
    /// Every rule the request breaks; empty unless refused.
    pub violations: Vec<Violation>,
    /// Who decides and by when; present for a review (and for a granted share with a formal check).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Route>,
    /// When the route is the first of several steps that follow one another (a review, then
    /// a second review, then a re-review on request): every step in order, the route first.
    /// Each step's period runs from the due date of the step before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<Step>>,
    /// Duties that follow from a grant or review.
    pub obligations: Vec<Obligation>,
    /// Notes that do not change the outcome.
    pub warnings: Vec<Warning>,
    /// The rules that made a grant or review what it is.
    pub grounds: Vec<Ground>,
    /// Ids of the policies that determined the verdict.
    pub policies: Vec<String>,
    /// The policy set that decided: jurisdiction, version and content hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_set: Option<PolicySetId>,
}

/// The `rule` of the violation that refuses a request no policy decided: its message names
/// the request's date or kind, not a policy's text.
pub const UNDECIDED_RULE: &str = "undecided";

/// A rule the request breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Violation {
    /// The rule broken (the policy's id).
    pub rule: String,
    /// The regulation's title.
    pub regulation: String,
    /// The article as the regulation writes it, e.g. `第十八条`.
    pub article: String,
    /// JSON Pointer into the request, `""` for the request as a whole.
    pub field: String,
    /// What is wrong, in both languages.
    pub message: Message,
}

/// Who decides, by when, under which article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Route {
    /// Who decides.
    pub reviewer: Reviewer,
    /// The working days the reviewer has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// The last day, counted in working days after the request date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::strict_date::de::optional_day"
    )]
    pub due: Option<NaiveDate>,
    /// No answer by the due date counts as approval.
    pub silence_means_approval: bool,
    /// The regulation's title.
    pub regulation: String,
    /// The article that sets the route.
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
    /// Who decides the step.
    pub reviewer: Reviewer,
    /// The step's period in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// Counted from the due date of the step before (the request date for the first).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::strict_date::de::optional_day"
    )]
    pub due: Option<NaiveDate>,
    /// No answer by the due date counts as approval.
    pub silence_means_approval: bool,
    /// The regulation's title.
    pub regulation: String,
    /// The article that sets the step.
    pub article: String,
    /// What the step is, in both languages.
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
    /// The rule that sets the duty.
    pub rule: String,
    /// The regulation's title.
    pub regulation: String,
    /// The article that sets the duty.
    pub article: String,
    /// The duty, in both languages.
    pub message: Message,
    /// The working days the duty allows, when it has a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// The duty's due date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::strict_date::de::optional_day"
    )]
    pub due: Option<NaiveDate>,
}

/// Something the applicant should know that does not change the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Warning {
    /// A stable code, e.g. `calendar_out_of_range`.
    pub code: String,
    /// The note, in both languages.
    pub message: Message,
    /// The rule that raised the warning, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The regulation's title, when a rule raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<String>,
    /// The article, when a rule raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

/// A rule that made a `granted` or `review` outcome what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ground {
    /// The rule (the policy's id).
    pub rule: String,
    /// The regulation's title.
    pub regulation: String,
    /// The article.
    pub article: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::Reviewer;

    /// `@reviewer` reads each reviewer by the name a verdict writes it with, and no other.
    #[test]
    fn a_reviewer_is_read_by_its_name_in_verdicts_only() {
        use Reviewer::*;
        let mut names = Vec::new();
        for reviewer in [Provider, Authority, Negotiation, ExpertCommittee, Government] {
            let name = serde_json::to_value(reviewer).unwrap();
            assert_eq!(Reviewer::parse(name.as_str().unwrap()), Ok(reviewer), "{name}");
            names.push(format!("`{}`", name.as_str().unwrap()));
        }
        // An unknown name's error lists every name as verdicts write them.
        let all = names.join(", ");
        for other in ["Provider", "expertCommittee", "expert committee", "", "judge"] {
            let error = Reviewer::parse(other).unwrap_err();
            assert!(error.contains(&all), "{error}");
        }
    }
}
