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
#[serde(rename_all = "camelCase", tag = "from", try_from = "DerivationFields")]
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
    /// The attributes the derived values are given as, each with its Cedar type, in the
    /// order a request's reading gives them slots: an identifier's result, then what is
    /// wrong with it.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &'static str)> {
        let (first, problem) = match self {
            Derivation::Identifier { attribute, problem_attribute, .. } => {
                ((attribute.as_str(), "Bool"), problem_attribute.as_deref().map(|p| (p, "String")))
            }
            Derivation::MonthsUntilRequest { attribute }
            | Derivation::DaysUntilRequest { attribute }
            | Derivation::WorkingDaysUntilRequest { attribute, .. } => ((attribute.as_str(), "Long"), None),
        };
        std::iter::once(first).chain(problem)
    }
}

/// What a derivation's `from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
enum DerivationKind {
    Identifier,
    MonthsUntilRequest,
    DaysUntilRequest,
    WorkingDaysUntilRequest,
}

/// A [`Derivation`] as `pack.json` writes it, read as one flat object and then checked for
/// the fields its `from` takes. serde reads an internally tagged enum by buffering each
/// object whole first, and that buffering was 20 KB of the forms module (6 KB of its gzip)
/// for this one enum.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DerivationFields {
    from: DerivationKind,
    attribute: String,
    #[serde(default)]
    problem_attribute: Option<String>,
    #[serde(default)]
    type_field: Option<String>,
    #[serde(default)]
    citizen_types: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::strict_date::de::optional_day")]
    not_before: Option<chrono::NaiveDate>,
}

impl TryFrom<DerivationFields> for Derivation {
    type Error = String;

    fn try_from(f: DerivationFields) -> Result<Derivation, String> {
        let given = [
            ("problemAttribute", f.problem_attribute.is_some()),
            ("typeField", f.type_field.is_some()),
            ("citizenTypes", f.citizen_types.is_some()),
            ("notBefore", f.not_before.is_some()),
        ];
        let (name, takes): (&str, &[&str]) = match f.from {
            DerivationKind::Identifier => ("identifier", &["problemAttribute", "typeField", "citizenTypes"]),
            DerivationKind::MonthsUntilRequest => ("monthsUntilRequest", &[]),
            DerivationKind::DaysUntilRequest => ("daysUntilRequest", &[]),
            DerivationKind::WorkingDaysUntilRequest => ("workingDaysUntilRequest", &["notBefore"]),
        };
        if let Some((field, _)) = given.iter().find(|(field, is)| *is && !takes.contains(field)) {
            let expected: Vec<String> = ["from", "attribute"].iter().chain(takes).map(|t| format!("`{t}`")).collect();
            return Err(format!(
                "unknown field `{field}` in a derivation from `{name}`, expected {}",
                expected.join(", ")
            ));
        }
        let missing = |field: &str| format!("missing field `{field}` in a derivation from `{name}`");
        Ok(match f.from {
            DerivationKind::Identifier => Derivation::Identifier {
                attribute: f.attribute,
                problem_attribute: f.problem_attribute,
                type_field: f.type_field.ok_or_else(|| missing("typeField"))?,
                citizen_types: f.citizen_types.ok_or_else(|| missing("citizenTypes"))?,
            },
            DerivationKind::MonthsUntilRequest => Derivation::MonthsUntilRequest { attribute: f.attribute },
            DerivationKind::DaysUntilRequest => Derivation::DaysUntilRequest { attribute: f.attribute },
            DerivationKind::WorkingDaysUntilRequest => {
                Derivation::WorkingDaysUntilRequest { attribute: f.attribute, not_before: f.not_before }
            }
        })
    }
}

impl PackManifest {
    /// Reads `pack.json`; `file` names it in errors, which give the line and column.
    pub fn parse(file: &str, text: &str) -> Result<PackManifest, Error> {
        serde_json::from_str(text).map_err(|e| Error::policies(file, e))
    }
}

#[cfg(test)]
mod tests {
    use super::Derivation;

    /// Reads one derivation as `pack.json` holds them, in a field's `derive` array.
    fn read(json: &str) -> Result<Derivation, String> {
        let mut all: Vec<Derivation> = serde_json::from_str(&format!("[{json}]")).map_err(|e| e.to_string())?;
        all.pop().ok_or_else(|| "none".to_owned())
    }

    #[test]
    fn a_derivation_reads_back_to_what_it_was_written_from() {
        let every = [
            Derivation::Identifier {
                attribute: "idValid".into(),
                problem_attribute: Some("idProblem".into()),
                type_field: "/requester/type".into(),
                citizen_types: vec!["citizen".into()],
            },
            Derivation::Identifier {
                attribute: "idValid".into(),
                problem_attribute: None,
                type_field: "/requester/type".into(),
                citizen_types: Vec::new(),
            },
            Derivation::MonthsUntilRequest { attribute: "m".into() },
            Derivation::DaysUntilRequest { attribute: "d".into() },
            Derivation::WorkingDaysUntilRequest { attribute: "w".into(), not_before: None },
            Derivation::WorkingDaysUntilRequest {
                attribute: "w".into(),
                not_before: chrono::NaiveDate::from_ymd_opt(2025, 3, 1),
            },
        ];
        for d in every {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(read(&json).as_ref(), Ok(&d), "{json}");
        }
    }

    #[test]
    fn a_field_its_kind_does_not_take_or_lacks_is_named_with_what_was_expected() {
        let cases = [
            (
                r#"{"from": "monthsUntilRequest", "attribute": "m", "notBefore": "2025-03-01"}"#,
                "unknown field `notBefore` in a derivation from `monthsUntilRequest`, expected `from`, `attribute` at line 1 column 77",
            ),
            (
                r#"{"from": "workingDaysUntilRequest", "attribute": "w", "typeField": "/a"}"#,
                "unknown field `typeField` in a derivation from `workingDaysUntilRequest`, expected `from`, `attribute`, `notBefore` at line 1 column 74",
            ),
            (
                r#"{"from": "identifier", "attribute": "v", "typeField": "/a"}"#,
                "missing field `citizenTypes` in a derivation from `identifier` at line 1 column 61",
            ),
            (
                r#"{"from": "yearsUntilRequest", "attribute": "y"}"#,
                "unknown variant `yearsUntilRequest`, expected one of `identifier`, `monthsUntilRequest`, `daysUntilRequest`, `workingDaysUntilRequest` at line 1 column 29",
            ),
            (r#"{"from": "daysUntilRequest", "attr": "d"}"#, "unknown field `attr`, expected one of `from`, `attribute`, `problemAttribute`, `typeField`, `citizenTypes`, `notBefore` at line 1 column 36"),
            (r#"{"attribute": "d"}"#, "missing field `from` at line 1 column 19"),
            (
                r#"{"from": "workingDaysUntilRequest", "attribute": "w", "notBefore": "2025-3-1"}"#,
                "",
            ),
        ];
        for (json, message) in cases {
            let got = read(json).map(|d| format!("read as {d:?}"));
            if message.is_empty() {
                assert!(got.as_ref().is_err_and(|e| e.contains("2025-3-1")), "{json}: {got:?}");
            } else {
                assert_eq!(got, Err(message.to_owned()), "{json}");
            }
        }
    }
}
