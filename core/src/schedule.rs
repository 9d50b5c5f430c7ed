//! The route of a review and the steps that follow it.
//!
//! A routing ground (a permit with `@outcome` and `@reviewer`) may name the step it
//! follows with `@after("<policy id>")`; so may a step that decides nothing (a permit
//! with `@reviewer` and `@after` but no `@outcome`). The route is chosen among the routing grounds
//! that fired and follow no step that fired: the highest `@priority` wins, then the
//! latest due date, then the first in file order. From the route the schedule follows
//! `@after` links among the grounds that fired; each step's period runs from the due
//! date of the step before it, so no step falls due before the step it follows.

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::calendar::{Calendar, Deadline};
use crate::rules::{Role, RouteSpec, Rule};
use crate::verdict::{Route, Step};

/// The route, the schedule when it has more than one step, and every step's deadline.
pub(crate) struct Plan {
    pub route: Option<Route>,
    pub schedule: Option<Vec<Step>>,
    pub deadlines: Vec<Deadline>,
}

/// Plans the review of a request dated `date`; `grounds` are the grounds that decided
/// it and the steps that fired (in file order), and `title` names a rule's regulation.
pub(crate) fn plan(grounds: &[&Rule], calendar: &Calendar, date: NaiveDate, title: &dyn Fn(&Rule) -> String) -> Plan {
    let routing: Vec<(&Rule, &RouteSpec, Option<i64>)> = grounds
        .iter()
        .filter_map(|r| match &r.role {
            Role::Ground { route: Some(spec), priority, .. } => Some((*r, spec, Some(*priority))),
            Role::Step { route } => Some((*r, route, None)),
            _ => None,
        })
        .collect();
    let fired = |id: &str| routing.iter().any(|(r, ..)| r.id == id);
    let head = routing
        .iter()
        .filter(|(_, spec, priority)| priority.is_some() && !spec.after.as_deref().is_some_and(fired))
        .max_by_key(|(r, spec, priority)| {
            (*priority, spec.period.due(calendar, date).map(|d| d.due), Reverse(r.order))
        });
    let Some(&(first, first_spec, _)) = head else {
        return Plan { route: None, schedule: None, deadlines: vec![] };
    };

    let mut steps = vec![step(first, first_spec, calendar, date, title, false)];
    let mut deadlines: Vec<Deadline> = first_spec.period.due(calendar, date).into_iter().collect();
    let mut start = deadlines.last().map_or(date, |d| d.due);
    let mut current = first;
    // Each step has one `@after`, so a chain from a step that follows none cannot loop;
    // the bound holds even so.
    for _ in 0..routing.len() {
        let Some(&(next, spec, _)) = routing.iter().find(|(_, spec, _)| spec.after.as_deref() == Some(&current.id))
        else {
            break;
        };
        let deadline = spec.period.due(calendar, start);
        steps.push(step(next, spec, calendar, start, title, spec.on_request));
        deadlines.extend(deadline);
        start = deadline.map_or(start, |d| d.due);
        current = next;
    }
    let route = steps.first().map(|s| Route {
        reviewer: s.reviewer,
        working_days: s.working_days,
        due: s.due,
        silence_means_approval: s.silence_means_approval,
        regulation: s.regulation.clone(),
        article: s.article.clone(),
        message: s.message.clone(),
    });
    Plan { route, schedule: (steps.len() > 1).then_some(steps), deadlines }
}

fn step(
    rule: &Rule,
    spec: &RouteSpec,
    calendar: &Calendar,
    start: NaiveDate,
    title: &dyn Fn(&Rule) -> String,
    on_request: bool,
) -> Step {
    Step {
        rule: rule.id.clone(),
        reviewer: spec.reviewer,
        working_days: spec.period.working_days,
        due: spec.period.due(calendar, start).map(|d| d.due),
        silence_means_approval: spec.silence_means_approval,
        regulation: title(rule),
        article: rule.article.clone(),
        message: spec.message.clone(),
        on_request,
    }
}

/// Every `@after` names another policy that routes (a ground with a `@reviewer`).
pub(crate) fn check_links(rules: &std::collections::HashMap<String, Rule>) -> Result<(), crate::error::Error> {
    let routes = |id: &str| {
        rules.values().any(|r| r.id == id && matches!(&r.role, Role::Ground { route: Some(_), .. } | Role::Step { .. }))
    };
    // The first such policy in the files' order is named, whatever the map's order.
    let broken = rules
        .values()
        .filter_map(|r| match &r.role {
            Role::Ground { route: Some(RouteSpec { after: Some(after), .. }), .. }
            | Role::Step { route: RouteSpec { after: Some(after), .. } } => Some((r, after.as_str())),
            _ => None,
        })
        .filter(|(r, after)| *after == r.id || !routes(after))
        .min_by_key(|(r, _)| r.order);
    match broken {
        None => Ok(()),
        Some((r, after)) => Err(crate::error::Error::in_policy(
            &r.file,
            &r.id,
            format!("policy `{}`: `@after(\"{after}\")` must name another policy with a `@reviewer`", r.id),
        )),
    }
}
