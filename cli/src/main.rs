//! `pdp`: decide requests about public data with the built-in Cedar policies, and the
//! policy authors' toolkit (validate, test, diff, explain).

mod annotations;
mod batch;
mod check;
mod contract;
mod coverage;
mod diagnostic;
mod diff;
mod explain;
mod log;
mod pack;
mod policy_source;
mod prove;
mod scenario_text;
mod scenarios;
mod serve;
mod status;
mod test;
mod validate;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "pdp", version, about = "Decide requests about Chinese public data by municipal regulations")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide a request (a JSON file, or `-` for standard input) and print the verdict.
    Check(check::Args),
    /// Whether an existing share is active, suspended or terminated through disuse.
    ShareStatus(status::Args),
    /// Check a policies folder: Cedar syntax, the schema, annotations, regulation metadata.
    /// Exits 1 when it finds an error.
    Validate(validate::Args),
    /// Run scenario files and report coverage. Exits 1 when a case fails, no case ran,
    /// a policy never fired or a case cites an article the metadata does not know.
    Test(test::Args),
    /// What a policy change changes: every request whose verdict differs between two
    /// policies folders, grouped by rule. Exits 1 when anything changed.
    Diff(diff::Args),
    /// Every article of each regulation's text as the pack classifies it (decides,
    /// informs, not decidable), with counts. Exits 1 while an article is unclassified or
    /// the matrix and the policies disagree.
    Coverage(coverage::Args),
    /// What a request to a pack may hold: kinds and fields, generated from pack.json.
    Contract(contract::Args),
    /// The pack compiled for clients without Cedar (the forms module), as one JSON document.
    Pack(pack::Args),
    /// Every annotation a policy may carry, with its meaning and an example.
    Annotations(annotations::Args),
    /// Decide a request and say why: each deciding policy, its article, and the
    /// request values it read.
    Explain(explain::Args),
    /// Serve decisions over HTTP, writing each to the decision log (until SIGTERM or
    /// Ctrl-C; SIGHUP reloads the policies).
    Serve(serve::Args),
    /// List the decision log's records, by date, jurisdiction, outcome and rule.
    Log(log::Args),
    /// Re-decide a request and compare the verdict a client sent with it. Exits 1 when
    /// the verdict or the policy set differs.
    Verify(verify::Args),
}

/// How a command prints its result.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    #[default]
    Json,
    Human,
}

/// The process's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// A verdict was printed; the policies are valid; every case passed; nothing changed.
    Ok = 0,
    /// `check`: the policies could not be loaded, or a file could not be read.
    /// `validate`, `test`, `diff`: what the command looks for was found (errors,
    /// failing cases, changes).
    Failure = 1,
    /// The input could not be read: a request, a folder, policies that do not load
    /// (for `test`, `diff`, `explain`), a scenario file.
    BadInput = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// How a report command ends: an unreadable input is reported on stderr (exit 2); a
/// report is printed as JSON or as `human` text, and exits 0 when `ok` holds, else 1.
pub fn finish<T: serde::Serialize>(
    report: Result<T, String>,
    format: Format,
    human: impl Fn(&T) -> String,
    ok: impl Fn(&T) -> bool,
) -> Exit {
    let report = match report {
        Ok(r) => r,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::BadInput;
        }
    };
    match format {
        Format::Json => print_json(&report),
        Format::Human => show(&human(&report)),
    }
    if ok(&report) {
        Exit::Ok
    } else {
        Exit::Failure
    }
}

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            let _ = emit(&format!("{text}\n"));
        }
        Err(e) => eprintln!("error: cannot print the result as JSON: {e}"),
    }
}

/// Writes to standard output and says whether it was delivered. A reader that went away
/// (`pdp … | head`) or a full disk is an error to report, not a panic, which is what
/// `print!` does then.
pub fn emit(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush())
}

/// Writes to standard output for commands whose result is their exit status.
pub fn show(text: &str) {
    let _ = emit(text);
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args).into(),
        Command::ShareStatus(args) => status::run(&args).into(),
        Command::Validate(args) => validate::run(&args).into(),
        Command::Test(args) => test::run(&args).into(),
        Command::Diff(args) => diff::run(&args).into(),
        Command::Explain(args) => explain::run(&args).into(),
        Command::Serve(args) => serve::run(args).into(),
        Command::Log(args) => log::run(args).into(),
        Command::Verify(args) => verify::run(&args).into(),
        Command::Coverage(args) => coverage::run(&args).into(),
        Command::Contract(args) => contract::run(&args).into(),
        Command::Pack(args) => pack::run(&args).into(),
        Command::Annotations(args) => annotations::run(&args).into(),
    }
}
