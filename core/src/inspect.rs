//! Read-only facts about a policy set as the engine loads it, for authoring tools
//! (`pdp validate`, `pdp diff`, `pdp explain`): each policy's id, file, effect,
//! annotations, the request attributes it reads, and what the engine would reject in
//! its annotations. Nothing here decides a request.

use std::str::FromStr;

use cedar_policy::{Effect, PolicySet};
use serde::Serialize;
use serde_json::Value;

use crate::engine::Sources;
use crate::error::Error;
use crate::regulation::JurisdictionInfo;
use crate::rules::{annotation_problems, without_problems, Rule};

/// `permit` or `forbid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyEffect {
    /// A `permit` policy: a ground, an obligation or a warning.
    Permit,
    /// A `forbid` policy: a violation.
    Forbid,
}

/// One policy of a file, as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    /// The `@id` annotation, `""` when there is none.
    pub id: String,
    /// The file the policy is in.
    pub file: String,
    /// The pack whose folder holds the file.
    pub pack: String,
    /// Position among the file's policies, from 0, in source order.
    pub index: usize,
    /// The 1-based line where the policy (its first annotation) starts, when found.
    pub line: Option<usize>,
    /// Permit or forbid.
    pub effect: PolicyEffect,
    /// Annotations in source order, values as written.
    pub annotations: Vec<(String, String)>,
    /// Cedar attribute paths the scope and conditions read, such as `context.scenario`
    /// or `principal.type`, in order of first use.
    pub reads: Vec<String>,
    /// The request kinds (Cedar actions) the scope admits; empty for any kind.
    pub actions: Vec<String>,
    /// Scope and conditions in Cedar's JSON form, without annotations: two versions of
    /// a policy with equal `logic` decide alike.
    pub logic: Value,
    /// Why the engine would refuse this policy's annotations, if it would: the first
    /// problem, where loading stops.
    pub problem: Option<String>,
    /// Every problem of its annotations at once, each with the annotation it is at
    /// (`workingDays`, or the one a missing piece needs): what `pdp validate` reports.
    pub problems: Vec<(String, String)>,
}

impl PolicySummary {
    /// The value of an annotation, trimmed, when present and not blank.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Reads the layers' `regulation.json` files as the engine does, with the same checks
/// (dates in order, at least one regulation, keys unique across layers).
pub fn regulation_info(sources: &Sources) -> Result<JurisdictionInfo, Error> {
    let top = sources.pack().ok_or_else(|| Error::policies("pack.json", "no pack"))?;
    let manifest = crate::pack::PackManifest::parse(&format!("{}/pack.json", top.pack), &top.manifest)?;
    JurisdictionInfo::merge(&sources.layers, Some(&manifest))
}

/// Every policy of one `.cedar` file of the pack `pack`. `info` resolves `@regulation`
/// keys among the pack's own regulations. A file that does not parse is an
/// [`Error::Policies`] naming it.
pub fn inspect_file(file: &str, text: &str, info: &JurisdictionInfo, pack: &str) -> Result<Vec<PolicySummary>, Error> {
    let own = info.regulations_of(pack);
    let parsed = PolicySet::from_str(text).map_err(|e| Error::policies(file, e))?;
    let mut cursor = 0;
    // Lines are counted from where the previous count stopped, so a file costs one pass.
    let (mut counted, mut lines_before) = (0, 0);
    let mut out = Vec::new();
    for (index, policy) in parsed.policies().enumerate() {
        // The parser keeps each policy's source text, annotations included: finding it
        // after the previous one gives its line without Cedar's internal locations.
        let source = policy.to_string();
        let line = text.get(cursor..).and_then(|rest| rest.find(source.as_str())).map(|at| {
            let start = cursor + at;
            cursor = start + source.len();
            lines_before += text.get(counted..start).map_or(0, |between| between.matches('\n').count());
            counted = start;
            lines_before + 1
        });
        let mut logic = policy.to_json().map_err(|e| Error::policies(file, e))?;
        if let Some(map) = logic.as_object_mut() {
            map.remove("annotations");
        }
        let mut reads = Vec::new();
        collect_reads(&logic, &mut reads);
        let actions = scope_actions(logic.get("action"));
        let said = |e: Error| match e {
            Error::Policies { message, .. } => message,
            other => other.to_string(),
        };
        let problem = Rule::from_policy(file, index, policy, info, &own).err().map(said);
        let annotations: Vec<(String, String)> =
            policy.annotations().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        let id = policy.annotation("id").map(str::trim).unwrap_or_default().to_owned();
        let problems = match &problem {
            None => vec![],
            Some(_) => every_problem(file, index, policy.effect(), &annotations, info, &own, &id),
        };
        out.push(PolicySummary {
            id,
            file: file.to_owned(),
            pack: pack.to_owned(),
            index,
            line,
            effect: match policy.effect() {
                Effect::Permit => PolicyEffect::Permit,
                Effect::Forbid => PolicyEffect::Forbid,
            },
            annotations,
            reads,
            actions,
            logic,
            problem,
            problems,
        });
    }
    Ok(out)
}

/// The problems of each annotation (all of them), then what loading the policy says
/// once those are taken away (a missing `@article`, a review without `@reviewer`).
#[allow(clippy::too_many_arguments, reason = "the parts of one policy, read once by the caller")]
fn every_problem(
    file: &str,
    index: usize,
    effect: Effect,
    annotations: &[(String, String)],
    info: &JurisdictionInfo,
    own: &[usize],
    id: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        annotation_problems(annotations).into_iter().map(|(k, m)| (k, format!("policy `{id}`: {m}"))).collect();
    let rest = without_problems(annotations);
    let rest: Vec<(&str, &str)> = rest.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if let Err(e) = Rule::from_annotations(file, index, crate::rules::effect_of(effect), &rest, info, own) {
        let message = format!("policy `{id}`: {}", e.message);
        if !out.iter().any(|(_, m)| *m == message) {
            out.push((e.annotation, message));
        }
    }
    out
}

/// Every policy of a jurisdiction's sources, files in the order the engine loads them.
/// Stops at the first unreadable regulation metadata or policy file.
pub fn inspect(sources: &Sources) -> Result<Vec<PolicySummary>, Error> {
    let info = regulation_info(sources)?;
    let mut out = Vec::new();
    for layer in &sources.layers {
        for (file, text) in &layer.policies {
            out.extend(inspect_file(file, text, &info, &layer.pack)?);
        }
    }
    Ok(out)
}

/// Attribute paths (`var.attr.attr`) anywhere in a policy's JSON form; only the longest
/// path of a chain is kept, so `context.catalog.name` does not also list `context.catalog`.
fn collect_reads(node: &Value, out: &mut Vec<String>) {
    if let Some(path) = attribute_path(node) {
        if path.contains('.') && !out.contains(&path) {
            out.push(path);
        }
        return;
    }
    match node {
        Value::Array(items) => items.iter().for_each(|i| collect_reads(i, out)),
        Value::Object(map) => map.values().for_each(|v| collect_reads(v, out)),
        _ => {}
    }
}

/// `principal`, `context.scenario`, … when `node` is a variable or an attribute chain on one.
fn attribute_path(node: &Value) -> Option<String> {
    let map = node.as_object()?;
    if let Some(var) = map.get("Var").and_then(Value::as_str) {
        return Some(var.to_owned());
    }
    let access = map.get(".").or_else(|| map.get("has"))?;
    let left = attribute_path(access.get("left")?)?;
    let attr = access.get("attr")?.as_str()?;
    Some(format!("{left}.{attr}"))
}

/// The action ids an action scope names (`action == …` or `action in [...]`).
fn scope_actions(scope: Option<&Value>) -> Vec<String> {
    let Some(scope) = scope else { return vec![] };
    let id = |e: &Value| e.get("id").and_then(Value::as_str).map(str::to_owned);
    match scope.get("op").and_then(Value::as_str) {
        Some("==") => scope.get("entity").and_then(id).into_iter().collect(),
        Some("in") => match (scope.get("entity"), scope.get("entities")) {
            (Some(e), _) => id(e).into_iter().collect(),
            (None, Some(Value::Array(list))) => list.iter().filter_map(id).collect(),
            _ => vec![],
        },
        _ => vec![],
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULATION: &str = r#"{"regulations":[{"key":"r","title":"t","titleEn":"t","inForce":"2025-01-01"}]}"#;

    fn info() -> JurisdictionInfo {
        let layer = crate::engine::LayerSources {
            pack: "x".into(),
            manifest: r#"{"pack":"x","name":{"zh":"甲","en":"A"}}"#.into(),
            regulation: Some(REGULATION.into()),
            policies: vec![],
        };
        regulation_info(&Sources { layers: vec![layer], calendar: vec![] }).unwrap()
    }

    #[test]
    fn lines_reads_and_actions_come_from_the_source() {
        let text = "// a comment\n\n@id(\"a\")\n@article(\"1\")\n@outcome(\"granted\")\n\
                    permit (principal, action == Action::\"share\", resource)\n\
                    when { resource has sharing && resource.sharing == \"none\" && context.catalog.name == \"x\" };\n\n\
                    @id(\"b\")\n@article(\"1\")\n@field(\"/requester/type\")\n@zh(\"z\")\n@en(\"e\")\n\
                    forbid (principal, action in [Action::\"open\", Action::\"classify\"], resource)\n\
                    unless { principal has type };\n";
        let found = inspect_file("x.cedar", text, &info(), "x").unwrap();
        assert_eq!(found.len(), 2);
        let (a, b) = (&found[0], &found[1]);
        assert_eq!((a.id.as_str(), a.line, a.effect), ("a", Some(3), PolicyEffect::Permit));
        assert_eq!(a.reads, ["resource.sharing", "context.catalog.name"]);
        assert_eq!(a.actions, ["share"]);
        assert_eq!(a.problem, None);
        assert_eq!((b.id.as_str(), b.line, b.effect), ("b", Some(9), PolicyEffect::Forbid));
        assert_eq!(b.reads, ["principal.type"]);
        assert_eq!(b.actions, ["open", "classify"]);
        assert_eq!(b.annotation("field"), Some("/requester/type"));
        assert!(a.logic.get("annotations").is_none());
    }

    #[test]
    fn annotation_problems_are_the_engines() {
        let text = "@id(\"a\")\n@article(\"1\")\n@outcome(\"review\")\n@reviewer(\"provider\")\n\
                    @workingDays(\"five\")\npermit (principal, action, resource);\n\
                    @id(\"b\")\n@artcle(\"1\")\nforbid (principal, action, resource);\n";
        let found = inspect_file("x.cedar", text, &info(), "x").unwrap();
        assert!(found[0].problem.as_deref().unwrap().contains("`@workingDays(\"five\")`"), "{found:?}");
        assert!(found[1].problem.as_deref().unwrap().contains("unknown annotation `@artcle`"), "{found:?}");
    }

    #[test]
    fn an_unparsable_file_is_named() {
        let err = inspect_file("bad.cedar", "permit (principal, action, resource) when {", &info(), "x").unwrap_err();
        assert_eq!(err.code(), "invalid_policies");
        assert!(err.to_string().starts_with("bad.cedar:"), "{err}");
    }

    #[test]
    fn the_builtin_sets_load_whole() {
        for j in crate::builtin_jurisdictions() {
            let sources = Sources::builtin(j).unwrap();
            let found = inspect(&sources).unwrap();
            let engine = crate::Engine::from_sources(&sources).unwrap();
            assert_eq!(found.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), engine.policy_ids());
            assert!(found.iter().all(|p| p.problem.is_none() && p.line.is_some()));
        }
    }
}
