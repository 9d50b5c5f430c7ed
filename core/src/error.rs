//! Errors: a request that cannot be read, or policies that cannot be loaded.

use serde::Serialize;

/// An [`ErrorMessage`] from two `format!` argument lists, Chinese first: `text!(("…{x}…"),
/// ("…{x}…"))`. Without the `zh-detail` feature of the crate that uses it, the Chinese is
/// not built (its texts and arguments are left out of the binary) and is empty; the report
/// then frames the English. Exported for the WebAssembly binding, which has the feature too.
#[doc(hidden)]
#[macro_export]
macro_rules! bilingual {
    (($($zh:tt)*), ($($en:tt)*)) => {
        $crate::ErrorMessage {
            #[cfg(feature = "zh-detail")]
            zh: format!($($zh)*),
            #[cfg(not(feature = "zh-detail"))]
            zh: String::new(),
            en: format!($($en)*),
        }
    };
}
pub(crate) use crate::bilingual as text;

/// A fixed text in both languages: the name of an input, what a field expects, a hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words<'a> {
    /// In Chinese: 请求. Empty for [`Words::detail`] in a build without `zh-detail`.
    pub zh: &'a str,
    /// In English: the request.
    pub en: &'a str,
}

impl<'a> Words<'a> {
    /// Words that a report gives in both languages in every build.
    pub const fn new(zh: &'a str, en: &'a str) -> Words<'a> {
        Words { zh, en }
    }

    /// Words used only inside a message's detail. A build without the `zh-detail` feature
    /// leaves the detail's Chinese out ([`bilingual!`]), so it leaves these words' Chinese
    /// out of the binary too.
    pub const fn detail(zh: &'a str, en: &'a str) -> Words<'a> {
        Words { zh: if cfg!(feature = "zh-detail") { zh } else { "" }, en }
    }
}

/// What an unknown jurisdiction's error says in a build without built-in packs (the core's
/// `builtin-packs` feature off), where every jurisdiction is unknown until its compiled pack
/// is loaded.
pub(crate) const NO_BUILTIN_PACKS: Words<'static> = Words::new(
    "本构建不内置规则包，请用该辖区的编译规则包（`pdp pack` 的输出）创建引擎（JavaScript 中为 \
     Engine.fromCompiled，Rust 中为 Engine::from_compiled）",
    "this build has no built-in packs; make the engine from the jurisdiction's compiled pack, the \
     output of `pdp pack` (Engine.fromCompiled in JavaScript, Engine::from_compiled in Rust)",
);

/// A compiled pack (`pdp pack`'s output), as a policy error names it: it is not a file.
pub const COMPILED_PACK: Words<'static> = Words::new("编译规则包", "the compiled pack");

/// Everything that can go wrong; never a panic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The request cannot be read: `field` is a JSON Pointer into it.
    #[error("invalid request{}: {}", at_field(field), message.en)]
    InvalidRequest {
        /// The field, a JSON Pointer (`""` for the request as a whole).
        field: String,
        /// What is wrong with it and what was expected, in both languages. `zh` is empty in
        /// a build without the `zh-detail` feature.
        message: ErrorMessage,
    },
    /// No policy set exists for the jurisdiction. A build without built-in packs, where every
    /// jurisdiction is unknown until its compiled pack is loaded, says so.
    #[cfg_attr(feature = "builtin-packs", error("no policies for jurisdiction `{0}`"))]
    #[cfg_attr(not(feature = "builtin-packs"), error("no policies for jurisdiction `{0}`: {hint}", hint = NO_BUILTIN_PACKS.en))]
    UnknownJurisdiction(String),
    /// The request names another jurisdiction than the engine's.
    #[error("the request is for `{request}` but this engine holds the policies of `{engine}`")]
    WrongJurisdiction {
        /// The request's jurisdiction.
        request: String,
        /// The engine's.
        engine: String,
    },
    /// A policy file, the schema, the regulation metadata or the calendar data is wrong.
    #[error("{file}: {message}")]
    Policies {
        /// The file at fault.
        file: String,
        /// What is wrong with it.
        message: String,
        /// The `@id` of the policy at fault, when the error is about one policy (its
        /// annotations, its schema type, its id used twice, a step it names).
        policy: Option<String>,
    },
    /// Files could not be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The path that could not be read.
        path: String,
        /// The system's reason.
        message: String,
    },
    /// The policies could not decide: a bug in a policy set or in the engine.
    #[error("cannot evaluate the request: {0}")]
    Evaluation(String),
}

/// An error as data, for the CLI's JSON output and the WebAssembly binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// A stable code for the kind of error, e.g. `invalid_request`.
    pub code: &'static str,
    /// The request field at fault, a JSON Pointer, when there is one.
    pub field: Option<String>,
    /// What is wrong, in both languages.
    pub message: ErrorMessage,
}

/// An error's message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorMessage {
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

impl ErrorMessage {
    /// A message in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> ErrorMessage {
        ErrorMessage { zh: zh.into(), en: en.into() }
    }

    /// serde_json's error in both languages, a syntax error as `not valid JSON: …` (the
    /// Chinese empty without the `zh-detail` feature).
    pub fn of_json(e: &serde_json::Error) -> ErrorMessage {
        crate::serde_zh::syntax_message_of(e)
    }
}

/// What a field was expected to hold, for [`Error::wrong_type`] (details: their Chinese is
/// empty without the `zh-detail` feature).
pub(crate) mod expected {
    use super::Words;
    pub(crate) const STRING: Words<'static> = Words::detail("字符串", "a string");
    pub(crate) const BOOLEAN: Words<'static> = Words::detail("布尔值", "a boolean");
    pub(crate) const DATE: Words<'static> = Words::detail("格式为 YYYY-MM-DD 的日期", "a date YYYY-MM-DD");
    pub(crate) const LIST: Words<'static> = Words::detail("列表", "a list");
    pub(crate) const OBJECT: Words<'static> = Words::detail("对象", "an object");
}

impl Error {
    /// A stable code for each kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidRequest { .. } => "invalid_request",
            Error::UnknownJurisdiction(_) => "unknown_jurisdiction",
            Error::WrongJurisdiction { .. } => "wrong_jurisdiction",
            Error::Policies { .. } => "invalid_policies",
            Error::Io { .. } => "io",
            Error::Evaluation(_) => "evaluation",
        }
    }

    /// The request field at fault, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidRequest { field, .. } => Some(field),
            Error::WrongJurisdiction { .. } | Error::UnknownJurisdiction(_) => Some("/jurisdiction"),
            _ => None,
        }
    }

    /// The error in both languages, with its code and field.
    pub fn report(&self) -> ErrorReport {
        let en = self.to_string();
        let zh = match self {
            Error::InvalidRequest { field, message } => {
                let detail = if message.zh.is_empty() { &message.en } else { &message.zh };
                match field.as_str() {
                    "" => format!("请求无效：{detail}"),
                    field => format!("请求字段 `{field}` 无效：{detail}"),
                }
            }
            Error::UnknownJurisdiction(j) if cfg!(feature = "builtin-packs") => format!("没有辖区 `{j}` 的策略"),
            Error::UnknownJurisdiction(j) => format!("没有辖区 `{j}` 的策略：{}", NO_BUILTIN_PACKS.zh),
            Error::WrongJurisdiction { request, engine } => {
                format!("请求属于辖区 `{request}`，但本引擎载入的是 `{engine}` 的策略")
            }
            Error::Policies { file, message, .. } if file == COMPILED_PACK.en => {
                format!("{}有误：{message}", COMPILED_PACK.zh)
            }
            Error::Policies { file, message, .. } => format!("策略文件 {file} 有误：{message}"),
            Error::Io { path, message } => format!("无法读取 `{path}`：{message}"),
            Error::Evaluation(m) => format!("无法评估该请求：{m}"),
        };
        ErrorReport { code: self.code(), field: self.field().map(str::to_owned), message: ErrorMessage { zh, en } }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: ErrorMessage) -> Error {
        Error::InvalidRequest { field: field.into(), message }
    }

    /// A JSON value of the wrong type at `at`: what was found and what was expected.
    pub(crate) fn wrong_type(at: &str, value: &serde_json::Value, expected: Words<'_>) -> Error {
        use serde_json::Value;
        let found = match value {
            Value::Null => text!(("null"), ("null")),
            Value::Bool(b) => text!(("布尔值 `{b}`"), ("boolean `{b}`")),
            Value::Number(n) => text!(("数字 `{n}`"), ("number `{n}`")),
            Value::String(s) => text!(("字符串 \"{s}\""), ("string \"{s}\"")),
            Value::Array(_) => text!(("列表"), ("a list")),
            Value::Object(_) => text!(("对象"), ("an object")),
        };
        Error::invalid(
            at,
            text!(
                ("类型无效：{}，应为{}", found.zh, expected.zh),
                ("invalid type: {}, expected {}", found.en, expected.en)
            ),
        )
    }

    /// A key of the object at `at` that is none of `expected`, at its own pointer. Public
    /// for the server, whose bodies are refused in the same words.
    #[doc(hidden)]
    pub fn unknown_field(at: &str, key: &str, expected: &[&str]) -> Error {
        let pointer = format!("{at}/{}", crate::json_reader::token(key));
        let expected = expected_names(&mut expected.iter().copied());
        Error::invalid(
            pointer,
            text!(("未知字段 `{key}`，{}", expected.zh), ("unknown field `{key}`, {}", expected.en)),
        )
    }

    /// A value at `at` that is none of `expected`.
    pub(crate) fn unknown_value<'a>(at: &str, value: &str, mut expected: impl Iterator<Item = &'a str>) -> Error {
        let expected = expected_names(&mut expected);
        Error::invalid(
            at,
            text!(("未知取值 `{value}`，{}", expected.zh), ("unknown variant `{value}`, {}", expected.en)),
        )
    }

    /// A key the object at `at` must have, at the pointer it would have. Public for the
    /// server, as [`Error::unknown_field`].
    #[doc(hidden)]
    pub fn missing_field(at: &str, key: &str) -> Error {
        Error::invalid(format!("{at}/{key}"), text!(("缺少字段 `{key}`"), ("missing field `{key}`")))
    }

    pub(crate) fn policies(file: impl Into<String>, message: impl std::fmt::Display) -> Error {
        Error::Policies { file: file.into(), message: message.to_string(), policy: None }
    }

    /// An error about the policy `id` of `file` (the message names it too, for a reader).
    pub(crate) fn in_policy(file: impl Into<String>, id: &str, message: impl std::fmt::Display) -> Error {
        Error::Policies { file: file.into(), message: message.to_string(), policy: Some(id.to_owned()) }
    }

    /// Turns serde's error, with the path where it happened, into a field error. Public for
    /// the WebAssembly binding, which reads the authoring calls' inputs the same way.
    #[doc(hidden)]
    pub fn from_path_error(err: serde_path_to_error::Error<serde_json::Error>) -> Error {
        let mut field = pointer(err.path());
        let inner = err.into_inner();
        let message = crate::serde_zh::message_of(&inner);
        // A missing field is reported at its parent: point at the field itself.
        if let Some(name) = message.en.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')) {
            field = format!("{field}/{name}");
        }
        Error::invalid(field, message)
    }
}

/// Where an invalid request's English frame says the fault is: at a field, or nowhere for the
/// request as a whole (as the Chinese frame says 请求无效 then).
fn at_field(field: &str) -> String {
    match field {
        "" => String::new(),
        field => format!(" at `{field}`"),
    }
}

/// What was expected, in serde's words: "expected `a`", "expected `a` or `b`", "expected one of
/// `a`, `b`, `c`" (serde's derived readers say the same of a request's envelope and a share).
/// One function for every kind of list (`dyn`), so that each caller does not add a copy.
pub(crate) fn expected_names(names: &mut dyn Iterator<Item = &str>) -> ErrorMessage {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match names.as_slice() {
        [one] => text!(("应为 {one}"), ("expected {one}")),
        [a, b] => text!(("应为 {a} 或 {b}"), ("expected {a} or {b}")),
        all => {
            let all = all.join(", ");
            text!(("应为以下之一：{all}"), ("expected one of {all}"))
        }
    }
}

/// The JSON Pointer (RFC 6901) of a serde path.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => out.push_str(&crate::json_reader::token(key)),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}
