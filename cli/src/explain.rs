//! `pdp explain FILE`: a verdict with its reasons — each policy that decided it, where
//! it is written, the article it rests on, and the request values its conditions read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pubdata_policy::inspect::{self, PolicySummary};
use pubdata_policy::{Engine, Error, JurisdictionInfo, Message, Request, Verdict, Vocabulary};
use serde::Serialize;
use serde_json::Value;

use crate::check::{human as verdict_text, read_input};
use crate::policy_source::PolicySource;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The request file, or `-` for standard input.
    file: PathBuf,
    /// Decide with the policies of this folder [default: ./policies when present, as
    /// `pdp test` does, else the built-in ones].
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Explanation {
    /// The rule set that decided: "the built-in policies" or "the policies in `DIR`".
    policies: String,
    verdict: Verdict,
    /// The policies behind the verdict, in the order the verdict lists them.
    because: Vec<Reason>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Reason {
    rule: String,
    /// `violation`, `ground`, `obligation`, `warning`, or `fired` for a policy that fired
    /// without a part in this verdict (a permit beside a refusal).
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    regulation: String,
    article: String,
    /// The article's summary from the regulation metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    article_summary: Option<Message>,
    /// The request values the policy's scope and conditions read.
    read: Vec<ReadValue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadValue {
    /// The request field, a JSON Pointer.
    field: String,
    /// The field's label from the pack (需求依据 · Need basis), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Message>,
    /// The Cedar attribute the policy reads it as.
    attribute: String,
    /// The value as the engine sees it (defaults filled in); `null` when absent.
    value: Value,
}

pub fn run(args: &Args) -> Exit {
    match explain(args) {
        Ok(e) => {
            match args.format {
                Format::Json => crate::print_json(&e),
                Format::Human => crate::show(&human(&e)),
            }
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {}", crate::check::printable(&e));
            match e {
                Error::Io { .. } => Exit::Failure,
                _ => Exit::BadInput,
            }
        }
    }
}

fn explain(args: &Args) -> Result<Explanation, Error> {
    let request = Request::from_json(&read_input(&args.file)?)?;
    let working_copy = Path::new("policies");
    let folder = args.policies.as_deref().or_else(|| working_copy.is_dir().then_some(working_copy));
    let source = PolicySource::new(folder)
        .map_err(|m| Error::Io { path: folder.map(|p| p.display().to_string()).unwrap_or_default(), message: m })?;
    let sources = source.sources(&request.jurisdiction)?;
    let engine = Engine::from_sources(&sources)?;
    let summaries = inspect::inspect(&sources)?;
    let verdict = engine.check(&request)?;

    let seen = serde_json::to_value(&request).map_err(|e| Error::Evaluation(e.to_string()))?;
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
            Some(reason(role, summary, engine.info(), &source, &seen, engine.vocabulary()))
        })
        .collect();
    Ok(Explanation { policies: source.describe(), verdict, because })
}

fn reason(
    role: &'static str,
    summary: &PolicySummary,
    info: &JurisdictionInfo,
    source: &PolicySource,
    seen: &Value,
    vocabulary: &Vocabulary,
) -> Reason {
    let regulation = info.regulation(summary.annotation("regulation"));
    let article = summary.annotation("article").unwrap_or_default().to_owned();
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
        file: Some(source.display_file(&summary.file)),
        line: summary.line,
        regulation: regulation.map(|r| r.title.clone()).unwrap_or_default(),
        article_summary: regulation.and_then(|r| r.articles.get(&article)).cloned(),
        article,
        read,
    }
}

fn human(e: &Explanation) -> String {
    let mut out = format!("Decided by {}.\n", e.policies);
    out.push_str(&verdict_text(&e.verdict));
    if e.verdict.policies.is_empty() {
        out.push_str("\nNo policy fired: nothing in the rule set allows or forbids this request.\n");
        return out;
    }
    out.push_str("\nWhy:\n");
    for r in &e.because {
        let place = match (&r.file, r.line) {
            (Some(f), Some(l)) => format!("  ({f}:{l})"),
            (Some(f), None) => format!("  ({f})"),
            _ => String::new(),
        };
        out.push_str(&format!("  {:<10} {}{place}\n", r.role, r.rule));
        if !r.article.is_empty() {
            out.push_str(&format!("      《{}》{}\n", r.regulation, r.article));
        }
        if let Some(m) = &r.article_summary {
            out.push_str(&format!("        {}\n        {}\n", m.zh, m.en));
        }
        if r.read.is_empty() {
            out.push_str("      reads no request value: it holds for every request\n");
        } else {
            out.push_str("      because the request has\n");
            let named = |v: &ReadValue| match &v.label {
                Some(l) => format!("{} ({})", l.zh, v.field),
                None => v.field.clone(),
            };
            // Columns by display width: a Chinese character takes two.
            let width_of = |s: &str| s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum::<usize>();
            let width = r.read.iter().map(|v| width_of(&named(v))).max().unwrap_or(0);
            for v in &r.read {
                let name = named(v);
                let pad = " ".repeat(width - width_of(&name));
                out.push_str(&format!("        {name}{pad}  {}\n", shown(&v.value)));
            }
        }
    }
    out
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(absent)".into(),
        Value::String(s) if pubdata_policy::text::is_blank(s) => format!("{value} (blank: counts as absent)"),
        other => other.to_string(),
    }
}
