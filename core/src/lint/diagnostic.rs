//! One finding about a policy file, placed at its file, line and column: what `pdp validate`
//! prints and what the WebAssembly package's `Engine.lint` returns as an object, so that no
//! consumer reads a place or a code back out of a message.

use serde::Serialize;

use crate::inspect::line_and_column;
use crate::verdict::Message;

/// How bad a finding is: an error stops the policies from loading or deciding as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The policies do not load, or do not decide as they read.
    Error,
    /// Worth a look; nothing stops.
    Warning,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable name for the kind of problem, e.g. `unknown-annotation`; `pdp validate`
    /// and the README list them.
    pub code: &'static str,
    /// The file as the sources name it (`ganzi/share.cedar`) or as the caller names it.
    pub file: String,
    /// 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// How many characters from `column` the problem spans on its line (at least 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// The `@id` of the policy at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// What is wrong. Cedar's own messages are English only: they stand in both.
    pub message: Message,
    /// How to put it right, when there is a likely fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// The source line the finding is on, for printing it underlined.
    #[serde(skip)]
    pub source_line: Option<String>,
}

/// A message in both languages.
pub(crate) fn both(zh: impl Into<String>, en: impl Into<String>) -> Message {
    Message { zh: zh.into(), en: en.into() }
}

/// A message that exists in English only (Cedar's, serde's): the same text in both.
pub(crate) fn english(en: impl Into<String>) -> Message {
    let en = en.into();
    Message { zh: en.clone(), en }
}

impl Diagnostic {
    /// A finding not yet placed in its file.
    pub fn new(severity: Severity, code: &'static str, file: &str, message: Message) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            file: file.to_owned(),
            line: None,
            column: None,
            length: None,
            policy: None,
            message,
            help: None,
            source_line: None,
        }
    }

    /// An error not yet placed.
    pub fn error(code: &'static str, file: &str, message: Message) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, file, message)
    }

    /// A warning not yet placed.
    pub fn warning(code: &'static str, file: &str, message: Message) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, file, message)
    }

    /// Places the finding at a 1-based line and column of `text`, spanning `len` characters.
    pub fn at(mut self, text: &str, line: usize, column: usize, len: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self.length = Some(len.max(1));
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// Places the finding at a byte offset of `text` (how Cedar reports its errors).
    pub fn at_offset(self, text: &str, offset: usize, len: usize) -> Diagnostic {
        let (line, column) = line_and_column(text, offset);
        let on_line = text.get(offset..offset + len).map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        self.at(text, line, column, on_line)
    }

    /// Places the finding at the first line from `from` that holds `needle`, or at `from`.
    pub fn located(self, text: &str, from: usize, needle: &str) -> Diagnostic {
        match find_from(text, from, needle) {
            Some((line, column)) => self.at(text, line, column, needle.chars().count()),
            None => self.at(text, from.max(1), 1, 1),
        }
    }

    /// Places the finding at the annotation (or head) `needle` of the policy starting at
    /// line `start`, or at that line when the policy's head lacks it.
    pub fn in_policy(self, text: &str, start: usize, needle: &str) -> Diagnostic {
        let head = text
            .lines()
            .enumerate()
            .skip(start.saturating_sub(1))
            .find(|(_, l)| ["permit", "forbid"].iter().any(|h| l.trim_start().starts_with(h)))
            .map_or(start, |(i, _)| i + 1);
        match find_from(text, start, needle).filter(|(line, _)| *line <= head) {
            Some((line, column)) => self.at(text, line, column, needle.chars().count()),
            None => self.at(text, start, 1, 1),
        }
    }

    /// Names the policy at fault (nothing for an empty id).
    pub fn policy(mut self, id: &str) -> Diagnostic {
        if !id.is_empty() {
            self.policy = Some(id.to_owned());
        }
        self
    }

    /// Adds how to put it right.
    pub fn help(mut self, help: Message) -> Diagnostic {
        self.help = Some(help);
        self
    }

    /// `file:line:column`, as far as known.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// The 1-based line and column where `needle` first appears at or after line `from`.
pub fn find_from(text: &str, from: usize, needle: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| line.find(needle).map(|at| (i + 1, line.get(..at).map_or(0, |p| p.chars().count()) + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_needles_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(find_from(text, 2, "é"), Some((2, 3)));
        assert_eq!(find_from(text, 3, "é"), None);
        let d = Diagnostic::error("x", "a.cedar", english("bad")).at_offset(text, 7, 1);
        assert_eq!((d.line, d.column, d.length), (Some(2), Some(4), Some(1)));
        assert_eq!(d.source_line.as_deref(), Some("cdé"));
        assert_eq!(d.place(), "a.cedar:2:4");
    }

    #[test]
    fn a_needle_outside_the_policy_head_places_at_its_start() {
        let text = "@id(\"a\")\npermit (principal, action, resource);\n@zh(\"later\")\n";
        let d = Diagnostic::error("x", "f", english("m")).in_policy(text, 1, "@zh");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
        let d = Diagnostic::error("x", "f", english("m")).in_policy(text, 1, "@id");
        assert_eq!((d.line, d.column, d.length), (Some(1), Some(1), Some(3)));
    }
}
