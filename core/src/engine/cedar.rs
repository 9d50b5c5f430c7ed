//! The engine's Cedar half: policy texts parsed and strictly validated, and requests
//! decided by Cedar's authorizer — the reference semantics the compiled policies are held
//! to. Without the `cedar` feature an engine is made from a compiled pack alone.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use cedar_policy::{
    ActionConstraint, Authorizer, Decision, EntityUid, PolicyId, PolicySet, Schema, ValidationMode, Validator,
};
use chrono::NaiveDate;

use super::{breakpoints, builtin_pack, in_pack, Engine, LayerSources, Sources};
use crate::cedar_input;
use crate::compiled::{self, CompiledPolicy};
use crate::error::Error;
use crate::identity::{self, PolicySetId};
use crate::limits::MAX_POLICIES;
use crate::pack::PackManifest;
use crate::request::Request;
use crate::rules::{PolicyRole, Rule};
use crate::schedule;
use crate::verdict::Verdict;

/// The policies one kind of request evaluates on one day.
type KindSets = Vec<(String, PolicySet)>;

/// What an engine made from policy texts decides with: Cedar's policy set and authorizer.
#[derive(Debug)]
pub(super) struct CedarPart {
    policies: PolicySet,
    /// For each stretch of days between breakpoints (by index), and each kind, the
    /// policies in force whose scope admits the kind's action: the only ones that can
    /// fire (or fail) on such a request, so the only ones a check evaluates. Made when a
    /// request first falls in the stretch.
    by_day: Mutex<HashMap<usize, Arc<KindSets>>>,
    names: cedar_input::CedarNames,
    authorizer: Authorizer,
}

impl Clone for CedarPart {
    fn clone(&self) -> Self {
        CedarPart {
            policies: self.policies.clone(),
            by_day: Mutex::new(self.by_day.lock().map(|m| m.clone()).unwrap_or_default()),
            names: self.names.clone(),
            authorizer: Authorizer::new(),
        }
    }
}

impl CedarPart {
    pub(super) fn policies(&self) -> &PolicySet {
        &self.policies
    }
}

impl Engine {
    /// The engine for a built-in pack (a jurisdiction's id, e.g. `ganzi`).
    pub fn builtin(id: &str) -> Result<Engine, Error> {
        // Built-in sources are part of the build: the test `builtin_policies_validate_strictly`
        // validates each set of the very build that embeds it, so a start-up need not repeat
        // it (a tenth of the time it takes).
        let found = builtin_pack(id).filter(|e| e.jurisdiction);
        let found = found.ok_or_else(|| Error::UnknownJurisdiction(id.to_owned()))?;
        Engine::build(&Sources::builtin(id)?, false, Some(found.hash))
    }

    /// An engine over the pack `id` of a `policies/` folder, for policy authors: any pack
    /// the folder holds, with no rebuild.
    pub fn from_dir(root: &Path, id: &str) -> Result<Engine, Error> {
        let sources = Sources::from_dir(root, id)?;
        // A pack only built upon decides no request of its own.
        if sources.manifests()?.last().is_some_and(|(_, m)| m.layer_only) {
            return Err(Error::UnknownJurisdiction(id.to_owned()));
        }
        Engine::from_sources(&sources)
    }

    /// Parses and strictly validates the sources; every later check reuses the result.
    pub fn from_sources(sources: &Sources) -> Result<Engine, Error> {
        Engine::build(sources, true, None)
    }

    /// `hash`: the sources' `PolicySetId::hash` when known (build.rs hashes the built-in sets).
    pub(super) fn build(sources: &Sources, validate: bool, hash: Option<&str>) -> Result<Engine, Error> {
        let (top, vocabulary, info, calendar) = sources.metadata()?;
        let jurisdiction = top.pack.clone();
        // A check needs the schema only for the action entities of groups, which a schema
        // made from pack.json never has; validation needs it.
        let schema = if validate { Some(parse_schema(&vocabulary.schema())?) } else { None };

        let mut policies = PolicySet::new();
        let mut rules = HashMap::new();
        for layer in &sources.layers {
            let regulations = info.regulations_of(&layer.pack);
            for (file, text) in &layer.policies {
                let parsed = PolicySet::from_str(text).map_err(|e| Error::policies(file, e))?;
                for policy in parsed.policies() {
                    if rules.len() == MAX_POLICIES {
                        return Err(Error::policies(file, format!("more than {MAX_POLICIES} policies, the limit")));
                    }
                    let rule = Rule::from_policy(file, rules.len(), policy, &info, &regulations)?;
                    if rules.contains_key(&rule.id) {
                        return Err(Error::in_policy(file, &rule.id, format!("policy id `{}` is used twice", rule.id)));
                    }
                    let id = PolicyId::new(&rule.id);
                    policies.add(policy.new_id(id)).map_err(|e| Error::policies(file, e))?;
                    rules.insert(rule.id.clone(), rule);
                }
            }
        }
        for (layer, (_, manifest)) in sources.layers.iter().zip(&sources.manifests()?) {
            required_files(layer, manifest, &rules)?;
        }
        schedule::check_links(&rules)?;
        let validation = match (&schema, validate) {
            (Some(schema), true) => Some(Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict)),
            _ => None,
        };
        if let Some(first) = validation.as_ref().and_then(|v| v.validation_errors().next()) {
            let id = first.policy_id();
            let file = rules.get::<str>(id.as_ref()).map(|r| r.file.as_str()).unwrap_or("policies");
            let others = validation.as_ref().map_or(1, |v| v.validation_errors().count()) - 1;
            return Err(Error::in_policy(
                file,
                id.as_ref(),
                format!("policy `{id}` does not match the schema: {first} ({others} more errors)"),
            ));
        }
        let id = PolicySetId {
            jurisdiction: jurisdiction.clone(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            hash: match hash {
                Some(hash) => hash.to_owned(),
                None => identity::hash(sources)?,
            },
        };
        let breakpoints = breakpoints(&info, rules.values());
        let names = cedar_input::CedarNames::new(&vocabulary, None, false)?;
        let input = cedar_input::Builder::new(vocabulary);
        let governing = input
            .kinds()
            .map(|kind| {
                // A policy whose scope names no action (a check of every request, such as an
                // identifier's) applies to the kind but is not what decides it.
                let set = policies_for(&policies, kind, &names)?;
                let mut regulations: Vec<usize> = set
                    .policies()
                    .filter(|p| !matches!(p.action_constraint(), ActionConstraint::Any))
                    .filter_map(|p| rules.get::<str>(p.id().as_ref()))
                    .map(|r| r.regulation)
                    .collect();
                regulations.sort_unstable();
                regulations.dedup();
                Ok((kind.to_owned(), regulations))
            })
            .collect::<Result<_, Error>>()?;
        let compiled = OnceLock::new();
        if validate {
            if let Err(e) = compiled.get_or_init(|| compile_all(&policies, &rules)) {
                return Err(e.clone());
            }
        }
        Ok(Engine {
            jurisdiction,
            info,
            breakpoints,
            input,
            rules,
            governing,
            calendar,
            id,
            compiled,
            compiled_kinds: OnceLock::new(),
            cedar: Some(CedarPart {
                policies,
                by_day: Mutex::new(HashMap::new()),
                names,
                authorizer: Authorizer::new(),
            }),
        })
    }

    /// The policies of each kind that decide on `date`: those of the rules in force then.
    fn sets_for(&self, cedar: &CedarPart, date: NaiveDate) -> Result<Arc<KindSets>, Error> {
        let stretch = self.breakpoints.partition_point(|b| *b <= date);
        if let Some(found) = cedar.by_day.lock().ok().and_then(|m| m.get(&stretch).cloned()) {
            return Ok(found);
        }
        let mut in_force = PolicySet::new();
        for policy in cedar.policies.policies() {
            let rule = self.rules.get::<str>(policy.id().as_ref());
            if rule.is_some_and(|r| r.in_force_on(date, &self.info)) {
                in_force.add(policy.clone()).map_err(|e| Error::Evaluation(e.to_string()))?;
            }
        }
        let sets: KindSets = self
            .input
            .kinds()
            .map(|kind| Ok((kind.to_owned(), policies_for(&in_force, kind, &cedar.names)?)))
            .collect::<Result<_, Error>>()?;
        let sets = Arc::new(sets);
        if let Ok(mut m) = cedar.by_day.lock() {
            m.insert(stretch, Arc::clone(&sets));
        }
        Ok(sets)
    }

    /// The Cedar half, which an engine made from a compiled pack lacks.
    fn cedar_part(&self) -> Result<&CedarPart, Error> {
        self.cedar.as_ref().ok_or_else(|| {
            Error::Evaluation(format!(
                "the engine of `{}` was made from a compiled pack: it has no Cedar policies",
                self.jurisdiction
            ))
        })
    }

    /// The Cedar input of a request and the day it is decided on (for [`Engine::check`]
    /// and `cedar_json`).
    pub(crate) fn cedar_input(&self, request: &Request) -> Result<(cedar_input::CedarInput, NaiveDate), Error> {
        let date = self.date_of(request)?;
        let cedar = self.cedar_part()?;
        Ok((cedar.names.build(&self.input, request, date, &self.calendar)?, date))
    }

    /// Every policy with its id, in the order the files give them.
    pub(crate) fn ordered_policies(&self) -> Vec<(&str, &cedar_policy::Policy)> {
        let Some(cedar) = &self.cedar else { return Vec::new() };
        let mut rules: Vec<&Rule> = self.rules.values().collect();
        super::in_files_order(&mut rules);
        rules
            .into_iter()
            .filter_map(|r| cedar.policies.policy(&PolicyId::new(&r.id)).map(|p| (r.id.as_str(), p)))
            .collect()
    }

    /// The policies that decide a request of `kind` dated `date` — those in force then whose
    /// scope admits the kind's action — each with its id and role, in the files' order:
    /// what [`Engine::check`] asks Cedar about, for a symbolic proof over the same set.
    pub fn kind_policies(
        &self,
        kind: &str,
        date: NaiveDate,
    ) -> Result<Vec<(String, PolicyRole, cedar_policy::Policy)>, Error> {
        let sets = self.sets_for(self.cedar_part()?, date)?;
        let Some((_, set)) = sets.iter().find(|(k, _)| k == kind) else {
            return Err(unknown_kind(kind));
        };
        let mut found: Vec<(&Rule, cedar_policy::Policy)> =
            set.policies().filter_map(|p| Some((self.rules.get::<str>(p.id().as_ref())?, p.clone()))).collect();
        found.sort_by_key(|(r, _)| r.order);
        Ok(found.into_iter().map(|(r, p)| (r.id.clone(), r.policy_role(), p)).collect())
    }

    /// Decides a request with Cedar's authorizer.
    pub(super) fn check_cedar(&self, cedar: &CedarPart, request: &Request) -> Result<Verdict, Error> {
        let (input, date) = self.cedar_input(request)?;
        let sets = self.sets_for(cedar, date)?;
        let policies = sets.iter().find(|(k, _)| *k == request.kind).map_or(&cedar.policies, |(_, p)| p);
        let response = cedar.authorizer.is_authorized(&input.request, policies, &input.entities);
        if let Some(e) = response.diagnostics().errors().next() {
            return Err(Error::Evaluation(e.to_string()));
        }
        let fired: Vec<&Rule> =
            response.diagnostics().reason().filter_map(|id| self.rules.get::<str>(id.as_ref())).collect();
        let allowed = response.decision() == Decision::Allow;
        Ok(self.verdict(request, date, allowed, fired, input.uncovered, &input.invalid_identifiers))
    }
}

/// The files a pack's `pack.json` says its policies must include are there, each with a
/// policy.
fn required_files(layer: &LayerSources, manifest: &PackManifest, rules: &HashMap<String, Rule>) -> Result<(), Error> {
    for name in &manifest.policy_files {
        let Some((file, _)) = layer.policies.iter().find(|(path, _)| compiled::base(path) == name) else {
            let message = format!("`policyFiles` lists `{name}`, which the folder does not have");
            return Err(Error::policies(in_pack(layer, "pack.json"), message));
        };
        if !rules.values().any(|r| r.file == *file) {
            return Err(Error::policies(file, "holds no policy, but `pack.json` lists it in `policyFiles`"));
        }
    }
    Ok(())
}

fn parse_schema(text: &str) -> Result<Schema, Error> {
    Schema::from_cedarschema_str(text)
        .map(|(schema, _)| schema)
        .map_err(|e| Error::policies("(the schema made from pack.json)", e))
}

/// Every policy compiled, in the files' order; one that does not compile is an error
/// naming it and what it uses.
pub(super) fn compile_all(
    policies: &PolicySet,
    rules: &HashMap<String, Rule>,
) -> Result<Vec<(Rule, CompiledPolicy)>, Error> {
    let mut ordered: Vec<&Rule> = rules.values().collect();
    super::in_files_order(&mut ordered);
    ordered
        .into_iter()
        .map(|rule| {
            let policy = policies.policy(&PolicyId::new(&rule.id));
            let policy = policy.ok_or_else(|| Error::policies(&rule.file, format!("policy `{}` is lost", rule.id)))?;
            let compiled = compiled::compile(&rule.id, policy).map_err(|e| {
                Error::policies(&rule.file, format!("policy `{}` cannot be compiled: it uses {}", rule.id, e.0))
            })?;
            Ok((rule.clone(), compiled))
        })
        .collect()
}

/// A kind the engine's policy sets do not hold (a request's kind is checked against the
/// vocabulary first; this is the same fact seen from the sets).
fn unknown_kind(kind: &str) -> Error {
    Error::invalid("/kind", crate::error::text!(("未知申请类型 `{kind}`"), ("unknown kind `{kind}`")))
}

/// The policies whose action scope may admit `action`. A policy whose scope names other
/// actions only evaluates to false on such a request (the scope is checked before any
/// condition, so it cannot fail either): leaving it out changes no decision, no list of
/// fired policies and no error. `action in [...]` naming anything but the five actions
/// (an action group) is kept for every action.
fn policies_for(all: &PolicySet, kind: &str, names: &cedar_input::CedarNames) -> Result<PolicySet, Error> {
    let action = names.action(kind).ok_or_else(|| unknown_kind(kind))?;
    let is_kind = |a: &EntityUid| names.is_action(a);
    let mut set = PolicySet::new();
    for policy in all.policies() {
        let admits = match policy.action_constraint() {
            ActionConstraint::Any => true,
            ActionConstraint::Eq(a) => a == *action,
            ActionConstraint::In(list) => list.iter().any(|a| a == action || !is_kind(a)),
        };
        if admits {
            set.add(policy.clone()).map_err(|e| Error::Evaluation(e.to_string()))?;
        }
    }
    Ok(set)
}
