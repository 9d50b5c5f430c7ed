//! The state of an existing share that may have lapsed through disuse, by the
//! jurisdiction's dormancy rule (its `regulation.json`).
//!
//! Periods follow the usual reading of Chinese law on time limits: the day an event
//! happens is not counted, and a period ends at the end of its last day, so a status
//! changes the day after.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::Error;
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

impl Engine {
    /// Whether a share is active, suspended or terminated through disuse.
    pub fn share_status(&self, share: &ShareUse) -> Result<ShareStatus, Error> {
        let info = self.info();
        let rule = info.dormancy.as_ref().ok_or_else(|| Error::InvalidRequest {
            field: "/jurisdiction".into(),
            message: format!("the rules of `{}` set no lapse of unused shares", info.jurisdiction),
        })?;
        let regulation = info.regulation(rule.regulation.as_deref()).map(|r| r.title.clone()).unwrap_or_default();
        let out_of_range = || Error::invalid("/lastUse", "the date is out of range");
        if share.today < share.last_use {
            return Err(Error::invalid(
                "/today",
                format!("`{}` is before the last use `{}`", share.today, share.last_use),
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
                format!("`{notice}` is before the share could be suspended (after {active_until})"),
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
