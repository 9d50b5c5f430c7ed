//! `pdp explain FILE` or `pdp explain --case NAME`: a verdict with its reasons — each
//! policy that decided it, where it is written, the article it rests on, and the request
//! values its conditions read, named by the pack's labels in the chosen language.

use std::path::{Path, PathBuf};

use pubdata_policy::explain::{self as core_explain, ReadValue};
use pubdata_policy::{Engine, Error, Message, Request};
use serde::Serialize;
use serde_json::Value;

use crate::check::{human as verdict_text, read_input};
use crate::policy_source::PolicySource;
use crate::scenarios::Vectors;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The request file, or `-` for standard input.
    #[arg(required_unless_present = "case", conflicts_with = "case")]
    file: Option<PathBuf>,
    /// Explain a scenario case's request instead, by the case's name (or a part of it that
    /// only one case's name holds).
    #[arg(long, value_name = "NAME")]
    case: Option<String>,
    /// Where `--case` looks: scenario files as `pdp test` reads them.
    #[arg(long, value_name = "PATH", default_value = "tests/vectors", requires = "case")]
    vectors: PathBuf,
    /// The language of labels and article summaries.
    #[arg(long, value_enum, default_value = "zh")]
    lang: Lang,
    /// Decide with the policies of this folder [default: ./policies when present, as
    /// `pdp test` does, else the built-in ones].
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// A language of the labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    fn pick(self, m: &Message) -> &str {
        match self {
            Lang::Zh => &m.zh,
            Lang::En => &m.en,
        }
    }

    /// `需求依据（/application/needBasis）` or `Need basis (/application/needBasis)`.
    fn named(self, label: &str, pointer: &str) -> String {
        match self {
            Lang::Zh => format!("{label}（{pointer}）"),
            Lang::En => format!("{label} ({pointer})"),
        }
    }
}

/// The core's explanation with what the command adds: the case and the rule set.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Explanation {
    /// With `--case`: the scenario case whose request this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    case: Option<CaseAt>,
    /// The rule set that decided: "the built-in policies" or "the policies in `DIR`".
    policies: String,
    /// The language the human text names fields in.
    #[serde(skip)]
    lang: Lang,
    /// The verdict and its reasons (`pubdata_policy::explain`), files named as an author
    /// would open them.
    #[serde(flatten)]
    explained: core_explain::Explanation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaseAt {
    name: String,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

/// Why there is nothing to explain.
enum Failure {
    /// The request, the policies or a file.
    Engine(Error),
    /// `--case` names no case, several, or one without a request.
    Case(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Engine(e)
    }
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
        Err(Failure::Case(message)) => {
            eprintln!("error: {message}");
            Exit::BadInput
        }
        Err(Failure::Engine(e)) => {
            eprintln!("error: {}", crate::check::printable(&e));
            match e {
                Error::Io { .. } => Exit::Failure,
                _ => Exit::BadInput,
            }
        }
    }
}

fn explain(args: &Args) -> Result<Explanation, Failure> {
    let (request, case) = match (&args.file, &args.case) {
        (_, Some(name)) => {
            let (value, at) = find_case(&args.vectors, name).map_err(Failure::Case)?;
            (Request::from_value(value)?, Some(at))
        }
        (Some(file), None) => (Request::from_json(&read_input(file)?)?, None),
        // clap requires one of them.
        (None, None) => return Err(Failure::Case("give a request file or `--case NAME`".into())),
    };
    let working_copy = Path::new("policies");
    let folder = args.policies.as_deref().or_else(|| working_copy.is_dir().then_some(working_copy));
    let source = PolicySource::new(folder)
        .map_err(|m| Error::Io { path: folder.map(|p| p.display().to_string()).unwrap_or_default(), message: m })?;
    let sources = source.sources(&request.jurisdiction)?;
    let engine = Engine::from_sources(&sources)?;
    let mut explained = core_explain::explain(&engine, &sources, &request)?;
    for r in &mut explained.because {
        r.file = r.file.as_deref().map(|f| source.display_file(f));
    }
    Ok(Explanation { case, policies: source.describe(), lang: args.lang, explained })
}

/// The request of the scenario case called `name` under `vectors`: the one case of that
/// name, else the one whose name holds it. None, or several, is an error that lists the
/// cases meant most likely, at their files and lines.
fn find_case(vectors: &Path, name: &str) -> Result<(Value, CaseAt), String> {
    let located = Vectors::locate(vectors)?;
    let mut all = Vec::new();
    for j in located.jurisdictions() {
        for file in located.load(&j)? {
            let text = std::fs::read_to_string(&file.path).unwrap_or_default();
            let lines = crate::scenario_text::case_lines(&text);
            for (index, case) in file.suite.cases.iter().enumerate() {
                let at = CaseAt {
                    name: case.name.clone(),
                    file: file.path.display().to_string(),
                    line: lines.get(index).copied().flatten(),
                };
                let request = case.share.is_none().then(|| file.suite.request_of(case));
                all.push((at, request));
            }
        }
    }
    let listed = |cases: &[&(CaseAt, Option<Value>)]| {
        cases
            .iter()
            .map(|(at, _)| {
                let line = at.line.map(|l| format!(":{l}")).unwrap_or_default();
                format!("\n  {}  ({}{line})", at.name, at.file)
            })
            .collect::<String>()
    };
    let exact: Vec<&(CaseAt, Option<Value>)> = all.iter().filter(|(at, _)| at.name == name).collect();
    let found = if exact.is_empty() { all.iter().filter(|(at, _)| at.name.contains(name)).collect() } else { exact };
    match found.as_slice() {
        [(at, Some(request))] => {
            Ok((request.clone(), CaseAt { name: at.name.clone(), file: at.file.clone(), line: at.line }))
        }
        [(at, None)] => Err(format!(
            "the case `{}` ({}) asks for a share's status, not a decision: `pdp share-status` answers it",
            at.name, at.file
        )),
        [] => {
            let mut near: Vec<(usize, &(CaseAt, Option<Value>))> =
                all.iter().map(|c| (distance(&c.0.name, name), c)).collect();
            near.sort_by_key(|(d, _)| *d);
            let near: Vec<&(CaseAt, Option<Value>)> = near.into_iter().take(5).map(|(_, c)| c).collect();
            Err(format!(
                "no scenario case in `{}` is called `{name}`; the nearest:{}",
                vectors.display(),
                listed(&near)
            ))
        }
        several => Err(format!(
            "{} scenario cases in `{}` match `{name}`; name one exactly, or give its file with --vectors:{}",
            several.len(),
            vectors.display(),
            listed(several)
        )),
    }
}

/// How far apart two names are: the edits (of characters) that turn one into the other.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut next = vec![i + 1];
        for (j, y) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = next.last().copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(x != *y);
            next.push(cost.min(above.saturating_add(1)).min(left.saturating_add(1)));
            diagonal = above;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

fn human(e: &Explanation) -> String {
    let mut out = String::new();
    if let Some(c) = &e.case {
        let line = c.line.map(|l| format!(":{l}")).unwrap_or_default();
        out.push_str(&format!("Case `{}` ({}{line}).\n", c.name, c.file));
    }
    out.push_str(&format!("Decided by {}.\n", e.policies));
    out.push_str(&verdict_text(&e.explained.verdict));
    if e.explained.verdict.policies.is_empty() {
        out.push_str("\nNo policy fired: nothing in the rule set allows or forbids this request.\n");
        return out;
    }
    out.push_str("\nWhy:\n");
    for r in &e.explained.because {
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
            out.push_str(&format!("        {}\n", e.lang.pick(m)));
        }
        if r.read.is_empty() {
            out.push_str("      reads no request value: it holds for every request\n");
        } else {
            out.push_str("      because the request has\n");
            let named = |v: &ReadValue| match &v.label {
                Some(l) => e.lang.named(e.lang.pick(l), &v.field),
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
