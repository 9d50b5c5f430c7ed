//! An engine over a compiled pack: the vocabulary, regulations and calendar read as from
//! sources, each rule from its annotations, and the compiled policies deciding — no
//! Cedar policy is parsed.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use cedar_policy::{Authorizer, PolicyId, PolicySet};

use super::{breakpoints, Engine};
use crate::cedar_input;
use crate::compiled::{cedar_effect, read_layer, CompiledLayer, CompiledPack, CompiledPolicy, FORMAT};
use crate::error::Error;
use crate::identity::PolicySetId;
use crate::limits::MAX_POLICIES;
use crate::rules::Rule;
use crate::schedule;

impl Engine {
    /// The engine of a compiled pack (`pdp pack`). It decides with the compiled policies
    /// alone, [`Engine::check`] as [`Engine::check_compiled`]; what reads Cedar's policies
    /// (`kind_policies`, the authoring reports) finds none.
    pub fn from_compiled(pack: &CompiledPack) -> Result<Engine, Error> {
        let sources = pack.sources();
        let (top, vocabulary, info, calendar) = sources.metadata()?;

        let mut rules = HashMap::new();
        let mut compiled: Vec<(Rule, CompiledPolicy)> = Vec::new();
        for (layer, packed) in sources.layers.iter().zip(&pack.layers) {
            let regulations = info.regulations_of(&layer.pack);
            for policy in read_layer(&layer.pack, &packed.policies)? {
                let file = format!("{}/{}", layer.pack, policy.file);
                if rules.len() == MAX_POLICIES {
                    return Err(Error::policies(file, format!("more than {MAX_POLICIES} policies, the limit")));
                }
                let annotations: Vec<(&str, &str)> =
                    policy.annotations.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let effect = cedar_effect(policy.policy.effect);
                let rule = Rule::from_annotations(&file, rules.len(), effect, &annotations, &info, &regulations)
                    .map_err(|u| u.in_policy(&file, &policy.policy.id))?;
                let id = PolicyId::new(&rule.id);
                if rule.id != policy.policy.id || rules.contains_key(&id) {
                    return Err(Error::in_policy(&file, &rule.id, format!("policy id `{}` is used twice", rule.id)));
                }
                compiled.push((rule.clone(), policy.policy));
                rules.insert(id, rule);
            }
        }
        schedule::check_links(&rules)?;
        let input = cedar_input::Builder::new(vocabulary, None, false)?;
        let kinds: Vec<&str> = input.kinds().collect();
        // As `policies_for` reads a scope: an action that is no kind (a group) admits every kind.
        let admits = |p: &CompiledPolicy, kind: &str| {
            p.actions.as_ref().is_some_and(|a| a.iter().any(|a| a == kind || !kinds.contains(&a.as_str())))
        };
        let governing = kinds
            .iter()
            .map(|kind| {
                let mut regulations: Vec<usize> =
                    compiled.iter().filter(|(_, p)| admits(p, kind)).map(|(r, _)| r.regulation).collect();
                regulations.sort_unstable();
                regulations.dedup();
                ((*kind).to_owned(), regulations)
            })
            .collect();
        Ok(Engine {
            jurisdiction: top.pack.clone(),
            breakpoints: breakpoints(&info, rules.values()),
            id: PolicySetId {
                jurisdiction: top.pack.clone(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
                hash: pack.hash.clone(),
            },
            info,
            policies: PolicySet::new(),
            by_day: Mutex::new(HashMap::new()),
            input,
            rules,
            governing,
            calendar,
            authorizer: Authorizer::new(),
            compiled: OnceLock::from(Ok(compiled)),
            cedar: false,
        })
    }
}

impl CompiledPack {
    /// The compiled pack of a built-in jurisdiction, from the files embedded in the build.
    pub fn builtin(id: &str) -> Result<CompiledPack, Error> {
        let top = super::builtin_pack(id).filter(|e| e.jurisdiction);
        let top = top.ok_or_else(|| Error::UnknownJurisdiction(id.to_owned()))?;
        let layers = super::builtin_chain(id)?
            .into_iter()
            .map(|e| CompiledLayer {
                pack: e.id.to_owned(),
                manifest: e.manifest.to_owned(),
                regulation: e.regulation.map(str::to_owned),
                policies: e.compiled.to_owned(),
            })
            .collect();
        let calendar = crate::embedded::CALENDAR.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        Ok(CompiledPack { format: FORMAT, layers, calendar, hash: top.hash.to_owned() })
    }
}
