//! Regulation metadata: `policies/<pack>/regulation.json`, merged over a pack's layers.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::engine::LayerSources;
use crate::error::Error;
use crate::pack::PackManifest;
use crate::strict_date;
use crate::verdict::Message;

/// What a jurisdiction's policies rest on: its pack's regulations and those of the packs
/// beneath it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JurisdictionInfo {
    /// The pack's id.
    pub jurisdiction: String,
    /// The pack's name (`pack.json`).
    pub name: Message,
    /// The pack's own regulations first, then each layer's, from the nearest down. Within
    /// a pack, the first is the one a policy of the pack cites when it names none.
    pub regulations: Vec<Regulation>,
    /// How an unused share lapses, where the regulation says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dormancy: Option<DormancyRule>,
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

/// What `regulation.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RegulationFile {
    regulations: Vec<Regulation>,
    #[serde(default)]
    dormancy: Option<DormancyRule>,
}

/// One regulation: title, document number, the period it is in force, its articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Regulation {
    /// The pack whose `regulation.json` holds it.
    #[serde(default, skip_deserializing)]
    pub pack: String,
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
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict_date::de::optional_day")]
    pub issued: Option<NaiveDate>,
    /// The day it comes into force.
    #[serde(deserialize_with = "strict_date::de::day")]
    pub in_force: NaiveDate,
    /// The last day in force, if the regulation has an end.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "strict_date::de::optional_day")]
    pub expires: Option<NaiveDate>,
    /// The article that sets these dates (e.g. "施行，有效期2年"), cited when a request
    /// falls outside them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_article: Option<String>,
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
    /// Reads each layer's `regulation.json` (a layer without policies may have none) and
    /// merges them under the pack's name. Regulation keys are unique across the layers.
    pub fn merge(layers: &[LayerSources], top: Option<&PackManifest>) -> Result<JurisdictionInfo, Error> {
        let top = top.ok_or_else(|| Error::policies("pack.json", "no pack"))?;
        let mut info = JurisdictionInfo {
            jurisdiction: top.pack.clone(),
            name: top.name.clone(),
            regulations: Vec::new(),
            dormancy: None,
        };
        for layer in layers.iter().rev() {
            let file = format!("{}/regulation.json", layer.pack);
            let Some(text) = &layer.regulation else {
                if !layer.policies.is_empty() {
                    return Err(Error::policies(
                        file,
                        "is missing: a pack with policies needs the regulations they rest on",
                    ));
                }
                continue;
            };
            let parsed: RegulationFile = serde_json::from_str(text).map_err(|e| Error::policies(&file, e))?;
            if parsed.regulations.is_empty() {
                return Err(Error::policies(&file, "`regulations` lists no regulation"));
            }
            for mut r in parsed.regulations {
                let ordered = r.issued.is_none_or(|i| i <= r.in_force) && r.expires.is_none_or(|e| r.in_force <= e);
                if !ordered {
                    return Err(Error::policies(
                        &file,
                        format!("regulation `{}`: dates must run issued ≤ inForce ≤ expires", r.key),
                    ));
                }
                if info.regulations.iter().any(|o| o.key == r.key) {
                    return Err(Error::policies(
                        &file,
                        format!("regulation key `{}` is used by another layer too", r.key),
                    ));
                }
                r.pack = layer.pack.clone();
                info.regulations.push(r);
            }
            if info.dormancy.is_none() {
                info.dormancy = parsed.dormancy;
            }
        }
        Ok(info)
    }

    /// The positions in `regulations` of one pack's own regulations.
    pub fn regulations_of(&self, pack: &str) -> Vec<usize> {
        self.regulations.iter().enumerate().filter(|(_, r)| r.pack == pack).map(|(i, _)| i).collect()
    }

    /// The regulation a policy cites by key, or the first when the key is absent.
    pub fn regulation(&self, key: Option<&str>) -> Option<&Regulation> {
        match key {
            None => self.regulations.first(),
            Some(k) => self.regulations.iter().find(|r| r.key == k),
        }
    }
}
