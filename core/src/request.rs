//! The request: the envelope every pack shares (`jurisdiction`, `kind`, `date` and the
//! `requester`, `resource` and `application` objects). What the three objects may hold is
//! the pack's vocabulary (`pack.json`): the engine checks their fields when it decides.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{expected, Error};
use crate::{json_reader, limits, strict_date};

/// The envelope's keys, in the order of [`Request`]'s fields.
const ENVELOPE: [&str; 6] = ["jurisdiction", "kind", "date", "requester", "resource", "application"];

/// A request to decide, as the JSON contract names it.
///
/// Read one with [`Request::from_json`], or build one:
///
/// ```
/// use pubdata_policy::Request;
/// let request = Request::new("ganzi", "share")
///     .date("2026-09-28")?
///     .requester("type", "department")
///     .resource("sharing", "conditional")
///     .application("scenario", "社保资格核验")
///     .application("commitment", true);
/// assert_eq!(request.application["commitment"], true);
/// # Ok::<(), pubdata_policy::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    /// The pack that decides it (a jurisdiction's id).
    pub jurisdiction: String,
    /// What it asks for: one of the pack's kinds.
    pub kind: String,
    /// The day the request is submitted; deadlines count from it. Omitted means today (China time).
    #[serde(default, deserialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who asks (the Cedar principal).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub requester: Map<String, Value>,
    /// The data asked about (the Cedar resource).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub resource: Map<String, Value>,
    /// What is asked (the Cedar context).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub application: Map<String, Value>,
}

/// An ISO date (`YYYY-MM-DD`) that exists in the calendar.
fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let text = String::deserialize(d)?;
    parse_date(&text).map(Some).map_err(|m| serde::de::Error::custom(m.en))
}

/// A day written `YYYY-MM-DD`, or what is wrong with the text.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, crate::ErrorMessage> {
    strict_date::parse(text)
}

impl Request {
    /// A request of `kind` to the pack `jurisdiction`, with no fields yet.
    pub fn new(jurisdiction: impl Into<String>, kind: impl Into<String>) -> Request {
        Request {
            jurisdiction: jurisdiction.into(),
            kind: kind.into(),
            date: None,
            requester: Map::new(),
            resource: Map::new(),
            application: Map::new(),
        }
    }

    /// Sets the date, `YYYY-MM-DD`.
    pub fn date(mut self, date: &str) -> Result<Request, Error> {
        self.date = Some(parse_date(date).map_err(|m| Error::invalid("/date", m))?);
        Ok(self)
    }

    /// Sets a field of `requester`.
    pub fn requester(mut self, field: &str, value: impl Into<Value>) -> Request {
        self.requester.insert(field.to_owned(), value.into());
        self
    }

    /// Sets a field of `resource`.
    pub fn resource(mut self, field: &str, value: impl Into<Value>) -> Request {
        self.resource.insert(field.to_owned(), value.into());
        self
    }

    /// Sets a field of `application`.
    pub fn application(mut self, field: &str, value: impl Into<Value>) -> Request {
        self.application.insert(field.to_owned(), value.into());
        self
    }

    /// Reads a request from JSON text. An unreadable envelope is an
    /// [`Error::InvalidRequest`] that names the field (a JSON Pointer), the value and what
    /// was expected; the fields of its three objects are checked by the engine that
    /// decides it, against its pack's vocabulary.
    pub fn from_json(text: &str) -> Result<Request, Error> {
        limits::check_text(text)?;
        let value = json_reader::parse(text).map_err(|e| Error::invalid(e.pointer, e.message))?;
        // `check_text` bounded its nesting already.
        Request::from_bounded_value(value)
    }

    /// Reads a request from an already parsed JSON value (the WebAssembly binding's path).
    pub fn from_value(value: serde_json::Value) -> Result<Request, Error> {
        limits::check_value(&value)?;
        Request::from_bounded_value(value)
    }

    fn from_bounded_value(value: serde_json::Value) -> Result<Request, Error> {
        let Value::Object(map) = value else {
            return Err(crate::bounded_read::not_object(crate::bounded_read::REQUEST));
        };
        Request::from_envelope(map)
    }

    /// The request of an envelope, taken apart by hand, its three objects moved rather than
    /// rebuilt. It takes what serde's derived reader of [`Request`] takes, and refuses the
    /// rest at the field serde's error would name (the tests hold them together); serde's
    /// reader, with the path it tracks, was 4 KB of the forms module's gzip.
    fn from_envelope(map: Map<String, Value>) -> Result<Request, Error> {
        let mut request = Request::new("", "");
        let (mut jurisdiction, mut kind) = (None, None);
        for (key, value) in map {
            let at = || format!("/{key}");
            match (key.as_str(), value) {
                ("jurisdiction", Value::String(s)) => jurisdiction = Some(s),
                ("kind", Value::String(s)) => kind = Some(s),
                ("date", Value::String(s)) => request.date = Some(parse_date(&s).map_err(|m| Error::invalid(at(), m))?),
                ("requester", Value::Object(m)) => request.requester = m,
                ("resource", Value::Object(m)) => request.resource = m,
                ("application", Value::Object(m)) => request.application = m,
                ("jurisdiction" | "kind", v) => return Err(Error::wrong_type(&at(), &v, expected::STRING)),
                ("date", v) => return Err(Error::wrong_type(&at(), &v, expected::DATE)),
                ("requester" | "resource" | "application", v) => {
                    return Err(Error::wrong_type(&at(), &v, expected::OBJECT))
                }
                _ => return Err(Error::unknown_field("", &key, &ENVELOPE)),
            }
        }
        request.jurisdiction = jurisdiction.ok_or_else(|| Error::missing_field("", "jurisdiction"))?;
        request.kind = kind.ok_or_else(|| Error::missing_field("", "kind"))?;
        Ok(request)
    }

    /// The object of a section of the envelope (`requester`, `resource`, `application`).
    pub(crate) fn section(&self, key: &str) -> Option<&Map<String, Value>> {
        match key {
            "requester" => Some(&self.requester),
            "resource" => Some(&self.resource),
            "application" => Some(&self.application),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails loudly")]
    use super::Request;
    use serde_json::json;

    /// The envelope taken apart by hand is the one serde's derived reader reads, and what
    /// it refuses serde refuses, at the same field.
    #[test]
    fn an_envelope_is_read_as_serde_reads_it() {
        let good = [
            json!({"jurisdiction": "ganzi", "kind": "share"}),
            json!({"kind": "open", "jurisdiction": "putuo", "date": "2026-09-28", "resource": {"x": [1, {"y": null}]}}),
            json!({"jurisdiction": "", "kind": "", "requester": {}, "resource": {"a": "b"}, "application": {"c": true}}),
        ];
        for value in good {
            assert_eq!(Request::from_value(value.clone()).unwrap(), serde_json::from_value::<Request>(value).unwrap());
        }
        let bad = [
            (json!({}), "/jurisdiction", "missing field `jurisdiction`"),
            (json!({"jurisdiction": "ganzi"}), "/kind", "missing field `kind`"),
            (json!({"kind": 5}), "/kind", "invalid type: number `5`, expected a string"),
            (json!({"jurisdiction": ["ganzi"], "kind": "share"}), "/jurisdiction", "invalid type: a list, expected a string"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "date": "2026-02-30"}), "/date", "2026-02-30"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "date": null}), "/date", "invalid type: null, expected a date YYYY-MM-DD"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "requester": "x"}), "/requester", "invalid type: string \"x\", expected an object"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "application": true}), "/application", "invalid type: boolean `true`, expected an object"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "colour": "red"}), "/colour", "unknown field `colour`, expected one of `jurisdiction`, `kind`, `date`, `requester`, `resource`, `application`"),
            (json!({"jurisdiction": "ganzi", "kind": "share", "a/b~": 1}), "/a~1b~0", "unknown field `a/b~`"),
        ];
        for (value, field, message) in bad {
            let serde =
                serde_path_to_error::deserialize::<_, Request>(value.clone()).map_err(crate::Error::from_path_error);
            let serde_message = serde.as_ref().err().and_then(|e| match e {
                crate::Error::InvalidRequest { message, .. } => Some(message.clone()),
                _ => None,
            });
            let Err(crate::Error::InvalidRequest { field: serde_field, .. }) = serde else {
                panic!("serde reads {value}: {serde:?}")
            };
            match Request::from_value(value.clone()) {
                Err(crate::Error::InvalidRequest { field: f, message: m }) => {
                    assert_eq!((f.as_str(), serde_field.as_str()), (field, field), "{value}");
                    assert!(m.en.contains(message), "{value}: {m:?}");
                    // An unknown or missing key is said as serde says it, in both languages:
                    // `ENVELOPE` is `Request`'s fields.
                    if m.en.starts_with("unknown field") || m.en.starts_with("missing field") {
                        assert_eq!(Some(&m), serde_message.as_ref(), "{value}");
                    }
                }
                other => panic!("{value}: {other:?}"),
            }
        }
    }
}
