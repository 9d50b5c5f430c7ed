//! Which rules made a verdict. Every verdict carries the policy set's identity, so a
//! server can tell whether a browser's verdict came from the same rules, and re-check it.

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
#[cfg(feature = "cedar")]
use crate::engine::Sources;
use crate::error::Error;
use crate::request::Request;
use crate::verdict::Verdict;

/// The identity of a jurisdiction's policy set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PolicySetId {
    /// The jurisdiction the set decides for.
    pub jurisdiction: String,
    /// The library version that embedded or loaded the set.
    pub version: String,
    /// SHA-256 over each layer's manifest, regulation metadata, policy files and compiled
    /// policies and over the calendar, each with line endings normalised, files in name
    /// order.
    pub hash: String,
}

/// The hash of a pack's sources with their policies compiled; a policy that does not
/// compile is an error.
#[cfg(feature = "cedar")]
pub(crate) fn hash(sources: &Sources) -> Result<String, Error> {
    let compiled = sources.layers.iter().map(crate::compiled::compiled_layer).collect::<Result<Vec<_>, _>>()?;
    Ok(hash_with(sources, &compiled))
}

/// The hash of a pack's sources, `compiled` being each layer's compiled policies.
#[cfg(feature = "cedar")]
pub(crate) fn hash_with(sources: &Sources, compiled: &[String]) -> String {
    use crate::source_hash::LayerText;
    let layers: Vec<LayerText<'_>> = sources
        .layers
        .iter()
        .zip(compiled)
        .map(|(l, c)| LayerText {
            pack: &l.pack,
            manifest: &l.manifest,
            regulation: l.regulation.as_deref(),
            policies: l.policies.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect(),
            compiled: c,
        })
        .collect();
    let calendar: Vec<(&str, &str)> = sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    crate::source_hash::hash(&layers, &calendar)
}

/// The server's answer to a verdict a client sent along with its request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// The client used the same policy set (same hash).
    pub same_policies: bool,
    /// The client's verdict equals the server's, field for field.
    pub same_verdict: bool,
    /// What differs, one line each.
    pub differences: Vec<String>,
    /// The server's own verdict: the one to act on.
    pub verdict: Verdict,
}

impl Engine {
    /// Re-decides `request` and compares with the verdict a client claims for it.
    pub fn verify(&self, request: &Request, client: &Verdict) -> Result<Verification, Error> {
        let verdict = self.check(request)?;
        let mut differences = Vec::new();
        let same_policies = client.policy_set.as_ref() == verdict.policy_set.as_ref();
        if !same_policies {
            let hash = |v: &Verdict| v.policy_set.as_ref().map(|p| p.hash.clone()).unwrap_or_else(|| "none".into());
            differences.push(format!("policy set: client `{}`, server `{}`", hash(client), hash(&verdict)));
        }
        let as_json = |v: &Verdict| serde_json::to_value(v).unwrap_or_default();
        let (ours, theirs) = (as_json(&verdict), as_json(client));
        for key in ["outcome", "violations", "route", "obligations", "warnings", "grounds", "policies"] {
            if ours.get(key) != theirs.get(key) {
                differences.push(format!("{key}: client {}, server {}", show(theirs.get(key)), show(ours.get(key))));
            }
        }
        let same_verdict = differences.is_empty();
        Ok(Verification { same_policies, same_verdict, differences, verdict })
    }
}

/// Reads the verdict a client sent (JSON as `check` gives it), as strictly as a request:
/// duplicate keys refused, every error at its JSON Pointer within the verdict.
pub fn read_client_verdict(text: &str) -> Result<Verdict, Error> {
    use crate::bounded_read::{too_large, VERDICT};
    use crate::error::text;
    if text.len() > crate::limits::MAX_REQUEST_BYTES {
        return Err(too_large(VERDICT, crate::limits::MAX_REQUEST_BYTES));
    }
    let value = crate::json_reader::parse(text)
        .map_err(|e| Error::invalid(e.pointer, text!(("结论：{}", e.message.zh), ("the verdict: {}", e.message.en))))?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let Error::InvalidRequest { field, message } = Error::from_path_error(e) else {
            return Error::invalid("", text!(("无法读取该结论"), ("the verdict cannot be read")));
        };
        Error::invalid(
            field,
            text!(
                ("该结论不是引擎给出的结论：{}", message.zh),
                ("the verdict is not one the engine gives: {}", message.en)
            ),
        )
    })
}

fn show(v: Option<&serde_json::Value>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "absent".into())
}
