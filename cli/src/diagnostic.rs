//! A core [`Diagnostic`] printed by miette's graphical report handler, the way Cedar's own
//! errors print: the code and message, the place, the source line with the span marked
//! and labelled with the policy, and the help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use pubdata_policy::lint::{Diagnostic, Severity};

/// The finding for people, in English (the CLI's language), without colour: the same text
/// on a terminal and in a log.
pub fn human(d: &Diagnostic) -> String {
    let mut out = String::new();
    // The place is the source's name (`file:line:column`): miette would give the column
    // of the one line it is shown, not of the span.
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .without_primary_span_start();
    match handler.render_report(&mut out, &Shown::new(d)) {
        Ok(()) => out,
        // Writing to a String does not fail; were it to, the plain place still says enough.
        Err(_) => format!("{}: {}: {}\n", d.code, d.place(), d.message.en),
    }
}

/// A finding as miette reads one: the line it is on, as the only source miette sees.
struct Shown<'a> {
    d: &'a Diagnostic,
    line: Option<Line>,
}

/// One line of a file, at its own number in it.
struct Line {
    /// `file:line:column` of the span.
    name: String,
    number: usize,
    text: String,
    /// The marked span, in bytes of `text`.
    span: SourceSpan,
}

impl<'a> Shown<'a> {
    fn new(d: &'a Diagnostic) -> Shown<'a> {
        let line = match (&d.source_line, d.line, d.column) {
            (Some(text), Some(number), Some(column)) => {
                let byte = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
                let start = byte(column.saturating_sub(1));
                let end = byte(column.saturating_sub(1) + d.length.unwrap_or(1).max(1));
                Some(Line { name: d.place(), number, text: text.clone(), span: (start, end - start).into() })
            }
            _ => None,
        };
        Shown { d, line }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message.en)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message.en)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // Without a line to label, the place and the policy go with the help.
        let place = match (&self.line, &self.d.policy) {
            (Some(_), _) => None,
            (None, Some(id)) => Some(format!("at {}, policy {id}", self.d.place())),
            (None, None) => Some(format!("at {}", self.d.place())),
        };
        let help = self.d.help.as_ref().map(|h| h.en.clone());
        let text = [place, help].into_iter().flatten().collect::<Vec<_>>().join("\n");
        (!text.is_empty()).then(|| Box::new(text) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.line.as_ref().map(|l| l as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let line = self.line.as_ref()?;
        let label = self.d.policy.as_ref().map(|id| format!("policy {id}"));
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(label, line.span))))
    }
}

impl SourceCode for Line {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // The whole line is the context, numbered as in its file (miette counts from 0).
        let whole = SourceSpan::from((0, self.text.len()));
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            whole,
            self.number.saturating_sub(1),
            0,
            1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pubdata_policy::Message;

    #[test]
    fn a_finding_shows_its_line_marked_and_labelled_with_its_policy() {
        let text = "line one\n@workingDay(\"5\")\n";
        let message = Message { zh: "错".into(), en: "bad".into() };
        let help = Message { zh: "改".into(), en: "did you mean `@workingDays`?".into() };
        let d = Diagnostic::error("unknown-annotation", "a.cedar", message).at(text, 2, 1, 11).policy("x.y").help(help);
        let shown = human(&d);
        assert!(shown.contains("unknown-annotation"), "{shown}");
        assert!(shown.contains("× bad"), "{shown}");
        assert!(shown.contains("[a.cedar:2:1]"), "{shown}");
        let d = Diagnostic::error("x", "b.cedar", Message { zh: "错".into(), en: "bad".into() }).at(text, 2, 2, 3);
        assert!(human(&d).contains("[b.cedar:2:2]"), "the span's own column: {}", human(&d));
        assert!(shown.contains("2 │ @workingDay(\"5\")"), "{shown}");
        assert!(shown.contains("─────┬─────"), "the eleven characters are marked: {shown}");
        assert!(shown.contains("policy x.y"), "{shown}");
        assert!(shown.contains("help: did you mean `@workingDays`?"), "{shown}");
    }

    #[test]
    fn a_finding_without_a_line_gives_its_place_in_the_help() {
        let message = Message { zh: "警告".into(), en: "unused".into() };
        let d = Diagnostic::warning("catalog-unused", "ganzi/pack.json", message);
        let shown = human(&d);
        assert!(shown.contains("⚠ unused"), "{shown}");
        assert!(shown.contains("at ganzi/pack.json"), "{shown}");
    }
}
