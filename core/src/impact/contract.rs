//! The request contract as data, derived from the `Request` type itself so that it
//! follows every field the core adds: a request with every field present. The request
//! space of a comparison fills missing fields from it and finds the boolean fields in it;
//! `pdp validate` and `pdp explain` list the contract's JSON Pointers from it.

use serde::de::{self, value::Error as TraceError, DeserializeSeed, IntoDeserializer, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::request::Request;

/// A request with every optional field given, every list holding one item and every
/// boolean `true`, as JSON. Text fields hold a date, so date fields read too.
pub fn populated_request() -> Result<Value, Error> {
    let trace = |e: &dyn std::fmt::Display| Error::Evaluation(format!("cannot trace the request contract: {e}"));
    let request = Request::deserialize(Fullest).map_err(|e| trace(&e))?;
    serde_json::to_value(&request).map_err(|e| trace(&e))
}

/// Builds the fullest value a type accepts. Serde hands a deserializer each struct's
/// field names and each enum's variants, so the trace needs no list kept by hand.
struct Fullest;

const SAMPLE_TEXT: &str = "2026-01-01";

impl<'de> de::Deserializer<'de> for Fullest {
    type Error = TraceError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_str(SAMPLE_TEXT)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_bool(true)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_i64(1)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_i64(1)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_u64(1)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_u64(1)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_some(Fullest)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TraceError> {
        visitor.visit_seq(OneItem(true))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
        visitor.visit_map(EveryField { fields, next: 0 })
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TraceError> {
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
    type Error = TraceError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, TraceError> {
        if std::mem::take(&mut self.0) {
            seed.deserialize(Fullest).map(Some)
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
    type Error = TraceError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, TraceError> {
        match self.fields.get(self.next) {
            Some(name) => {
                self.next += 1;
                seed.deserialize((*name).into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TraceError> {
        seed.deserialize(Fullest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fullest_request_fills_every_level_and_reads() {
        let value = populated_request().unwrap();
        assert_eq!(value.pointer("/resource/inCatalog"), Some(&Value::Bool(true)));
        assert_eq!(value.pointer("/resource/flags").and_then(Value::as_array).map(Vec::len), Some(1));
        assert!(value.pointer("/application/catalog/gradingLevel").is_some());
        assert!(value.pointer("/requester/idNumber").is_some());
        // The fullest request is one the engine itself accepts.
        Request::from_value(value).unwrap();
    }
}
