//! The requests a proof ranges over, written as one Cedar `forbid` that both policy sets
//! get: it fires on every input the engine could never build from a request — an enum or
//! a set value the vocabulary does not list, a number outside its range, an empty text
//! (the engine leaves blank texts out), a date that is not midnight of a day the engine
//! reads, a derived value without the field it comes from, and a request date outside the
//! period the in-force policies hold for. Without it the solver's answers would be made of
//! values no applicant can send.
//!
//! What it cannot say: a derived value other than a count of days (months or working days
//! until the request, an identifier's validity) is a function of other fields that Cedar
//! cannot compute, so here it is free (only its presence follows its field's). A counterexample that rests on one may not come back when the real
//! request is decided: `reproduced` says so.

use chrono::NaiveDate;
use pubdata_policy::strict_date::{MAX_YEAR, MIN_YEAR};
use pubdata_policy::{Derivation, Field, FieldType, IdProblem, Vocabulary, SECTIONS};

/// The `@id` prefix of the request-space policies, which no pack's policy has (a pack's
/// ids start with the pack's own id).
const SPACE_ID: &str = "pdp.prove.request_space";

/// The forbids that rule out inputs outside the request space, for requests dated from
/// `from` up to (not including) `until`: one per check, each with its id. One forbid of
/// all the checks joined by `&&` would be the same logic, but SymCC's terms for a long
/// `&&` chain grow with each link, and comparing two such terms takes minutes.
pub fn policies(vocabulary: &Vocabulary, from: NaiveDate, until: Option<NaiveDate>) -> Vec<(String, String)> {
    let mut checks = vec![
        format!("context.date >= datetime(\"{from}\")"),
        format!("context.date.toTime() == duration(\"0ms\")"),
        match until {
            Some(until) => format!("context.date < datetime(\"{until}\")"),
            None => format!("context.date <= datetime(\"{MAX_YEAR}-12-31\")"),
        },
    ];
    for (i, section) in SECTIONS.iter().enumerate() {
        for field in vocabulary.section(i) {
            checks.extend(field_checks(section.cedar, field));
        }
    }
    checks
        .into_iter()
        .enumerate()
        .map(|(i, check)| {
            (format!("{SPACE_ID}.{i}"), format!("forbid (principal, action, resource) unless {{ {check} }};"))
        })
        .collect()
}

/// The checks of one field of `owner` (`principal`, `context.catalog`, …).
fn field_checks(owner: &str, field: &Field) -> Vec<String> {
    let spec = &field.spec;
    if spec.entity_id {
        return vec![];
    }
    let path = format!("{owner}.{}", field.name);
    let quoted = |values: Vec<&str>| values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ");
    let listed = || quoted(spec.values.iter().map(|v| v.value.as_str()).collect());
    // A present value's own check; `if … has … then` is what Cedar's validator reads as a guard.
    let own: Option<String> = match spec.field_type {
        FieldType::Enum => Some(format!("[{}].contains({path})", listed())),
        FieldType::Text => Some(format!("{path} != \"\"")),
        FieldType::Long => {
            let min = spec.min.map(|m| format!("{path} >= {m}"));
            let max = spec.max.map(|m| format!("{path} <= {m}"));
            let both: Vec<String> = min.into_iter().chain(max).collect();
            (!both.is_empty()).then(|| both.join(" && "))
        }
        FieldType::Date => Some(format!(
            "{path}.toTime() == duration(\"0ms\") && {path} >= datetime(\"{MIN_YEAR}-01-01\") && {path} <= datetime(\"{MAX_YEAR}-12-31\")"
        )),
        FieldType::Record => {
            let inner: Vec<String> = field.children.iter().flat_map(|c| field_checks(&path, c)).collect();
            (!inner.is_empty()).then(|| inner.join(" && "))
        }
        FieldType::Set | FieldType::Bool => None,
    };
    let mut out = Vec::new();
    match spec.field_type {
        // A set is always given (empty when absent).
        FieldType::Set => out.push(format!("[{}].containsAll({path})", listed())),
        // A boolean is always given unless optional; either way any value is one a request can hold.
        FieldType::Bool => {}
        _ => {
            if let Some(own) = own {
                out.push(format!("(if {owner} has {} then {own} else true)", field.name));
            }
        }
    }
    // The engine gives a derived value exactly when the field it comes from is given (an
    // identifier's problem only when it is not valid).
    for d in &spec.derive {
        for (attribute, _) in d.attributes() {
            let problem = matches!(d, Derivation::Identifier { problem_attribute: Some(p), .. } if p == attribute);
            if problem {
                continue;
            }
            out.push(format!("(({owner} has {}) == ({owner} has {attribute}))", field.name));
        }
        // Days until the request Cedar can count itself (both dates are midnights).
        if let Derivation::DaysUntilRequest { attribute } = d {
            out.push(format!(
                "(if {owner} has {name} && {owner} has {attribute} then {owner}.{attribute} == context.date.durationSince({owner}.{name}).toDays() else true)",
                name = field.name
            ));
        }
        if let Derivation::Identifier { attribute, problem_attribute: Some(problem), .. } = d {
            let words =
                [IdProblem::Format, IdProblem::BirthDate, IdProblem::Checksum].map(|p| format!("{:?}", p.as_str()));
            out.push(format!(
                "(if {owner} has {problem} then ({owner} has {attribute} && !{owner}.{attribute} && [{}].contains({owner}.{problem})) else true)",
                words.join(", ")
            ));
        }
    }
    out
}
