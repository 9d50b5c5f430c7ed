//! What counts as text: the "blank" rule every text field follows, and how request text is
//! shown to people without letting it act on their terminal or logs.

/// Whether `c` shows nothing: whitespace, a control character, or a zero-width or
/// invisible formatting character (U+200B–U+200F, U+2028–U+202E, U+2060–U+206F, U+FEFF,
/// U+180E, U+00AD soft hyphen, U+034F combining grapheme joiner, U+3164 Hangul filler).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
        )
}

/// Whether text is blank: empty once whitespace, control and zero-width characters are
/// removed. A blank text field counts as absent.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// Whether `c` must not reach a terminal or a log line as it is: a control character
/// (C0, DEL, C1, which includes ESC and CR/LF) or a bidirectional override that could
/// reorder what is shown.
fn is_unsafe_to_print(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Request text made safe to print: each control character written as `\u{1b}` (and a
/// backslash as `\\` only when something else was escaped, so that ordinary text reads
/// as it is). Text without such characters is returned unchanged.
pub fn escape_control(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_print) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if is_unsafe_to_print(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{escape_control, is_blank};

    #[test]
    fn invisible_text_is_blank_and_visible_text_is_not() {
        for blank in ["", " ", "\u{3000}", "\u{200b}", "\u{0}", "\t\r\n", "\u{feff}\u{200d} ", "\u{1b}"] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", " 医保 ", "\u{200b}x", "0", "·"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_escaped_and_plain_text_is_unchanged() {
        assert_eq!(escape_control("\u{1b}[2JGRANTED"), "\\u{1b}[2JGRANTED");
        assert_eq!(escape_control("a\r\nb\\"), "a\\u{d}\\u{a}b\\\\");
        assert_eq!(escape_control("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(escape_control("州卫生健康委员会 C:\\x"), "州卫生健康委员会 C:\\x");
    }
}
