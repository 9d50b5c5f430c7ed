//! `pdp diff --prove`: a proof over every request, not a sample. Cedar's symbolic compiler
//! (cedar-policy-symcc) turns both sides' policies into SMT and the cvc5 solver answers,
//! for each kind of request and each period between the days either side's rules change:
//!
//! - newly refused: does NEW refuse a request OLD grants or reviews?
//! - newly granted or reviewed: the reverse;
//! - route: does a ground (`@outcome`) or schedule step that is not the same on both
//!   sides fire on an admitted request?
//! - obligation or warning: the same for `@obligation` and `@warning` permits.
//!
//! How the engine's verdict maps onto Cedar's answers is in `sets.rs`; the requests the
//! proof ranges over in `space.rs`. Each "yes" comes with the solver's request, read back
//! into request JSON (`counterexample.rs`) and decided by both engines.

mod counterexample;
pub mod report;
mod sets;
mod solver;
mod space;

use std::time::Instant;

use cedar_policy::{Policy, PolicyId, PolicySet, RequestEnv, Schema};
use cedar_policy_symcc::solver::LocalSolver;
use cedar_policy_symcc::{CedarSymCompiler, CompiledPolicy, CompiledPolicySet, Env};
use chrono::NaiveDate;
use pubdata_policy::impact::{Decision, PolicySide};
use pubdata_policy::{Engine, PolicyRole, Request, Vocabulary};

use report::{Finding, JurisdictionProof, Question};
use sets::KindPolicies;
pub use solver::Solver;

/// The longest the solver may take over one question, in milliseconds.
const PER_QUESTION_MS: u32 = 60_000;

/// How often a route question is asked again when another ground outranked the one asked about.
const MAX_RETRIES: usize = 3;

/// Proves what changes from `old` to `new` for one jurisdiction.
pub fn prove(
    jurisdiction: &str,
    old: &PolicySide,
    new: &PolicySide,
    solver: &Solver,
) -> Result<JurisdictionProof, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the solver's runtime: {e}"))?;
    // The solver's process is spawned within the runtime, which owns its pipes.
    runtime.block_on(async { Prover::new(jurisdiction, old.engine(), new.engine(), solver)?.run().await })
}

struct Prover<'a> {
    jurisdiction: &'a str,
    old: &'a Engine,
    new: &'a Engine,
    vocabulary: &'a Vocabulary,
    schema: Schema,
    compiler: CedarSymCompiler<LocalSolver>,
    proof: JurisdictionProof,
}

/// One question's policy sets: a counterexample is a request the first allows and the
/// second does not (`None`: one the first allows at all).
type Ask = (PolicySet, Option<PolicySet>);

impl<'a> Prover<'a> {
    fn new(jurisdiction: &'a str, old: &'a Engine, new: &'a Engine, solver: &Solver) -> Result<Self, String> {
        let vocabulary = new.vocabulary();
        if old.vocabulary() != vocabulary {
            return Err(format!(
                "{jurisdiction}: the request fields differ between OLD and NEW (pack.json); --prove compares two rule sets over the same fields"
            ));
        }
        let schema = Schema::from_cedarschema_str(&vocabulary.schema())
            .map(|(s, _)| s)
            .map_err(|e| format!("{jurisdiction}: the schema made from pack.json does not read: {e}"))?;
        let mut command = tokio::process::Command::new(&solver.path);
        command.args(["--lang", "smt", &format!("--tlimit-per={PER_QUESTION_MS}")]).kill_on_drop(true);
        let cvc5 = LocalSolver::from_command(&mut command)
            .map_err(|e| format!("cannot start the solver {}: {e}", solver.path.display()))?;
        let compiler = CedarSymCompiler::new(cvc5).map_err(|e| format!("cannot start SymCC: {e}"))?;
        let mut notes = Vec::new();
        if old.calendar() != new.calendar() {
            notes.push(
                "the holiday calendars differ: due dates are not part of the proof, only the sampled diff shows them"
                    .to_owned(),
            );
        }
        let proof = JurisdictionProof {
            jurisdiction: jurisdiction.to_owned(),
            millis: 0,
            periods: 0,
            questions: 0,
            newly_refused: false,
            newly_admitted: false,
            routes: vec![],
            obligations_and_warnings: vec![],
            findings: vec![],
            notes,
        };
        Ok(Prover { jurisdiction, old, new, vocabulary, schema, compiler, proof })
    }

    async fn run(mut self) -> Result<JurisdictionProof, String> {
        let started = Instant::now();
        for (from, until) in periods(self.old, self.new) {
            for kind in self.vocabulary.kinds().iter().map(|k| k.kind.clone()) {
                let fail = |e: pubdata_policy::Error| format!("{}: kind `{kind}` on {from}: {e}", self.jurisdiction);
                let old = self.old.kind_policies(&kind, from).map_err(fail)?;
                let new = self.new.kind_policies(&kind, from).map_err(fail)?;
                if same(&old, &new) {
                    continue;
                }
                self.proof.periods += 1;
                self.kind_period(&kind, from, until, &old, &new).await?;
            }
        }
        self.proof.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Ok(self.proof)
    }

    async fn kind_period(
        &mut self,
        kind: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
        old: &KindPolicies,
        new: &KindPolicies,
    ) -> Result<(), String> {
        let env = self.request_env(kind)?;
        let space = space::policies(self.vocabulary, from, until)
            .into_iter()
            .map(|(id, text)| {
                Policy::parse(Some(PolicyId::new(&id)), &text)
                    .map_err(|e| format!("the request-space policy `{id}` does not parse: {e}\n{text}"))
            })
            .collect::<Result<Vec<Policy>, String>>()?;
        let (old_admitted, new_admitted) = (sets::admitted(old, &space)?, sets::admitted(new, &space)?);
        let mut asks: Vec<(Question, Option<String>, Ask)> = vec![
            (Question::NewlyRefused, None, (old_admitted.clone(), Some(new_admitted.clone()))),
            (Question::NewlyAdmitted, None, (new_admitted, Some(old_admitted))),
        ];
        asks.extend(shown_asks(old, new, &space)?);
        for (question, rule, (mut first, second)) in asks {
            // A route's counterexample may fire another ground that outranks the one asked
            // about; then the question is asked again without those grounds firing.
            for attempt in 0..=MAX_RETRIES {
                let found = self.ask(kind, &env, &first, second.as_ref()).await?;
                self.proof.questions += 1;
                let Some(found) = found else { break };
                let finding = self.finding(question, kind, from, until, rule.clone(), &found)?;
                let outranked: Vec<Policy> = match (question, &rule) {
                    (Question::Route, Some(asked)) if !finding.reproduced && attempt < MAX_RETRIES => {
                        let others = new.iter().chain(old.iter()).filter(|(id, role, _)| {
                            *role == PolicyRole::Ground && id != asked && finding.fired.contains(id)
                        });
                        others.map(|(id, _, p)| sets::never_fires(id, p)).collect::<Result<_, _>>()?
                    }
                    _ => vec![],
                };
                if outranked.is_empty() {
                    self.record(question, rule.clone(), finding);
                    break;
                }
                first = sets::with(&first, dedup(outranked))?;
            }
        }
        Ok(())
    }

    fn request_env(&self, kind: &str) -> Result<RequestEnv, String> {
        self.schema
            .request_envs()
            .find(|e| e.action().id().unescaped() == kind)
            .ok_or_else(|| format!("{}: the schema has no action `{kind}`", self.jurisdiction))
    }

    /// A request `first` allows and `second` denies (or that `first` allows), if any.
    async fn ask(
        &mut self,
        kind: &str,
        env: &RequestEnv,
        first: &PolicySet,
        second: Option<&PolicySet>,
    ) -> Result<Option<Env>, String> {
        let first = self.compile(kind, env, first)?;
        let answer = match second {
            Some(second) => {
                let second = self.compile(kind, env, second)?;
                self.compiler.check_implies_with_counterexample_opt(&first, &second).await
            }
            None => self.compiler.check_always_denies_with_counterexample_opt(&first).await,
        };
        answer.map_err(|e| format!("{}: kind `{kind}`: the solver gave no answer: {e}", self.jurisdiction))
    }

    /// Compiles a set; when SymCC cannot, names the first policy it cannot compile.
    fn compile(&self, kind: &str, env: &RequestEnv, set: &PolicySet) -> Result<CompiledPolicySet, String> {
        CompiledPolicySet::compile(set, env, &self.schema).map_err(|whole| {
            let culprit = set.policies().find_map(|p| {
                CompiledPolicy::compile(p, env, &self.schema).err().map(|e| format!("policy `{}`: {e}", p.id()))
            });
            format!(
                "{}: kind `{kind}`: SymCC cannot compile the policies: {}",
                self.jurisdiction,
                culprit.unwrap_or_else(|| whole.to_string())
            )
        })
    }

    /// Decides the counterexample with both engines.
    fn finding(
        &self,
        question: Question,
        kind: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
        rule: Option<String>,
        env: &Env,
    ) -> Result<Finding, String> {
        let request = counterexample::request(self.jurisdiction, kind, self.vocabulary, env)
            .map_err(|e| format!("{}: kind `{kind}`: the counterexample does not read back: {e}", self.jurisdiction))?;
        let decide = |engine: &Engine| match Request::from_value(request.clone()) {
            Ok(r) => Decision::of(&engine.check(&r)),
            Err(e) => Decision::of(&Err(e)),
        };
        let (old, new) = (decide(self.old), decide(self.new));
        let changes = new.changes_from(&old);
        let refused = |d: &Decision| d.outcome() == "refused";
        let admitted = |d: &Decision| matches!(d.outcome(), "granted" | "review");
        let reproduced = match question {
            Question::NewlyRefused => admitted(&old) && refused(&new),
            Question::NewlyAdmitted => refused(&old) && admitted(&new),
            Question::Route => changes.iter().any(|c| c.what.starts_with("route") || c.what == "outcome"),
            Question::ObligationOrWarning => {
                changes.iter().any(|c| c.what.starts_with("obligation") || c.what == "warning")
            }
        };
        Ok(Finding {
            question,
            kind: kind.to_owned(),
            from: from.to_string(),
            until: until.map(|d| d.to_string()),
            rule,
            request,
            old: old.outcome().to_owned(),
            new: new.outcome().to_owned(),
            changes,
            reproduced,
            fired: old.fired.union(&new.fired).cloned().collect(),
        })
    }

    fn record(&mut self, question: Question, rule: Option<String>, finding: Finding) {
        match question {
            Question::NewlyRefused => self.proof.newly_refused = true,
            Question::NewlyAdmitted => self.proof.newly_admitted = true,
            Question::Route => self.proof.routes.extend(rule.filter(|r| !self.proof.routes.contains(r))),
            Question::ObligationOrWarning => {
                let seen = &self.proof.obligations_and_warnings;
                let new = rule.filter(|r| !seen.contains(r));
                self.proof.obligations_and_warnings.extend(new)
            }
        }
        self.proof.findings.push(finding);
    }
}

/// Policies without repeats (a ground may fire on both sides).
fn dedup(policies: Vec<Policy>) -> Vec<Policy> {
    let mut out: Vec<Policy> = Vec::new();
    for p in policies {
        if !out.iter().any(|q| q.id() == p.id()) {
            out.push(p);
        }
    }
    out
}

/// The route, obligation and warning questions: one per such policy that is not the same
/// on both sides (`sets.rs` says how each is put).
fn shown_asks(
    old: &KindPolicies,
    new: &KindPolicies,
    space: &[Policy],
) -> Result<Vec<(Question, Option<String>, Ask)>, String> {
    let mut ids: Vec<&str> = old.iter().chain(new).map(|(id, _, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let find = |side: &'_ KindPolicies, id: &str| -> Option<(PolicyRole, Policy)> {
        side.iter().find(|(i, _, _)| i == id).map(|(_, r, p)| (*r, p.clone()))
    };
    let mut out = Vec::new();
    for id in ids {
        let (o, n) = (find(old, id), find(new, id));
        let question = match o.as_ref().or(n.as_ref()).map(|(role, _)| *role) {
            Some(PolicyRole::Ground | PolicyRole::Step) => Question::Route,
            Some(PolicyRole::Obligation | PolicyRole::Warning) => Question::ObligationOrWarning,
            _ => continue,
        };
        let ask = match (o, n) {
            (Some((_, po)), Some((_, pn))) if sets::logic(&po) != sets::logic(&pn) => {
                // Its conditions changed: a request admitted with it firing on one side
                // and not so on the other, each way round.
                let on_old = sets::admitted_and_fires(old, space, id, &po)?;
                let on_new = sets::admitted_and_fires(new, space, id, &pn)?;
                out.push((question, Some(id.to_owned()), (on_new.clone(), Some(on_old.clone()))));
                (on_old, Some(on_new))
            }
            (Some((_, po)), Some((_, pn))) if !sets::shown_annotations_differ(&po, &pn) => continue,
            // Only what it shows changed: any admitted request it fires on shows it.
            (Some(_), Some((_, p))) | (None, Some((_, p))) => (sets::admitted_and_fires(new, space, id, &p)?, None),
            (Some((_, p)), None) => (sets::admitted_and_fires(old, space, id, &p)?, None),
            (None, None) => continue,
        };
        out.push((question, Some(id.to_owned()), ask));
    }
    Ok(out)
}

/// Whether two sides' policies for a kind are the same texts: then nothing can differ.
fn same(a: &KindPolicies, b: &KindPolicies) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1 == y.1 && x.2.to_string() == y.2.to_string())
}

/// The periods between the days either side's rules or regulations change: `(from,
/// until)`, `until` excluded and `None` for the last. The same policies decide all of a
/// period, so one date of it gives them.
fn periods(old: &Engine, new: &Engine) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut days: Vec<NaiveDate> = old.breakpoints().iter().chain(new.breakpoints()).copied().collect();
    days.sort_unstable();
    days.dedup();
    let first = NaiveDate::from_ymd_opt(pubdata_policy::strict_date::MIN_YEAR, 1, 1).unwrap_or_default();
    let mut starts = vec![first];
    starts.extend(days.into_iter().filter(|d| *d > first));
    let ends = starts.iter().skip(1).copied().map(Some).chain([None]);
    starts.iter().copied().zip(ends).collect()
}
