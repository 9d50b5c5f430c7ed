//! Size limits on what a user sends, so that no request can exhaust the engine.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::error::Error;
use crate::impact::populated_request;
use crate::request::Request;

/// The largest request text accepted, in bytes.
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 8;
/// The longest string field accepted, in characters.
pub const MAX_STRING_CHARS: usize = 4096;

/// The largest file a policies folder may hold (a `.cedar` file, `regulation.json`, the
/// schema, a calendar year), in bytes; a larger one is refused unread.
pub const MAX_POLICY_FILE_BYTES: usize = 256 * 1024;
/// The most `.cedar` files one jurisdiction may have.
pub const MAX_POLICY_FILES: usize = 64;
/// The most policies one jurisdiction may have, over all its files.
pub const MAX_POLICIES: usize = 1000;
/// The most calendar years a policies folder may hold.
pub const MAX_CALENDAR_FILES: usize = 100;
/// The largest `@workingDays` a policy may give: more than a year of working days is no
/// deadline any of the regulations sets.
pub const MAX_WORKING_DAYS: u32 = 366;
/// `@priority` lies within `-MAX_PRIORITY..=MAX_PRIORITY`.
pub const MAX_PRIORITY: i64 = 1000;

pub(crate) fn check_text(text: &str) -> Result<(), Error> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(Error::invalid(
            "",
            format!("the request has {} bytes, more than the limit of {MAX_REQUEST_BYTES}", text.len()),
        ));
    }
    // Count nesting before serde sees it: serde_json's own recursion limit is 128.
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep());
                }
            }
            (false, _, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The contract's only lists: sets of enum values.
const LIST_FIELDS: &[&str] = &["materials", "penalties", "lists", "flags", "treatments"];

/// Checks depth, and that arrays stand only where the contract has lists (serde would
/// otherwise read an array as a struct's fields in order).
pub(crate) fn check_value(value: &serde_json::Value) -> Result<(), Error> {
    fn walk(v: &serde_json::Value, key: &str, path: &mut String, level: usize) -> Result<(), Error> {
        if level > MAX_DEPTH {
            return Err(too_deep());
        }
        match v {
            serde_json::Value::Array(_) if !LIST_FIELDS.contains(&key) => {
                Err(Error::invalid(path.clone(), "expected a single value or an object, not an array"))
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !item.is_string() {
                        return Err(Error::invalid(
                            format!("{path}/{i}"),
                            format!("expected a text value, got `{item}`"),
                        ));
                    }
                }
                Ok(())
            }
            serde_json::Value::Object(_) if !objects().contains(path.as_str()) => Err(Error::invalid(
                path.clone(),
                "expected a single value, not an object (an enum value is its text, such as \"ganzi\")",
            )),
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let len = path.len();
                    path.push('/');
                    for c in k.chars() {
                        match c {
                            '~' => path.push_str("~0"),
                            '/' => path.push_str("~1"),
                            c => path.push(c),
                        }
                    }
                    walk(item, k, path, level + 1)?;
                    path.truncate(len);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
    walk(value, "", &mut String::new(), 1)
}

/// The JSON Pointers where the request contract has an object (the request itself,
/// `/requester`, …), from the contract as the `Request` type defines it. Serde would
/// read an object elsewhere as an enum value written `{"ganzi": null}`.
fn objects() -> &'static BTreeSet<String> {
    static OBJECTS: OnceLock<BTreeSet<String>> = OnceLock::new();
    OBJECTS.get_or_init(|| {
        fn collect(v: &serde_json::Value, path: &str, out: &mut BTreeSet<String>) {
            if let serde_json::Value::Object(map) = v {
                out.insert(path.to_owned());
                for (k, item) in map {
                    collect(item, &format!("{path}/{k}"), out);
                }
            }
        }
        let mut out = BTreeSet::new();
        collect(&populated_request().unwrap_or_default(), "", &mut out);
        out
    })
}

fn too_deep() -> Error {
    Error::invalid("", format!("the request nests deeper than the limit of {MAX_DEPTH} levels"))
}

/// Whether any text reachable through objects is longer than the limit: the strings
/// [`check_strings`] looks at are the request's text fields, copied verbatim from these
/// (enum values and dates that deserialise are short), so when this says no, so would it,
/// without writing the request out again.
pub(crate) fn has_long_string(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => s.len() > MAX_STRING_CHARS && s.chars().count() > MAX_STRING_CHARS,
        serde_json::Value::Object(map) => map.values().any(has_long_string),
        _ => false,
    }
}

pub(crate) fn check_strings(request: &Request) -> Result<(), Error> {
    let value = serde_json::to_value(request).map_err(|e| Error::invalid("", e.to_string()))?;
    long_string(&value, &mut String::new())
}

fn long_string(value: &serde_json::Value, path: &mut String) -> Result<(), Error> {
    match value {
        serde_json::Value::String(s) if s.chars().count() > MAX_STRING_CHARS => Err(Error::invalid(
            path.clone(),
            format!("the text has {} characters, more than the limit of {MAX_STRING_CHARS}", s.chars().count()),
        )),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let len = path.len();
                path.push('/');
                path.push_str(k);
                long_string(v, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails loudly")]

    use super::MAX_STRING_CHARS;
    use crate::error::Error;
    use crate::request::Request;

    fn field_of(text: &str) -> String {
        match Request::from_json(text) {
            Err(Error::InvalidRequest { field, .. }) => field,
            other => panic!("expected an invalid request, got {other:?}"),
        }
    }

    #[test]
    fn a_long_text_is_named_in_the_requests_own_order_after_any_other_error() {
        let long = "字".repeat(MAX_STRING_CHARS + 1);
        let just = "字".repeat(MAX_STRING_CHARS);
        let two = format!(
            r#"{{"jurisdiction":"ganzi","kind":"share","application":{{"purpose":"{long}"}},"requester":{{"name":"{long}"}}}}"#
        );
        assert_eq!(field_of(&two), "/requester/name");
        let catalog =
            format!(r#"{{"jurisdiction":"ganzi","kind":"classify","application":{{"catalog":{{"name":"{long}"}}}}}}"#);
        assert_eq!(field_of(&catalog), "/application/catalog/name");
        let unknown =
            format!(r#"{{"jurisdiction":"ganzi","kind":"share","resource":{{"name":"{long}","colour":"red"}}}}"#);
        assert_eq!(field_of(&unknown), "/resource/colour");
        let fits = format!(r#"{{"jurisdiction":"ganzi","kind":"share","resource":{{"name":"{just}"}}}}"#);
        assert!(Request::from_json(&fits).is_ok());
    }
}
