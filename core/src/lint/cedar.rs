//! What Cedar itself finds: syntax errors, and strict validation of every parsed policy
//! against the schema the pack's vocabulary makes, each at its place in the policy's file.

use std::collections::HashMap;

use cedar_policy::{PolicyId, PolicySet, Schema, ValidationMode, Validator};
use miette::Diagnostic as Miette;

use super::diagnostic::english;
use super::{Diagnostic, Parsed, Severity};
use crate::Vocabulary;

/// The schema of the pack's vocabulary, or why Cedar refuses it (at `pack.json`).
pub(super) fn schema(vocabulary: &Vocabulary, manifest_file: &str, out: &mut Vec<Diagnostic>) -> Option<Schema> {
    let text = vocabulary.schema();
    match Schema::from_cedarschema_str(&text) {
        Ok((schema, _)) => Some(schema),
        Err(e) => {
            out.push(diagnostic(Severity::Error, "cedar-schema", &e, manifest_file, &text));
            None
        }
    }
}

/// Cedar's strict validation of every parsed policy against the schema.
pub(super) fn strict_validation(schema: Schema, parsed: &[Parsed], out: &mut Vec<Diagnostic>) {
    let mut set = PolicySet::new();
    let mut by_id: HashMap<PolicyId, &Parsed> = HashMap::new();
    for p in parsed {
        // Cedar names the policy in its messages: use the author's id where it is unique.
        let id = p.summary.as_ref().map(|s| s.id.clone()).filter(|id| !id.is_empty());
        let id = id
            .filter(|id| !by_id.contains_key(&PolicyId::new(id)))
            .unwrap_or_else(|| format!("{}#{}", p.file, p.index));
        let id = PolicyId::new(id);
        if set.add(p.policy.new_id(id.clone())).is_ok() {
            by_id.insert(id, p);
        }
    }
    let result = Validator::new(schema).validate(&set, ValidationMode::Strict);
    let errors = result.validation_errors().map(|e| (Severity::Error, "cedar-schema", e.policy_id(), e as &dyn Miette));
    let warnings =
        result.validation_warnings().map(|w| (Severity::Warning, "cedar-warning", w.policy_id(), w as &dyn Miette));
    for (severity, code, id, d) in errors.chain(warnings) {
        let Some(p) = by_id.get(id) else { continue };
        let found = diagnostic(severity, code, d, p.file, p.text);
        out.push(found.policy(p.summary.as_ref().map_or("", |s| s.id.as_str())));
    }
}

/// A Cedar error or warning at the first place it labels.
pub(super) fn diagnostic(severity: Severity, code: &'static str, d: &dyn Miette, file: &str, text: &str) -> Diagnostic {
    let mut found = Diagnostic::new(severity, code, file, english(d.to_string()));
    if let Some(label) = d.labels().and_then(|mut l| l.next()) {
        found = found.at_offset(text, label.offset(), label.len());
    }
    if let Some(help) = d.help() {
        found = found.help(english(help.to_string()));
    }
    found
}
