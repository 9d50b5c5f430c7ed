//! An engine over a compiled pack: the vocabulary, regulations and calendar read as from
//! sources, each rule from its annotations, and the compiled policies deciding — no
//! Cedar policy is parsed.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{breakpoints, Engine};
use crate::cedar_input;
use crate::compiled::{read_layer, CompiledPack, CompiledPolicy};
use crate::error::Error;
use crate::identity::PolicySetId;
use crate::limits::MAX_POLICIES;
use crate::rules::Rule;
use crate::schedule;

impl Engine {
    /// The engine of a compiled pack (`pdp pack`). It decides with the compiled policies
    /// alone, [`Engine::check`] as [`Engine::check_compiled`]; what reads Cedar's policies
    /// (`kind_policies`, `cedar_json`) is an error, and the authoring reports find none.
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
                let effect = policy.policy.effect;
                let rule = Rule::from_annotations(&file, rules.len(), effect, &annotations, &info, &regulations)
                    .map_err(|u| u.in_policy(&file, &policy.policy.id))?;
                if rule.id != policy.policy.id || rules.contains_key(&rule.id) {
                    return Err(Error::in_policy(&file, &rule.id, format!("policy id `{}` is used twice", rule.id)));
                }
                compiled.push((rule.clone(), policy.policy));
                rules.insert(rule.id.clone(), rule);
            }
        }
        schedule::check_links(&rules)?;
        let input = cedar_input::Builder::new(vocabulary);
        let kinds: Vec<&str> = input.kinds().collect();
        // A policy whose scope names no action applies to every kind but decides none.
        let admits = |p: &CompiledPolicy, kind: &str| p.names_kind(kind, |a| kinds.contains(&a)) == Some(true);
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
            input,
            rules,
            governing,
            calendar,
            compiled: OnceLock::from(Ok(compiled)),
            compiled_kinds: OnceLock::new(),
            #[cfg(feature = "cedar")]
            cedar: None,
        })
    }

    /// The engine for a built-in pack (a jurisdiction's id, e.g. `ganzi`), made from its
    /// compiled policies: a build without Cedar has no policy texts.
    #[cfg(not(feature = "cedar"))]
    pub fn builtin(id: &str) -> Result<Engine, Error> {
        Engine::from_compiled(&CompiledPack::builtin(id)?)
    }
}

impl CompiledPack {
    /// The compiled pack of a built-in jurisdiction: its `compiled.json` files, embedded in
    /// a build without Cedar; compiled from the embedded policies in a build with it (which
    /// decides with Cedar and so need not carry both; `core/tests/generated.rs` holds the
    /// files equal to what compiling gives).
    pub fn builtin(id: &str) -> Result<CompiledPack, Error> {
        let top = super::builtin_pack(id).filter(|e| e.jurisdiction);
        let top = top.ok_or_else(|| Error::UnknownJurisdiction(id.to_owned()))?;
        #[cfg(feature = "cedar")]
        return CompiledPack::compile(&super::Sources::builtin(id)?, top.hash);
        #[cfg(not(feature = "cedar"))]
        {
            let layers = super::builtin_chain(id)?
                .into_iter()
                .map(|e| crate::compiled::CompiledLayer {
                    pack: e.id.to_owned(),
                    manifest: e.manifest.to_owned(),
                    regulation: e.regulation.map(str::to_owned),
                    policies: e.compiled.to_owned(),
                })
                .collect();
            let calendar = super::owned(crate::embedded::CALENDAR);
            Ok(CompiledPack { format: crate::compiled::FORMAT, layers, calendar, hash: top.hash.to_owned() })
        }
    }
}
