//! `pdp pack PACK`: the pack compiled for clients without Cedar (the forms module): its
//! layers' `pack.json` and `regulation.json`, its policies' annotations and compiled
//! conditions, and the calendar, as one JSON document with the pack's hash. The policies
//! are strictly validated first; one the compiler cannot decide exactly as Cedar does is
//! an error naming it and what it uses.

use std::path::PathBuf;

use pubdata_policy::{CompiledPack, Engine, Sources};

use crate::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The pack (a jurisdiction's id).
    pack: String,
    /// Read the pack from this policies folder instead of the built-in packs.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Write the compiled pack to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &Args) -> Exit {
    let compiled = compile(args).and_then(|pack| serde_json::to_string(&pack).map_err(|e| e.to_string()));
    let written = compiled.and_then(|text| match &args.output {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("cannot write `{}`: {e}", file.display())),
        None => crate::emit(&format!("{text}\n")).map_err(|e| format!("cannot write the compiled pack: {e}")),
    });
    match written {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("error: {e}");
            Exit::BadInput
        }
    }
}

fn compile(args: &Args) -> Result<CompiledPack, String> {
    let (engine, sources) = match &args.policies {
        Some(dir) => (Engine::from_dir(dir, &args.pack), Sources::from_dir(dir, &args.pack)),
        None => (Engine::builtin(&args.pack), Sources::builtin(&args.pack)),
    };
    let (engine, sources) = (engine.map_err(|e| e.to_string())?, sources.map_err(|e| e.to_string())?);
    CompiledPack::compile(&sources, &engine.policy_set().hash).map_err(|e| e.to_string())
}
