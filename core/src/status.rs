//! The state of an existing share that may have lapsed through disuse, by the
//! jurisdiction's dormancy rule (its `regulation.json`).
//!
//! Periods follow the usual reading of Chinese law on time limits: the day an event
//! happens is not counted, and a period ends at the end of its last day, so a status
//! changes the day after.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::Engine;
use crate::error::{expected, text, Error};
use crate::verdict::Message;

/// Active, suspended, or terminated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareState {
    /// In use, or within its grace period.
    Active,
    /// Suspended for disuse, awaiting termination.
    Suspended,
    /// Ended for disuse.
    Terminated,
}

/// The answer to "is this share still active?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareStatus {
    /// Active, suspended or terminated.
    pub state: ShareState,
    /// The last day the share stays active without a call.
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    pub active_until: NaiveDate,
    /// The day the share ends if nobody objects to the suspension notice.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::strict_date::de::optional_day"
    )]
    pub terminates_after: Option<NaiveDate>,
    /// The regulation that sets the rule.
    pub regulation: String,
    /// The article that sets the rule.
    pub article: String,
    /// What the state means, in both languages.
    pub message: Message,
}

/// What is known of a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareUse {
    /// The last day the data was called.
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    pub last_use: NaiveDate,
    /// The day the status is asked for.
    #[serde(deserialize_with = "crate::strict_date::de::day")]
    pub today: NaiveDate,
    /// The day the suspension notice was sent; taken to be the day of suspension if absent.
    #[serde(default, deserialize_with = "crate::strict_date::de::optional_day")]
    pub notice: Option<NaiveDate>,
    /// The requester gave a basis and reasons for the low use: no suspension.
    #[serde(default)]
    pub reason_given: bool,
    /// The requester objected to the suspension notice in time: no automatic end.
    #[serde(default)]
    pub objected: bool,
}

/// `ShareUse`'s keys as JSON names them, in the order of its fields.
const SHARE_KEYS: [&str; 5] = ["lastUse", "today", "notice", "reasonGiven", "objected"];

impl ShareUse {
    /// Reads a share from a JSON object, as serde's derived reader of `ShareUse` does; an
    /// unreadable one is an [`Error::InvalidRequest`] naming the field (a JSON Pointer), the
    /// value and what was expected. Read by hand for the forms module: serde's reader, with
    /// the path it tracks, was 3 KB of its gzip.
    pub fn from_value(value: &Value) -> Result<ShareUse, Error> {
        let Value::Object(map) = value else {
            return Err(crate::bounded_read::not_object(crate::bounded_read::SHARE));
        };
        let (mut last_use, mut today, mut notice) = (None, None, None);
        let (mut reason_given, mut objected) = (false, false);
        for (key, value) in map {
            let at = || format!("/{key}");
            let day = || {
                let text = value.as_str().ok_or_else(|| Error::wrong_type(&at(), value, expected::DATE))?;
                crate::strict_date::parse(text).map_err(|m| Error::invalid(at(), m))
            };
            let flag = || value.as_bool().ok_or_else(|| Error::wrong_type(&at(), value, expected::BOOLEAN));
            match key.as_str() {
                "lastUse" => last_use = Some(day()?),
                "today" => today = Some(day()?),
                "notice" if value.is_null() => notice = None,
                "notice" => notice = Some(day()?),
                "reasonGiven" => reason_given = flag()?,
                "objected" => objected = flag()?,
                _ => return Err(Error::unknown_field("", key, &SHARE_KEYS)),
            }
        }
        Ok(ShareUse {
            last_use: last_use.ok_or_else(|| Error::missing_field("", "lastUse"))?,
            today: today.ok_or_else(|| Error::missing_field("", "today"))?,
            notice,
            reason_given,
            objected,
        })
    }
}

impl Engine {
    /// Whether a share is active, suspended or terminated through disuse.
    pub fn share_status(&self, share: &ShareUse) -> Result<ShareStatus, Error> {
        let info = self.info();
        let rule = info.dormancy.as_ref().ok_or_else(|| {
            let j = &info.jurisdiction;
            Error::invalid(
                "/jurisdiction",
                text!(
                    ("`{j}` 的规则未规定未调用的共享服务何时失效"),
                    ("the rules of `{j}` set no lapse of unused shares")
                ),
            )
        })?;
        let regulation = info.regulation(rule.regulation.as_deref()).map(|r| r.title.clone()).unwrap_or_default();
        let out_of_range = || Error::invalid("/lastUse", text!(("日期超出范围"), ("the date is out of range")));
        if share.today < share.last_use {
            let (today, last) = (share.today, share.last_use);
            return Err(Error::invalid(
                "/today",
                text!(("`{today}` 早于最后一次调用 `{last}`"), ("`{today}` is before the last use `{last}`")),
            ));
        }
        let active_until =
            share.last_use.checked_add_months(Months::new(rule.suspend_after_months)).ok_or_else(out_of_range)?;
        let (n, d) = (rule.suspend_after_months, rule.terminate_after_days);
        let status = |state, terminates_after, zh: String, en: String| ShareStatus {
            state,
            active_until,
            terminates_after,
            regulation: regulation.clone(),
            article: rule.article.clone(),
            message: Message { zh, en },
        };
        if share.today <= active_until || share.reason_given {
            let (zh, en) = if share.today <= active_until {
                (
                    format!("共享服务有效；{active_until}前未调用将暂停"),
                    format!("the share is active; without a call by {active_until} it is suspended"),
                )
            } else {
                (
                    "需求单位已提供依据和理由，共享服务不因未调用而暂停".to_owned(),
                    "the requester gave a basis and reasons for the low use: the share is not suspended".to_owned(),
                )
            };
            return Ok(status(ShareState::Active, None, zh, en));
        }
        let notice = share.notice.unwrap_or(active_until.succ_opt().ok_or_else(out_of_range)?);
        if notice < active_until {
            return Err(Error::invalid(
                "/notice",
                text!(
                    ("`{notice}` 早于共享服务可被暂停之时（{active_until} 之后）"),
                    ("`{notice}` is before the share could be suspended (after {active_until})")
                ),
            ));
        }
        let ends = notice.checked_add_days(Days::new(u64::from(d))).ok_or_else(out_of_range)?;
        if share.objected {
            return Ok(status(
                ShareState::Suspended,
                None,
                "需求单位已对暂停通知提出异议，共享服务暂停但不自动终止".to_owned(),
                "the requester objected to the notice: the share stays suspended and does not end by itself".to_owned(),
            ));
        }
        if share.today <= ends {
            Ok(status(
                ShareState::Suspended,
                Some(ends),
                format!("{n}个月内未发生数据调用，共享服务已暂停；自通知之日起{d}日内（至{ends}）未提出异议的自动终止"),
                format!("no call for {n} months: the share is suspended and ends after {ends} unless the requester objects within {d} days of the notice"),
            ))
        } else {
            Ok(status(
                ShareState::Terminated,
                Some(ends),
                format!("暂停通知后{d}日内未提出异议，共享服务已自动终止；再次使用须重新提出共享申请"),
                format!("no objection within {d} days of the notice: the share has ended; a new application is needed to use it again"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic, reason = "a test fails loudly")]
    use super::ShareUse;
    use serde_json::json;

    /// The share read by hand is the one serde's derived reader reads, and what it refuses
    /// serde refuses, at the same field.
    #[test]
    fn a_share_is_read_as_serde_reads_it() {
        let good = [
            json!({"lastUse": "2026-01-05", "today": "2026-08-01"}),
            json!({"today": "2026-08-01", "lastUse": "2026-01-05", "notice": null, "objected": true}),
            json!({"lastUse": "2026-01-05", "today": "2026-08-01", "notice": "2026-07-01", "reasonGiven": true, "objected": false}),
        ];
        for value in good {
            let serde = serde_json::from_value::<ShareUse>(value.clone()).map_err(|e| e.to_string());
            assert_eq!(ShareUse::from_value(&value).map_err(|e| e.to_string()), serde, "{value}");
        }
        let bad = [
            (json!([]), "", "the share must be a JSON object"),
            (json!({"lastUse": "2026-01-05"}), "/today", "missing field `today`"),
            (json!({"today": "2026-08-01"}), "/lastUse", "missing field `lastUse`"),
            (json!({"lastUse": "2026-13-05", "today": "2026-08-01"}), "/lastUse", "2026-13-05"),
            (
                json!({"lastUse": 20260105, "today": "2026-08-01"}),
                "/lastUse",
                "invalid type: number `20260105`, expected a date YYYY-MM-DD",
            ),
            (
                json!({"lastUse": "2026-01-05", "today": "2026-08-01", "notice": 1}),
                "/notice",
                "expected a date YYYY-MM-DD",
            ),
            (
                json!({"lastUse": "2026-01-05", "today": "2026-08-01", "objected": "yes"}),
                "/objected",
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                json!({"lastUse": "2026-01-05", "today": "2026-08-01", "reasonGiven": null}),
                "/reasonGiven",
                "invalid type: null, expected a boolean",
            ),
            (
                json!({"lastUse": "2026-01-05", "today": "2026-08-01", "colour/1": 1}),
                "/colour~11",
                "unknown field `colour/1`, expected one of `lastUse`, `today`, `notice`, `reasonGiven`, `objected`",
            ),
        ];
        for (value, field, message) in bad {
            let serde =
                serde_path_to_error::deserialize::<_, ShareUse>(value.clone()).map_err(crate::Error::from_path_error);
            let serde_message = serde.as_ref().err().and_then(|e| match e {
                crate::Error::InvalidRequest { message, .. } => Some(message.clone()),
                _ => None,
            });
            let Err(crate::Error::InvalidRequest { field: serde_field, .. }) = serde else {
                panic!("serde reads {value}: {serde:?}")
            };
            match ShareUse::from_value(&value) {
                Err(crate::Error::InvalidRequest { field: f, message: m }) => {
                    // serde names no field for a share that is no object at all.
                    let serde_field = if field.is_empty() { "" } else { serde_field.as_str() };
                    assert_eq!((f.as_str(), serde_field), (field, field), "{value}");
                    assert!(m.en.contains(message), "{value}: {m:?}");
                    // An unknown or missing key is said as serde says it, in both languages:
                    // `SHARE_KEYS` is `ShareUse`'s fields.
                    if m.en.starts_with("unknown field") || m.en.starts_with("missing field") {
                        assert_eq!(Some(&m), serde_message.as_ref(), "{value}");
                    }
                }
                other => panic!("{value}: {other:?}"),
            }
        }
    }
}
