//! A pack compiled for a client without Cedar: each layer's `pack.json` and
//! `regulation.json` as written, its policies as their annotations and compiled
//! conditions, and the calendar, in one JSON document with the pack's hash.
//!
//! JSON because every client of the library already reads it (serde_json is in each
//! build, the forms module's included): a second format would add a dependency for a
//! file that compresses to a few kilobytes anyway.

use serde::{Deserialize, Serialize};

use super::ir::CompiledPolicy;
use crate::engine::{LayerSources, Sources};
use crate::error::Error;
use crate::limits::MAX_COMPILED_PACK_BYTES;

/// The version of the compiled form; a client refuses any other. Format 3 writes each
/// condition as a flat array of tokens (`tokens.rs`), where format 2 nested a JSON object
/// for each node of its tree; format 2 held each policy's compiled form as its own object,
/// where format 1 flattened it into the policy's.
pub const FORMAT: u32 = 3;

/// One policy as a client needs it: where it was written, its annotations, and its
/// compiled condition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackedPolicy {
    /// The policy file's name within its pack (`share.cedar`).
    pub file: String,
    /// The annotations, by key (as Cedar gives them).
    pub annotations: Vec<(String, String)>,
    /// The compiled policy.
    pub policy: CompiledPolicy,
}

/// One layer of a compiled pack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompiledLayer {
    /// The layer's pack id.
    pub pack: String,
    /// Its `pack.json`.
    pub manifest: String,
    /// Its `regulation.json`, if any.
    pub regulation: Option<String>,
    /// Its policies compiled: each its file, annotations and compiled condition, as a
    /// JSON array one policy a line (`compiled.json`); empty for a layer without any.
    pub policies: String,
}

/// A compiled pack: everything a client needs to decide its requests without Cedar.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CompiledPack {
    /// [`FORMAT`].
    pub format: u32,
    /// The layers, lowest first, the pack itself last.
    pub layers: Vec<CompiledLayer>,
    /// `(file name, text)` of each calendar year.
    pub calendar: Vec<(String, String)>,
    /// The pack's hash (`PolicySetId::hash`): over its sources and its compiled policies.
    pub hash: String,
}

/// The base name of a policy file, as a compiled layer and `pack.json`'s `policyFiles` name it.
#[cfg(feature = "cedar")]
pub(crate) fn base(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A layer's policies compiled, as JSON text: the text the pack's hash covers, one policy
/// a line so that a change reads as one in a diff; empty for a layer without policies. A
/// policy that does not compile is an error naming it and what it uses.
#[cfg(feature = "cedar")]
pub fn compiled_layer(layer: &LayerSources) -> Result<String, Error> {
    if layer.policies.is_empty() {
        return Ok(String::new());
    }
    let mut lines = Vec::new();
    for (file, text) in &layer.policies {
        let set =
            <cedar_policy::PolicySet as std::str::FromStr>::from_str(text).map_err(|e| Error::policies(file, e))?;
        for policy in set.policies() {
            let annotations: Vec<(String, String)> =
                policy.annotations().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
            let id = annotations.iter().find(|(k, _)| k == "id").map(|(_, v)| v.clone()).unwrap_or_default();
            let compiled = super::compile(&id, policy)
                .map_err(|e| Error::policies(file, format!("policy `{id}` cannot be compiled: it uses {}", e.0)))?;
            let packed = PackedPolicy { file: base(file).to_owned(), annotations, policy: compiled };
            lines.push(serde_json::to_string(&packed).map_err(|e| Error::policies(file, e))?);
        }
    }
    Ok(format!("[\n{}\n]\n", lines.join(",\n")))
}

/// Reads a compiled layer's policies.
pub fn read_layer(pack: &str, text: &str) -> Result<Vec<PackedPolicy>, Error> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(text).map_err(|e| Error::policies(format!("{pack}/compiled.json"), e))
}

impl CompiledPack {
    /// Compiles the sources of a pack; `hash` is their `PolicySetId::hash`.
    #[cfg(feature = "cedar")]
    pub fn compile(sources: &Sources, hash: &str) -> Result<CompiledPack, Error> {
        let layers = sources
            .layers
            .iter()
            .map(|l| {
                Ok(CompiledLayer {
                    pack: l.pack.clone(),
                    manifest: l.manifest.clone(),
                    regulation: l.regulation.clone(),
                    policies: compiled_layer(l)?,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(CompiledPack { format: FORMAT, layers, calendar: sources.calendar.clone(), hash: hash.to_owned() })
    }

    /// Reads a compiled pack from its JSON text, of at most [`MAX_COMPILED_PACK_BYTES`].
    pub fn from_json(text: &str) -> Result<CompiledPack, Error> {
        if text.len() > MAX_COMPILED_PACK_BYTES {
            let message = format!("has {} bytes, more than the limit of {MAX_COMPILED_PACK_BYTES}", text.len());
            return Err(Error::policies(crate::COMPILED_PACK.en, message));
        }
        let pack: CompiledPack = serde_json::from_str(text).map_err(|e| Error::policies(crate::COMPILED_PACK.en, e))?;
        if pack.format != FORMAT {
            let message = format!("is of format {}, but this library reads format {FORMAT}", pack.format);
            return Err(Error::policies(crate::COMPILED_PACK.en, message));
        }
        Ok(pack)
    }

    /// The sources without their policy texts: what the vocabulary, the regulations and the
    /// calendar are read from.
    pub fn sources(&self) -> Sources {
        let layers = self
            .layers
            .iter()
            .map(|l| LayerSources {
                pack: l.pack.clone(),
                manifest: l.manifest.clone(),
                regulation: l.regulation.clone(),
                policies: Vec::new(),
            })
            .collect();
        Sources { layers, calendar: self.calendar.clone() }
    }
}
