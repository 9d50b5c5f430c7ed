//! `pdp validate`: strict Cedar validation of a policies folder against its schema, and
//! the project's own lint of annotations and regulation metadata. Every problem is
//! reported, not only the first one the engine would stop at.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use cedar_policy::{Policy, PolicyId, PolicySet, Schema, ValidationMode, Validator};
use miette::Diagnostic;
use pubdata_policy::inspect::{self, PolicyEffect, PolicySummary};
use pubdata_policy::lint;
use pubdata_policy::{Calendar, JurisdictionInfo, PackManifest, Sources, Vocabulary, ANNOTATIONS, MAX_WORKING_DAYS};
use serde::Serialize;

use pubdata_policy::inspect::line_and_column;

use crate::diagnostic::{closest, find_from, Finding, Severity};
use crate::policy_source::PolicySource;
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// A policies folder (schema, calendar, one folder per jurisdiction) or one
    /// jurisdiction's folder inside it.
    #[arg(default_value = "policies")]
    dir: PathBuf,
    /// Validate only this jurisdiction (repeatable).
    #[arg(long = "jurisdiction", value_name = "ID")]
    only: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    ok: bool,
    errors: usize,
    warnings: usize,
    jurisdictions: Vec<Checked>,
    findings: Vec<Finding>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Checked {
    jurisdiction: String,
    files: usize,
    policies: usize,
}

pub fn run(args: &Args) -> Exit {
    crate::finish(validate(&args.dir, &args.only), args.format, human, |r| r.ok)
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!("{}\n", f.human()));
    }
    for c in &report.jurisdictions {
        out.push_str(&format!("{}: {} policies in {} files\n", c.jurisdiction, c.policies, c.files));
    }
    out.push_str(&format!(
        "validate: {} error{}, {} warning{}\n",
        report.errors,
        if report.errors == 1 { "" } else { "s" },
        report.warnings,
        if report.warnings == 1 { "" } else { "s" }
    ));
    out
}

fn validate(dir: &Path, only: &[String]) -> Result<Report, String> {
    let source = PolicySource::folder(dir)?;
    let mut findings = Vec::new();
    let mut jurisdictions = Vec::new();
    let selected = source.select_packs(only)?;
    for jurisdiction in &selected {
        let (found, checked) = lint(&source, jurisdiction)?;
        findings.extend(found);
        jurisdictions.push(checked);
    }
    if let Some(first) = selected.first() {
        // The calendar is shared by every jurisdiction: its faults are reported once.
        findings.extend(calendar_findings(&source.sources(first).map_err(|e| e.to_string())?));
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    Ok(Report { ok: errors == 0, errors, warnings, jurisdictions, findings })
}

/// Every finding for one jurisdiction of a folder, in file and line order.
fn lint(source: &PolicySource, jurisdiction: &str) -> Result<(Vec<Finding>, Checked), String> {
    if !matches!(source, PolicySource::Folder { .. }) {
        return Err("only a policies folder can be linted".into());
    }
    let sources = source.sources(jurisdiction).map_err(|e| e.to_string())?;
    let lint = Lint {
        jurisdiction: jurisdiction.to_owned(),
        regulation_file: source.file_path(jurisdiction, "regulation.json"),
        manifest_file: source.file_path(jurisdiction, "pack.json"),
        sources: &sources,
    };
    let (mut found, checked) = lint.run();
    if !found.iter().any(|f| f.severity == Severity::Error) {
        found.extend(coverage_findings(source, jurisdiction));
    }
    found.sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
    Ok((found, checked))
}

/// What the coverage matrix (`coverage.json`) says is missing or contradicted: each
/// article of the texts classified, each class borne out by the policies. Checked once
/// the policies themselves are clean.
fn coverage_findings(source: &PolicySource, jurisdiction: &str) -> Vec<Finding> {
    let file = source.file_path(jurisdiction, "coverage.json");
    let coverage = match crate::coverage::of_pack(source, jurisdiction) {
        Ok(c) => c,
        Err(e) => {
            let f = Finding::error("coverage", &file, e.to_string());
            return vec![f.help(
                "every pack classifies each article of its regulations' texts in coverage.json (README, \"Coverage\")",
            )];
        }
    };
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    coverage
        .problems
        .iter()
        .map(|p| {
            let from = find_from(&text, 1, &format!("\"{}\"", p.regulation)).map_or(1, |(line, _)| line);
            let f =
                located(Finding::error(p.code, &file, p.message.clone()), &text, from, &format!("\"{}\"", p.article));
            match &p.policy {
                Some(id) => f.policy(id),
                None => f,
            }
        })
        .collect()
}

/// Why a jurisdiction's policies do not load, for the commands that need them loaded:
/// the errors `pdp validate` finds, located, or else the engine's own message.
pub fn load_failure(source: &PolicySource, jurisdiction: &str, error: &pubdata_policy::Error) -> String {
    let mut found = lint(source, jurisdiction).map(|(found, _)| found).unwrap_or_default();
    found.extend(source.sources(jurisdiction).map(|s| calendar_findings(&s)).unwrap_or_default());
    let errors: Vec<String> = found.iter().filter(|f| f.severity == Severity::Error).map(Finding::human).collect();
    if errors.is_empty() {
        return error.to_string();
    }
    format!(
        "{} for `{jurisdiction}` do not load (what `pdp validate` reports):\n\n{}",
        source.describe(),
        errors.join("\n")
    )
}

/// The holiday calendar's faults, each at the calendar file that has it.
fn calendar_findings(sources: &Sources) -> Vec<Finding> {
    let files = sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str()));
    let Err(pubdata_policy::Error::Policies { file, message }) = Calendar::from_files(files) else {
        return Vec::new();
    };
    let text = sources.calendar.iter().find(|(n, _)| *n == file).map_or("", |(_, t)| t.as_str());
    // serde_json ends its messages with "at line L column C".
    let mut words = message.rsplit(' ');
    let place = match (words.next(), words.next(), words.next(), words.next()) {
        (Some(column), Some("column"), Some(line), Some("line")) => line.parse().ok().zip(column.parse().ok()),
        _ => None,
    };
    let f = Finding::error("calendar", &file, message.clone());
    vec![match place {
        Some((line, column)) => f.at(text, line, column, 1),
        None => f,
    }]
}

struct Lint<'a> {
    jurisdiction: String,
    regulation_file: String,
    manifest_file: String,
    sources: &'a Sources,
}

/// A policy that parsed, with what the core reads of it.
struct Parsed<'a> {
    file: &'a str,
    index: usize,
    text: &'a str,
    policy: Policy,
    summary: Option<PolicySummary>,
}

impl Lint<'_> {
    /// The pack's own files (its layers are linted as packs of their own).
    fn own(&self) -> &[(String, String)] {
        self.sources.pack().map_or(&[], |l| l.policies.as_slice())
    }

    fn run(&self) -> (Vec<Finding>, Checked) {
        let mut findings = Vec::new();
        let vocabulary = self.vocabulary(&mut findings);
        let schema = vocabulary.as_ref().and_then(|v| self.schema(v, &mut findings));
        let empty = BTreeSet::new();
        let contract_fields = vocabulary.as_ref().map(Vocabulary::pointers);
        let contract_fields = contract_fields.as_ref().unwrap_or(&empty);
        let info = self.regulation(&mut findings);
        let mut parsed = Vec::new();
        for (file, text) in self.own() {
            match PolicySet::from_str(text) {
                Err(errors) => {
                    for e in errors.iter() {
                        findings.push(cedar_finding(Severity::Error, "cedar-syntax", e, file, text));
                    }
                }
                Ok(set) => {
                    let summaries = match &info {
                        Some(info) => inspect::inspect_file(file, text, info, &self.jurisdiction).unwrap_or_default(),
                        None => vec![],
                    };
                    for (index, policy) in set.policies().enumerate() {
                        let summary = summaries.get(index).cloned();
                        parsed.push(Parsed { file, index, text, policy: policy.clone(), summary });
                    }
                }
            }
        }
        if let Some(info) = &info {
            self.annotations(info, contract_fields, &parsed, &mut findings);
        }
        if let Some(vocabulary) = &vocabulary {
            slips(vocabulary, &parsed, &mut findings);
        }
        if let Some(manifest) = self.sources.pack().and_then(|l| serde_json::from_str::<PackManifest>(&l.manifest).ok())
        {
            self.required_files(&manifest, &parsed, &mut findings);
        }
        if let Some(schema) = schema {
            strict_validation(schema, &parsed, &mut findings);
        }
        let checked =
            Checked { jurisdiction: self.jurisdiction.clone(), files: self.own().len(), policies: parsed.len() };
        (findings, checked)
    }

    /// The request vocabulary of the pack with its layers (`pack.json` files).
    fn vocabulary(&self, findings: &mut Vec<Finding>) -> Option<Vocabulary> {
        let mut manifests = Vec::new();
        for layer in &self.sources.layers {
            let file = match layer.pack == self.jurisdiction {
                true => self.manifest_file.clone(),
                false => format!("{}/pack.json", layer.pack),
            };
            match serde_json::from_str::<PackManifest>(&layer.manifest) {
                Ok(m) => manifests.push((file, m)),
                Err(e) => {
                    let f = Finding::error("pack", &file, e.to_string()).at(&layer.manifest, e.line(), e.column(), 1);
                    findings.push(f.help("see policies/README.md for the pack format"));
                    return None;
                }
            }
        }
        match Vocabulary::merge(manifests.iter().map(|(f, m)| (f.as_str(), m))) {
            Ok(v) => Some(v),
            Err(e) => {
                let message = e.to_string();
                let (file, message) = message.split_once(": ").unwrap_or((&self.manifest_file, &message));
                let text = self.sources.pack().map(|l| l.manifest.as_str()).unwrap_or_default();
                let needle = message.split('`').nth(1).map(|n| format!("\"{n}\"")).unwrap_or_default();
                findings.push(located(Finding::error("pack", file, message.to_owned()), text, 1, &needle));
                None
            }
        }
    }

    fn schema(&self, vocabulary: &Vocabulary, findings: &mut Vec<Finding>) -> Option<Schema> {
        let text = vocabulary.schema();
        match Schema::from_cedarschema_str(&text) {
            Ok((schema, _)) => Some(schema),
            Err(e) => {
                findings.push(cedar_finding(Severity::Error, "cedar-schema", &e, &self.manifest_file, &text));
                None
            }
        }
    }

    /// `regulation.json`: readable, dates in order, keys unique, the dormancy article
    /// known, and the holiday calendar covering the period in force.
    fn regulation(&self, findings: &mut Vec<Finding>) -> Option<JurisdictionInfo> {
        let file = self.regulation_file.as_str();
        let text = self.sources.pack().and_then(|l| l.regulation.as_deref()).unwrap_or_default();
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            let f = Finding::error("regulation", file, e.to_string()).at(text, e.line(), e.column(), 1);
            findings.push(f.help("policies are linted once regulation.json reads"));
            return None;
        }
        let info = match inspect::regulation_info(self.sources) {
            Ok(info) => info,
            Err(e) => {
                let message = e.to_string();
                let message = message.strip_prefix(&format!("{file}: ")).unwrap_or(&message).to_owned();
                let needle = format!("\"{}\"", message.split('`').nth(1).unwrap_or("regulations"));
                findings.push(located(Finding::error("regulation", file, message), text, 1, &needle));
                return None;
            }
        };
        let mut keys = BTreeSet::new();
        for r in &info.regulations {
            if !keys.insert(r.key.as_str()) {
                let message = format!("regulation key `{}` is used twice", r.key);
                findings.push(located(Finding::error("regulation", file, message), text, 1, &format!("\"{}\"", r.key)));
            }
        }
        if let Some(d) = &info.dormancy {
            match info.regulation(d.regulation.as_deref()) {
                Some(r) if !r.articles.contains_key(&d.article) => {
                    let message = format!("the dormancy rule cites `{}`, which `{}` does not list", d.article, r.key);
                    findings.push(located(Finding::error("article", file, message), text, 1, "\"dormancy\""));
                }
                None => {
                    let message = "the dormancy rule names a regulation key that is not listed".to_owned();
                    findings.push(located(Finding::error("regulation", file, message), text, 1, "\"dormancy\""));
                }
                Some(_) => {}
            }
        }
        // A calendar that does not read is reported once, at its own file (`calendar_findings`).
        let calendar = Calendar::from_files(self.sources.calendar.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        match calendar {
            Err(_) => {}
            Ok(calendar) => {
                let years: BTreeSet<i32> = calendar.years().collect();
                for r in &info.regulations {
                    let Some(end) = r.expires else { continue };
                    use chrono::Datelike;
                    // Years before the first holiday notice on file are past: requests are dated now.
                    let first = years.first().copied().unwrap_or(i32::MAX).max(r.in_force.year());
                    let missing: Vec<String> =
                        (first..=end.year()).filter(|y| !years.contains(y)).map(|y| y.to_string()).collect();
                    if !missing.is_empty() {
                        let message = format!(
                            "`{}` is in force until {end}, but the holiday calendar has no data for {}: deadlines there count weekends only",
                            r.key,
                            missing.join(", ")
                        );
                        let f = located(Finding::warning("calendar", file, message), text, 1, "\"expires\"");
                        findings.push(f.help("add policies/calendar/<year>.json once the State Council publishes it"));
                    }
                }
            }
        }
        Some(info)
    }

    /// Each file `policyFiles` lists is there and holds a policy.
    fn required_files(&self, manifest: &PackManifest, parsed: &[Parsed], findings: &mut Vec<Finding>) {
        let base = |path: &str| path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned();
        let text = self.sources.pack().map_or("", |l| l.manifest.as_str());
        for name in &manifest.policy_files {
            match self.own().iter().find(|(path, _)| base(path) == *name) {
                None => {
                    let message = format!("`policyFiles` lists `{name}`, which the folder does not have");
                    let f = located(Finding::error("missing-file", &self.manifest_file, message), text, 1, name);
                    findings.push(f.help("restore the file, or remove it from `policyFiles` if it is gone on purpose"));
                }
                // A file that does not parse has its syntax errors already.
                Some((file, source))
                    if !parsed.iter().any(|p| p.file == file)
                        && PolicySet::from_str(source).is_ok_and(|set| set.is_empty()) =>
                {
                    let message = "holds no policy, but `pack.json` lists it in `policyFiles`";
                    findings.push(Finding::error("empty-file", file, message).at(source, 1, 1, 1));
                }
                Some(_) => {}
            }
        }
    }

    /// The project's rules for annotations, beyond what Cedar checks.
    fn annotations(
        &self,
        info: &JurisdictionInfo,
        contract_fields: &BTreeSet<String>,
        parsed: &[Parsed],
        findings: &mut Vec<Finding>,
    ) {
        let mut first_use: HashMap<&str, String> = HashMap::new();
        for p in parsed {
            let Some(s) = &p.summary else { continue };
            let line = s.line.unwrap_or(1);
            let at = |f: Finding, key: &str| in_policy(f.policy(&s.id), p.text, line, &format!("@{key}"));
            if let Some(problem) = &s.problem {
                let key = problem.split("`@").nth(1).and_then(|k| k.split(['(', '`']).next()).unwrap_or("id");
                let unknown = problem.contains("unknown annotation");
                let code = if unknown { "unknown-annotation" } else { "annotation" };
                let mut f = at(Finding::error(code, p.file, problem.clone()), key);
                if unknown {
                    if let Some(near) = closest(key, ANNOTATIONS.iter().map(|a| a.name)) {
                        f = f.help(format!("did you mean `@{near}`?"));
                    }
                }
                findings.push(f);
            }
            if s.id.is_empty() {
                let f = Finding::error("missing-id", p.file, "policy has no `@id`: every policy needs a unique one");
                let f = in_policy(f, p.text, line, if s.effect == PolicyEffect::Forbid { "forbid" } else { "permit" });
                findings.push(f.help("the id is the verdict's `rule`; name it `<jurisdiction>.<topic>.<rule>`"));
            } else if let Some(first) = first_use.get(s.id.as_str()) {
                let f = at(Finding::error("duplicate-id", p.file, format!("policy id `{}` is used twice", s.id)), "id");
                findings.push(f.help(format!("first used at {first}")));
            } else {
                first_use.insert(&s.id, format!("{}:{line}", p.file));
            }
            if let Some(field) = s.annotation("field") {
                if !contract_fields.contains(field) {
                    let message = format!("`@field(\"{field}\")` is not a field of the request contract");
                    let mut f = at(Finding::error("field", p.file, message), "field");
                    if let Some(near) = closest(field, contract_fields.iter().map(String::as_str)) {
                        f = f.help(format!("did you mean `{near}`?"));
                    }
                    findings.push(f);
                }
            }
            let regulation = info.regulation(s.annotation("regulation"));
            if let (Some(r), Some(article)) = (regulation, s.annotation("article")) {
                if !r.articles.contains_key(article) {
                    let message =
                        format!("`@article(\"{article}\")` is not an article `{}` lists in regulation.json", r.key);
                    let f = at(Finding::error("article", p.file, message), "article");
                    findings.push(f.help("add the article and its summary to regulation.json, or correct the number"));
                }
            }
            let reports_days = s.problem.as_deref().is_some_and(|m| m.contains("@workingDays"));
            if let (Some(days), false) = (s.annotation("workingDays"), reports_days) {
                if !days.parse::<u32>().is_ok_and(|n| (1..=MAX_WORKING_DAYS).contains(&n)) {
                    let message =
                        format!("`@workingDays(\"{days}\")` is not a whole number from 1 to {MAX_WORKING_DAYS}");
                    findings.push(at(Finding::error("annotation", p.file, message), "workingDays"));
                }
            }
            let routes = s.effect == PolicyEffect::Permit && s.annotation("reviewer").is_some();
            if routes && (s.annotation("zh").is_none() || s.annotation("en").is_none()) {
                let message = format!(
                    "policy `{}` routes to a reviewer but does not say in `@zh` and `@en` what that means",
                    s.id
                );
                findings.push(at(Finding::error("message", p.file, message), "reviewer"));
            }
        }
    }
}

/// The slips Cedar lets through (`pubdata_policy::lint`), each at its policy and line.
fn slips(vocabulary: &Vocabulary, parsed: &[Parsed], findings: &mut Vec<Finding>) {
    for p in parsed {
        let Some(s) = &p.summary else { continue };
        let line = s.line.unwrap_or(1);
        for slip in lint::slips(s, vocabulary) {
            let f = Finding::error(slip.code, p.file, slip.message).policy(&s.id);
            // Annotations and the head are found within the policy's head; the rest in its body.
            let f = match slip.needle.starts_with('@') || slip.needle == "forbid" {
                true => in_policy(f, p.text, line, &slip.needle),
                false => located(f, p.text, line, &slip.needle),
            };
            findings.push(match slip.help {
                Some(help) => f.help(help),
                None => f,
            });
        }
    }
}

/// Cedar's strict validation of every parsed policy against the schema, each error at
/// its place in the policy's file.
fn strict_validation(schema: Schema, parsed: &[Parsed], findings: &mut Vec<Finding>) {
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
    let errors =
        result.validation_errors().map(|e| (Severity::Error, "cedar-schema", e.policy_id(), e as &dyn Diagnostic));
    let warnings =
        result.validation_warnings().map(|w| (Severity::Warning, "cedar-warning", w.policy_id(), w as &dyn Diagnostic));
    for (severity, code, id, diagnostic) in errors.chain(warnings) {
        let Some(p) = by_id.get(id) else { continue };
        let f = cedar_finding(severity, code, diagnostic, p.file, p.text);
        findings.push(f.policy(p.summary.as_ref().map_or("", |s| s.id.as_str())));
    }
}

/// A Cedar error or warning at the first place it labels.
fn cedar_finding(severity: Severity, code: &'static str, d: &dyn Diagnostic, file: &str, text: &str) -> Finding {
    let mut f = Finding::new(severity, code, file, d.to_string());
    if let Some(label) = d.labels().and_then(|mut l| l.next()) {
        f = f.at_offset(text, label.offset(), label.len());
    }
    if let Some(help) = d.help() {
        f = f.help(help.to_string());
    }
    f
}

/// Places a finding at the annotation (or head) `needle` of the policy starting at line
/// `start`, or at that line when the policy lacks it.
fn in_policy(f: Finding, text: &str, start: usize, needle: &str) -> Finding {
    let head = text
        .lines()
        .enumerate()
        .skip(start.saturating_sub(1))
        .find(|(_, l)| ["permit", "forbid"].iter().any(|h| l.trim_start().starts_with(h)))
        .map_or(start, |(i, _)| i + 1);
    match find_from(text, start, needle).filter(|(line, _)| *line <= head) {
        Some((line, column)) => f.at(text, line, column, needle.chars().count()),
        None => f.at(text, start, 1, 1),
    }
}

/// Places a finding at the first line from `from` that holds `needle`, or at `from`.
fn located(f: Finding, text: &str, from: usize, needle: &str) -> Finding {
    match find_from(text, from, needle) {
        Some((line, column)) => f.at(text, line, column, needle.chars().count()),
        None => {
            let (line, column) = line_and_column(text, 0);
            f.at(text, from.max(line), column, 1)
        }
    }
}
