//! Findings about policy files, located by file, line and policy id, and printed the
//! way Cedar and rustc print theirs: the message, the place, the source line, a help.

use pubdata_policy::inspect::line_and_column;
pub use pubdata_policy::lint::closest;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub severity: Severity,
    /// A stable name for the kind of problem, e.g. `unknown-annotation`.
    pub code: &'static str,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The `@id` of the policy at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line and how many characters of it to underline.
    #[serde(skip)]
    source: Option<(String, usize)>,
}

impl Finding {
    pub fn new(severity: Severity, code: &'static str, file: &str, message: impl Into<String>) -> Finding {
        Finding {
            severity,
            code,
            file: file.to_owned(),
            line: None,
            column: None,
            policy: None,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn error(code: &'static str, file: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, code, file, message)
    }

    /// Places the finding at a 1-based line and column of `text`, underlining `len` characters.
    pub fn at(mut self, text: &str, line: usize, column: usize, len: usize) -> Finding {
        self.line = Some(line);
        self.column = Some(column);
        if let Some(source) = text.lines().nth(line.saturating_sub(1)) {
            self.source = Some((source.to_owned(), len.max(1)));
        }
        self
    }

    /// Places the finding at a byte offset of `text` (how Cedar reports its errors).
    pub fn at_offset(self, text: &str, offset: usize, len: usize) -> Finding {
        let (line, column) = line_and_column(text, offset);
        let on_line = text.get(offset..offset + len).map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        self.at(text, line, column, on_line)
    }

    pub fn policy(mut self, id: &str) -> Finding {
        if !id.is_empty() {
            self.policy = Some(id.to_owned());
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
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

    /// The finding for people.
    pub fn human(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{severity}[{}]: {}\n", self.code, self.message);
        let number = self.line.map(|l| l.to_string()).unwrap_or_default();
        let pad = " ".repeat(number.len());
        out.push_str(&format!("{pad}--> {}\n", self.place()));
        if let (Some((source, len)), Some(column)) = (&self.source, self.column) {
            let indent: String =
                source.chars().take(column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            out.push_str(&format!("{pad} |\n{number} | {source}\n{pad} | {indent}{}\n", "^".repeat(*len)));
        }
        if let Some(id) = &self.policy {
            out.push_str(&format!("{pad} = policy: {id}\n"));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("{pad} = help: {help}\n"));
        }
        out
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
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 7), (2, 4));
        assert_eq!(find_from(text, 2, "é"), Some((2, 3)));
        assert_eq!(find_from(text, 3, "é"), None);
    }

    #[test]
    fn typos_find_their_word() {
        let keys = ["workingDays", "dueRounds", "article"];
        assert_eq!(closest("workingDay", keys), Some("workingDays"));
        assert_eq!(closest("artcle", keys), Some("article"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn a_finding_shows_its_line_underlined() {
        let text = "line one\n@workingDay(\"5\")\n";
        let f = Finding::error("unknown-annotation", "a.cedar", "bad").at(text, 2, 1, 11).policy("x.y");
        let shown = f.human();
        assert!(shown.starts_with("error[unknown-annotation]: bad\n"), "{shown}");
        assert!(shown.contains(" --> a.cedar:2:1\n"), "{shown}");
        assert!(shown.contains("2 | @workingDay(\"5\")\n  | ^^^^^^^^^^^\n"), "{shown}");
        assert!(shown.contains("= policy: x.y"), "{shown}");
    }
}
