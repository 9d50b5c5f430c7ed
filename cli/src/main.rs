//! `pdp`: decide requests about public data with the built-in Cedar policies.

mod check;
mod status;

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
    /// A verdict was printed.
    Ok = 0,
    /// The policies could not be loaded, or a file could not be read.
    Failure = 1,
    /// The request could not be read.
    BadInput = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args).into(),
        Command::ShareStatus(args) => status::run(&args).into(),
    }
}
