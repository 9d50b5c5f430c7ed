//! `pdp share-status`: whether an existing share has lapsed through disuse.

use pubdata_policy::{Engine, Error, ShareUse};

use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The jurisdiction whose dormancy rule applies.
    #[arg(long)]
    jurisdiction: String,
    /// The last day the shared data was called (YYYY-MM-DD).
    #[arg(long)]
    last_use: chrono::NaiveDate,
    /// The day to ask for (YYYY-MM-DD); today in China if omitted.
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    /// The day the suspension notice was sent, if known.
    #[arg(long)]
    notice: Option<chrono::NaiveDate>,
    /// The requester gave a basis and reasons for the low use (no suspension).
    #[arg(long)]
    reason_given: bool,
    /// The requester objected to the suspension notice (no automatic end).
    #[arg(long)]
    objected: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: &Args) -> Exit {
    let share = ShareUse {
        last_use: args.last_use,
        today: args.today.unwrap_or_else(pubdata_policy::today_in_china),
        notice: args.notice,
        reason_given: args.reason_given,
        objected: args.objected,
    };
    let status = Engine::builtin(&args.jurisdiction).and_then(|e| e.share_status(&share));
    match status {
        Ok(s) => {
            match args.format {
                Format::Json => crate::print_json(&s),
                Format::Human => crate::show(&format!(
                    "{:?}: {}\n  {}\n  《{}》{}\n",
                    s.state, s.message.zh, s.message.en, s.regulation, s.article
                )),
            }
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {e}");
            if matches!(e, Error::InvalidRequest { .. }) {
                Exit::BadInput
            } else {
                Exit::Failure
            }
        }
    }
}
