//! `pdp log`: lists the decision log's records, by date, jurisdiction, outcome and rule.

use chrono::NaiveDate;
use pdp_server::{Filter, LogTarget, StoredRecord};

use crate::{Exit, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The decision log: `sqlite:PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite:pdp-log.db")]
    log: LogTarget,
    /// Records of this day or later (YYYY-MM-DD, China time).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Records of this day or earlier.
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Records of one day (`--since D --until D`).
    #[arg(long, conflicts_with_all = ["since", "until"])]
    date: Option<NaiveDate>,
    /// Only this jurisdiction.
    #[arg(long)]
    jurisdiction: Option<String>,
    /// Only this outcome.
    #[arg(long, value_parser = ["granted", "review", "refused", "rejected"])]
    outcome: Option<String>,
    /// Only records this policy determined (a rule id such as `ganzi.share.conditional.review`).
    #[arg(long)]
    rule: Option<String>,
    /// At most this many, the latest; 0 for all.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Print JSON (one array of records) or one line per record.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args) -> Exit {
    let filter = Filter {
        since: args.date.or(args.since),
        until: args.date.or(args.until),
        jurisdiction: args.jurisdiction,
        outcome: args.outcome,
        rule: args.rule,
        limit: args.limit,
    };
    match pdp_server::query(&args.log, &filter) {
        Ok(records) => {
            match args.format {
                Format::Json => crate::print_json(&records),
                Format::Human => crate::show(&human(&records)),
            }
            Exit::Ok
        }
        Err(e) => {
            eprintln!("error: {e}");
            Exit::Failure
        }
    }
}

fn human(records: &[StoredRecord]) -> String {
    let mut out = String::new();
    for StoredRecord { id, record: r } in records {
        let what = match (&r.jurisdiction, &r.kind) {
            (Some(j), Some(k)) => format!("{j} {k}"),
            (Some(j), None) => j.clone(),
            _ => "-".into(),
        };
        let why = match &r.error_code {
            Some(code) => code.clone(),
            None => r.rules.join(", "),
        };
        let set = r.policy_set.as_deref().unwrap_or(&r.packs);
        out.push_str(&format!(
            "{id:>6}  {}  {:<9} {what:<16} {:<8} {why}  [{}]\n",
            r.at,
            r.endpoint,
            r.outcome,
            set.get(..12).unwrap_or(set)
        ));
    }
    out.push_str(&format!("{} records\n", records.len()));
    out
}
