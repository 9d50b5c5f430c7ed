//! The values the policies themselves compare a field with: a free-text field's only
//! values in the request space would otherwise be those the scenario files happen to hold,
//! and a rule on `context.purpose == "commercial"` would fire on no request at all.
//!
//! Read from each policy's text (without annotations) by a small scan, not from Cedar's
//! JSON form, which the WebAssembly module does without: every attribute path a policy
//! reads takes every string literal of that policy when its field is free text, and every
//! whole number of it and the numbers either side when its field is a number.

use std::collections::BTreeMap;

use serde_json::Value;

use super::compared_policy::closing_quote;
use crate::pack::FieldType;
use crate::vocabulary::Vocabulary;

/// For each field a policy compares with literals, the values to try (deduplicated).
pub fn values(texts: &[&str], vocabulary: &Vocabulary) -> Vec<(String, Vec<Value>)> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for text in texts {
        let tokens = scan(text);
        let strings: Vec<&str> =
            tokens.iter().filter_map(|t| if let Token::Str(s) = t { Some(*s) } else { None }).collect();
        let numbers: Vec<i64> =
            tokens.iter().filter_map(|t| if let Token::Num(n) = t { Some(*n) } else { None }).collect();
        for token in &tokens {
            let Token::Path(path) = token else { continue };
            let Some(pointer) = field_of_path(path, vocabulary) else { continue };
            let Some(spec) = vocabulary.field(&pointer) else { continue };
            let found: Vec<Value> = match spec.field_type {
                FieldType::Text => strings.iter().map(|s| Value::String((*s).to_owned())).collect(),
                FieldType::Long => {
                    let (lo, hi) = (spec.min.unwrap_or(i64::MIN), spec.max.unwrap_or(i64::MAX));
                    numbers
                        .iter()
                        .flat_map(|n| [n.saturating_sub(1), *n, n.saturating_add(1)])
                        .filter(|n| (lo..=hi).contains(n))
                        .map(Value::from)
                        .collect()
                }
                _ => continue,
            };
            let entry = out.entry(pointer).or_default();
            for v in found {
                if !entry.contains(&v) {
                    entry.push(v);
                }
            }
        }
    }
    out.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

/// The field whose own value an attribute path holds, its trailing method names
/// (`.contains`) dropped.
fn field_of_path(path: &str, vocabulary: &Vocabulary) -> Option<String> {
    let mut path = path;
    loop {
        if vocabulary.field_of(path).is_some() {
            return vocabulary.value_field_of(path);
        }
        path = path.get(..path.rfind('.')?)?;
    }
}

/// What the forbids require a request to declare, as a request's values: every boolean a
/// forbid refuses the absence of at its own `@field` (`!context.commitment`) set `true`,
/// and every set item it refuses the absence of (`!principal.materials.contains("need_list")`)
/// listed. `forbids` are each forbid's `@field` and text.
pub fn duties(forbids: &[(&str, &str)], vocabulary: &Vocabulary) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for (field, text) in forbids {
        let tokens = scan(text);
        for (i, token) in tokens.iter().enumerate() {
            let (Some(Token::Not), Token::Path(path)) = (i.checked_sub(1).and_then(|j| tokens.get(j)), token) else {
                continue;
            };
            let Some(pointer) = field_of_path(path, vocabulary).filter(|p| p == field) else { continue };
            let Some(spec) = vocabulary.field(&pointer) else { continue };
            match spec.field_type {
                FieldType::Bool if !path.contains(".contains") => out.push((pointer, Value::Bool(true))),
                FieldType::Set if path.ends_with(".contains") => {
                    let Some(Token::Str(item)) = tokens.get(i + 1) else { continue };
                    let item = Value::String((*item).to_owned());
                    match out.iter_mut().find(|(p, _)| *p == pointer) {
                        Some((_, Value::Array(items))) if !items.contains(&item) => items.push(item),
                        Some(_) => {}
                        None => out.push((pointer, Value::Array(vec![item]))),
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    /// `!`
    Not,
    /// `principal.type`, `context.catalog.name`, `resource.flags.contains`
    Path(&'a str),
    /// A string literal's text, as written (escapes kept).
    Str(&'a str),
    /// A whole number.
    Num(i64),
}

/// Paths, string literals and numbers of a policy's text, in order; `//` comments skipped.
fn scan(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment.find('\n').and_then(|i| comment.get(i..)).unwrap_or("");
        } else if c == '"' {
            let Some(end) = closing_quote(after) else { break };
            out.push(Token::Str(after.get(..end).unwrap_or("")));
            rest = after.get(end + 1..).unwrap_or("");
        } else if c.is_ascii_digit() || (c == '-' && after.starts_with(|d: char| d.is_ascii_digit())) {
            let len = c.len_utf8() + after.find(|d: char| !d.is_ascii_digit()).unwrap_or(after.len());
            if let Some(n) = rest.get(..len).and_then(|n| n.parse().ok()) {
                out.push(Token::Num(n));
            }
            rest = rest.get(len..).unwrap_or("");
        } else if c == '!' && !after.starts_with('=') {
            out.push(Token::Not);
            rest = after;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let len = rest.find(|d: char| !(d.is_ascii_alphanumeric() || d == '_' || d == '.')).unwrap_or(rest.len());
            let word = rest.get(..len).unwrap_or("").trim_end_matches('.');
            if Vocabulary::is_request_path(word) {
                out.push(Token::Path(word));
            }
            rest = rest.get(len..).unwrap_or("");
        } else {
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_strings_and_numbers_are_scanned() {
        let tokens = scan(
            r#"when { !context.purpose == "商\"业" && context.termMonths > 60 && resource.flags.contains("x") } // "no""#,
        );
        assert_eq!(
            tokens,
            [
                Token::Not,
                Token::Path("context.purpose"),
                Token::Str("商\\\"业"),
                Token::Path("context.termMonths"),
                Token::Num(60),
                Token::Path("resource.flags.contains"),
                Token::Str("x"),
            ]
        );
    }

    #[test]
    fn a_free_text_field_takes_the_policys_strings_and_a_number_its_neighbours() {
        let engine = crate::Engine::builtin("ganzi").unwrap();
        let found = values(
            &[
                r#"forbid (principal, action == Action::"open", resource) when { context.purpose == "commercial" && !principal.materials.contains("security_commitment") };"#,
                r#"forbid (principal, action == Action::"operate", resource) when { context has termMonths && context.termMonths > 60 };"#,
            ],
            engine.vocabulary(),
        );
        let of = |p: &str| found.iter().find(|(q, _)| q == p).map(|(_, v)| v.clone()).unwrap_or_default();
        assert!(of("/application/purpose").contains(&Value::from("commercial")), "{found:?}");
        assert_eq!(of("/application/termMonths"), [Value::from(59), Value::from(60), Value::from(61)]);
        // A set's values come from the pack: its literals add nothing.
        assert!(of("/requester/materials").is_empty(), "{found:?}");
    }

    #[test]
    fn what_a_forbid_refuses_the_absence_of_is_a_duty() {
        let engine = crate::Engine::builtin("ganzi").unwrap();
        let text = r#"forbid (principal, action, resource) when { !context.commitment && principal.dishonest && !principal.materials.contains("need_list") && !resource.flags.contains("state_secret") };"#;
        let found = duties(
            &[("/application/commitment", text), ("/requester/materials", text), ("/requester/dishonest", text)],
            engine.vocabulary(),
        );
        assert_eq!(
            found,
            [
                ("/application/commitment".to_owned(), Value::Bool(true)),
                ("/requester/materials".to_owned(), Value::Array(vec![Value::from("need_list")])),
            ]
        );
    }
}
