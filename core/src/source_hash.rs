//! The hash that names a policy set (`PolicySetId::hash`). Also compiled into build.rs,
//! which hashes the built-in sets ahead of time: one function, so the two cannot differ.

use sha2::{Digest, Sha256};

/// One layer's texts: the pack's id, `pack.json`, `regulation.json` (if any), the policy
/// files as `(name, text)`, and the policies compiled (`compiled.json`, empty for a layer
/// without policies).
pub(crate) struct LayerText<'a> {
    pub pack: &'a str,
    pub manifest: &'a str,
    pub regulation: Option<&'a str>,
    pub policies: Vec<(&'a str, &'a str)>,
    pub compiled: &'a str,
}

/// SHA-256 over each layer (lowest first) — its id, manifest, regulation metadata, policy
/// files and compiled policies (so a client deciding by the compiled form names the very
/// form it decided by) — and the calendar files, each with line endings normalised; files by
/// their own name (not their folder), in name order.
pub(crate) fn hash(layers: &[LayerText<'_>], calendar: &[(&str, &str)]) -> String {
    let mut h = Sha256::new();
    let mut part = |tag: &str, name: &str, text: &str| {
        let text = text.replace("\r\n", "\n");
        for piece in [tag, name, &text] {
            h.update((piece.len() as u64).to_le_bytes());
            h.update(piece.as_bytes());
        }
    };
    fn sorted<'a>(files: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut v: Vec<(&str, &str)> = files.iter().map(|(n, t)| (base(n), *t)).collect();
        v.sort();
        v
    }
    for layer in layers {
        part("pack", layer.pack, layer.manifest);
        part("regulation", layer.pack, layer.regulation.unwrap_or(""));
        for (name, text) in sorted(&layer.policies) {
            part("policy", name, text);
        }
        part("compiled", layer.pack, layer.compiled);
    }
    for (name, text) in sorted(calendar) {
        part("calendar", name, text);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}
