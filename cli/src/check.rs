//! `pdp check`: one request in, one verdict out.

use std::io::Read;
use std::path::PathBuf;

use pubdata_policy::{AuditRecord, Engine, Error, Outcome, Request, Verdict};

use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The request file, or `-` for standard input.
    file: PathBuf,
    /// Print JSON (the contract's verdict) or a readable summary.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Decide with the policies of this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Append an audit record of the decision (one JSON line) to this file.
    #[arg(long, value_name = "FILE")]
    audit: Option<PathBuf>,
}

pub fn run(args: &Args) -> Exit {
    match decide(args) {
        Ok(verdict) => {
            match args.format {
                Format::Json => match serde_json::to_string_pretty(&verdict) {
                    Ok(text) => crate::emit(&format!("{text}\n")),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return Exit::Failure;
                    }
                },
                Format::Human => crate::emit(&human(&verdict)),
            }
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                Error::InvalidRequest { .. } | Error::UnknownJurisdiction(_) | Error::WrongJurisdiction { .. } => {
                    Exit::BadInput
                }
                _ => Exit::Failure,
            }
        }
    }
}

fn decide(args: &Args) -> Result<Verdict, Error> {
    let text = read_input(&args.file)?;
    let request = Request::from_json(&text)?;
    let engine = match &args.policies {
        Some(dir) => Engine::from_dir(dir, &request.jurisdiction)?,
        None => pubdata_policy::builtin_engine(&request.jurisdiction)?,
    };
    let verdict = engine.check(&request)?;
    if let Some(path) = &args.audit {
        append_audit(path, &AuditRecord::new(&request, &verdict))?;
    }
    Ok(verdict)
}

fn append_audit(path: &PathBuf, record: &AuditRecord) -> Result<(), Error> {
    use std::io::Write;
    let io = |e: std::io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(io)?;
    writeln!(file, "{}", record.to_json_line()).map_err(io)
}

pub fn read_input(file: &PathBuf) -> Result<String, Error> {
    let io = |e: std::io::Error| Error::Io { path: file.display().to_string(), message: e.to_string() };
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(io)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(io)
    }
}

/// A verdict for people: the outcome, then each rule with its article, in both languages.
pub fn human(v: &Verdict) -> String {
    let mut out = String::new();
    let outcome = match v.outcome {
        Outcome::Granted => "GRANTED 准予",
        Outcome::Review => "REVIEW 待审核",
        Outcome::Refused => "REFUSED 不予通过",
    };
    out.push_str(&format!("{outcome}\n"));
    for x in &v.violations {
        let field = if x.field.is_empty() { "(request)" } else { &x.field };
        out.push_str(&format!(
            "  ✗ {field}  《{}》{}\n      {}\n      {}\n",
            x.regulation, x.article, x.message.zh, x.message.en
        ));
    }
    if let Some(r) = &v.route {
        let days = r.working_days.map(|n| format!(", {n} working days")).unwrap_or_default();
        let due = r.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let silence = if r.silence_means_approval { ", no answer by then counts as approval" } else { "" };
        out.push_str(&format!(
            "  → reviewer: {:?}{days}{due}{silence}  《{}》{}\n",
            r.reviewer, r.regulation, r.article
        ));
    }
    for g in &v.grounds {
        out.push_str(&format!("  ✓ because 《{}》{}  ({})\n", g.regulation, g.article, g.rule));
    }
    for o in &v.obligations {
        let due = o.due.map(|d| format!(" (due {d})")).unwrap_or_default();
        out.push_str(&format!(
            "  • {}{due}  《{}》{}\n      {}\n",
            o.message.zh, o.regulation, o.article, o.message.en
        ));
    }
    for w in &v.warnings {
        out.push_str(&format!("  ! {}: {}\n      {}\n", w.code, w.message.zh, w.message.en));
    }
    out
}
