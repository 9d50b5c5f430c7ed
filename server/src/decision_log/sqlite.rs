//! The decision log in a SQLite file: WAL, synchronous commits, triggers that refuse
//! to change or delete a record.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, params_from_iter, Connection};

use super::{rules_from, rules_text, select, where_clause, Filter, Record, Store, StoredRecord};
use crate::error::ServerError;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    jurisdiction TEXT,
    kind TEXT,
    outcome TEXT NOT NULL,
    rules TEXT NOT NULL,
    error_code TEXT,
    policy_set TEXT,
    packs TEXT NOT NULL,
    version TEXT NOT NULL,
    request TEXT,
    response TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_at ON decisions (at);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
";

const INSERT: &str = "INSERT INTO decisions (at, endpoint, jurisdiction, kind, outcome, rules, error_code, \
                      policy_set, packs, version, request, response) \
                      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

pub(crate) struct SqliteStore {
    connection: Connection,
}

fn err(path: &Path) -> impl Fn(rusqlite::Error) -> ServerError + '_ {
    move |e| ServerError::Log(format!("sqlite:{}: {e}", path.display()))
}

impl SqliteStore {
    pub(crate) fn open(path: &Path) -> Result<SqliteStore, ServerError> {
        let e = err(path);
        let connection = Connection::open(path).map_err(&e)?;
        connection.busy_timeout(Duration::from_secs(5)).map_err(&e)?;
        // WAL: `pdp log` reads while the server writes. FULL: a commit is on disk before
        // the decision is acknowledged.
        connection.pragma_update(None, "journal_mode", "WAL").map_err(&e)?;
        connection.pragma_update(None, "synchronous", "FULL").map_err(&e)?;
        connection.execute_batch(SCHEMA).map_err(&e)?;
        Ok(SqliteStore { connection })
    }

    fn path(&self) -> String {
        self.connection.path().unwrap_or("").to_owned()
    }
}

impl Store for SqliteStore {
    fn append(&mut self, records: &[Record]) -> Result<(), ServerError> {
        let path = self.path();
        let e = |e: rusqlite::Error| ServerError::Log(format!("sqlite:{path}: {e}"));
        let tx = self.connection.transaction().map_err(e)?;
        {
            let mut insert = tx.prepare_cached(INSERT).map_err(e)?;
            for r in records {
                insert
                    .execute(params![
                        r.at,
                        r.endpoint,
                        r.jurisdiction,
                        r.kind,
                        r.outcome,
                        rules_text(&r.rules),
                        r.error_code,
                        r.policy_set,
                        r.packs,
                        r.version,
                        r.request,
                        r.response,
                    ])
                    .map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    fn query(&mut self, filter: &Filter) -> Result<Vec<StoredRecord>, ServerError> {
        let path = self.path();
        let e = |e: rusqlite::Error| ServerError::Log(format!("sqlite:{path}: {e}"));
        let (where_sql, values) = where_clause(filter, |n| format!("?{n}"), |a, b| format!("instr({a}, {b}) > 0"));
        let mut statement = self.connection.prepare(&select(&where_sql, filter.limit)).map_err(e)?;
        let rows = statement
            .query_map(params_from_iter(values.iter()), |row| {
                Ok(StoredRecord {
                    id: row.get(0)?,
                    record: Record {
                        at: row.get(1)?,
                        endpoint: row.get(2)?,
                        jurisdiction: row.get(3)?,
                        kind: row.get(4)?,
                        outcome: row.get(5)?,
                        rules: rules_from(&row.get::<_, String>(6)?),
                        error_code: row.get(7)?,
                        policy_set: row.get(8)?,
                        packs: row.get(9)?,
                        version: row.get(10)?,
                        request: row.get(11)?,
                        response: row.get(12)?,
                    },
                })
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test fails loudly")]

    use super::SqliteStore;
    use crate::decision_log::{Filter, Record, Store};

    fn record(outcome: &str, at: &str, rules: &[&str]) -> Record {
        Record {
            at: at.into(),
            endpoint: "check".into(),
            jurisdiction: Some("ganzi".into()),
            kind: Some("share".into()),
            outcome: outcome.into(),
            rules: rules.iter().map(|r| (*r).to_owned()).collect(),
            error_code: None,
            policy_set: Some("abc".into()),
            packs: "def".into(),
            version: "0.1.0".into(),
            request: Some("{}".into()),
            response: "{}".into(),
        }
    }

    #[test]
    fn records_come_back_as_written_filtered_and_cannot_be_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let mut store = SqliteStore::open(&path).unwrap();
        store
            .append(&[
                record("refused", "2026-11-29T10:00:00.000000+08:00", &["ganzi.share.conditional.scenario"]),
                record("review", "2026-11-30T10:00:00.000000+08:00", &["ganzi.share.conditional.review"]),
            ])
            .unwrap();
        let all = store.query(&Filter::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0].record,
            record("refused", "2026-11-29T10:00:00.000000+08:00", &["ganzi.share.conditional.scenario"])
        );
        let by_rule = Filter { rule: Some("ganzi.share.conditional.review".into()), ..Filter::default() };
        assert_eq!(store.query(&by_rule).unwrap().len(), 1);
        // A rule whose id is a prefix of another's does not match it.
        let prefix = Filter { rule: Some("ganzi.share.conditional".into()), ..Filter::default() };
        assert_eq!(store.query(&prefix).unwrap().len(), 0);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 29);
        let one_day = Filter { since: day, until: day, ..Filter::default() };
        assert_eq!(store.query(&one_day).unwrap()[0].record.outcome, "refused");
        let latest = Filter { limit: 1, ..Filter::default() };
        assert_eq!(store.query(&latest).unwrap()[0].record.outcome, "review");

        let conn = rusqlite::Connection::open(&path).unwrap();
        let update = conn.execute("UPDATE decisions SET outcome = 'granted'", []).unwrap_err().to_string();
        assert!(update.contains("append-only"), "{update}");
        assert!(conn.execute("DELETE FROM decisions", []).is_err());
        assert_eq!(SqliteStore::open(&path).unwrap().query(&Filter::default()).unwrap().len(), 2);
    }
}
