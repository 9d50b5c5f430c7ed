//! `pdp diff OLD NEW`: what a change to the policies changes. Decides the scenario corpus
//! and a generated request space (`request_space.rs`) under both policy folders and lists
//! every request whose verdict differs, grouped by the rule that makes the difference.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pubdata_policy::inspect::{self, PolicyEffect, PolicySummary};
use pubdata_policy::{Engine, Jurisdiction, Request, Sources};
use serde::Serialize;
use serde_json::Value;

use crate::contract;
use crate::policy_source::PolicySource;
use crate::request_space::{self, Seed};
use crate::scenarios::Vectors;
use crate::validate::load_failure;
use crate::verdict_change::{Change, Decision};
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The policies before the change: a policies folder, or one jurisdiction's folder.
    old: PathBuf,
    /// The policies after the change.
    new: PathBuf,
    /// Scenario files whose requests join the space [default: tests/vectors, when present].
    #[arg(long, value_name = "PATH")]
    vectors: Option<PathBuf>,
    /// Compare only this jurisdiction (repeatable).
    #[arg(long = "jurisdiction", value_name = "ID")]
    only: Vec<Jurisdiction>,
    /// How many changed requests to list under each rule; 0 lists all.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    changed: bool,
    jurisdictions: Vec<JurisdictionDiff>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JurisdictionDiff {
    jurisdiction: Jurisdiction,
    /// Set when only one side has policies for the jurisdiction.
    #[serde(skip_serializing_if = "Option::is_none")]
    only_in: Option<&'static str>,
    /// Both sides hold the same files: nothing was decided, nothing can differ.
    identical: bool,
    rules: Vec<RuleChange>,
    space: SpaceSize,
    changed_requests: usize,
    groups: Vec<Group>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct SpaceSize {
    /// Requests of the scenario corpus.
    scenarios: usize,
    /// Requests generated around them.
    generated: usize,
    total: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleChange {
    id: String,
    change: &'static str,
    file: String,
    annotations: Vec<AnnotationChange>,
    logic_changed: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnnotationChange {
    key: String,
    old: Option<String>,
    new: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    /// A rule id, or `(regulation metadata or calendar)` when no rule differs.
    rule: String,
    /// `added`, `removed` or `modified`; absent for a rule that is itself unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
    count: usize,
    requests: Vec<ChangedRequest>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ChangedRequest {
    label: String,
    changes: Vec<Change>,
    request: Value,
}

const NO_RULE: &str = "(regulation metadata or calendar)";

pub fn run(args: &Args) -> Exit {
    let report = match compare(args) {
        Ok(r) => r,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::BadInput;
        }
    };
    match args.format {
        Format::Json => crate::print_json(&report),
        Format::Human => crate::emit(&human(&report)),
    }
    if report.changed {
        Exit::Failure
    } else {
        Exit::Ok
    }
}

fn compare(args: &Args) -> Result<Report, String> {
    let open = |side: &str, p: &Path| PolicySource::folder(p).map_err(|e| format!("{side}: {e}"));
    let (old, new) = (open("OLD", &args.old)?, open("NEW", &args.new)?);
    let vectors = match &args.vectors {
        Some(p) => Some(Vectors::locate(p)?),
        None => Path::new("tests/vectors").is_dir().then(|| Vectors::locate(Path::new("tests/vectors"))).transpose()?,
    };
    let populated = contract::populated()?;
    let (in_old, in_new) = (old.jurisdictions(), new.jurisdictions());
    let mut all: BTreeSet<Jurisdiction> = in_old.iter().chain(&in_new).copied().collect();
    if !args.only.is_empty() {
        if let Some(missing) = args.only.iter().find(|j| !all.contains(j)) {
            return Err(format!("neither OLD nor NEW has policies for jurisdiction `{missing}`"));
        }
        all.retain(|j| args.only.contains(j));
    }
    let mut jurisdictions = Vec::new();
    for j in all {
        let only_in = match (in_old.contains(&j), in_new.contains(&j)) {
            (true, true) => None,
            (true, false) => Some("OLD"),
            _ => Some("NEW"),
        };
        if only_in.is_some() {
            jurisdictions.push(JurisdictionDiff {
                jurisdiction: j,
                only_in,
                identical: false,
                rules: vec![],
                space: SpaceSize::default(),
                changed_requests: 0,
                groups: vec![],
            });
            continue;
        }
        jurisdictions.push(compare_jurisdiction(j, &old, &new, vectors.as_ref(), &populated, args.limit)?);
    }
    let changed = jurisdictions.iter().any(|d| d.only_in.is_some() || d.changed_requests > 0);
    Ok(Report { changed, jurisdictions })
}

/// A side's sources, engine, and what inspection says of its policies.
fn load(side: &str, source: &PolicySource, j: Jurisdiction) -> Result<(Sources, Engine, Vec<PolicySummary>), String> {
    let fail = |e: pubdata_policy::Error| format!("{side}: {}", load_failure(source, j, &e));
    let sources = source.sources(j).map_err(fail)?;
    let engine = Engine::from_sources(&sources).map_err(fail)?;
    let summaries = inspect::inspect(&sources).map_err(fail)?;
    Ok((sources, engine, summaries))
}

/// Whether two sides hold the same texts, wherever their folders are.
fn same_texts(a: &Sources, b: &Sources) -> bool {
    let texts = |files: &[(String, String)]| -> Vec<(String, String)> {
        let name = |n: &str| Path::new(n).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        files.iter().map(|(n, t)| (name(n), t.clone())).collect()
    };
    a.schema == b.schema
        && a.regulation == b.regulation
        && texts(&a.policies) == texts(&b.policies)
        && texts(&a.calendar) == texts(&b.calendar)
}

fn compare_jurisdiction(
    j: Jurisdiction,
    old: &PolicySource,
    new: &PolicySource,
    vectors: Option<&Vectors>,
    populated: &Value,
    limit: usize,
) -> Result<JurisdictionDiff, String> {
    let (old_sources, old_engine, old_rules) = load("OLD", old, j)?;
    let (new_sources, new_engine, new_rules) = load("NEW", new, j)?;
    // Equal texts decide alike: no need to decide the space twice.
    let identical = same_texts(&old_sources, &new_sources);
    let rules = rule_changes(&old_rules, &new_rules);
    let changed_ids: BTreeMap<&str, &'static str> = rules.iter().map(|r| (r.id.as_str(), r.change)).collect();

    let mut corpus = Vec::new();
    let mut bases = Vec::new();
    for file in vectors.map(|v| v.load(j)).transpose()?.unwrap_or_default() {
        let cases: Vec<_> = file.suite.cases.iter().filter(|c| c.share.is_none()).collect();
        for case in &cases {
            let label = format!("{} › {}", file.name(), case.name);
            corpus.push(Seed { label, request: file.suite.request_of(case) });
        }
        let base = file.suite.base.clone().or_else(|| cases.first().map(|c| file.suite.request_of(c)));
        if let Some(request) = base {
            bases.push(Seed { label: format!("{} › base", file.name()), request });
        }
    }
    let date = corpus
        .iter()
        .find_map(|s| s.request.get("date").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| new_engine.info().regulations.first().map(|r| r.in_force.to_string()))
        .unwrap_or_default();
    bases.extend(request_space::bare_seeds(j.as_str(), &date));
    let required: BTreeSet<String> = old_rules
        .iter()
        .chain(&new_rules)
        .filter(|r| r.effect == PolicyEffect::Forbid)
        .filter_map(|r| r.annotation("field").map(str::to_owned))
        .collect();
    let space = request_space::generate(&corpus, &bases, populated, &required);
    let (probes, scenarios) = (space.probes, space.scenarios);

    let requests: Vec<Option<Request>> =
        if identical { vec![] } else { probes.iter().map(|p| Request::from_value(p.request.clone()).ok()).collect() };
    let decide = |engine: &Engine| -> Vec<Option<Decision>> {
        requests.iter().map(|r| r.as_ref().map(|r| Decision::of(&engine.check(r)))).collect()
    };
    // The two sides are independent: decide them side by side.
    let (before, after) = std::thread::scope(|s| {
        let old_side = s.spawn(|| decide(&old_engine));
        let after = decide(&new_engine);
        (old_side.join(), after)
    });
    let before = before.map_err(|_| "deciding the OLD side failed".to_owned())?;

    let mut groups: BTreeMap<String, Vec<ChangedRequest>> = BTreeMap::new();
    let mut changed_requests = 0;
    for ((probe, before), after) in probes.iter().zip(&before).zip(&after) {
        let (Some(before), Some(after)) = (before, after) else { continue };
        let changes = after.changes_from(before);
        if changes.is_empty() {
            continue;
        }
        changed_requests += 1;
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
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    let space = SpaceSize { scenarios, generated: probes.len().saturating_sub(scenarios), total: probes.len() };
    Ok(JurisdictionDiff { jurisdiction: j, only_in: None, identical, rules, space, changed_requests, groups })
}

/// The rules a changed verdict is put under: the changed rules among those that fired
/// on either side; failing that, the rules that fired on one side only; failing that,
/// none (the metadata or the calendar changed).
fn responsible(before: &Decision, after: &Decision, changed: &BTreeMap<&str, &'static str>) -> Vec<String> {
    let either: BTreeSet<&String> = before.fired.union(&after.fired).collect();
    let edited: Vec<String> =
        either.iter().filter(|id| changed.contains_key(id.as_str())).map(|s| (*s).clone()).collect();
    if !edited.is_empty() {
        return edited;
    }
    let one_side: Vec<String> = before.fired.symmetric_difference(&after.fired).cloned().collect();
    if !one_side.is_empty() {
        return one_side;
    }
    vec![NO_RULE.to_owned()]
}

fn rule_changes(old: &[PolicySummary], new: &[PolicySummary]) -> Vec<RuleChange> {
    let by_id = |rules: &[PolicySummary]| -> BTreeMap<String, PolicySummary> {
        rules.iter().map(|r| (r.id.clone(), r.clone())).collect()
    };
    let (old, new) = (by_id(old), by_id(new));
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let change = match (old.get(id), new.get(id)) {
            (Some(o), None) => RuleChange {
                id: id.clone(),
                change: "removed",
                file: o.file.clone(),
                annotations: vec![],
                logic_changed: true,
            },
            (None, Some(n)) => RuleChange {
                id: id.clone(),
                change: "added",
                file: n.file.clone(),
                annotations: vec![],
                logic_changed: true,
            },
            (Some(o), Some(n)) => {
                let keys: BTreeSet<&String> = o.annotations.iter().chain(&n.annotations).map(|(k, _)| k).collect();
                let annotations: Vec<AnnotationChange> = keys
                    .into_iter()
                    .filter_map(|k| {
                        let (a, b) = (o.annotation(k).map(str::to_owned), n.annotation(k).map(str::to_owned));
                        (a != b).then(|| AnnotationChange { key: k.clone(), old: a, new: b })
                    })
                    .collect();
                let logic_changed = o.logic != n.logic;
                if annotations.is_empty() && !logic_changed {
                    continue;
                }
                RuleChange { id: id.clone(), change: "modified", file: n.file.clone(), annotations, logic_changed }
            }
            (None, None) => continue,
        };
        out.push(change);
    }
    out
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.jurisdictions {
        if let Some(side) = d.only_in {
            out.push_str(&format!("{}: policies only in {side}\n", d.jurisdiction));
            continue;
        }
        out.push_str(&format!("{}\n", d.jurisdiction));
        if d.rules.is_empty() {
            out.push_str("  rules: none added, removed or modified\n");
        }
        for r in &d.rules {
            let sign = match r.change {
                "added" => "+",
                "removed" => "-",
                _ => "~",
            };
            out.push_str(&format!("  {sign} {} ({}, {})\n", r.id, r.change, r.file));
            for a in &r.annotations {
                let show =
                    |v: &Option<String>| v.as_ref().map(|v| format!("\"{v}\"")).unwrap_or_else(|| "(none)".into());
                out.push_str(&format!("      @{}: {} → {}\n", a.key, show(&a.old), show(&a.new)));
            }
            if r.change == "modified" && r.logic_changed {
                out.push_str("      its scope or conditions changed\n");
            }
        }
        let s = &d.space;
        if d.identical {
            out.push_str(&format!("  no change: the files are identical ({} requests left undecided)\n", s.total));
            continue;
        }
        out.push_str(&format!(
            "  decided {} requests under both: {} from scenarios, {} generated\n",
            s.total, s.scenarios, s.generated
        ));
        if d.changed_requests == 0 {
            out.push_str("  no change: every request gets the same verdict\n");
            continue;
        }
        out.push_str(&format!("  {} of {} requests change:\n", d.changed_requests, s.total));
        for g in &d.groups {
            let what = g.change.map(|c| format!(" ({c})")).unwrap_or_default();
            out.push_str(&format!("  {}{what}: {} requests\n", g.rule, g.count));
            for r in &g.requests {
                out.push_str(&format!("    {}\n", r.label));
                let changes: Vec<String> =
                    r.changes.iter().map(|c| format!("{}: {} → {}", c.what, c.old, c.new)).collect();
                out.push_str(&format!("        {}\n", changes.join("; ")));
            }
            if g.count > g.requests.len() {
                out.push_str(&format!("    … and {} more (--limit 0 lists all)\n", g.count - g.requests.len()));
            }
        }
    }
    let total: usize = report.jurisdictions.iter().map(|d| d.changed_requests).sum();
    if report.changed {
        out.push_str(&format!("diff: {total} requests change\n"));
    } else {
        out.push_str("diff: no change\n");
    }
    out
}
