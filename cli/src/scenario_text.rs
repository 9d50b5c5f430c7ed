//! Where things are in a scenario file's text: the line of each case, for `pdp test` to
//! show a failing case at; and `pdp test --update`, which writes what the engine now
//! answers into the `expect` of failing cases, changing only the values that differ so that the rest of the file — its key
//! order, its one-line objects, its spacing — stays as the author wrote it and the review
//! of the change is a short `git diff`.
//!
//! The file is not re-serialised (`serde_json` would sort keys and spread every object over
//! lines); instead the text is scanned once for where each value starts and ends, and only
//! the spans of changed values are replaced.

use pubdata_policy::scenario::{Expect, Suite};
use serde_json::Value;

/// Where a JSON value is in the text, and where its members are.
struct Span {
    start: usize,
    end: usize,
    node: Node,
}

enum Node {
    Object(Vec<(String, Span)>),
    Array(Vec<Span>),
    Scalar,
}

/// The JSON nesting `serde_json` reads by default; the text was read by it already, so a
/// deeper one is not a scenario file.
const MAX_DEPTH: usize = 128;

struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected `{}` at byte {}", byte as char, self.at))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Span, String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        self.skip_space();
        let start = self.at;
        let node = match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.skip_space();
                        let key_span = self.string()?;
                        let key: String = self
                            .text
                            .get(key_span.0..key_span.1)
                            .and_then(|k| serde_json::from_str(k).ok())
                            .ok_or_else(|| format!("unreadable key at byte {}", key_span.0))?;
                        self.expect(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        self.skip_space();
                        match self.peek() {
                            Some(b',') => self.at += 1,
                            Some(b'}') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(format!("expected `,` or `}}` at byte {}", self.at)),
                        }
                    }
                }
                Node::Object(members)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.skip_space();
                        match self.peek() {
                            Some(b',') => self.at += 1,
                            Some(b']') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(format!("expected `,` or `]` at byte {}", self.at)),
                        }
                    }
                }
                Node::Array(items)
            }
            Some(b'"') => {
                self.string()?;
                Node::Scalar
            }
            Some(_) => {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.at += 1;
                }
                if self.at == start {
                    return Err(format!("expected a value at byte {start}"));
                }
                Node::Scalar
            }
            None => return Err("the text ends where a value should be".into()),
        };
        Ok(Span { start, end: self.at, node })
    }

    /// A string literal, quotes included: its byte range.
    fn string(&mut self) -> Result<(usize, usize), String> {
        let start = self.at;
        if self.peek() != Some(b'"') {
            return Err(format!("expected a string at byte {start}"));
        }
        self.at += 1;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok((start, self.at));
                }
                Some(b'\\') => self.at += 2,
                Some(_) => self.at += 1,
                None => return Err(format!("a string at byte {start} does not end")),
            }
        }
    }
}

impl Span {
    fn member(&self, key: &str) -> Option<&Span> {
        match &self.node {
            // `serde_json` keeps the last of a repeated key: so does this.
            Node::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, s)| s),
            _ => None,
        }
    }

    fn item(&self, index: usize) -> Option<&Span> {
        match &self.node {
            Node::Array(items) => items.get(index),
            _ => None,
        }
    }
}

/// The 1-based line of each case's `name` (else of the case) in a scenario file, by the
/// case's index; empty when the text cannot be scanned.
pub fn case_lines(text: &str) -> Vec<Option<usize>> {
    let Ok(root) = (Scanner { text, at: 0 }).value(0) else {
        return Vec::new();
    };
    let Some(Node::Array(cases)) = root.member("cases").map(|c| &c.node) else {
        return Vec::new();
    };
    let line = |at: usize| text.get(..at).map(|before| before.matches('\n').count() + 1);
    cases.iter().map(|c| line(c.member("name").unwrap_or(c).start)).collect()
}

/// The replacements that turn `old` (the text at `span`) into `new`: the smallest values
/// that differ, so that an object whose keys stay keeps its layout.
fn edits(old: &Value, new: &Value, span: &Span, out: &mut Vec<(usize, usize, String)>) {
    if old == new {
        return;
    }
    match (old, new, &span.node) {
        (Value::Object(a), Value::Object(b), Node::Object(members))
            if a.len() == b.len() && a.keys().all(|k| b.contains_key(k)) =>
        {
            for (key, member) in members {
                if let (Some(x), Some(y)) = (a.get(key), b.get(key)) {
                    edits(x, y, member, out);
                }
            }
        }
        (Value::Array(a), Value::Array(b), Node::Array(items)) if a.len() == b.len() && items.len() == a.len() => {
            for ((x, y), item) in a.iter().zip(b).zip(items) {
                edits(x, y, item, out);
            }
        }
        _ => out.push((span.start, span.end, written(new))),
    }
}

/// A value as the scenario files write one on a line: `{ "a": 1, "b": [2, 3] }`.
fn written(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Object(map) => {
            let members: Vec<String> =
                map.iter().map(|(k, v)| format!("{}: {}", Value::String(k.clone()), written(v))).collect();
            format!("{{ {} }}", members.join(", "))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(written).collect::<Vec<_>>().join(", ")),
        scalar => scalar.to_string(),
    }
}

/// `text` (a scenario file) with the `expect` of each case `(index, expectation)` replaced,
/// value by value. Checks that the result reads back as the same file with just those
/// expectations changed.
pub fn rewrite(text: &str, updates: &[(usize, Expect)]) -> Result<String, String> {
    let root = Scanner { text, at: 0 }.value(0)?;
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (index, expect) in updates {
        let at = root
            .member("cases")
            .and_then(|c| c.item(*index))
            .and_then(|c| c.member("expect"))
            .ok_or_else(|| format!("case {index} has no `expect` in the text"))?;
        let old = doc
            .get("cases")
            .and_then(|c| c.get(index))
            .and_then(|c| c.get("expect"))
            .ok_or_else(|| format!("case {index} has no `expect`"))?;
        let new = serde_json::to_value(expect).map_err(|e| e.to_string())?;
        edits(old, &new, at, &mut out);
    }
    // From the end, so that the earlier spans stay where they were.
    out.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut result = text.to_owned();
    for (start, end, value) in out {
        if start > end || end > result.len() || !result.is_char_boundary(start) || !result.is_char_boundary(end) {
            return Err(format!("bytes {start}..{end} are not a value of the text"));
        }
        result.replace_range(start..end, &value);
    }
    let before = Suite::from_json(text).map_err(|e| e.to_string())?;
    let mut after = Suite::from_json(&result).map_err(|e| format!("the rewritten file does not read: {e}"))?;
    for (index, expect) in updates {
        match after.cases.get(*index) {
            Some(case) if case.expect == *expect => {}
            _ => return Err(format!("case {index} does not read back with the new expectation")),
        }
    }
    // Nothing else may have moved.
    for (index, case) in after.cases.iter_mut().enumerate() {
        if let Some(old) = before.cases.get(index).filter(|_| updates.iter().any(|(i, _)| *i == index)) {
            case.expect = old.expect.clone();
        }
    }
    if after != before {
        return Err("the rewrite would change more than the expectations".into());
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "a test fails loudly")]

    use super::*;

    const FILE: &str = r#"{
  "description": "x",
  "cases": [
    {
      "name": "a \"quoted\" one",
      "cites": ["第十八条"],
      "expect": {
        "outcome": "review",
        "route": { "reviewer": "provider", "workingDays": 5, "due": "2026-10-10" },
        "obligations": ["b", { "rule": "a", "workingDays": 5 }]
      }
    },
    { "name": "two", "cites": [], "expect": { "outcome": "refused" } }
  ]
}
"#;

    #[test]
    fn only_the_changed_values_are_replaced() {
        let suite = Suite::from_json(FILE).unwrap();
        let mut new: Value = serde_json::to_value(&suite.cases[0].expect).unwrap();
        new["route"]["workingDays"] = 3.into();
        new["route"]["due"] = "2026-10-08".into();
        new["obligations"][1]["workingDays"] = 3.into();
        let new: Expect = serde_json::from_value(new).unwrap();
        let text = rewrite(FILE, &[(0, new)]).unwrap();
        let expected = FILE
            .replace("\"workingDays\": 5, \"due\": \"2026-10-10\"", "\"workingDays\": 3, \"due\": \"2026-10-08\"")
            .replace("\"rule\": \"a\", \"workingDays\": 5", "\"rule\": \"a\", \"workingDays\": 3");
        assert_eq!(text, expected);
    }

    #[test]
    fn a_value_of_another_shape_is_written_on_one_line() {
        let suite = Suite::from_json(FILE).unwrap();
        let mut new: Value = serde_json::to_value(&suite.cases[1].expect).unwrap();
        new["outcome"] = "review".into();
        let new: Expect = serde_json::from_value(new).unwrap();
        let text = rewrite(FILE, &[(1, new)]).unwrap();
        assert!(text.contains(r#"{ "name": "two", "cites": [], "expect": { "outcome": "review" } }"#), "{text}");
        assert_eq!(written(&serde_json::json!({ "a": [1, "x"], "b": {} })), r#"{ "a": [1, "x"], "b": {} }"#);
    }

    #[test]
    fn each_case_is_found_at_its_line_however_the_file_is_laid_out() {
        assert_eq!(case_lines(FILE), [Some(5), Some(13)]);
        let compact: Value = serde_json::from_str(FILE).unwrap();
        assert_eq!(case_lines(&compact.to_string()), [Some(1), Some(1)]);
        assert_eq!(case_lines("{ \"cases\": [\n{}] }"), [Some(2)]);
        assert!(case_lines("{ \"cases\": [").is_empty());
    }

    #[test]
    fn a_text_that_is_not_json_is_an_error_not_a_panic() {
        for text in ["", "{", "{\"cases\": [", "[1,", "{\"a\" 1}", "\"abc", "{\"cases\": [{\"expect\": {}}]}"] {
            assert!(rewrite(text, &[(0, Suite::from_json(FILE).unwrap().cases[1].expect.clone())]).is_err(), "{text}");
        }
    }
}
