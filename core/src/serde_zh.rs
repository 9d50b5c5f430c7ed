//! serde's and serde_json's error messages in both languages. Their English is theirs; the
//! Chinese is written here from their message's parts (the category, line and column of a
//! syntax error; the parts of a data error, which serde writes in a few fixed shapes). Only
//! with the `zh-detail` feature: without it the Chinese is empty (see `error::text!`).

use crate::error::ErrorMessage;

/// serde_json's error as it is, and in Chinese.
pub(crate) fn message_of(e: &serde_json::Error) -> ErrorMessage {
    ErrorMessage { zh: zh(e), en: e.to_string() }
}

/// A syntax error of JSON text (`not valid JSON: …`), or a data error as it is.
pub(crate) fn syntax_message_of(e: &serde_json::Error) -> ErrorMessage {
    let message = message_of(e);
    match e.classify() {
        serde_json::error::Category::Data => message,
        _ => crate::error::text!(("不是有效的 JSON：{}", message.zh), ("not valid JSON: {}", message.en)),
    }
}

#[cfg(not(feature = "zh-detail"))]
fn zh(_: &serde_json::Error) -> String {
    String::new()
}

#[cfg(feature = "zh-detail")]
fn zh(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = e.to_string();
    // serde_json ends a message with its place when it knows it.
    let (what, place) = match text.rsplit_once(" at line ") {
        Some((what, _)) if e.line() > 0 => (what, format!("（第 {} 行第 {} 列）", e.line(), e.column())),
        _ => (text.as_str(), String::new()),
    };
    let what = match e.classify() {
        Category::Eof => "文本提前结束".to_owned(),
        Category::Syntax => syntax(what),
        Category::Data => data(what),
        Category::Io => "无法读取输入".to_owned(),
    };
    format!("{what}{place}")
}

/// serde_json's syntax errors (its `ErrorCode`s), the English kept where there is no match.
#[cfg(feature = "zh-detail")]
fn syntax(what: &str) -> String {
    let zh = match what {
        "expected `:`" => "此处应为 `:`",
        "expected `,` or `]`" => "此处应为 `,` 或 `]`",
        "expected `,` or `}`" => "此处应为 `,` 或 `}`",
        "expected ident" => "此处应为 `true`、`false` 或 `null`",
        "expected value" => "此处应为一个值",
        "expected `\"`" => "此处应为 `\"`",
        "invalid escape" => "转义序列无效",
        "invalid number" => "数字无效",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "Unicode 码位无效",
        "control character (\\u0000-\\u001F) found while parsing a string" => "字符串中有控制字符（\\u0000-\\u001F）",
        "key must be a string" => "键必须是字符串",
        "lone leading surrogate in hex escape" => "十六进制转义中有单独的代理项",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "值之后还有多余的字符",
        "unexpected end of hex escape" => "十六进制转义提前结束",
        "recursion limit exceeded" => "嵌套层数超过限制",
        _ => "语法错误",
    };
    zh.to_owned()
}

/// serde's data errors, in the shapes `serde::de::Error`'s provided methods write, and the
/// messages this crate's readers give by `custom`.
#[cfg(feature = "zh-detail")]
fn data(what: &str) -> String {
    if let Some(rest) = what.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("类型无效：{}，应为{}", unexpected(found), expecting(expected));
        }
    }
    if let Some(rest) = what.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("值无效：{}，应为{}", unexpected(found), expecting(expected));
        }
    }
    if let Some(rest) = what.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            return format!("长度 {length} 无效，应为{}", expecting(expected));
        }
    }
    for (en, zh) in [("unknown variant ", "未知取值 "), ("unknown field ", "未知字段 ")] {
        if let Some((name, rest)) = what.strip_prefix(en).and_then(|r| r.split_once(", ")) {
            let expected = match rest {
                "there are no variants" | "there are no fields" => "此处没有可用的取值".to_owned(),
                // serde lists one as "`a`", two as "`a` or `b`", more as "one of `a`, `b`, `c`",
                // as `expected_names` does, which words the list in Chinese.
                _ => {
                    let list = rest.strip_prefix("expected ").unwrap_or(rest);
                    let list = list.strip_prefix("one of ").unwrap_or(list);
                    let names = list.split("` or `").flat_map(|n| n.split("`, `"));
                    crate::error::expected_names(&mut names.map(|n| n.trim_matches('`'))).zh
                }
            };
            return format!("{zh}{name}，{expected}");
        }
    }
    if let Some(name) = what.strip_prefix("missing field ") {
        return format!("缺少字段 {name}");
    }
    if let Some(name) = what.strip_prefix("duplicate field ") {
        return format!("字段 {name} 重复");
    }
    if let Some(key) = what.strip_prefix("the key ").and_then(|k| k.strip_suffix(" is given twice in one object")) {
        return format!("同一对象中键 {key} 出现了两次");
    }
    match what {
        "the number is not finite" => "数字不是有限值".to_owned(),
        _ => "内容不符合要求".to_owned(),
    }
}

/// What serde found (`serde::de::Unexpected`, as serde_json writes it).
#[cfg(feature = "zh-detail")]
fn unexpected(found: &str) -> String {
    let quoted = |prefix: &str, zh: &str| found.strip_prefix(prefix).map(|v| format!("{zh} {v}"));
    quoted("boolean ", "布尔值")
        .or_else(|| quoted("integer ", "整数"))
        .or_else(|| quoted("floating point ", "数字"))
        .or_else(|| quoted("string ", "字符串"))
        .or_else(|| quoted("character ", "字符"))
        .unwrap_or_else(|| {
            match found {
                "null" | "unit value" => "null",
                "sequence" => "列表",
                "map" => "对象",
                "Option value" => "可选值",
                "byte array" => "字节串",
                _ => "其他类型的值",
            }
            .to_owned()
        })
}

/// What serde expected (a derived reader's `expecting`, or ours).
#[cfg(feature = "zh-detail")]
fn expecting(expected: &str) -> String {
    use crate::error::expected::{BOOLEAN, DATE, LIST, OBJECT, STRING};
    // What this crate's readers expect first, then serde's own words for the same.
    if let Some(ours) = [STRING, BOOLEAN, DATE, LIST, OBJECT].iter().find(|w| w.en == expected) {
        return ours.zh.to_owned();
    }
    let zh = match expected {
        "a borrowed string" | "string" => STRING.zh,
        "boolean" => BOOLEAN.zh,
        "a sequence" => LIST.zh,
        "a map" => OBJECT.zh,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        "f32" | "f64" => "数字",
        _ if expected.starts_with("struct ") => OBJECT.zh,
        _ if expected.starts_with("enum ") || expected.ends_with(" identifier") => "规定的取值之一",
        _ if expected.starts_with("tuple") => LIST.zh,
        _ => "规定的格式",
    };
    zh.to_owned()
}

#[cfg(all(test, feature = "zh-detail"))]
mod tests {
    use super::{message_of, syntax_message_of};

    fn zh_of(text: &str) -> String {
        let e = serde_json::from_str::<serde_json::Value>(text).err().map(|e| syntax_message_of(&e));
        e.map(|m| m.zh).unwrap_or_default()
    }

    #[test]
    fn a_syntax_error_says_what_and_where_in_chinese() {
        assert_eq!(zh_of("{\"a\" 1}"), "不是有效的 JSON：此处应为 `:`（第 1 行第 6 列）");
        assert_eq!(zh_of("{\"a\":"), "不是有效的 JSON：文本提前结束（第 1 行第 5 列）");
        assert_eq!(zh_of("{} x"), "不是有效的 JSON：值之后还有多余的字符（第 1 行第 4 列）");
    }

    #[test]
    fn a_data_error_names_what_was_found_and_expected_in_chinese() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "read only to fail")]
        struct S {
            a: bool,
            b: Vec<u32>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code, reason = "read only to fail")]
        enum E {
            X,
            Y,
            Z,
        }
        let zh = |v: serde_json::Value| serde_json::from_value::<S>(v).err().map(|e| message_of(&e).zh);
        let zh = |v| zh(v).unwrap_or_default();
        assert_eq!(zh(serde_json::json!({"a": "x", "b": []})), "类型无效：字符串 \"x\"，应为布尔值");
        assert_eq!(zh(serde_json::json!({"a": true})), "缺少字段 `b`");
        assert_eq!(zh(serde_json::json!({"a": true, "b": [], "c": 1})), "未知字段 `c`，应为 `a` 或 `b`");
        let variant = serde_json::from_value::<E>(serde_json::json!("W")).err().map(|e| message_of(&e).zh);
        assert_eq!(variant.as_deref(), Some("未知取值 `W`，应为以下之一：`X`, `Y`, `Z`"));
        assert_eq!(zh(serde_json::json!({"a": true, "b": [-1]})), "值无效：整数 `-1`，应为整数");
        assert_eq!(zh(serde_json::json!({"a": null, "b": []})), "类型无效：null，应为布尔值");
    }
}
