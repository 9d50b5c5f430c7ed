//! What `pdp serve` is told: where to listen, where to log, which packs, which limits.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use crate::error::ServerError;

/// Where the decision log lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogTarget {
    /// A SQLite file (`sqlite:PATH`), created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL database (`postgres://…` or `postgresql://…`).
    Postgres(String),
}

impl FromStr for LogTarget {
    type Err = ServerError;

    fn from_str(s: &str) -> Result<LogTarget, ServerError> {
        if let Some(path) = s.strip_prefix("sqlite:") {
            if path.is_empty() {
                return Err(ServerError::Config(format!("log `{s}` names no file, expected `sqlite:PATH`")));
            }
            return Ok(LogTarget::Sqlite(PathBuf::from(path)));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(LogTarget::Postgres(s.to_owned()));
        }
        Err(ServerError::Config(format!("log `{s}` is not one, expected `sqlite:PATH` or `postgres://…`")))
    }
}

impl std::fmt::Display for LogTarget {
    /// The target without a password: for messages and `/healthz`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogTarget::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            LogTarget::Postgres(url) => {
                // postgres://user:secret@host/db → postgres://user@host/db
                let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
                let shown = match rest.split_once('@') {
                    Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or(user)),
                    None => rest.to_owned(),
                };
                write!(f, "{scheme}://{shown}")
            }
        }
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on (`127.0.0.1:0` picks a free port; the bound one is printed).
    pub listen: SocketAddr,
    /// The decision log.
    pub log: LogTarget,
    /// A policies folder to decide with, reloaded on SIGHUP and when it changes;
    /// `None`: the built-in packs.
    pub policies: Option<PathBuf>,
    /// How often the policies folder is looked at for changes.
    pub watch_interval: Duration,
    /// The most requests decided at once; more wait, up to `timeout`.
    pub max_concurrent: usize,
    /// The longest a request may take, from its first byte to its answer.
    pub timeout: Duration,
    /// The most requests in one `POST /v1/check:batch`.
    pub max_batch: usize,
}

impl Config {
    /// The defaults of `pdp serve`: a local port, `sqlite:pdp-log.db`, the built-in packs.
    pub fn new(listen: SocketAddr, log: LogTarget) -> Config {
        Config {
            listen,
            log,
            policies: None,
            watch_interval: Duration::from_secs(2),
            max_concurrent: 64,
            timeout: Duration::from_secs(10),
            max_batch: 100,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::LogTarget;

    #[test]
    fn log_targets_are_read_and_shown_without_a_password() {
        let sqlite: LogTarget = "sqlite:pdp-log.db".parse().unwrap();
        assert_eq!(sqlite, LogTarget::Sqlite("pdp-log.db".into()));
        let pg: LogTarget = "postgres://pdp:secret@127.0.0.1:5433/log".parse().unwrap();
        assert_eq!(pg.to_string(), "postgres://pdp@127.0.0.1:5433/log");
        let err = "mysql://x".parse::<LogTarget>().unwrap_err().to_string();
        assert!(err.contains("`mysql://x`") && err.contains("sqlite:PATH"), "{err}");
        assert!("sqlite:".parse::<LogTarget>().is_err());
    }
}
