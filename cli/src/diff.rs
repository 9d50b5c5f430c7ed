//! `pdp diff OLD NEW`: what a change to the policies changes. The comparison is the core's
//! (`pubdata_policy::impact`, shared with the WebAssembly package): it decides the scenario
//! corpus and a request space generated around it under both policy folders and lists
//! every request whose verdict differs, grouped by the rule that makes the difference.
//! Here: the folders and scenario files, and the report printed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pubdata_policy::impact::{self, ChangeKind, JurisdictionDiff, PolicySide, Report, Side};
use pubdata_policy::scenario::Suite;

use crate::policy_source::PolicySource;
use crate::prove::{self, report::Proof, Solver};
use crate::scenarios::Vectors;
use crate::validate::load_failure;
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
    only: Vec<String>,
    /// How many changed requests to list under each rule; 0 lists all.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Also prove, per kind, whether NEW refuses, grants or routes anything differently
    /// than OLD, with a counterexample for each "yes" (Cedar's symbolic compiler and the
    /// cvc5 solver; exits 2 when no solver is found, after the sampled diff).
    #[arg(long)]
    prove: bool,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// The sampled diff with the proof beside it (`--prove`).
#[derive(serde::Serialize)]
struct Proved {
    #[serde(flatten)]
    report: Report,
    proof: Proof,
}

pub fn run(args: &Args) -> Exit {
    if !args.prove {
        return crate::finish(compare(args).map(|(r, _)| r), args.format, human, |r| !r.changed);
    }
    let (report, sides) = match compare(args) {
        Ok(done) => done,
        Err(message) => return crate::finish(Err::<Report, _>(message), args.format, human, |_| true),
    };
    let proof = Solver::find().and_then(|solver| {
        let jurisdictions =
            sides.iter().map(|(j, old, new)| prove::prove(j, old, new, &solver)).collect::<Result<Vec<_>, String>>()?;
        Ok(Proof { solver: solver.version, jurisdictions })
    });
    match proof {
        Ok(proof) => crate::finish(
            Ok(Proved { report, proof }),
            args.format,
            |p| format!("{}\n{}", human(&p.report), prove::report::human(&p.proof)),
            |p| !p.report.changed && !p.proof.found(),
        ),
        Err(message) => {
            // The sampled diff still stands; the proof's failure is the exit status.
            crate::finish(Ok(report), args.format, human, |_| true);
            eprintln!("error: --prove: {message}");
            Exit::BadInput
        }
    }
}

/// Each jurisdiction with policies on both sides, loaded, for the proof.
type Sides = Vec<(String, PolicySide, PolicySide)>;

fn compare(args: &Args) -> Result<(Report, Sides), String> {
    let open = |side: &str, p: &Path| PolicySource::folder(p).map_err(|e| format!("{side}: {e}"));
    let (old, new) = (open("OLD", &args.old)?, open("NEW", &args.new)?);
    let vectors = match &args.vectors {
        Some(p) => Some(Vectors::locate(p)?),
        None => Path::new("tests/vectors").is_dir().then(|| Vectors::locate(Path::new("tests/vectors"))).transpose()?,
    };
    let (in_old, in_new) = (old.jurisdictions(), new.jurisdictions());
    let mut all: BTreeSet<String> = in_old.iter().chain(&in_new).cloned().collect();
    if !args.only.is_empty() {
        if let Some(missing) = args.only.iter().find(|j| !all.contains(*j)) {
            return Err(format!("neither OLD nor NEW has policies for jurisdiction `{missing}`"));
        }
        all.retain(|j| args.only.contains(j));
    }
    let mut jurisdictions = Vec::new();
    let mut sides = Vec::new();
    for j in all {
        let diff = match (in_old.contains(&j), in_new.contains(&j)) {
            (true, false) => JurisdictionDiff::only_in(&j, Side::Old),
            (false, _) => JurisdictionDiff::only_in(&j, Side::New),
            (true, true) => {
                let (old_side, new_side) = (load(Side::Old, &old, &j)?, load(Side::New, &new, &j)?);
                let scenarios: Vec<(String, Suite)> = match &vectors {
                    Some(v) => v.load(&j)?.into_iter().map(|f| (f.name(), f.suite)).collect(),
                    None => vec![],
                };
                let diff =
                    impact::compare(&j, &old_side, &new_side, &scenarios, args.limit).map_err(|e| e.to_string())?;
                if args.prove {
                    sides.push((j.clone(), old_side, new_side));
                }
                diff
            }
        };
        jurisdictions.push(diff);
    }
    Ok((Report::new(jurisdictions), sides))
}

/// A side's policies, loaded; when they do not load, the errors `pdp validate` finds.
fn load(side: Side, source: &PolicySource, j: &str) -> Result<PolicySide, String> {
    let fail = |e: pubdata_policy::Error| format!("{}: {}", side.as_str(), load_failure(source, j, &e));
    PolicySide::load(source.sources(j).map_err(fail)?).map_err(fail)
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.jurisdictions {
        if let Some(side) = d.only_in {
            out.push_str(&format!("{}: policies only in {}\n", d.jurisdiction, side.as_str()));
            continue;
        }
        out.push_str(&format!("{}\n", d.jurisdiction));
        if d.rules.is_empty() {
            out.push_str("  rules: none added, removed or modified\n");
        }
        for r in &d.rules {
            let sign = match r.change {
                ChangeKind::Added => "+",
                ChangeKind::Removed => "-",
                ChangeKind::Modified => "~",
            };
            let dated = match (&r.valid_from, &r.valid_until) {
                (Some(from), Some(until)) => format!(", in force {from} to {until}"),
                (Some(from), None) => format!(", an amendment in force from {from}"),
                (None, Some(until)) => format!(", in force until {until}"),
                (None, None) => String::new(),
            };
            out.push_str(&format!("  {sign} {} ({}, {}{dated})\n", r.id, r.change.as_str(), r.file));
            for a in &r.annotations {
                let show =
                    |v: &Option<String>| v.as_ref().map(|v| format!("\"{v}\"")).unwrap_or_else(|| "(none)".into());
                out.push_str(&format!("      @{}: {} → {}\n", a.key, show(&a.old), show(&a.new)));
            }
            if r.change == ChangeKind::Modified && r.logic_changed {
                out.push_str("      its scope or conditions changed\n");
            }
        }
        for change in &d.regulations {
            out.push_str(&format!("  regulation.json: {change}\n"));
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
        for w in &d.warnings {
            out.push_str(&format!("  ! {w}\n"));
        }
        if !d.not_exercised.is_empty() {
            out.push_str(&format!(
                "  not exercised: {} — no request fired them on either side, so what they change is unknown; add a scenario that reaches them\n",
                d.not_exercised.join(", ")
            ));
        }
        if d.changed_requests == 0 {
            let edited = !d.rules.is_empty() || !d.regulations.is_empty();
            out.push_str(match (d.not_exercised.is_empty(), edited) {
                (false, _) => "  no verdict changed among the requests decided\n",
                (true, true) => "  no verdict changes: the rules above changed, but no request's verdict did\n",
                (true, false) => "  no change: every request gets the same verdict\n",
            });
            continue;
        }
        let moved: Vec<String> = d.outcomes.iter().map(|m| format!("{} → {} {}", m.from, m.to, m.count)).collect();
        if !moved.is_empty() {
            out.push_str(&format!("  outcomes: {}\n", moved.join(", ")));
        }
        out.push_str(&format!("  {} of {} requests change:\n", d.changed_requests, s.total));
        for g in &d.groups {
            let what = g.change.map(|c| format!(" ({})", c.as_str())).unwrap_or_default();
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
    let unexercised: usize = report.jurisdictions.iter().map(|d| d.not_exercised.len()).sum();
    if report.changed {
        let rules = match unexercised {
            0 => String::new(),
            n => format!("; {n} changed rules not exercised"),
        };
        out.push_str(&format!("diff: {total} requests change{rules}\n"));
    } else {
        let edited: usize = report.jurisdictions.iter().map(|d| d.rules.len() + d.regulations.len()).sum();
        match edited {
            0 => out.push_str("diff: no change\n"),
            n => out.push_str(&format!("diff: no verdict changes ({n} rule or metadata edits)\n")),
        }
    }
    out
}
