//! The decision log (使用日志): every decision and every rejected request, append-only,
//! one transaction per batch of records, each record with the policy set that answered.

mod postgres;
mod sqlite;
mod writer;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use crate::config::LogTarget;
use crate::error::ServerError;

pub(crate) use writer::{Writer, WriterHandle};

/// The outcome recorded for a request that got no verdict (it could not be read).
pub const OUTCOME_REJECTED: &str = "rejected";

/// One record to write: a verdict, or the error a request got instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    /// When the server answered (China time, RFC 3339 with microseconds).
    pub at: String,
    /// `check`, `check:batch` or `verify`.
    pub endpoint: String,
    /// The request's jurisdiction, when it could be read.
    pub jurisdiction: Option<String>,
    /// The request's kind, when it could be read.
    pub kind: Option<String>,
    /// `granted`, `review`, `refused`, or [`OUTCOME_REJECTED`].
    pub outcome: String,
    /// The policies that determined the verdict (none for a rejected request).
    pub rules: Vec<String>,
    /// The error's code for a rejected request.
    pub error_code: Option<String>,
    /// The hash of the policy set that decided (`PolicySetId::hash`); none when no pack did.
    pub policy_set: Option<String>,
    /// The hash of every pack the server held: which set answered, even a rejection.
    pub packs: String,
    /// The library's version.
    pub version: String,
    /// The request as received, when it was text within the size limit.
    pub request: Option<String>,
    /// The answer: the verdict, or the error object.
    pub response: String,
}

/// A record as read back, with its place in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredRecord {
    /// Its number in the log, in the order records were committed.
    pub id: i64,
    /// The record.
    #[serde(flatten)]
    pub record: Record,
}

/// Which records `pdp log` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Records of this day or later (China time).
    pub since: Option<NaiveDate>,
    /// Records of this day or earlier (China time).
    pub until: Option<NaiveDate>,
    /// Only this jurisdiction.
    pub jurisdiction: Option<String>,
    /// Only this outcome (`granted`, `review`, `refused`, `rejected`).
    pub outcome: Option<String>,
    /// Only records this policy determined.
    pub rule: Option<String>,
    /// At most this many, the latest; 0 for all.
    pub limit: usize,
}

/// The now of a record: China time, fixed width, so that text order is time order.
pub(crate) fn now() -> String {
    let now = Utc::now();
    let china = FixedOffset::east_opt(8 * 3600).map_or_else(|| now.fixed_offset(), |tz| now.with_timezone(&tz));
    stamp(china)
}

fn stamp(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f%:z").to_string()
}

/// A log store: SQLite or PostgreSQL.
pub(crate) trait Store: Send {
    /// Appends the records in one transaction: all of them or none.
    fn append(&mut self, records: &[Record]) -> Result<(), ServerError>;
    /// The records the filter selects, oldest first.
    fn query(&mut self, filter: &Filter) -> Result<Vec<StoredRecord>, ServerError>;
}

/// Opens (and creates when missing) the log.
pub(crate) fn open(target: &LogTarget) -> Result<Box<dyn Store>, ServerError> {
    match target {
        LogTarget::Sqlite(path) => Ok(Box::new(sqlite::SqliteStore::open(path)?)),
        LogTarget::Postgres(url) => Ok(Box::new(postgres::PostgresStore::open(url)?)),
    }
}

/// Lists the records of a log: what `pdp log` prints.
pub fn query(target: &LogTarget, filter: &Filter) -> Result<Vec<StoredRecord>, ServerError> {
    open(target)?.query(filter)
}

/// The WHERE clause and its parameters for a filter; `placeholder(n)` writes the n-th
/// parameter (`?n` in SQLite, `$n` in PostgreSQL) and `contains(a, b)` a substring test.
pub(crate) fn where_clause(
    filter: &Filter,
    placeholder: impl Fn(usize) -> String,
    contains: impl Fn(&str, &str) -> String,
) -> (String, Vec<String>) {
    let mut terms = Vec::new();
    let mut params = Vec::new();
    let mut add = |sql: &dyn Fn(String) -> String, value: String| {
        params.push(value);
        terms.push(sql(placeholder(params.len())));
    };
    if let Some(day) = filter.since {
        add(&|p| format!("at >= {p}"), day.to_string());
    }
    if let Some(day) = filter.until.and_then(|d| d.succ_opt()) {
        add(&|p| format!("at < {p}"), day.to_string());
    }
    if let Some(j) = &filter.jurisdiction {
        add(&|p| format!("jurisdiction = {p}"), j.clone());
    }
    if let Some(o) = &filter.outcome {
        add(&|p| format!("outcome = {p}"), o.clone());
    }
    if let Some(rule) = &filter.rule {
        // `rules` holds a JSON array of ids: look for the quoted id, exactly.
        let quoted = serde_json::Value::String(rule.clone()).to_string();
        add(&|p| contains("rules", &p), quoted);
    }
    let sql = if terms.is_empty() { String::new() } else { format!(" WHERE {}", terms.join(" AND ")) };
    (sql, params)
}

/// The statement that lists records, the latest `limit` in commit order.
pub(crate) fn select(where_sql: &str, limit: usize) -> String {
    let columns = "id, at, endpoint, jurisdiction, kind, outcome, rules, error_code, policy_set, packs, version, \
                   request, response";
    match limit {
        0 => format!("SELECT {columns} FROM decisions{where_sql} ORDER BY id"),
        n => format!(
            "SELECT * FROM (SELECT {columns} FROM decisions{where_sql} ORDER BY id DESC LIMIT {n}) AS latest ORDER BY id"
        ),
    }
}

/// The rules column's text.
pub(crate) fn rules_text(rules: &[String]) -> String {
    serde_json::to_string(rules).unwrap_or_else(|_| "[]".into())
}

/// The rules column read back (a log written by hand may hold anything: nothing is lost).
pub(crate) fn rules_from(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_else(|_| vec![text.to_owned()])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::{where_clause, Filter};
    use chrono::NaiveDate;

    #[test]
    fn a_filter_becomes_parameters_never_sql_text() {
        let filter = Filter {
            since: NaiveDate::from_ymd_opt(2026, 11, 1),
            until: NaiveDate::from_ymd_opt(2026, 11, 30),
            jurisdiction: Some("ganzi'; DROP TABLE decisions; --".into()),
            outcome: Some("refused".into()),
            rule: Some("ganzi.share.conditional.scenario".into()),
            limit: 0,
        };
        let (sql, params) = where_clause(&filter, |n| format!("${n}"), |a, b| format!("strpos({a}, {b}) > 0"));
        assert_eq!(sql, " WHERE at >= $1 AND at < $2 AND jurisdiction = $3 AND outcome = $4 AND strpos(rules, $5) > 0");
        assert_eq!(params[1], "2026-12-01", "until is inclusive: the day after, exclusive");
        assert_eq!(params[4], "\"ganzi.share.conditional.scenario\"");
        assert!(!sql.contains("DROP"));
    }
}
