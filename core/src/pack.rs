//! A policy pack's manifest (`policies/<pack>/pack.json`): the packs it builds on, the
//! kinds of request it adds, and what each request field is. The one source of a pack's
//! request vocabulary: the Cedar schema, the request reader, the TypeScript types, the
//! form labels and the change-impact request space are all made from it (`policies/README.md`).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::verdict::Message;

/// What `pack.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackManifest {
    /// The pack's id: its folder's name, and a request's `jurisdiction` when it is a
    /// jurisdiction's own pack.
    pub pack: String,
    /// The pack's name in both languages.
    pub name: Message,
    /// The packs this one builds on, beneath it (a city on its province, on the national
    /// layer, on the shared base): their fields and kinds are this pack's too, and their
    /// policies decide this pack's requests with its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<String>,
    /// The kinds of request this pack adds to those of its layers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindSpec>,
    /// The request fields this pack adds to those of its layers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSpec>,
    /// A pack only built upon (a province under its cities, a national layer): requests do
    /// not name it, so it is no jurisdiction of its own; its policies decide the requests of
    /// the packs above it, citing its regulations.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub layer_only: bool,
    /// The `.cedar` files the pack's policies must include, each with at least one policy:
    /// a file missing or emptied by mistake is an error, not rules silently gone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_files: Vec<String>,
    /// The ids of the rule catalogue (RULES.md) this pack encodes: a policy's `@catalog`
    /// names one of them, or of its layers', or a range `NO4-NO8` of them (`pdp validate`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub catalog: Vec<String>,
}

/// A kind of request (the request's `kind`, the Cedar action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KindSpec {
    /// The value of `kind`, and the name of the Cedar action.
    pub kind: String,
    /// The kind's name in Chinese.
    pub zh: String,
    /// The kind's name in English.
    pub en: String,
}

/// One request field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldSpec {
    /// The field's JSON Pointer: `/requester/…` (the Cedar principal's attributes),
    /// `/resource/…` (the resource's) or `/application/…` (the context's); one level
    /// deeper under a `record` field.
    pub field: String,
    /// What the field holds.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// The field's label in both languages (form labels, `explain`).
    pub label: Message,
    /// The allowed values of an `enum` or a `set`, with their labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueSpec>,
    /// Values a free `text` field commonly takes (forms offer them, the change impact
    /// tries them); any text is still accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggest: Vec<String>,
    /// The least value of a `long`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The greatest value of a `long`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// A `bool`'s value when the request leaves it out (`false` unless given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// A `bool` whose absence is not a "no": it stays absent (policies test it with `has`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// A `text` that is the Cedar entity's id rather than an attribute.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entity_id: bool,
    /// Values the engine computes from this field for the policies to read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derive: Vec<Derivation>,
}

/// The types a field may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FieldType {
    /// Free text; blank text counts as absent.
    Text,
    /// One of `values`.
    Enum,
    /// `true` or `false`.
    Bool,
    /// A whole number from `min` to `max`.
    Long,
    /// A day, `YYYY-MM-DD` (a Cedar `datetime`).
    Date,
    /// A list of distinct `values`.
    Set,
    /// An object whose fields are declared with pointers one level below this one.
    Record,
}

impl FieldType {
    /// The type's name as `pack.json` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Enum => "enum",
            FieldType::Bool => "bool",
            FieldType::Long => "long",
            FieldType::Date => "date",
            FieldType::Set => "set",
            FieldType::Record => "record",
        }
    }
}

/// An allowed value with its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValueSpec {
    /// The value as a request spells it.
    pub value: String,
    /// Its label in Chinese.
    pub zh: String,
    /// Its label in English.
    pub en: String,
}

/// A value the engine computes from a field and gives the policies beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "from", deny_unknown_fields)]
pub enum Derivation {
    /// Whether an identifier's checksum holds: GB 11643 (citizen ID) when the field named
    /// by `typeField` holds one of `citizenTypes`, GB 32100 (unified social credit code)
    /// when it holds another value, either when it is absent. A failing identifier also
    /// adds the `invalid_identifier` warning to the verdict.
    #[serde(rename_all = "camelCase")]
    Identifier {
        /// The attribute the result is given as.
        attribute: String,
        /// The attribute that says what is wrong when the check fails: `format`,
        /// `birth_date` (a citizen ID's date of birth is no real day) or `checksum`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        problem_attribute: Option<String>,
        /// The field whose value chooses the check.
        type_field: String,
        /// The values of `typeField` that mean a natural person.
        citizen_types: Vec<String>,
    },
    /// Whole calendar months from a `date` field to the request's date (negative ahead).
    #[serde(rename_all = "camelCase")]
    MonthsUntilRequest {
        /// The attribute the result is given as.
        attribute: String,
    },
    /// Days from a `date` field to the request's date (negative ahead).
    #[serde(rename_all = "camelCase")]
    DaysUntilRequest {
        /// The attribute the result is given as.
        attribute: String,
    },
    /// Working days by the holiday calendar after a `date` field up to and including the
    /// request's date (the field's day not counted, negative ahead): how late a request
    /// is against a deadline in working days. A count that reaches beyond the calendar's
    /// years adds the `calendar_out_of_range` warning.
    #[serde(rename_all = "camelCase")]
    WorkingDaysUntilRequest {
        /// The attribute the result is given as.
        attribute: String,
        /// Counting starts on this day when the field's date is earlier: a deadline that
        /// runs from a regulation's entry into force for what happened before it.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::strict_date::de::optional_day"
        )]
        not_before: Option<chrono::NaiveDate>,
    },
}

impl Derivation {
    /// The attributes the derived values are given as, each with its Cedar type.
    pub fn attributes(&self) -> Vec<(&str, &'static str)> {
        match self {
            Derivation::Identifier { attribute, problem_attribute, .. } => {
                let mut names = vec![(attribute.as_str(), "Bool")];
                names.extend(problem_attribute.as_deref().map(|p| (p, "String")));
                names
            }
            Derivation::MonthsUntilRequest { attribute }
            | Derivation::DaysUntilRequest { attribute }
            | Derivation::WorkingDaysUntilRequest { attribute, .. } => vec![(attribute.as_str(), "Long")],
        }
    }
}

impl PackManifest {
    /// Reads `pack.json`; `file` names it in errors, which give the line and column.
    pub fn parse(file: &str, text: &str) -> Result<PackManifest, Error> {
        serde_json::from_str(text).map_err(|e| Error::policies(file, e))
    }
}
