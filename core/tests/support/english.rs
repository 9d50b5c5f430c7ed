//! What a test of the Chinese messages looks for: English left in them. Shared by the core's
//! and the server's tests (`#[path]`), so that both look the same way.

/// The English words of `zh` outside what it quotes (between backticks or double quotes,
/// which hold the input's own keys and values), other than the names of formats.
pub fn english_in(zh: &str) -> Vec<String> {
    const NAMES: [&str; 8] = ["JSON", "UTF", "YYYY", "MM", "DD", "Unicode", "null", "JavaScript"];
    let mut outside = String::new();
    let mut quote = None;
    for c in zh.chars() {
        match (quote, c) {
            (None, '`' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !NAMES.contains(w))
        .map(str::to_owned)
        .collect()
}
