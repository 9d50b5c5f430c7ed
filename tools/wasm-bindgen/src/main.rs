//! `pdp-wasm-bindgen --target web|nodejs|bundler --out-dir DIR --out-name NAME MODULE.wasm`:
//! writes the JavaScript glue and TypeScript types of a module compiled from the wasm crate,
//! as the `wasm-bindgen` command line would, with wasm-bindgen's own library. Kept in the
//! repository with its lock file so that a fresh machine builds exactly these versions.

use std::path::PathBuf;
use std::process::ExitCode;

use wasm_bindgen_cli_support::Bindgen;

struct Args {
    target: String,
    out_dir: PathBuf,
    out_name: String,
    input: PathBuf,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut target, mut out_dir, mut out_name, mut input) = (None, None, None, None);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match arg.as_str() {
            "--target" => target = Some(value("--target")?),
            "--out-dir" => out_dir = Some(PathBuf::from(value("--out-dir")?)),
            "--out-name" => out_name = Some(value("--out-name")?),
            other if !other.starts_with('-') && input.is_none() => input = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        target: target.ok_or("`--target` is missing")?,
        out_dir: out_dir.ok_or("`--out-dir` is missing")?,
        out_name: out_name.ok_or("`--out-name` is missing")?,
        input: input.ok_or("the input module is missing")?,
    })
}

fn run(args: Args) -> Result<(), String> {
    let mut bindgen = Bindgen::new();
    // As the command line does by default: `init()` without arguments fetches the module
    // beside the glue (the library alone would leave the path out).
    bindgen.input_path(&args.input).out_name(&args.out_name).typescript(true).omit_default_module_path(false);
    let set = match args.target.as_str() {
        "web" => bindgen.web(true).map(|_| ()),
        "nodejs" => bindgen.nodejs(true).map(|_| ()),
        "bundler" => bindgen.bundler(true).map(|_| ()),
        other => return Err(format!("unknown target `{other}`, expected `web`, `nodejs` or `bundler`")),
    };
    set.map_err(|e| e.to_string())?;
    bindgen.generate(&args.out_dir).map_err(|e| format!("{}: {e:#}", args.input.display()))
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pdp-wasm-bindgen: {e}");
            ExitCode::from(2)
        }
    }
}
