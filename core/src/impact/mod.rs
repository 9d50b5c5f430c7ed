//! What a change to a jurisdiction's policies changes, for `pdp diff` and the playground
//! page of the WebAssembly package alike: the scenario corpus and a request space generated
//! around it (`request_space.rs`) are decided under both policy sets, and every request
//! whose verdict differs for an applicant (`verdict_change.rs`) is listed under the rule
//! that makes the difference.

mod compared_policy;
mod contract;
mod policy_values;
mod report;
mod request_space;
mod rule_change;
mod verdict_change;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cedar_policy::Effect;
use serde_json::Value;

use crate::engine::{Engine, Sources};
use crate::error::Error;
use crate::request::Request;
use crate::scenario::Suite;

pub use contract::populated_request;
pub use report::{
    AnnotationChange, ChangeKind, ChangedRequest, Group, JurisdictionDiff, Movement, Report, RuleChange, Side,
    SpaceSize, NO_RULE,
};
pub use verdict_change::{Change, Decision};

use compared_policy::ComparedPolicy;
use request_space::Seed;

/// One side of a comparison: a jurisdiction's sources, its engine, and its policies as
/// the comparison reads them.
pub struct PolicySide {
    sources: Sources,
    engine: Engine,
    rules: Vec<ComparedPolicy>,
}

impl PolicySide {
    /// Builds the engine (strictly validated, as `Engine::from_sources`) and reads the policies.
    pub fn load(sources: Sources) -> Result<PolicySide, Error> {
        let engine = Engine::from_sources(&sources)?;
        let rules = compared_policy::read(&sources)?;
        Ok(PolicySide { sources, engine, rules })
    }

    /// The side's engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// The most dates the request space tries each base request on (the days rules change).
const MAX_DATES: usize = 40;

/// The requests `pdp diff` decides for a jurisdiction whose policies are `side` alone: the
/// scenario requests and the space around them, with the values the policies compare
/// fields with (for tests that decide many requests two ways).
pub fn request_space(side: &PolicySide, scenarios: &[(String, Suite)]) -> Vec<Value> {
    space(side.engine.jurisdiction(), side, side, scenarios).probes.into_iter().map(|p| p.request).collect()
}

/// For each field the policies of `side` compare with literals, the values to try: each
/// literal, and for a number the numbers either side.
pub fn compared_values(side: &PolicySide) -> Vec<(String, Vec<Value>)> {
    let texts: Vec<&str> = side.rules.iter().map(|r| r.text.as_str()).collect();
    policy_values::values(&texts, side.engine.vocabulary())
}

/// The scenario requests of `scenarios` and the space around them over both sides' rules.
fn space(
    jurisdiction: &str,
    old: &PolicySide,
    new: &PolicySide,
    scenarios: &[(String, Suite)],
) -> request_space::Space {
    let (corpus, mut bases) = seeds(scenarios);
    let date = corpus
        .iter()
        .find_map(|s| s.request.get("date").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| new.engine.info().regulations.first().map(|r| r.in_force.to_string()))
        .unwrap_or_default();
    let vocabulary = new.engine.vocabulary();
    let required: BTreeSet<String> = old
        .rules
        .iter()
        .chain(&new.rules)
        .filter(|r| r.effect == Effect::Forbid)
        .filter_map(|r| r.annotation("field").map(str::to_owned))
        .collect();
    bases.extend(request_space::bare_seeds(jurisdiction, &date, vocabulary));
    // Without scenario files a request of a kind with every required field is what reaches
    // a route; with them, their bases do.
    let populated = populated_request(vocabulary);
    let texts: Vec<&str> = old.rules.iter().chain(&new.rules).map(|r| r.text.as_str()).collect();
    let forbids: Vec<(&str, &str)> = old
        .rules
        .iter()
        .chain(&new.rules)
        .filter(|r| r.effect == Effect::Forbid)
        .filter_map(|r| Some((r.annotation("field")?, r.text.as_str())))
        .collect();
    let duties = policy_values::duties(&forbids, vocabulary);
    bases.extend(request_space::complete_seeds(jurisdiction, &date, vocabulary, &required, &populated, &duties));
    let compared = policy_values::values(&texts, vocabulary);
    // The days either side's rules or regulations change on, and the day before each: a
    // dated amendment shows on the requests dated from its day, and its absence the day before.
    let mut dates: BTreeSet<String> = BTreeSet::new();
    for day in old.engine.breakpoints().iter().chain(new.engine.breakpoints()) {
        dates.insert(day.to_string());
        dates.extend(day.pred_opt().map(|d| d.to_string()));
    }
    let dates: Vec<String> = dates.into_iter().filter(|d| *d != date).take(MAX_DATES).collect();
    request_space::generate(&corpus, &bases, vocabulary, &populated, &required, &dates, &compared)
}

/// Decides the requests of `scenarios` (each a scenario file's name, as the labels of its
/// cases start, and its cases) and the space around them under both sides, and groups the
/// requests whose verdict changes by rule, listing `limit` of each group (0: all).
pub fn compare(
    jurisdiction: &str,
    old: &PolicySide,
    new: &PolicySide,
    scenarios: &[(String, Suite)],
    limit: usize,
) -> Result<JurisdictionDiff, Error> {
    // Equal texts decide alike: no need to decide the space twice.
    let identical = same_texts(&old.sources, &new.sources);
    let rules = rule_change::rule_changes(&old.rules, &new.rules);
    let changed_ids: BTreeMap<&str, ChangeKind> = rules.iter().map(|r| (r.id.as_str(), r.change)).collect();

    let space = space(jurisdiction, old, new, scenarios);
    let (probes, scenarios) = (space.probes, space.scenarios);

    let requests: Vec<Option<Request>> =
        if identical { vec![] } else { probes.iter().map(|p| Request::from_value(p.request.clone()).ok()).collect() };
    let (before, after) = decide_both(&requests, &old.engine, &new.engine)?;

    let mut groups: BTreeMap<String, Vec<ChangedRequest>> = BTreeMap::new();
    let mut moved: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut fired: BTreeSet<&str> = BTreeSet::new();
    let mut changed_requests = 0;
    for ((probe, before), after) in probes.iter().zip(&before).zip(&after) {
        let (Some(before), Some(after)) = (before, after) else { continue };
        fired.extend(before.fired.iter().chain(&after.fired).map(String::as_str));
        let changes = after.changes_from(before);
        if changes.is_empty() {
            continue;
        }
        changed_requests += 1;
        if before.outcome() != after.outcome() {
            *moved.entry((before.outcome().to_owned(), after.outcome().to_owned())).or_default() += 1;
        }
        let changed = ChangedRequest { label: probe.label.clone(), changes, request: probe.request.clone() };
        for rule in responsible(before, after, &changed_ids) {
            groups.entry(rule).or_default().push(changed.clone());
        }
    }
    let mut groups: Vec<Group> = groups
        .into_iter()
        .map(|(rule, requests)| Group {
            change: changed_ids.get(rule.as_str()).copied(),
            count: requests.len(),
            requests: if limit == 0 { requests } else { requests.into_iter().take(limit).collect() },
            rule,
        })
        .collect();
    // Rules are unique, so an unstable sort orders alike (and is the smaller code).
    groups.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    let space = SpaceSize { scenarios, generated: probes.len().saturating_sub(scenarios), total: probes.len() };
    // A changed rule no request fired, on either side: the sample cannot say what it does.
    let not_exercised = match identical {
        true => vec![],
        false => rules
            .iter()
            .filter(|r| r.change != ChangeKind::Modified || r.logic_changed)
            .filter(|r| !fired.contains(r.id.as_str()))
            .map(|r| r.id.clone())
            .collect(),
    };
    let mut outcomes: Vec<Movement> =
        moved.into_iter().map(|((from, to), count)| Movement { from, to, count }).collect();
    outcomes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to))));
    let mut warnings = Vec::new();
    if scenarios == 0 {
        warnings.push(
            "no scenario files: only generated requests were decided, which may miss what the corpus would show"
                .to_owned(),
        );
    }
    Ok(JurisdictionDiff {
        jurisdiction: jurisdiction.to_owned(),
        only_in: None,
        identical,
        regulations: regulation_changes(old.engine.info(), new.engine.info()),
        rules,
        space,
        changed_requests,
        outcomes,
        not_exercised,
        warnings,
        groups,
    })
}

/// What differs in the regulations' metadata: a regulation added or removed, its title or
/// dates, an article added, removed or reworded.
fn regulation_changes(old: &crate::JurisdictionInfo, new: &crate::JurisdictionInfo) -> Vec<String> {
    let mut out = Vec::new();
    for o in &old.regulations {
        let Some(n) = new.regulations.iter().find(|n| n.key == o.key) else {
            out.push(format!("{}: removed", o.key));
            continue;
        };
        let show = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "(none)".to_owned(), |d| d.to_string());
        for (what, a, b) in [
            ("title", o.title.clone(), n.title.clone()),
            ("issued", show(o.issued), show(n.issued)),
            ("inForce", o.in_force.to_string(), n.in_force.to_string()),
            ("expires", show(o.expires), show(n.expires)),
        ] {
            if a != b {
                out.push(format!("{}: {what} {a} → {b}", o.key));
            }
        }
        for (article, text) in &o.articles {
            match n.articles.get(article) {
                None => out.push(format!("{}: {article} removed", o.key)),
                Some(t) if t != text => out.push(format!("{}: {article} reworded", o.key)),
                Some(_) => {}
            }
        }
        for article in n.articles.keys().filter(|a| !o.articles.contains_key(*a)) {
            out.push(format!("{}: {article} added", o.key));
        }
    }
    for n in new.regulations.iter().filter(|n| !old.regulations.iter().any(|o| o.key == n.key)) {
        out.push(format!("{}: added", n.key));
    }
    out
}

/// The corpus (every case deciding a request, labelled `file › case`) and the bases to
/// vary (each file's `base`, or its first case's request).
fn seeds(scenarios: &[(String, Suite)]) -> (Vec<Seed>, Vec<Seed>) {
    let mut corpus = Vec::new();
    let mut bases = Vec::new();
    for (name, suite) in scenarios {
        let cases: Vec<_> = suite.cases.iter().filter(|c| c.share.is_none()).collect();
        for case in &cases {
            corpus.push(Seed { label: format!("{name} › {}", case.name), request: suite.request_of(case) });
        }
        let base = suite.base.clone().or_else(|| cases.first().map(|c| suite.request_of(c)));
        if let Some(request) = base {
            bases.push(Seed { label: format!("{name} › base"), request });
        }
    }
    (corpus, bases)
}

type Decisions = Vec<Option<Decision>>;

fn decide(engine: &Engine, requests: &[Option<Request>]) -> Decisions {
    requests.iter().map(|r| r.as_ref().map(|r| Decision::of(&engine.check(r)))).collect()
}

/// The two sides are independent: natively they are decided side by side.
#[cfg(not(target_arch = "wasm32"))]
fn decide_both(requests: &[Option<Request>], old: &Engine, new: &Engine) -> Result<(Decisions, Decisions), Error> {
    std::thread::scope(|s| {
        let old_side = s.spawn(|| decide(old, requests));
        let after = decide(new, requests);
        let before = old_side.join().map_err(|_| Error::Evaluation("deciding the OLD side failed".into()))?;
        Ok((before, after))
    })
}

/// A browser's WebAssembly has no threads.
#[cfg(target_arch = "wasm32")]
fn decide_both(requests: &[Option<Request>], old: &Engine, new: &Engine) -> Result<(Decisions, Decisions), Error> {
    Ok((decide(old, requests), decide(new, requests)))
}

/// Whether two sides hold the same texts, wherever their folders are.
fn same_texts(a: &Sources, b: &Sources) -> bool {
    let texts = |files: &[(String, String)]| -> Vec<(String, String)> {
        let name = |n: &str| Path::new(n).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        files.iter().map(|(n, t)| (name(n), t.clone())).collect()
    };
    a.layers.len() == b.layers.len()
        && a.layers.iter().zip(&b.layers).all(|(x, y)| {
            x.pack == y.pack
                && x.manifest == y.manifest
                && x.regulation == y.regulation
                && texts(&x.policies) == texts(&y.policies)
        })
        && texts(&a.calendar) == texts(&b.calendar)
}

/// The rules a changed verdict is put under: the changed rules among those that fired
/// on either side; failing that, the rules that fired on one side only; failing that,
/// none (the metadata or the calendar changed).
fn responsible(before: &Decision, after: &Decision, changed: &BTreeMap<&str, ChangeKind>) -> Vec<String> {
    let edited: Vec<String> =
        before.fired.union(&after.fired).filter(|id| changed.contains_key(id.as_str())).cloned().collect();
    if !edited.is_empty() {
        return edited;
    }
    let one_side: Vec<String> = before.fired.symmetric_difference(&after.fired).cloned().collect();
    if !one_side.is_empty() {
        return one_side;
    }
    vec![NO_RULE.to_owned()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &str = include_str!("../../../tests/vectors/ganzi/share.json");

    fn scenarios() -> Vec<(String, Suite)> {
        vec![("share.json".to_owned(), Suite::from_json(SHARE).unwrap())]
    }

    fn side(edit: impl Fn(&str) -> String) -> PolicySide {
        let mut sources = Sources::builtin("ganzi").unwrap();
        for (_, text) in sources.layers.iter_mut().flat_map(|l| l.policies.iter_mut()) {
            *text = edit(text);
        }
        PolicySide::load(sources).unwrap()
    }

    /// 甘孜 第十八条's 5 working days become 3: the deadline of that one policy (the next
    /// review of the file keeps its own).
    fn five_days_become_three(text: &str) -> String {
        match text.split_once("@id(\"ganzi.share.conditional.review\")") {
            Some((head, tail)) => format!(
                "{head}@id(\"ganzi.share.conditional.review\"){}",
                tail.replacen("@workingDays(\"5\")", "@workingDays(\"3\")", 1)
            ),
            None => text.to_owned(),
        }
    }

    #[test]
    fn identical_sides_decide_nothing_and_change_nothing() {
        let (old, new) = (side(str::to_owned), side(str::to_owned));
        let diff = compare("ganzi", &old, &new, &scenarios(), 10).unwrap();
        assert!(diff.identical && diff.rules.is_empty() && diff.groups.is_empty());
        assert_eq!(diff.changed_requests, 0);
        assert!(diff.space.scenarios > 0 && diff.space.total > diff.space.scenarios, "{:?}", diff.space);
        assert!(!Report::new(vec![diff]).changed);
    }

    #[test]
    fn five_working_days_becoming_three_move_only_routes_under_that_rule() {
        let old = side(str::to_owned);
        let new = side(five_days_become_three);
        let diff = compare("ganzi", &old, &new, &scenarios(), 2).unwrap();
        assert!(!diff.identical);
        let [rule] = diff.rules.as_slice() else { panic!("{:?}", diff.rules) };
        assert_eq!(
            (rule.id.as_str(), rule.change, rule.logic_changed),
            ("ganzi.share.conditional.review", ChangeKind::Modified, false)
        );
        let [group] = diff.groups.as_slice() else { panic!("{:?}", diff.groups) };
        assert_eq!(group.rule, "ganzi.share.conditional.review");
        assert_eq!(group.count, diff.changed_requests);
        assert_eq!(group.requests.len(), 2, "the limit");
        assert!(group.requests.iter().all(|r| r.changes.iter().all(|c| c.what.starts_with("route."))));
        let days = group.requests.iter().flat_map(|r| &r.changes).find(|c| c.what == "route.workingDays").unwrap();
        assert_eq!((days.old.as_str(), days.new.as_str()), ("5", "3"));
        assert!(Report::new(vec![diff]).changed);
    }

    /// Without scenario files the space still reaches the route an amendment changes, and
    /// the report says the corpus was missing.
    #[test]
    fn without_scenario_files_the_amendment_still_shows_with_a_warning() {
        let old = side(str::to_owned);
        let new = side(five_days_become_three);
        let diff = compare("ganzi", &old, &new, &[], 1).unwrap();
        assert!(diff.changed_requests > 0, "{:?}", diff.space);
        assert!(diff.groups.iter().any(|g| g.rule == "ganzi.share.conditional.review"), "{:?}", diff.groups);
        assert!(diff.warnings.iter().any(|w| w.starts_with("no scenario files")), "{:?}", diff.warnings);
        assert!(diff.not_exercised.is_empty(), "{:?}", diff.not_exercised);
    }

    /// A rule on a free-text value no scenario holds fires on the policy's own literal; one
    /// that fires on nothing is named, and never summarised as no change.
    #[test]
    fn a_rule_on_a_value_only_the_policy_names_is_exercised_and_one_never_fired_is_named() {
        let old = side(str::to_owned);
        let commercial = r#"
@id("ganzi.open.commercial_commitment") @article("第二十三条") @field("/requester/materials")
@zh("商业用途的开放申请应提交安全承诺书") @en("A commercial use needs a security commitment")
forbid (principal, action == Action::"open", resource)
when { context has purpose && context.purpose == "commercial" && !principal.materials.contains("security_commitment") };
"#;
        let never = r#"
@id("ganzi.open.never") @article("第二十三条") @field("/application/purpose")
@zh("从不") @en("Never")
forbid (principal, action == Action::"open", resource) when { context has purpose && context.purpose == "x" && false };
"#;
        let new =
            side(
                |text| {
                    if text.contains("ganzi.open.") {
                        format!("{text}{commercial}{never}")
                    } else {
                        text.to_owned()
                    }
                },
            );
        let diff = compare("ganzi", &old, &new, &scenarios(), 1).unwrap();
        assert!(
            diff.groups.iter().any(|g| g.rule == "ganzi.open.commercial_commitment" && g.count > 0),
            "{:?}",
            diff.groups
        );
        assert_eq!(diff.not_exercised, ["ganzi.open.never"]);
        assert!(diff.outcomes.iter().any(|m| m.to == "refused" && m.count > 0), "{:?}", diff.outcomes);
        assert!(Report::new(vec![diff]).changed);
    }

    #[test]
    fn a_changed_verdict_no_rule_explains_is_put_under_the_metadata() {
        // The calendar moves a due date while no policy changes.
        let old = side(str::to_owned);
        let mut sources = Sources::builtin("ganzi").unwrap();
        sources.calendar.clear();
        let new = PolicySide::load(sources).unwrap();
        let diff = compare("ganzi", &old, &new, &scenarios(), 1).unwrap();
        assert!(diff.rules.is_empty());
        assert!(
            diff.groups.iter().any(|g| g.rule == NO_RULE && g.change.is_none() && g.count > 0),
            "{:?}",
            diff.groups
        );
    }
}
