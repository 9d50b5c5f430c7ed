//! What a test of the Chinese messages looks for: English left in them, after the frame. Shared by the core's
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

/// The detail of an unreadable request's Chinese message: what follows its frame, "请求无效："
/// for the request as a whole (`field` empty), "请求字段 `/x` 无效：" for a field. `None` if the
/// message is not framed so.
pub fn detail_of<'a>(zh: &'a str, field: &str) -> Option<&'a str> {
    match field {
        "" => zh.strip_prefix("请求无效："),
        field => zh.strip_prefix(&format!("请求字段 `{field}` 无效：")),
    }
}
