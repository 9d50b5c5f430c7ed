//! The decision log in PostgreSQL: the store several server instances share.

use postgres::types::ToSql;
use postgres::{Client, NoTls};

use super::{rules_from, rules_text, select, where_clause, Filter, Record, Store, StoredRecord};
use crate::config::LogTarget;
use crate::error::ServerError;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS decisions (
    id BIGSERIAL PRIMARY KEY,
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
CREATE OR REPLACE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the decision log is append-only'; END $$;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'decisions_append_only') THEN
        CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON decisions
            FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only();
    END IF;
END $$;
";

const INSERT: &str = "INSERT INTO decisions (at, endpoint, jurisdiction, kind, outcome, rules, error_code, \
                      policy_set, packs, version, request, response) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

pub(crate) struct PostgresStore {
    url: String,
    client: Client,
}

impl PostgresStore {
    pub(crate) fn open(url: &str) -> Result<PostgresStore, ServerError> {
        let client = connect(url)?;
        let mut store = PostgresStore { url: url.to_owned(), client };
        store.client.batch_execute(SCHEMA).map_err(|e| store.error(&e))?;
        Ok(store)
    }

    fn error(&self, e: &postgres::Error) -> ServerError {
        ServerError::Log(format!("{}: {e}", shown(&self.url)))
    }

    /// A connection lost since the last write is made again before the next.
    fn reconnect_if_closed(&mut self) -> Result<(), ServerError> {
        if self.client.is_closed() {
            self.client = connect(&self.url)?;
        }
        Ok(())
    }
}

fn shown(url: &str) -> String {
    LogTarget::Postgres(url.to_owned()).to_string()
}

fn connect(url: &str) -> Result<Client, ServerError> {
    Client::connect(url, NoTls).map_err(|e| ServerError::Log(format!("{}: {e}", shown(url))))
}

impl Store for PostgresStore {
    fn append(&mut self, records: &[Record]) -> Result<(), ServerError> {
        self.reconnect_if_closed()?;
        let url = self.url.clone();
        let e = |e: postgres::Error| ServerError::Log(format!("{}: {e}", shown(&url)));
        let mut tx = self.client.transaction().map_err(e)?;
        let insert = tx.prepare(INSERT).map_err(e)?;
        for r in records {
            let rules = rules_text(&r.rules);
            tx.execute(
                &insert,
                &[
                    &r.at,
                    &r.endpoint,
                    &r.jurisdiction,
                    &r.kind,
                    &r.outcome,
                    &rules,
                    &r.error_code,
                    &r.policy_set,
                    &r.packs,
                    &r.version,
                    &r.request,
                    &r.response,
                ],
            )
            .map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    fn query(&mut self, filter: &Filter) -> Result<Vec<StoredRecord>, ServerError> {
        self.reconnect_if_closed()?;
        let (where_sql, values) = where_clause(filter, |n| format!("${n}"), |a, b| format!("strpos({a}, {b}) > 0"));
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let rows = self.client.query(&select(&where_sql, filter.limit), &params).map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|row| {
                Ok(StoredRecord {
                    id: row.try_get(0)?,
                    record: Record {
                        at: row.try_get(1)?,
                        endpoint: row.try_get(2)?,
                        jurisdiction: row.try_get(3)?,
                        kind: row.try_get(4)?,
                        outcome: row.try_get(5)?,
                        rules: rules_from(row.try_get(6)?),
                        error_code: row.try_get(7)?,
                        policy_set: row.try_get(8)?,
                        packs: row.try_get(9)?,
                        version: row.try_get(10)?,
                        request: row.try_get(11)?,
                        response: row.try_get(12)?,
                    },
                })
            })
            .collect::<Result<Vec<_>, postgres::Error>>()
            .map_err(|e| self.error(&e))
    }
}
