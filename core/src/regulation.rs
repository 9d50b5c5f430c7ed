//! Regulation metadata: `policies/<jurisdiction>/regulation.json`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::verdict::Message;

/// What a jurisdiction's policies rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JurisdictionInfo {
    /// The jurisdiction's id, as its folder is named.
    pub jurisdiction: String,
    /// The jurisdiction's name in both languages.
    pub name: Message,
    /// The first regulation is the one a policy cites when it names none.
    pub regulations: Vec<Regulation>,
    /// How an unused share lapses, where the regulation says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dormancy: Option<DormancyRule>,
    /// The `.cedar` files the jurisdiction's policies must include, each with at least one
    /// policy: a file missing or emptied by mistake is an error, not rules silently gone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_files: Vec<String>,
}

/// A granted share with no call for `suspendAfterMonths` is suspended and the requester
/// notified; without objection it ends `terminateAfterDays` after the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DormancyRule {
    /// The regulation key of the rule, when a jurisdiction has several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulation: Option<String>,
    /// The article that sets the rule.
    pub article: String,
    /// Months without use after which a share is suspended.
    pub suspend_after_months: u32,
    /// Days after the suspension notice after which, with no objection, it ends.
    pub terminate_after_days: u32,
}

/// One regulation: title, document number, the period it is in force, its articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Regulation {
    /// The key a policy's `@regulation` annotation uses.
    pub key: String,
    /// The title as published (简体).
    pub title: String,
    /// The title in English.
    pub title_en: String,
    /// The document number, e.g. `永政办发〔2022〕13号`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The day it was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    /// The day it comes into force.
    pub in_force: NaiveDate,
    /// The last day in force, if the regulation has an end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// Articles the policies cite, each with a short summary, in both languages.
    #[serde(default)]
    pub articles: BTreeMap<String, Message>,
}

impl Regulation {
    /// Whether the regulation is in force on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        day >= self.in_force && self.expires.is_none_or(|end| day <= end)
    }
}

impl JurisdictionInfo {
    pub(crate) fn parse(file: &str, text: &str) -> Result<JurisdictionInfo, Error> {
        let info: JurisdictionInfo = serde_json::from_str(text).map_err(|e| Error::policies(file, e))?;
        if info.regulations.is_empty() {
            return Err(Error::policies(file, "`regulations` lists no regulation"));
        }
        for r in &info.regulations {
            let ordered = r.issued.is_none_or(|i| i <= r.in_force) && r.expires.is_none_or(|e| r.in_force <= e);
            if !ordered {
                return Err(Error::policies(
                    file,
                    format!("regulation `{}`: dates must run issued ≤ inForce ≤ expires", r.key),
                ));
            }
        }
        Ok(info)
    }

    /// The regulation a policy cites by key, or the first when the key is absent.
    pub fn regulation(&self, key: Option<&str>) -> Option<&Regulation> {
        match key {
            None => self.regulations.first(),
            Some(k) => self.regulations.iter().find(|r| r.key == k),
        }
    }
}
