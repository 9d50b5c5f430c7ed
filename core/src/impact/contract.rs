//! A request with every field of a pack's vocabulary present: the request space of a
//! comparison fills missing fields from it.

use serde_json::{json, Map, Value};

use crate::pack::FieldType;
use crate::vocabulary::{Field, Vocabulary, SECTIONS};

/// A request with every field given, every set holding its first value, every boolean
/// `true`, every enum its first value, every number its least, texts and dates a date
/// (so that either reads), as JSON. Its `jurisdiction` and `kind` are left for the caller.
pub fn populated_request(vocabulary: &Vocabulary) -> Value {
    let mut request = Map::new();
    for (i, section) in SECTIONS.iter().enumerate() {
        request.insert(section.key.to_owned(), Value::Object(object(vocabulary.section(i))));
    }
    Value::Object(request)
}

const SAMPLE_TEXT: &str = "2026-01-01";

fn object(fields: &[Field]) -> Map<String, Value> {
    fields.iter().map(|f| (f.name.clone(), filled(f))).collect()
}

fn filled(f: &Field) -> Value {
    let first = || f.spec.values.first().map(|v| Value::String(v.value.clone())).unwrap_or(Value::Null);
    match f.spec.field_type {
        FieldType::Text | FieldType::Date => json!(SAMPLE_TEXT),
        FieldType::Enum => first(),
        FieldType::Bool => json!(true),
        FieldType::Long => json!(f.spec.min.unwrap_or(1).max(f.spec.max.map_or(i64::MIN, |m| m.min(1)))),
        FieldType::Set => Value::Array(vec![first()]),
        FieldType::Record => Value::Object(object(&f.children)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly")]

    use super::*;
    use crate::engine::Engine;
    use crate::request::Request;

    #[test]
    fn the_fullest_request_fills_every_level_and_reads() {
        let engine = Engine::builtin("suining").unwrap();
        let mut value = populated_request(engine.vocabulary());
        assert_eq!(value.pointer("/resource/inCatalog"), Some(&Value::Bool(true)));
        assert_eq!(value.pointer("/resource/flags").and_then(Value::as_array).map(Vec::len), Some(1));
        assert!(value.pointer("/application/catalog/gradingLevel").is_some());
        assert!(value.pointer("/requester/idNumber").is_some());
        // The fullest request is one the engine itself accepts.
        value["jurisdiction"] = json!("suining");
        value["kind"] = json!("operate");
        engine.check(&Request::from_value(value).unwrap()).unwrap();
    }
}
