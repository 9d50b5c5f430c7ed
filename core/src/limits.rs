//! Size limits on what a user sends, so that no request can exhaust the engine.

use crate::error::{text, Error};

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
/// The largest compiled pack (`pdp pack`) an engine reads, in bytes; a larger one is
/// refused unread. The five built-in packs compile to 80–200 KB each.
pub const MAX_COMPILED_PACK_BYTES: usize = 4 * 1024 * 1024;
/// The deepest a compiled policy's expressions and literal values may nest: a policy
/// nested deeper does not compile, and a compiled pack holding one is refused (reading and
/// deciding it recurse once a level). The built-in packs' deepest is 13.
pub const MAX_EXPRESSION_DEPTH: usize = 100;
/// The largest `@workingDays` a policy may give: more than a year of working days is no
/// deadline any of the regulations sets.
pub const MAX_WORKING_DAYS: u32 = 366;
/// `@priority` lies within `-MAX_PRIORITY..=MAX_PRIORITY`.
pub const MAX_PRIORITY: i64 = 1000;

pub(crate) fn check_text(text: &str) -> Result<(), Error> {
    if text.len() > MAX_REQUEST_BYTES {
        let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
        return Err(crate::bounded_read::larger_than(crate::bounded_read::REQUEST, size, MAX_REQUEST_BYTES));
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

/// Checks the depth of a parsed request (the reader of the pack's fields checks the rest).
pub(crate) fn check_value(value: &serde_json::Value) -> Result<(), Error> {
    fn walk(v: &serde_json::Value, level: usize) -> Result<(), Error> {
        if level > MAX_DEPTH {
            return Err(too_deep());
        }
        match v {
            serde_json::Value::Array(items) => items.iter().try_for_each(|i| walk(i, level + 1)),
            serde_json::Value::Object(map) => map.values().try_for_each(|i| walk(i, level + 1)),
            _ => Ok(()),
        }
    }
    walk(value, 1)
}

fn too_deep() -> Error {
    Error::invalid(
        "",
        text!(
            ("请求的嵌套超过 {MAX_DEPTH} 层的上限"),
            ("the request nests deeper than the limit of {MAX_DEPTH} levels")
        ),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "a test fails loudly")]

    use super::MAX_STRING_CHARS;
    use crate::error::Error;
    use crate::request::Request;

    fn field_of(text: &str) -> String {
        match Request::from_json(text).and_then(|r| crate::check_json(&serde_json::to_string(&r).unwrap())) {
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
        assert!(crate::check_json(&fits).is_ok());
    }
}
