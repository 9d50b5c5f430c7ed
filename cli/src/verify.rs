//! `pdp verify REQUEST VERDICT`: re-decides a request and compares the verdict a client
//! sent with it, as a server does before it acts on a verdict computed in a browser (a
//! tampered client can copy the right policy-set hash onto any verdict).

use std::path::PathBuf;

use pubdata_policy::text::escape_control;
use pubdata_policy::{read_client_verdict, Engine, Error, Request, Verification};

use crate::check::{exit_for, printable, read_input};
use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The request file, or `-` for standard input.
    request: PathBuf,
    /// The verdict the client claims for it (JSON, as `check` prints it).
    verdict: PathBuf,
    /// Decide with the policies of this folder instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Exits 0 when the client's verdict is the server's under the same policies, 1 when
/// anything differs, 2 when the request or the verdict cannot be read.
pub fn run(args: &Args) -> Exit {
    match verify(args) {
        Ok(v) => {
            match args.format {
                Format::Json => crate::print_json(&v),
                Format::Human => crate::show(&human(&v)),
            }
            match v.same_verdict && v.same_policies {
                true => Exit::Ok,
                false => Exit::Failure,
            }
        }
        Err(e) => {
            eprintln!("error: {}", printable(&e));
            exit_for(&e)
        }
    }
}

fn verify(args: &Args) -> Result<Verification, Error> {
    let request = Request::from_json(&read_input(&args.request)?)?;
    let claimed = read_client_verdict(&read_input(&args.verdict)?)?;
    let engine = match &args.policies {
        Some(dir) => Engine::from_dir(dir, &request.jurisdiction)?,
        None => Engine::builtin(&request.jurisdiction)?,
    };
    engine.verify(&request, &claimed)
}

fn human(v: &Verification) -> String {
    let mut out = match (v.same_verdict, v.same_policies) {
        (true, true) => "VERIFIED the client's verdict is the server's, under the same policies\n".to_owned(),
        _ => "DIFFERENT the client's verdict is not the server's: act on the server's\n".to_owned(),
    };
    for d in &v.differences {
        out.push_str(&format!("  {}\n", escape_control(d)));
    }
    out.push_str(&crate::check::human(&v.verdict));
    out
}
