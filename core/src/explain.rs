//! Why a request gets its verdict: each policy that decided it, where it is written, the
//! article it rests on, and the request values its scope and conditions read, with the
//! pack's labels in both languages. `pdp explain` renders it; the WebAssembly package's
//! `Engine.explain` returns it as an object: one explanation, worked out here.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::engine::{Engine, Sources};
use crate::error::Error;
use crate::inspect::{self, PolicySummary};
use crate::regulation::JurisdictionInfo;
use crate::request::Request;
use crate::verdict::{Message, Verdict};
use crate::vocabulary::Vocabulary;

/// A verdict with the reasons behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The verdict, as [`Engine::check`] gives it.
    pub verdict: Verdict,
    /// The policies behind the verdict, in the order the verdict lists them: violations,
    /// grounds, obligations, warnings, then the policies that fired without a part in it.
    pub because: Vec<Reason>,
}

/// One policy behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// The policy's `@id`.
    pub rule: String,
    /// `violation`, `ground`, `obligation`, `warning`, or `fired` for a policy that fired
    /// without a part in this verdict (a permit beside a refusal).
    pub role: &'static str,
    /// The file the policy is in, as the sources name it (`<pack>/<file>.cedar` for the
    /// built-in ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The 1-based line where the policy starts, when found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The title of the regulation the policy rests on.
    pub regulation: String,
    /// The article the policy cites, `""` when none.
    pub article: String,
    /// The article's summary from the regulation metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_summary: Option<Message>,
    /// The request values the policy's scope and conditions read.
    pub read: Vec<ReadValue>,
}

/// One request value a policy reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadValue {
    /// The request field, a JSON Pointer.
    pub field: String,
    /// The field's label from the pack, in both languages, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Message>,
    /// The Cedar attribute the policy reads it as.
    pub attribute: String,
    /// The value as the engine sees it (defaults filled in); `null` when absent.
    pub value: Value,
}

/// Decides `request` with `engine` and says why. `sources` are the texts the engine was
/// built from: they give each policy's file, line and the attributes it reads.
pub fn explain(engine: &Engine, sources: &Sources, request: &Request) -> Result<Explanation, Error> {
    let summaries = inspect::inspect(sources)?;
    let verdict = engine.check(request)?;
    let seen = serde_json::to_value(request).map_err(|e| Error::Evaluation(e.to_string()))?;
    let mut roles: Vec<(&str, &'static str)> = Vec::new();
    roles.extend(verdict.violations.iter().map(|v| (v.rule.as_str(), "violation")));
    roles.extend(verdict.grounds.iter().map(|g| (g.rule.as_str(), "ground")));
    roles.extend(verdict.obligations.iter().map(|o| (o.rule.as_str(), "obligation")));
    roles.extend(verdict.warnings.iter().filter_map(|w| w.rule.as_deref()).map(|r| (r, "warning")));
    let named: BTreeSet<&str> = roles.iter().map(|(r, _)| *r).collect();
    roles.extend(verdict.policies.iter().filter(|p| !named.contains(p.as_str())).map(|p| (p.as_str(), "fired")));

    let because = roles
        .into_iter()
        .filter_map(|(rule, role)| {
            // `undecided` is the engine's own refusal: no policy stands behind it.
            let summary = summaries.iter().find(|s| s.id == rule)?;
            Some(reason(role, summary, engine.info(), &seen, engine.vocabulary()))
        })
        .collect();
    Ok(Explanation { verdict, because })
}

fn reason(
    role: &'static str,
    summary: &PolicySummary,
    info: &JurisdictionInfo,
    seen: &Value,
    vocabulary: &Vocabulary,
) -> Reason {
    let regulation = info.regulation(summary.annotation("regulation"));
    let article = summary.annotation("article").unwrap_or_default().to_owned();
    // The kind is the envelope's, which no pack declares with a label.
    let kind = (!summary.actions.is_empty()).then(|| ReadValue {
        field: "/kind".into(),
        label: Some(Message { zh: "申请类型".into(), en: "Kind of request".into() }),
        attribute: "action".into(),
        value: seen.pointer("/kind").cloned().unwrap_or(Value::Null),
    });
    let mut shown = BTreeSet::new();
    // `agreementStartMonths` and `agreementStart` are one request field: list it once.
    let read = kind
        .into_iter()
        .chain(summary.reads.iter().filter_map(|attr| {
            let field = vocabulary.field_of(attr)?;
            let value = seen.pointer(&field).cloned().or_else(|| vocabulary.default_of(&field)).unwrap_or(Value::Null);
            let label = vocabulary.field(&field).map(|f| f.label.clone());
            Some(ReadValue { field, label, attribute: attr.clone(), value })
        }))
        .filter(|r| shown.insert(r.field.clone()))
        .collect();
    Reason {
        rule: summary.id.clone(),
        role,
        file: Some(summary.file.clone()),
        line: summary.line,
        regulation: regulation.map(|r| r.title.clone()).unwrap_or_default(),
        article_summary: regulation.and_then(|r| r.articles.get(&article)).cloned(),
        article,
        read,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test fails loudly")]

    use super::*;

    #[test]
    fn every_reason_is_a_policy_that_fired_at_its_file_and_line() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/ganzi-share.json")).unwrap();
        let request = Request::from_json(&text).unwrap();
        let sources = Sources::builtin(&request.jurisdiction).unwrap();
        let engine = Engine::builtin(&request.jurisdiction).unwrap();
        let e = explain(&engine, &sources, &request).unwrap();
        assert!(!e.because.is_empty());
        for r in &e.because {
            assert!(e.verdict.policies.contains(&r.rule), "{r:?}");
            assert!(
                r.file.as_deref().unwrap().starts_with("ganzi/") || r.file.as_deref().unwrap().contains('/'),
                "{r:?}"
            );
            assert!(r.line.is_some(), "{r:?}");
            assert!(r.read.iter().all(|v| v.field.starts_with('/')), "{r:?}");
        }
    }
}
