//! The request contract as data, derived from the `Request` type itself so that it
//! follows every field the core adds: a request with every field present, the JSON
//! Pointers it has, and how the Cedar attributes the policies read map back to them.

use std::collections::BTreeSet;

use pubdata_policy::Request;
use serde::de::{self, value::Error as ProbeError, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// A request with every optional field given, every list holding one item and every
/// boolean `true`, as JSON. Text fields hold a date, so date fields read too.
pub fn populated() -> Result<Value, String> {
    let request = Request::deserialize(Probe).map_err(|e| format!("cannot trace the request contract: {e}"))?;
    serde_json::to_value(&request).map_err(|e| format!("cannot trace the request contract: {e}"))
}

/// Every JSON Pointer to a field of the contract (objects' keys, at any depth).
pub fn pointers(populated: &Value) -> BTreeSet<String> {
    fn walk(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
        if let Value::Object(map) = value {
            for (key, v) in map {
                let here = format!("{prefix}/{}", key.replace('~', "~0").replace('/', "~1"));
                walk(&here, v, out);
                out.insert(here);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk("", populated, &mut out);
    out
}

/// The request field a Cedar attribute path comes from, following the engine's
/// translation (README, "How it decides"): principal = requester, resource = resource,
/// context = application plus the request `date`; `principal.idValid` is derived from
/// `idNumber` and `context.<date>Months` / `<date>Days` from that date field.
pub fn field_of(cedar_path: &str, fields: &BTreeSet<String>) -> Option<String> {
    let (var, rest) = cedar_path.split_once('.')?;
    let rest = rest.replace('.', "/");
    let direct = match var {
        "principal" if rest == "idValid" => return Some("/requester/idNumber".into()),
        "principal" => format!("/requester/{rest}"),
        "resource" => format!("/resource/{rest}"),
        "context" if rest == "date" => return Some("/date".into()),
        "context" => format!("/application/{rest}"),
        _ => return None,
    };
    if fields.contains(&direct) {
        return Some(direct);
    }
    ["Months", "Days"]
        .iter()
        .find_map(|suffix| direct.strip_suffix(suffix).filter(|f| fields.contains(*f)).map(str::to_owned))
}

/// Builds the fullest value a type accepts. Serde hands a deserializer each struct's
/// field names and each enum's variants, so the trace needs no list kept by hand.
struct Probe;

const SAMPLE_TEXT: &str = "2026-01-01";

impl<'de> de::Deserializer<'de> for Probe {
    type Error = ProbeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_bool(true)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_i64(1)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_u64(1)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_some(Probe)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeError> {
        visitor.visit_seq(OneItem(true))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        visitor.visit_map(EveryField { fields, next: 0 })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ProbeError> {
        let first = variants.first().copied().ok_or_else(|| de::Error::custom("an enum without variants"))?;
        visitor.visit_enum(first.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map identifier ignored_any
    }
}

struct OneItem(bool);

impl<'de> de::SeqAccess<'de> for OneItem {
    type Error = ProbeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ProbeError> {
        if std::mem::take(&mut self.0) {
            seed.deserialize(Probe).map(Some)
        } else {
            Ok(None)
        }
    }
}

struct EveryField {
    fields: &'static [&'static str],
    next: usize,
}

impl<'de> de::MapAccess<'de> for EveryField {
    type Error = ProbeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ProbeError> {
        match self.fields.get(self.next) {
            Some(name) => {
                self.next += 1;
                seed.deserialize((*name).into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ProbeError> {
        seed.deserialize(Probe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trace_reaches_every_level_of_the_request() {
        let value = populated().unwrap();
        let fields = pointers(&value);
        for f in
            ["/kind", "/date", "/requester/type", "/requester/idNumber", "/resource/flags", "/application/scenario"]
        {
            assert!(fields.contains(f), "{f} missing from {fields:?}");
        }
        assert!(fields.contains("/application/catalog/gradingLevel"));
        assert!(!fields.contains("/application/scenarios"));
        assert_eq!(value.pointer("/resource/inCatalog"), Some(&Value::Bool(true)));
        // The fullest request is one the engine itself accepts.
        Request::from_value(value).unwrap();
    }

    #[test]
    fn cedar_attributes_map_back_to_request_fields() {
        let fields = pointers(&populated().unwrap());
        let f = |p: &str| field_of(p, &fields);
        assert_eq!(f("principal.type").as_deref(), Some("/requester/type"));
        assert_eq!(f("principal.idValid").as_deref(), Some("/requester/idNumber"));
        assert_eq!(f("context.date").as_deref(), Some("/date"));
        assert_eq!(f("context.agreementStartMonths").as_deref(), Some("/application/agreementStart"));
        assert_eq!(f("context.usageEveryDays").as_deref(), Some("/application/usageEveryDays"));
        assert_eq!(f("context.catalog.name").as_deref(), Some("/application/catalog/name"));
        assert_eq!(f("context.nothing"), None);
    }
}
