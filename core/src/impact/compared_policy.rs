//! What a comparison reads of each policy: its id, file, effect and annotations, and its
//! scope and conditions as Cedar parses them (without the annotations), so that an edited
//! annotation is told from a changed rule while layout and comments count as no change.
//!
//! Not `inspect`: its JSON form of each policy would bring Cedar's JSON policy format into
//! the WebAssembly module, which compares in the browser too.

use std::str::FromStr;

use cedar_policy::{Effect, PolicySet};

use crate::engine::Sources;
use crate::error::Error;

pub struct ComparedPolicy {
    /// The `@id` annotation, `""` when there is none.
    pub id: String,
    pub file: String,
    pub effect: Effect,
    /// Annotations in source order, values as written.
    pub annotations: Vec<(String, String)>,
    /// Scope and conditions, parsed alone: equal for two versions of a policy that decide
    /// alike as written (Cedar compares syntax trees without their places in the text).
    pub logic: PolicySet,
    /// Scope and conditions as written (the values they compare fields with).
    pub text: String,
}

impl ComparedPolicy {
    /// The value of an annotation, trimmed, when present and not blank.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Every policy of a jurisdiction's sources, files in the order the engine loads them.
pub fn read(sources: &Sources) -> Result<Vec<ComparedPolicy>, Error> {
    let mut out = Vec::new();
    for (file, text) in sources.layers.iter().flat_map(|l| &l.policies) {
        let parsed = PolicySet::from_str(text).map_err(|e| Error::policies(file, e))?;
        for policy in parsed.policies() {
            // The text as written (`to_string` could also convert a policy of another origin,
            // code this module does without).
            let source = policy.to_cedar().unwrap_or_default();
            // Were the annotations not where Cedar puts them, the whole text is compared:
            // an edited annotation then counts as a changed rule, never the reverse.
            let bare = without_annotations(&source);
            let text = bare.unwrap_or(&source).to_owned();
            let logic = match bare.map(PolicySet::from_str) {
                Some(Ok(logic)) => logic,
                _ => PolicySet::from_str(&source).map_err(|e| Error::policies(file, e))?,
            };
            out.push(ComparedPolicy {
                id: policy.annotation("id").map(str::trim).unwrap_or_default().to_owned(),
                file: file.clone(),
                effect: policy.effect(),
                annotations: policy.annotations().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                logic,
                text,
            });
        }
    }
    Ok(out)
}

/// A policy's text from its effect on: `@key("value")` and `@key` annotations skipped,
/// with the blanks and `//` comments between them.
fn without_annotations(text: &str) -> Option<&str> {
    let mut rest = skip_blank(text);
    while let Some(annotation) = rest.strip_prefix('@') {
        let name_end = annotation.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(annotation.len());
        rest = skip_blank(annotation.get(name_end..)?);
        if let Some(arguments) = rest.strip_prefix('(') {
            let value = skip_blank(arguments).strip_prefix('"')?;
            let after = value.get(closing_quote(value)? + 1..)?;
            rest = skip_blank(after).strip_prefix(')')?;
        }
        rest = skip_blank(rest);
    }
    Some(rest)
}

fn skip_blank(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        match text.strip_prefix("//") {
            Some(comment) => text = comment.find('\n').and_then(|end| comment.get(end..)).unwrap_or(""),
            None => return text,
        }
    }
}

/// The byte index of the `"` that closes a string literal starting at `text`.
pub(super) fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_blanks_and_comments_are_skipped() {
        let text =
            "@id(\"a.b\") // the rule\n@zh( \"有\\\"引号\\\")\" )\n@flag\n  forbid (principal, action, resource);";
        assert_eq!(without_annotations(text), Some("forbid (principal, action, resource);"));
        assert_eq!(
            without_annotations("permit (principal, action, resource);"),
            Some("permit (principal, action, resource);")
        );
        assert_eq!(without_annotations("@id(\"unclosed) permit"), None);
    }

    fn one(text: &str) -> ComparedPolicy {
        let layer =
            crate::engine::LayerSources { policies: vec![("a.cedar".into(), text.into())], ..Default::default() };
        let sources = Sources { layers: vec![layer], ..Sources::default() };
        read(&sources).unwrap().pop().unwrap()
    }

    #[test]
    fn logic_ignores_annotations_and_layout_but_not_conditions() {
        let base = one(
            "@id(\"x\")\n@workingDays(\"5\")\npermit (principal, action, resource)\nwhen { context has scenario };",
        );
        let annotated = one("@id(\"x\") @workingDays(\"3\")\n// reworded\npermit(principal,action,resource) when {context has scenario};");
        let changed =
            one("@id(\"x\")\n@workingDays(\"5\")\npermit (principal, action, resource)\nwhen { context has purpose };");
        assert!(base.logic == annotated.logic);
        assert!(base.logic != changed.logic);
        assert_eq!(
            (base.id.as_str(), base.annotation("workingDays"), annotated.annotation("workingDays")),
            ("x", Some("5"), Some("3"))
        );
        assert_eq!(base.effect, Effect::Permit);
    }
}
