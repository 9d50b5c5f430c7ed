//! What each policy means for a verdict, read once from its annotations.
//!
//! A `forbid` policy is a violation. A `permit` policy is one of: a ground of the
//! outcome (`@outcome`), a later step of a schedule (`@after`), an obligation
//! (`@obligation`), or a warning (`@warning`).

use crate::compiled::Effect;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{Calendar, Deadline};
use crate::error::Error;
use crate::limits::{MAX_PRIORITY, MAX_WORKING_DAYS};
use crate::regulation::JurisdictionInfo;
use crate::verdict::{Message, Outcome, Reviewer};

/// An annotation a policy may carry, with what it means and an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnnotationDoc {
    /// Its name, without `@`.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// An example, as written in a policy.
    pub example: &'static str,
}

/// Every annotation a policy may carry (any other is a typo), with its meaning: `pdp
/// annotations` prints it, and `policies/README.md` holds the same table.
pub const ANNOTATIONS: &[AnnotationDoc] = &[
    AnnotationDoc {
        name: "id",
        meaning: "The policy's unique id, the verdict's `rule`: `<pack>.<topic>.<rule>`.",
        example: "@id(\"ganzi.share.conditional.scenario\")",
    },
    AnnotationDoc {
        name: "catalog",
        meaning: "The rule's id in the rule catalogue (RULES.md), for readers: one the `catalog` of the pack's `pack.json` (or a layer's) lists; several as `S5, S6`, a run as `NO4-NO8`.",
        example: "@catalog(\"S5\")",
    },
    AnnotationDoc {
        name: "regulation",
        meaning:
            "The key (regulation.json) of the regulation cited, when the pack has several; the pack's first otherwise.",
        example: "@regulation(\"registration\")",
    },
    AnnotationDoc {
        name: "article",
        meaning: "The article the policy encodes, as the regulation numbers it; listed in regulation.json.",
        example: "@article(\"第十八条\")",
    },
    AnnotationDoc {
        name: "field",
        meaning: "A forbid's field: the JSON Pointer the applicant must correct, `\"\"` for the request as a whole.",
        example: "@field(\"/application/scenario\")",
    },
    AnnotationDoc {
        name: "zh",
        meaning: "The message in Chinese: a violation's reason, a route's, an obligation's or a warning's text.",
        example: "@zh(\"申请有条件共享数据，应当明确应用场景\")",
    },
    AnnotationDoc {
        name: "en",
        meaning: "The same message in English.",
        example: "@en(\"An application for conditionally shared data must state the use scenario\")",
    },
    AnnotationDoc {
        name: "outcome",
        meaning: "A permit that decides: `granted` or `review` (a review wins over a grant).",
        example: "@outcome(\"review\")",
    },
    AnnotationDoc {
        name: "reviewer",
        meaning: "Who decides a review: `provider`, `authority`, `negotiation`, `expert_committee` or `government`.",
        example: "@reviewer(\"provider\")",
    },
    AnnotationDoc {
        name: "workingDays",
        meaning: "The review's (or obligation's) period in working days by the holiday calendar, 1 to 366.",
        example: "@workingDays(\"5\")",
    },
    AnnotationDoc {
        name: "dueRounds",
        meaning: "Fixed dates in the year (MM-DD) a period ends on instead: the first on or after the request.",
        example: "@dueRounds(\"03-30,06-30,09-30,12-30\")",
    },
    AnnotationDoc {
        name: "silenceMeansApproval",
        meaning: "`true` when no answer by the due date counts as approval.",
        example: "@silenceMeansApproval(\"true\")",
    },
    AnnotationDoc {
        name: "priority",
        meaning: "Which route is shown when several fire: the highest first (−1000 to 1000, 0 by default).",
        example: "@priority(\"-1\")",
    },
    AnnotationDoc {
        name: "after",
        meaning:
            "A later step of a schedule: the id of the step it follows; its period runs from that step's due date.",
        example: "@after(\"national.register.acceptance\")",
    },
    AnnotationDoc {
        name: "onRequest",
        meaning: "`true` for a later step that happens only if asked for (a re-review, a dispute).",
        example: "@onRequest(\"true\")",
    },
    AnnotationDoc {
        name: "obligation",
        meaning: "A permit that adds a duty to a granted or reviewed request (no value).",
        example: "@obligation",
    },
    AnnotationDoc {
        name: "warning",
        meaning: "A permit that adds a notice with this code to a granted or reviewed request.",
        example: "@warning(\"registration_late\")",
    },
    AnnotationDoc {
        name: "validFrom",
        meaning: "The first day this version of the rule decides (an amendment's date).",
        example: "@validFrom(\"2027-01-01\")",
    },
    AnnotationDoc {
        name: "validUntil",
        meaning: "The last day this version of the rule decides (the day before an amendment).",
        example: "@validUntil(\"2026-12-31\")",
    },
];

/// The annotations' names alone, in [`ANNOTATIONS`]' order: what reading and linting a
/// policy need. Made at compile time, so that a build that never prints the table (the
/// forms module) carries no meanings or examples.
#[allow(clippy::indexing_slicing, reason = "evaluated at compile time: an index out of range fails the build")]
pub(crate) const ANNOTATION_NAMES: [&str; ANNOTATIONS.len()] = {
    let mut names = [""; ANNOTATIONS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = ANNOTATIONS[i].name;
        i += 1;
    }
    names
};

/// Whether `name` is an annotation a policy may carry.
fn known(name: &str) -> bool {
    ANNOTATION_NAMES.contains(&name)
}

// Each annotation's value, read on its own: `Rule::from_policy` stops at the first that
// is wrong, `annotation_problems` (the lint) reports every one.

fn unknown_annotation(key: &str) -> String {
    format!("unknown annotation `@{key}`, expected one of {}", ANNOTATION_NAMES.join(", "))
}

fn working_days(v: &str) -> Result<u32, String> {
    v.parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_WORKING_DAYS).contains(n))
        .ok_or_else(|| format!("`@workingDays(\"{v}\")` is not a whole number from 1 to {MAX_WORKING_DAYS}"))
}

fn due_rounds(v: &str) -> Result<Vec<(u32, u32)>, String> {
    Period::parse_rounds(v).ok_or_else(|| format!("`@dueRounds(\"{v}\")` is not a list of MM-DD dates"))
}

fn flag(key: &str, v: &str) -> Result<bool, String> {
    match v {
        "false" => Ok(false),
        "true" => Ok(true),
        _ => Err(format!("`@{key}(\"{v}\")` must be `true` or `false`")),
    }
}

fn day(key: &str, v: &str) -> Result<NaiveDate, String> {
    crate::strict_date::ymd(v).ok_or_else(|| format!("`@{key}(\"{v}\")` is not a date YYYY-MM-DD"))
}

fn valid_in_order(from: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<(), String> {
    match (from, until) {
        (Some(from), Some(until)) if from > until => {
            Err(format!("`@validFrom(\"{from}\")` is after `@validUntil(\"{until}\")`"))
        }
        _ => Ok(()),
    }
}

fn pointer(field: &str) -> Result<(), String> {
    match field.is_empty() || field.starts_with('/') {
        true => Ok(()),
        false => Err(format!("`@field(\"{field}\")` is not a JSON Pointer")),
    }
}

fn reviewer(r: &str) -> Result<Reviewer, String> {
    Reviewer::parse(r).map_err(|e| format!("`@reviewer(\"{r}\")` must be one of the reviewers a verdict names: {e}"))
}

fn outcome(v: &str) -> Result<Outcome, String> {
    match v {
        "granted" => Ok(Outcome::Granted),
        "review" => Ok(Outcome::Review),
        other => Err(format!("`@outcome(\"{other}\")` must be `granted` or `review`")),
    }
}

fn priority(p: &str) -> Result<i64, String> {
    p.parse::<i64>()
        .ok()
        .filter(|n| (-MAX_PRIORITY..=MAX_PRIORITY).contains(n))
        .ok_or_else(|| format!("`@priority(\"{p}\")` is not a whole number from -{MAX_PRIORITY} to {MAX_PRIORITY}"))
}

/// The annotations with each problem of [`annotation_problems`] taken away — an unknown
/// one dropped, an unreadable value replaced by one that reads — so that loading them
/// says what the policy lacks as a whole behind those problems.
#[cfg(feature = "cedar")]
pub(crate) fn without_problems(annotations: &[(String, String)]) -> Vec<(String, String)> {
    let bad: Vec<String> = annotation_problems(annotations).into_iter().map(|(key, _)| key).collect();
    // A misspelt outcome is read as the one its reviewer implies.
    let routed = annotations.iter().any(|(k, _)| k == "reviewer");
    annotations
        .iter()
        .filter(|(k, _)| known(k))
        .filter_map(|(k, v)| {
            if !bad.contains(k) {
                return Some((k.clone(), v.clone()));
            }
            let neutral = match k.as_str() {
                "workingDays" => "1".to_owned(),
                "silenceMeansApproval" | "onRequest" => "false".to_owned(),
                "field" => String::new(),
                // Any reviewer that reads: which one does not matter to what is missing.
                "reviewer" => serde_json::to_value(Reviewer::Authority).ok()?.as_str()?.to_owned(),
                "outcome" if routed => "review".to_owned(),
                "outcome" => "granted".to_owned(),
                "priority" => "0".to_owned(),
                // Dates and rounds are optional: without them the policy still reads.
                _ => return None,
            };
            Some((k.clone(), neutral))
        })
        .collect()
}

/// Every annotation of a policy that is unknown or whose value does not read, each with
/// the annotation's name — all at once, where loading stops at the first. What the
/// policy lacks as a whole (an `@article`, a message) is `Rule::from_policy`'s to say.
#[cfg(feature = "cedar")]
pub(crate) fn annotation_problems(annotations: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let value = |key: &str| annotations.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    for (key, _) in annotations.iter().filter(|(k, _)| !known(k)) {
        out.push((key.clone(), unknown_annotation(key)));
    }
    let mut check = |key: &str, read: &dyn Fn(&str) -> Result<(), String>| {
        if let Some(Err(m)) = value(key).map(read) {
            out.push((key.to_owned(), m));
        }
    };
    check("workingDays", &|v| working_days(v).map(drop));
    check("dueRounds", &|v| due_rounds(v).map(drop));
    for key in ["silenceMeansApproval", "onRequest"] {
        check(key, &|v| flag(key, v).map(drop));
    }
    check("validFrom", &|v| day("validFrom", v).map(drop));
    check("validUntil", &|v| day("validUntil", v).map(drop));
    check("field", &pointer);
    check("reviewer", &|v| reviewer(v).map(drop));
    check("outcome", &|v| outcome(v).map(drop));
    check("priority", &|v| priority(v).map(drop));
    let dates = (value("validFrom").map(|v| day("", v)), value("validUntil").map(|v| day("", v)));
    if let (Some(Ok(from)), Some(Ok(until))) = dates {
        if let Err(m) = valid_in_order(Some(from), Some(until)) {
            out.push(("validFrom".to_owned(), m));
        }
    }
    out
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub id: String,
    /// The file that holds the policy.
    pub file: String,
    /// Position in the policy set (files sorted by name, then source order).
    pub order: usize,
    pub regulation: usize,
    pub article: String,
    pub role: Role,
    /// The first day this version of the rule decides (`@validFrom`): an amendment's date.
    pub valid_from: Option<NaiveDate>,
    /// The last day this version of the rule decides (`@validUntil`): the day before an
    /// amendment replaces it.
    pub valid_until: Option<NaiveDate>,
}

/// What a policy is to a verdict, as [`crate::Engine::kind_policies`] gives it: what a
/// proof about two policy sets (`pdp diff --prove`) needs to know of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyRole {
    /// A `forbid`: when it fires, the request is refused.
    Forbid,
    /// A permit with `@outcome`: a ground of a grant or a review, with its route.
    Ground,
    /// A later step of a schedule (`@after` without `@outcome`).
    Step,
    /// A permit with `@obligation`.
    Obligation,
    /// A permit with `@warning`.
    Warning,
}

#[derive(Debug, Clone)]
pub(crate) enum Role {
    Violation {
        field: String,
        message: Message,
    },
    Ground {
        outcome: Outcome,
        route: Option<RouteSpec>,
        priority: i64,
    },
    /// A later step of a schedule (`@after` without `@outcome`): it decides nothing and
    /// shows only when the step it follows is in the schedule.
    Step {
        route: RouteSpec,
    },
    Obligation {
        message: Message,
        period: Period,
    },
    Warning {
        code: String,
        message: Message,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct RouteSpec {
    pub reviewer: Reviewer,
    pub period: Period,
    pub silence_means_approval: bool,
    pub message: Option<Message>,
    /// `@after("id")`: this step follows the step of policy `id` in a schedule, and its
    /// period runs from that step's due date.
    pub after: Option<String>,
    /// `@onRequest("true")`: as a later step, it happens only if the applicant asks.
    pub on_request: bool,
}

/// A Cedar policy's effect, as the compiled policies spell it.
#[cfg(feature = "cedar")]
pub(crate) fn effect_of(effect: cedar_policy::Effect) -> Effect {
    match effect {
        cedar_policy::Effect::Permit => Effect::Permit,
        cedar_policy::Effect::Forbid => Effect::Forbid,
    }
}

impl Rule {
    /// The rule's role, without its details.
    #[cfg(feature = "cedar")]
    pub fn policy_role(&self) -> PolicyRole {
        match self.role {
            Role::Violation { .. } => PolicyRole::Forbid,
            Role::Ground { .. } => PolicyRole::Ground,
            Role::Step { .. } => PolicyRole::Step,
            Role::Obligation { .. } => PolicyRole::Obligation,
            Role::Warning { .. } => PolicyRole::Warning,
        }
    }

    /// Reads a policy's annotations; `file` names it in errors.
    /// `own`: the positions in `info.regulations` of the regulations of the policy's pack,
    /// which a policy may cite (the first when it names none).
    #[cfg(feature = "cedar")]
    pub fn from_policy(
        file: &str,
        order: usize,
        policy: &cedar_policy::Policy,
        info: &JurisdictionInfo,
        own: &[usize],
    ) -> Result<Rule, Error> {
        // Read once: `Policy::annotation(key)` parses `key` as a Cedar identifier on each call.
        let annotations: Vec<(&str, &str)> = policy.annotations().collect();
        Rule::from_annotations(file, order, effect_of(policy.effect()), &annotations, info, own)
            .map_err(|u| u.in_policy(file, policy.annotation("id").unwrap_or_default()))
    }

    /// [`Rule::from_policy`] on a policy's effect and annotations, its error naming the
    /// annotation at fault.
    pub(crate) fn from_annotations(
        file: &str,
        order: usize,
        effect: Effect,
        annotations: &[(&str, &str)],
        info: &JurisdictionInfo,
        own: &[usize],
    ) -> Result<Rule, Unreadable> {
        let annotation = |key: &str| annotations.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let id = annotation("id").unwrap_or_default().to_owned();
        if let Some((key, _)) = annotations.iter().find(|(k, _)| !known(k)) {
            return Err(at(key)(unknown_annotation(key)));
        }
        let text = |key: &str| annotation(key).map(str::trim).filter(|v| !v.is_empty());
        let need = |key: &str| text(key).ok_or_else(|| at(key)(format!("needs a non-empty `@{key}` annotation")));
        let message = || -> Result<Message, Unreadable> {
            Ok(Message { zh: need("zh")?.to_owned(), en: need("en")?.to_owned() })
        };
        let optional_message = || -> Result<Option<Message>, Unreadable> {
            match (text("zh"), text("en")) {
                (None, None) => Ok(None),
                _ => message().map(Some),
            }
        };
        let period = || -> Result<Period, Unreadable> {
            let working_days = text("workingDays").map(working_days).transpose().map_err(at("workingDays"))?;
            let rounds = text("dueRounds").map(due_rounds).transpose().map_err(at("dueRounds"))?.unwrap_or_default();
            Ok(Period { working_days, rounds })
        };
        let flag = |key: &str| text(key).map_or(Ok(false), |v| flag(key, v)).map_err(at(key));

        let regulation_key = text("regulation");
        let regulation = match regulation_key {
            None => own.first().copied().ok_or_else(|| at("id")("its pack has no regulation to rest on".into()))?,
            Some(key) => own
                .iter()
                .copied()
                .find(|i| info.regulations.get(*i).is_some_and(|r| r.key == key))
                .ok_or_else(|| {
                    at("regulation")(format!("`@regulation(\"{key}\")` is not a key of its pack's regulation metadata"))
                })?,
        };
        let day = |key: &str| text(key).map(|v| day(key, v)).transpose().map_err(at(key));
        let (valid_from, valid_until) = (day("validFrom")?, day("validUntil")?);
        valid_in_order(valid_from, valid_until).map_err(at("validFrom"))?;
        let article = need("article")?.to_owned();

        let role = match effect {
            Effect::Forbid => {
                let field = text("field").unwrap_or_default().to_owned();
                pointer(&field).map_err(at("field"))?;
                Role::Violation { field, message: message()? }
            }
            Effect::Permit => {
                let route_spec = |r: &str| -> Result<RouteSpec, Unreadable> {
                    Ok(RouteSpec {
                        reviewer: reviewer(r).map_err(at("reviewer"))?,
                        period: period()?,
                        silence_means_approval: flag("silenceMeansApproval")?,
                        message: optional_message()?,
                        after: text("after").map(str::to_owned),
                        on_request: flag("onRequest")?,
                    })
                };
                if let Some(outcome) = text("outcome") {
                    let outcome = self::outcome(outcome).map_err(at("outcome"))?;
                    let route = match text("reviewer") {
                        None if outcome == Outcome::Review => {
                            return Err(at("reviewer")("a review needs a `@reviewer`".into()))
                        }
                        None => None,
                        Some(r) => Some(route_spec(r)?),
                    };
                    if route.is_none() {
                        if let Some(key) = ["after", "onRequest"].into_iter().find(|k| annotation(k).is_some()) {
                            return Err(at(key)(format!("`@{key}` belongs to a step: a policy with a `@reviewer`")));
                        }
                    }
                    let priority = text("priority").map_or(Ok(0), priority).map_err(at("priority"))?;
                    Role::Ground { outcome, route, priority }
                } else if text("after").is_some() {
                    // A step only: it joins the schedule of the step it follows, never decides.
                    let r = need("reviewer")?;
                    Role::Step { route: route_spec(r)? }
                } else if annotation("obligation").is_some() {
                    Role::Obligation { message: message()?, period: period()? }
                } else if let Some(code) = text("warning") {
                    Role::Warning { code: code.to_owned(), message: message()? }
                } else {
                    let message = "a permit policy needs `@outcome`, `@after`, `@obligation` or `@warning`";
                    return Err(at("outcome")(message.into()));
                }
            }
        };
        Ok(Rule { id, file: file.to_owned(), order, regulation, article, role, valid_from, valid_until })
    }

    /// Whether the rule decides on `day`: its regulation is in force, and the day falls
    /// within the rule's own dates.
    pub fn in_force_on(&self, day: NaiveDate, info: &JurisdictionInfo) -> bool {
        info.regulations.get(self.regulation).is_some_and(|r| r.in_force_on(day))
            && self.valid_from.is_none_or(|from| from <= day)
            && self.valid_until.is_none_or(|until| day <= until)
    }
}

/// Why a policy's annotations make no rule: what is wrong, at which annotation (the one
/// a missing piece belongs at).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    /// The annotation's name, without `@`.
    pub annotation: String,
    /// What is wrong, in English.
    pub message: String,
}

impl Unreadable {
    /// The load error it is: about the policy `id` of `file`, which the message names.
    pub(crate) fn in_policy(self, file: &str, id: &str) -> Error {
        Error::in_policy(file, id, format!("policy `{id}`: {}", self.message))
    }
}

/// Makes a message an [`Unreadable`] at the annotation `key`.
fn at(key: &str) -> impl Fn(String) -> Unreadable + '_ {
    move |message| Unreadable { annotation: key.to_owned(), message }
}

/// How long a reviewer or an obligation has: a number of working days, and/or the
/// end of a round (yearly `MM-DD` dates, e.g. quarterly reviews); the earlier wins.
#[derive(Debug, Clone, Default)]
pub(crate) struct Period {
    pub working_days: Option<u32>,
    pub rounds: Vec<(u32, u32)>,
}

impl Period {
    fn parse_rounds(text: &str) -> Option<Vec<(u32, u32)>> {
        text.split(',')
            .map(|d| {
                let (m, day) = d.trim().split_once('-')?;
                let (m, day) = (m.parse().ok()?, day.parse().ok()?);
                // 2024 is a leap year: any real month-day exists in it.
                NaiveDate::from_ymd_opt(2024, m, day).map(|_| (m, day))
            })
            .collect()
    }

    /// The due date counted from `start`, or `None` when the period sets none.
    pub fn due(&self, calendar: &Calendar, start: NaiveDate) -> Option<Deadline> {
        let by_days = self.working_days.map(|n| calendar.add_working_days(start, n));
        let by_round = (start.year()..=start.year() + 1)
            .flat_map(|y| self.rounds.iter().filter_map(move |(m, d)| NaiveDate::from_ymd_opt(y, *m, *d)))
            // The day of receipt is not counted: a round ending that day is already closed.
            .filter(|d| *d > start)
            .min()
            .map(|due| Deadline { due, covered: true });
        match (by_days, by_round) {
            (Some(a), Some(b)) => Some(if b.due < a.due { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::Period;
    use crate::calendar::Calendar;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_round_ending_on_the_day_of_receipt_is_closed() {
        let rounds = Period { working_days: None, rounds: Period::parse_rounds("03-30,06-30").unwrap() };
        let due = |start| rounds.due(&Calendar::default(), d(start)).map(|x| x.due.to_string());
        assert_eq!(due("2026-03-29"), Some("2026-03-30".into()));
        assert_eq!(due("2026-03-30"), Some("2026-06-30".into()));
        assert_eq!(due("2026-12-31"), Some("2027-03-30".into()));
    }
}
