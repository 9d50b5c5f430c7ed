//! `pdp annotations`: every annotation a policy may carry, with its meaning and an
//! example, from the list the engine reads policies by (`policies/README.md` holds the
//! same table; a test keeps them equal).

use pubdata_policy::ANNOTATIONS;

use crate::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// `markdown` (a table) or `json`.
    #[arg(long, value_enum, default_value = "markdown")]
    format: AnnotationsFormat,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum AnnotationsFormat {
    Markdown,
    Json,
}

pub fn run(args: &Args) -> Exit {
    match args.format {
        AnnotationsFormat::Markdown => crate::show(&markdown()),
        AnnotationsFormat::Json => {
            let list: Vec<serde_json::Value> = ANNOTATIONS
                .iter()
                .map(|a| serde_json::json!({ "name": a.name, "meaning": a.meaning, "example": a.example }))
                .collect();
            crate::print_json(&list);
        }
    }
    Exit::Ok
}

/// The table, one annotation a row.
pub fn markdown() -> String {
    let mut out = String::from("| annotation | meaning | example |\n|---|---|---|\n");
    for a in ANNOTATIONS {
        out.push_str(&format!("| `@{}` | {} | `{}` |\n", a.name, a.meaning.replace('|', "\\|"), a.example));
    }
    out
}
