//! A core [`Diagnostic`] printed the way Cedar and rustc print theirs: the message, the
//! place, the source line underlined, the policy, a help.

use pubdata_policy::lint::{Diagnostic, Severity};

/// The finding for people, in English (the CLI's language).
pub fn human(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{severity}[{}]: {}\n", d.code, d.message.en);
    let number = d.line.map(|l| l.to_string()).unwrap_or_default();
    let pad = " ".repeat(number.len());
    out.push_str(&format!("{pad}--> {}\n", d.place()));
    if let (Some(source), Some(column)) = (&d.source_line, d.column) {
        let indent: String =
            source.chars().take(column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let marks = "^".repeat(d.length.unwrap_or(1).max(1));
        out.push_str(&format!("{pad} |\n{number} | {source}\n{pad} | {indent}{marks}\n"));
    }
    if let Some(id) = &d.policy {
        out.push_str(&format!("{pad} = policy: {id}\n"));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} = help: {}\n", help.en));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pubdata_policy::Message;

    #[test]
    fn a_finding_shows_its_line_underlined() {
        let text = "line one\n@workingDay(\"5\")\n";
        let message = Message { zh: "错".into(), en: "bad".into() };
        let d = Diagnostic::error("unknown-annotation", "a.cedar", message).at(text, 2, 1, 11).policy("x.y");
        let shown = human(&d);
        assert!(shown.starts_with("error[unknown-annotation]: bad\n"), "{shown}");
        assert!(shown.contains(" --> a.cedar:2:1\n"), "{shown}");
        assert!(shown.contains("2 | @workingDay(\"5\")\n  | ^^^^^^^^^^^\n"), "{shown}");
        assert!(shown.contains("= policy: x.y"), "{shown}");
    }
}
