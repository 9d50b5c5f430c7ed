//! `pdp check`: one request in, one verdict out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pubdata_policy::text::escape_control;
use pubdata_policy::{
    append_line, bounded_read, AuditRecord, Engine, Error, Outcome, RejectionRecord, Request, Verdict,
    MAX_REQUEST_BYTES,
};

use crate::policy_source::PolicySource;
use crate::validate::load_failure;
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
    /// Append an audit record of the decision (one JSON line) to this file; a request
    /// refused as unreadable is recorded too.
    #[arg(long, value_name = "FILE")]
    audit: Option<PathBuf>,
    /// JSON Lines: one request per line in, one verdict (or `{"line", "error"}`) per line
    /// out, in the same order, decided on every core.
    #[arg(long)]
    jsonl: bool,
}

pub fn run(args: &Args) -> Exit {
    if args.jsonl {
        return crate::batch::run(&args.file, args.policies.as_deref(), args.audit.as_deref());
    }
    let mut decider = Decider::new(args.policies.clone());
    let bytes = match read_bytes(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => return refused(&e, b"", args.audit.as_deref()),
    };
    match decider.decide(&bytes) {
        Answer::Decided(request, verdict) => {
            let text = match args.format {
                Format::Json => serde_json::to_string_pretty(&verdict).map(|t| format!("{t}\n")).unwrap_or_default(),
                Format::Human => human(&verdict),
            };
            let delivered = crate::emit(&text);
            let audited = args.audit.as_deref().map(|path| {
                let mut record = AuditRecord::new(&request, &verdict);
                record.undelivered = delivered.as_ref().err().map(ToString::to_string);
                append_line(path, &record.to_json_line()).map_err(|e| audit_error(path, &e))
            });
            if let Err(e) = delivered {
                eprintln!("error: the verdict could not be written: {e}");
                return Exit::Failure;
            }
            match audited {
                Some(Err(e)) => {
                    eprintln!("error: {e}");
                    Exit::Failure
                }
                _ => Exit::Ok,
            }
        }
        Answer::Refused(e) => refused(&e, &bytes, args.audit.as_deref()),
        Answer::Failed(message) => {
            eprintln!("error: {message}");
            Exit::Failure
        }
    }
}

/// Reports a request that could not be read (audited when it was bad input).
fn refused(error: &Error, received: &[u8], audit: Option<&Path>) -> Exit {
    eprintln!("error: {}", printable(error));
    let exit = exit_for(error);
    if let (Exit::BadInput, Some(path)) = (exit, audit) {
        if let Err(e) = append_line(path, &RejectionRecord::new(received, error).to_json_line()) {
            eprintln!("error: {}", audit_error(path, &e));
            return Exit::Failure;
        }
    }
    exit
}

fn audit_error(path: &Path, e: &std::io::Error) -> String {
    format!("cannot append the audit record to `{}`: {e}", path.display())
}

/// Bad input (exit 2) for what the request got wrong, a failure (exit 1) otherwise.
pub fn exit_for(error: &Error) -> Exit {
    match error {
        Error::InvalidRequest { .. } | Error::UnknownJurisdiction(_) | Error::WrongJurisdiction { .. } => {
            Exit::BadInput
        }
        _ => Exit::Failure,
    }
}

/// An error as it may be printed: request text in it has its control characters escaped,
/// so that it cannot move the cursor, recolour the terminal or forge a log line.
pub fn printable(error: &Error) -> String {
    escape_control(&error.to_string()).into_owned()
}

/// What became of one request.
pub enum Answer {
    Decided(Box<Request>, Box<Verdict>),
    /// The request is bad input, or its jurisdiction has no policies.
    Refused(Error),
    /// The policies could not decide it: why, located in the policy files.
    Failed(String),
}

/// Decides requests with the built-in policies or a folder's, each jurisdiction's engine
/// loaded once.
pub struct Decider {
    policies: Option<PathBuf>,
    /// Each jurisdiction's engine, or why it has none: an unknown pack (the request's
    /// fault) or the message of policies that do not load.
    engines: HashMap<String, Result<Engine, Result<String, Error>>>,
}

impl Decider {
    pub fn new(policies: Option<PathBuf>) -> Decider {
        Decider { policies, engines: HashMap::new() }
    }

    /// Reads and decides one request given as bytes (at most the request limit).
    pub fn decide(&mut self, bytes: &[u8]) -> Answer {
        let request = match bounded_read::utf8(bytes).and_then(Request::from_json) {
            Ok(request) => request,
            Err(e) => return Answer::Refused(e),
        };
        let engine = match self.engine(&request.jurisdiction) {
            Ok(engine) => engine,
            // No pack of that id: the request's fault, at `/jurisdiction`.
            Err(Err(e)) => return Answer::Refused(e.clone()),
            Err(Ok(message)) => return Answer::Failed(message.clone()),
        };
        match engine.check(&request) {
            Ok(verdict) => Answer::Decided(Box::new(request), Box::new(verdict)),
            Err(e) if exit_for(&e) == Exit::BadInput => Answer::Refused(e),
            Err(e) => Answer::Failed(e.to_string()),
        }
    }

    fn engine(&mut self, jurisdiction: &str) -> &Result<Engine, Result<String, Error>> {
        let policies = &self.policies;
        self.engines.entry(jurisdiction.to_owned()).or_insert_with(|| match policies {
            None => pubdata_policy::builtin_engine(jurisdiction).map_err(|e| match e {
                e @ (Error::InvalidRequest { .. } | Error::UnknownJurisdiction(_)) => Err(e),
                e => Ok(printable(&e)),
            }),
            Some(dir) => Engine::from_dir(dir, jurisdiction).map_err(|e| match e {
                Error::Policies { .. } => Ok(match PolicySource::folder(dir) {
                    Ok(source) => load_failure(&source, jurisdiction, &e),
                    Err(_) => e.to_string(),
                }),
                e @ Error::UnknownJurisdiction(_) => Err(e),
                e => Ok(e.to_string()),
            }),
        })
    }
}

/// A request file's bytes (`-`: standard input), reading no more than the limit and a byte.
pub fn read_bytes(file: &Path) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::Io { path: file.display().to_string(), message: e.to_string() };
    let read = if file.as_os_str() == "-" {
        bounded_read::read(std::io::stdin().lock(), MAX_REQUEST_BYTES, bounded_read::REQUEST)
    } else {
        bounded_read::read(std::fs::File::open(file).map_err(io)?, MAX_REQUEST_BYTES, bounded_read::REQUEST)
    };
    read.map_err(io)?
}

/// A request file's text, bounded and UTF-8 (for `explain` and `verify`).
pub fn read_input(file: &Path) -> Result<String, Error> {
    let bytes = read_bytes(file)?;
    bounded_read::utf8(&bytes).map(str::to_owned)
}

/// A verdict for people: the outcome, then each rule with its article, in both languages.
/// Request text a verdict repeats (an identifier in a warning) has its control characters
/// escaped.
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
    // The steps after the route, each counted from the one before it.
    for (i, step) in v.schedule.iter().flatten().enumerate().skip(1) {
        let days = step.working_days.map(|n| format!(", {n} working days")).unwrap_or_default();
        let due = step.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let asked = if step.on_request { ", only if asked for" } else { "" };
        out.push_str(&format!(
            "    then {}. {:?}{days}{due}{asked}  《{}》{}\n",
            i + 1,
            step.reviewer,
            step.regulation,
            step.article
        ));
        if let Some(m) = &step.message {
            out.push_str(&format!("       {}\n       {}\n", m.zh, m.en));
        }
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
    escape_control_keeping_lines(&out)
}

/// `escape_control` line by line: the summary's own line breaks stay.
fn escape_control_keeping_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", escape_control(body)),
            None => escape_control(line).into_owned(),
        })
        .collect()
}
