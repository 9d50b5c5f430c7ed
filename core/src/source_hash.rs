//! The hash that names a policy set (`PolicySetId::hash`). Also compiled into build.rs,
//! which hashes the built-in sets ahead of time: one function, so the two cannot differ.

use sha2::{Digest, Sha256};

/// SHA-256 over the schema, the regulation metadata, the policy files and the calendar
/// files, each with line endings normalised; files by their own name (not their folder),
/// in name order. Files are `(name, text)`.
pub(crate) fn hash<N: AsRef<str>, T: AsRef<str>>(
    schema: &str,
    regulation: &str,
    policies: &[(N, T)],
    calendar: &[(N, T)],
) -> String {
    let mut h = Sha256::new();
    let mut part = |tag: &str, name: &str, text: &str| {
        let text = text.replace("\r\n", "\n");
        for piece in [tag, name, &text] {
            h.update((piece.len() as u64).to_le_bytes());
            h.update(piece.as_bytes());
        }
    };
    fn sorted<N: AsRef<str>, T: AsRef<str>>(files: &[(N, T)]) -> Vec<(&str, &str)> {
        let mut v: Vec<(&str, &str)> = files.iter().map(|(n, t)| (base(n.as_ref()), t.as_ref())).collect();
        v.sort();
        v
    }
    part("schema", "", schema);
    part("regulation", "", regulation);
    for (name, text) in sorted(policies) {
        part("policy", name, text);
    }
    for (name, text) in sorted(calendar) {
        part("calendar", name, text);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn base(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}
