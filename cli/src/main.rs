//! `pdp`: decide requests about public data with the built-in Cedar policies, and the
//! policy authors' toolkit (validate, test, diff, explain).

mod check;
mod diagnostic;
mod diff;
mod explain;
mod policy_source;
mod scenarios;
mod status;
mod test;
mod validate;

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
    /// Decide a request and say why: each deciding policy, its article, and the
    /// request values it read.
    Explain(explain::Args),
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

/// Prints a value as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => emit(&format!("{text}\n")),
        Err(e) => eprintln!("error: cannot print the result as JSON: {e}"),
    }
}

/// Writes to standard output. A reader that went away (`pdp … | head`) is not an error
/// worth a panic, which is what `print!` does then.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
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
    }
}
