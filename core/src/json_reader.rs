//! Reads JSON text into a `serde_json::Value` more strictly than `serde_json` does: a key
//! given twice in one object is an error (not "the last one wins"), and a syntax error is
//! reported at the JSON Pointer of the value being read when it happened, besides its line
//! and column. Nothing here knows the request's fields, so any JSON input can use it.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

/// Why a text is not the JSON it should be: where (a JSON Pointer, `""` for the whole
/// text) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Where: a JSON Pointer, `""` for the whole text.
    pub pointer: String,
    /// What is wrong, in both languages (the Chinese empty without the `zh-detail` feature).
    pub message: crate::ErrorMessage,
}

/// Parses `text` as one JSON value, rejecting duplicate keys.
pub fn parse(text: &str) -> Result<Value, ReadError> {
    let path = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let read = ValueSeed { path: &path }.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    read.map_err(|e| {
        // The path was gathered as the error came out, innermost first.
        path.borrow_mut().reverse();
        let pointer = pointer(&path.borrow());
        ReadError { pointer, message: crate::serde_zh::syntax_message_of(&e) }
    })
}

/// The JSON Pointer (RFC 6901) of a path of keys and indexes.
pub fn pointer(path: &[String]) -> String {
    path.iter().map(|p| format!("/{}", token(p))).collect()
}

/// One key as a JSON Pointer writes it: `~` as `~0`, `/` as `~1`.
pub fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads one value; on an error, `path` gets the keys and indexes of the value being read
/// as the error comes out of each (innermost first). Gathered only then: keeping the path
/// as each value was read copied every key of every request.
#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    path: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(n).map(Value::Number).ok_or_else(|| E::custom("the number is not finite"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            match seq.next_element_seed(self) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Value::Array(items)),
                Err(e) => {
                    self.path.borrow_mut().push(items.len().to_string());
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let slot = match object.entry(key) {
                Entry::Vacant(slot) => slot,
                Entry::Occupied(given) => {
                    let key = given.key().clone();
                    let message = format!("the key `{key}` is given twice in one object");
                    self.path.borrow_mut().push(key);
                    return Err(A::Error::custom(message));
                }
            };
            match map.next_value_seed(self) {
                Ok(value) => {
                    slot.insert(value);
                }
                Err(e) => {
                    self.path.borrow_mut().push(slot.key().clone());
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn pointer_of(text: &str) -> String {
        match parse(text) {
            Err(e) => e.pointer,
            Ok(v) => format!("parsed: {v}"),
        }
    }

    #[test]
    fn a_duplicate_key_is_named_where_it_is_repeated() {
        assert_eq!(pointer_of(r#"{"jurisdiction":"ganzi","jurisdiction":"putuo"}"#), "/jurisdiction");
        assert_eq!(pointer_of(r#"{"a":{"b":1,"c":[{"d":1,"d":2}]}}"#), "/a/c/0/d");
        assert!(parse(r#"{"a":{"b":1},"c":{"b":1}}"#).is_ok());
    }

    #[test]
    fn a_syntax_error_names_the_value_being_read() {
        assert_eq!(pointer_of(r#"{"application":{"usageEveryDays":1e400}}"#), "/application/usageEveryDays");
        assert_eq!(pointer_of(r#"{"a":[1,NaN]}"#), "/a/1");
        assert_eq!(pointer_of(r#"{"a":030}"#), "/a");
        assert_eq!(pointer_of(r#"{"r":{"name":"\ud800"}}"#), "/r/name");
        assert_eq!(pointer_of("{\"r\":{\"name\":\"a\nb\"}}"), "/r/name");
        assert_eq!(pointer_of("{\"a/b~\":x}"), "/a~1b~0");
        assert_eq!(pointer_of("{\"a\":1} x"), "");
        let e = parse(r#"{"a":NaN}"#).err().map(|e| e.message.en).unwrap_or_default();
        assert!(e.starts_with("not valid JSON") && e.contains("line 1"), "{e}");
    }
}
