//! What the JavaScript side hands in, read from JSON text: plain Rust, tested natively.
//!
//! Every JavaScript value reaches these functions as the text `JSON.stringify` made of it,
//! so a request takes the path the command line takes (`Request::from_json`: size and depth
//! limits before parsing, then field errors as JSON Pointers).

#[cfg(feature = "authoring")]
use std::collections::BTreeMap;

use chrono::NaiveDate;
#[cfg(feature = "authoring")]
pub use pubdata_policy::bounded_read::VERDICT;
pub use pubdata_policy::bounded_read::{not_object, REQUEST, SHARE};
/// The argument of `Engine.fromCompiled`.
pub use pubdata_policy::COMPILED_PACK;
use pubdata_policy::{bilingual as text, Calendar, Error, ErrorMessage, ShareUse, Words, MAX_REQUEST_BYTES};
#[cfg(feature = "authoring")]
use pubdata_policy::{scenario::Suite, LayerSources, Sources};
#[cfg(feature = "authoring")]
use serde::Deserialize;
use serde::Serialize;

/// The most working days a deadline may count: 40 years, so that no call loops for long.
pub const MAX_WORKING_DAYS: u32 = 10_000;

/// An input that is not a request (sources, a share, a suite): the field at fault, and why.
pub fn invalid(field: impl Into<String>, message: ErrorMessage) -> Error {
    Error::InvalidRequest { field: field.into(), message }
}

#[cfg(feature = "authoring")]
/// The sources of `Engine.fromSources`.
pub const SOURCES: Words<'static> = Words::detail("策略源文件", "the sources");
#[cfg(feature = "authoring")]
/// The argument of `engine.runSuite`.
pub const SUITE: Words<'static> = Words::detail("场景文件", "the suite");
#[cfg(feature = "authoring")]
/// The scenario files of `Engine.diff`.
pub const SCENARIO_FILES: Words<'static> = Words::detail("场景文件集", "the scenario files");
#[cfg(feature = "authoring")]
/// The options of `Engine.diff`.
pub const OPTIONS: Words<'static> = Words::detail("选项", "the options");
#[cfg(feature = "authoring")]
/// The second argument of `Engine.coverage`.
pub const COVERAGE_FILES: Words<'static> = Words::detail("覆盖矩阵文件", "the coverage files");

#[cfg(feature = "authoring")]
/// The texts of `Engine.fromSources` (and what `Engine.builtinSources` returns): the pack's
/// own files — `manifest` (its `pack.json`), `regulation`, and file name → text for its
/// policies — the packs beneath it (`layers`, the lowest first, each the same way with its
/// id), and the calendar years. Policy files are read in the order of their names, as
/// from a folder.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceTexts {
    manifest: String,
    #[serde(default)]
    policies: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regulation: Option<String>,
    #[serde(default)]
    layers: Vec<LayerTexts>,
    #[serde(default)]
    calendar: BTreeMap<String, String>,
}

#[cfg(feature = "authoring")]
/// One pack beneath: its id and files.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayerTexts {
    pack: String,
    manifest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regulation: Option<String>,
    #[serde(default)]
    policies: BTreeMap<String, String>,
}

#[cfg(feature = "authoring")]
impl From<Sources> for SourceTexts {
    fn from(mut s: Sources) -> SourceTexts {
        let top = s.layers.pop().unwrap_or_default();
        let layers = s
            .layers
            .into_iter()
            .map(|l| LayerTexts {
                pack: l.pack,
                manifest: l.manifest,
                regulation: l.regulation,
                policies: l.policies.into_iter().collect(),
            })
            .collect();
        SourceTexts {
            manifest: top.manifest,
            policies: top.policies.into_iter().collect(),
            regulation: top.regulation,
            layers,
            calendar: s.calendar.into_iter().collect(),
        }
    }
}

#[cfg(feature = "authoring")]
/// Reads the argument of `Engine.fromSources`. The pack's id is its manifest's `pack`.
pub fn sources(text: &str) -> Result<Sources, Error> {
    let input: SourceTexts = from_text(text, SOURCES)?;
    let pack = serde_json::from_str::<serde_json::Value>(&input.manifest)
        .ok()
        .and_then(|m| m.get("pack").and_then(|p| p.as_str()).map(str::to_owned))
        .unwrap_or_default();
    let mut layers: Vec<LayerSources> = input
        .layers
        .into_iter()
        .map(|l| LayerSources {
            pack: l.pack,
            manifest: l.manifest,
            regulation: l.regulation,
            policies: l.policies.into_iter().collect(),
        })
        .collect();
    layers.push(LayerSources {
        pack,
        manifest: input.manifest,
        regulation: input.regulation,
        policies: input.policies.into_iter().collect(),
    });
    Ok(Sources { layers, calendar: input.calendar.into_iter().collect() })
}

#[cfg(feature = "authoring")]
/// Reads the scenario files `Engine.diff` adds to the space: file name → scenario file,
/// in the order of the names (as `pdp diff` reads a folder).
pub fn suites(text: &str) -> Result<Vec<(String, Suite)>, Error> {
    let files: BTreeMap<String, serde_json::Value> = from_text(text, SCENARIO_FILES)?;
    // Read as `engine.runSuite` reads one, which keeps the module from a second reader of the format.
    let suite = |(name, file): (String, serde_json::Value)| match Suite::from_json(&file.to_string()) {
        Ok(suite) => Ok((name, suite)),
        Err(e) => {
            let at = format!("/{}", pubdata_policy::json_reader::token(&name));
            Err(invalid(at, text!(("不是场景文件：{e}"), ("not a scenario file: {e}"))))
        }
    };
    files.into_iter().map(suite).collect()
}

#[cfg(feature = "authoring")]
/// The options of `Engine.diff`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DiffOptions {
    /// How many changed requests each rule lists; 0 lists all.
    pub limit: usize,
}

#[cfg(feature = "authoring")]
impl Default for DiffOptions {
    /// As `pdp diff`: ten requests a rule.
    fn default() -> DiffOptions {
        DiffOptions { limit: 10 }
    }
}

#[cfg(feature = "authoring")]
/// Reads the options of `Engine.diff`.
pub fn diff_options(text: &str) -> Result<DiffOptions, Error> {
    from_text(text, OPTIONS)
}

#[cfg(feature = "authoring")]
/// The second argument of `Engine.coverage`: a pack's `coverage.json` and the regulation
/// texts it names, file name → text.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageFiles {
    /// `coverage.json`
    pub matrix: String,
    #[serde(default)]
    texts: BTreeMap<String, String>,
}

#[cfg(feature = "authoring")]
impl CoverageFiles {
    /// The text `coverage.json` names `name`; one not given is an error at `/texts/<name>`.
    pub fn text(&self, name: &str) -> Result<String, Error> {
        self.texts.get(name).cloned().ok_or_else(|| {
            invalid(
                format!("/texts/{}", pubdata_policy::json_reader::token(name)),
                text!(
                    ("coverage.json 引用了文本 `{name}`，但 `texts` 中没有"),
                    ("coverage.json names the text `{name}`, which `texts` does not hold")
                ),
            )
        })
    }
}

#[cfg(feature = "authoring")]
/// Reads the second argument of `Engine.coverage`.
pub fn coverage_files(text: &str) -> Result<CoverageFiles, Error> {
    from_text(text, COVERAGE_FILES)
}

/// Reads the argument of `engine.shareStatus`: `{ lastUse, today, notice?, objected? }`.
pub fn share(text: &str) -> Result<ShareUse, Error> {
    if text.len() > MAX_REQUEST_BYTES {
        return Err(pubdata_policy::bounded_read::too_large(SHARE, MAX_REQUEST_BYTES));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(SHARE, &e))?;
    ShareUse::from_value(&value)
}

/// The end of a period of working days, as `engine.addWorkingDays` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineOutput {
    pub due: NaiveDate,
    /// `false` when the count ran past the years the calendar data covers (weekends only there).
    pub covered: bool,
}

/// The `days`-th working day after `date` (the day of receipt is not counted).
pub fn add_working_days(calendar: &Calendar, date: Option<&str>, days: f64) -> Result<DeadlineOutput, Error> {
    let start = match date {
        // The same reading, message and years as a request's date.
        Some(text) => pubdata_policy::strict_date::parse(text).map_err(|m| invalid("/date", m))?,
        None => {
            return Err(invalid(
                "/date",
                text!(("应为文本形式的日期 YYYY-MM-DD"), ("expected a date as text, YYYY-MM-DD")),
            ))
        }
    };
    let whole = days.is_finite() && days.fract() == 0.0 && (0.0..=f64::from(MAX_WORKING_DAYS)).contains(&days);
    if !whole {
        return Err(invalid(
            "/workingDays",
            text!(
                ("`{days}` 不是 0 至 {MAX_WORKING_DAYS} 之间的整数个工作日"),
                ("`{days}` is not a whole number of working days from 0 to {MAX_WORKING_DAYS}")
            ),
        ));
    }
    // `whole` bounds `days` to 0..=MAX_WORKING_DAYS, so the cast keeps its value.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked just above")]
    let n = days as u32;
    let deadline = calendar.add_working_days(start, n);
    Ok(DeadlineOutput { due: deadline.due, covered: deadline.covered })
}

/// Deserializes a JSON object from text, naming the field at fault as a JSON Pointer.
#[cfg(feature = "authoring")]
fn from_text<T: serde::de::DeserializeOwned>(text: &str, what: Words<'_>) -> Result<T, Error> {
    // serde_json stops at 128 levels of nesting, so parsing cannot exhaust the stack.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(what, &e))?;
    if !value.is_object() {
        // serde would read an array as a struct's fields in order.
        return Err(not_object(what));
    }
    serde_path_to_error::deserialize(value).map_err(Error::from_path_error)
}

/// `what` is not JSON text: serde_json's error, which says where. (Any JSON reads as a
/// `Value`, so the error is one of syntax, which `of_json` words "not valid JSON: …".)
fn not_json(what: Words<'_>, e: &serde_json::Error) -> Error {
    let e = ErrorMessage::of_json(e);
    invalid("", text!(("{}{}", what.zh, e.zh), ("{} is {}", what.en, e.en)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: Error) -> Option<String> {
        e.field().map(str::to_owned)
    }

    #[test]
    fn a_share_reads_its_dates_and_names_the_bad_field() {
        let s = share(r#"{"lastUse":"2026-01-05","today":"2026-08-01","objected":true}"#).unwrap();
        assert_eq!(s.last_use.to_string(), "2026-01-05");
        assert!(s.objected && s.notice.is_none());
        let bad = share(r#"{"lastUse":"2026-13-05","today":"2026-08-01"}"#).unwrap_err();
        assert_eq!((bad.code(), field(bad)), ("invalid_request", Some("/lastUse".into())));
        let missing = share(r#"{"lastUse":"2026-01-05"}"#).unwrap_err();
        assert_eq!(field(missing), Some("/today".into()));
        let unknown = share(r#"{"lastUse":"2026-01-05","today":"2026-08-01","colour":1}"#).unwrap_err();
        assert_eq!(field(unknown), Some("/colour".into()));
        let not_object = share("[1]").unwrap_err();
        assert_eq!(field(not_object), Some(String::new()));
        let huge = format!(r#"{{"lastUse":"{}"}}"#, "x".repeat(MAX_REQUEST_BYTES));
        assert_eq!(field(share(&huge).unwrap_err()), Some(String::new()));
    }

    #[test]
    fn sources_take_files_by_name_and_reject_a_wrong_shape() {
        let s = sources(
            r#"{"manifest":"{\"pack\":\"x\"}","policies":{"b.cedar":"B","a.cedar":"A"},"regulation":"{}",
            "layers":[{"pack":"base","manifest":"{}"}]}"#,
        )
        .unwrap();
        let top = s.layers.last().unwrap();
        assert_eq!(top.pack, "x", "the pack's id is its manifest's");
        assert_eq!(top.policies, vec![("a.cedar".into(), "A".into()), ("b.cedar".into(), "B".into())]);
        assert_eq!(s.layers[0].pack, "base");
        assert!(s.calendar.is_empty());
        let wrong = sources(r#"{"manifest":"{}","policies":["A"],"regulation":"{}"}"#).unwrap_err();
        assert_eq!(field(wrong), Some("/policies".into()));
        let missing = sources(r#"{"policies":{},"regulation":"{}"}"#).unwrap_err();
        assert_eq!(field(missing), Some("/manifest".into()));
    }

    #[test]
    fn diff_inputs_read_by_name_and_name_the_bad_field() {
        let files = suites(r#"{"b.json":{"cases":[]},"a.json":{"base":{"kind":"share"},"cases":[]}}"#).unwrap();
        assert_eq!(files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["a.json", "b.json"]);
        let bad = suites(r#"{"a.json":{"cases":[{"name":"x","cites":[]}]}}"#).unwrap_err();
        assert_eq!(field(bad), Some("/a.json".into()));
        assert_eq!(diff_options("{}").unwrap().limit, 10);
        assert_eq!(diff_options(r#"{"limit":0}"#).unwrap().limit, 0);
        assert_eq!(field(diff_options(r#"{"limit":-1}"#).unwrap_err()), Some("/limit".into()));
        assert_eq!(field(diff_options(r#"{"limt":1}"#).unwrap_err()), Some("/limt".into()));
    }

    #[test]
    fn coverage_files_give_their_texts_and_name_the_missing_one() {
        let files = coverage_files(r#"{"matrix":"{}","texts":{"a.txt":"第一条"}}"#).unwrap();
        assert_eq!((files.matrix.as_str(), files.text("a.txt").unwrap().as_str()), ("{}", "第一条"));
        assert_eq!(field(files.text("b/c.txt").unwrap_err()), Some("/texts/b~1c.txt".into()));
        assert_eq!(field(coverage_files(r#"{"texts":{}}"#).unwrap_err()), Some("/matrix".into()));
        assert_eq!(field(coverage_files(r#"{"matrix":"{}","text":{}}"#).unwrap_err()), Some("/text".into()));
    }

    #[test]
    fn working_days_count_the_calendar_and_refuse_a_bad_count() {
        let calendar = Calendar::default();
        // Friday 2026-11-20 + 1 working day is Monday 23rd; no calendar data: not covered.
        let d = add_working_days(&calendar, Some("2026-11-20"), 1.0).unwrap();
        assert_eq!((d.due.to_string(), d.covered), ("2026-11-23".into(), false));
        for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, 1e12] {
            let e = add_working_days(&calendar, Some("2026-11-20"), bad).unwrap_err();
            assert_eq!(field(e), Some("/workingDays".into()), "{bad}");
        }
        assert_eq!(field(add_working_days(&calendar, Some("20/11/2026"), 1.0).unwrap_err()), Some("/date".into()));
        assert_eq!(field(add_working_days(&calendar, None, 1.0).unwrap_err()), Some("/date".into()));
    }
}
