//! A record of each decision, for the usage logs the regulations require (time, person,
//! purpose — e.g. 甘孜's usage log of shared data), written as JSON Lines.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorReport};
use crate::identity::PolicySetId;
use crate::request::Request;
use crate::verdict::{Outcome, Verdict};

/// One decision: who asked for what, why, when, what was decided and under which rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    /// When the decision was made (RFC 3339, China time).
    pub timestamp: DateTime<FixedOffset>,
    /// The request as decided: who asked, for what data, what for and when.
    pub request: Request,
    /// The verdict's outcome.
    pub outcome: Outcome,
    /// Rules that were broken, by id.
    pub violations: Vec<String>,
    /// The policies that determined the verdict.
    pub policies: Vec<String>,
    /// The policy set that decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_set: Option<PolicySetId>,
    /// Why the verdict did not reach the one who asked (its output could not be
    /// written), when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undelivered: Option<String>,
}

/// A request refused as unreadable: what was received (bounded) and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectionRecord {
    /// When the request was refused (RFC 3339, China time).
    pub timestamp: DateTime<FixedOffset>,
    /// The start of what was received, at most [`MAX_AUDIT_RECEIVED_BYTES`] bytes, as text
    /// (bytes that are not UTF-8 become U+FFFD).
    pub received: String,
    /// How many bytes were read (reading stops one byte past the request limit).
    pub received_bytes: usize,
    /// `received` is only the start of what was read.
    pub truncated: bool,
    /// Why it was refused: the error the sender got.
    pub error: ErrorReport,
}

/// How much of a rejected request its audit record keeps.
pub const MAX_AUDIT_RECEIVED_BYTES: usize = 4096;

impl RejectionRecord {
    /// The record of `error` for the bytes `received`, stamped now.
    pub fn new(received: &[u8], error: &Error) -> RejectionRecord {
        let mut cut = received.len().min(MAX_AUDIT_RECEIVED_BYTES);
        // Keep whole characters: back up at most three bytes to a UTF-8 boundary.
        while cut < received.len() && cut > 0 && received.get(cut).is_some_and(|b| (0x80..0xC0).contains(b)) {
            cut -= 1;
        }
        let kept = received.get(..cut).unwrap_or_default();
        RejectionRecord {
            timestamp: china_now(),
            received: String::from_utf8_lossy(kept).into_owned(),
            received_bytes: received.len(),
            truncated: cut < received.len(),
            error: error.report(),
        }
    }

    /// The record as one line of JSON Lines (no newline inside, none at the end).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Appends `line` and its newline to the file at `path` in one `write` on a file opened
/// for appending, so that records from concurrent writers never interleave or split.
pub fn append_line(path: &Path, line: &str) -> std::io::Result<()> {
    let mut record = String::with_capacity(line.len() + 1);
    record.push_str(line);
    record.push('\n');
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    let written = file.write(record.as_bytes())?;
    if written != record.len() {
        return Err(std::io::Error::other(format!(
            "only {written} of the record's {} bytes were written",
            record.len()
        )));
    }
    Ok(())
}

fn china_now() -> DateTime<FixedOffset> {
    let now = Utc::now();
    match FixedOffset::east_opt(8 * 3600) {
        Some(china) => now.with_timezone(&china),
        None => now.fixed_offset(),
    }
}

impl AuditRecord {
    /// The record of `verdict` on `request`, stamped now.
    pub fn new(request: &Request, verdict: &Verdict) -> AuditRecord {
        AuditRecord::at(request, verdict, china_now())
    }

    /// The record of `verdict` on `request`, stamped `timestamp`.
    pub fn at(request: &Request, verdict: &Verdict, timestamp: DateTime<FixedOffset>) -> AuditRecord {
        AuditRecord {
            timestamp,
            request: request.clone(),
            outcome: verdict.outcome,
            violations: verdict.violations.iter().map(|v| v.rule.clone()).collect(),
            policies: verdict.policies.clone(),
            policy_set: verdict.policy_set.clone(),
            undelivered: None,
        }
    }

    /// The record as one line of JSON Lines (no newline inside, none at the end).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
