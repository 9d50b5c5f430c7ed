//! WebAssembly bindings of `pubdata-policy`: the same engine, the same verdicts, in Node
//! and the browser.
//!
//! A thin layer: JavaScript values cross as JSON (`JSON.stringify` in, plain objects out,
//! serialised as `serde_json` would), every decision is the core crate's, and every error
//! is thrown as the object `Error::report()` gives: `{ code, field, message: { zh, en } }`.

mod form;
mod input;
mod interned;
// Policy authors' calls (fromSources, runSuite, builtinSources, sourcesProblem, lint, annotations, diff,
// coverage, explain), and Cedar with them: a page that only checks forms is built without them
// (`wasm/pkg-forms`), deciding with the built-in packs' compiled policies (a fifth of the size).
#[cfg(feature = "authoring")]
mod load_failure;
#[cfg(feature = "authoring")]
mod playground;

use pubdata_policy::{bilingual as text, builtin_jurisdictions, Error, MAX_COMPILED_PACK_BYTES, MAX_REQUEST_BYTES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use input::{DeadlineOutput, MAX_WORKING_DAYS};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The request types of the built-in packs, generated from their `pack.json` files.
#[wasm_bindgen(typescript_custom_section)]
const PACK_TYPES: &str = include_str!("packs.d.ts");

/// Decides requests of one jurisdiction; its policies are parsed and validated once.
#[wasm_bindgen]
pub struct Engine {
    inner: pubdata_policy::Engine,
    /// The texts `Engine.fromSources` was given, which `explain` reads each policy's file
    /// and line from; `None` for a built-in engine, whose texts are in the package.
    #[cfg(feature = "authoring")]
    sources: Option<pubdata_policy::Sources>,
}

#[wasm_bindgen]
impl Engine {
    /// The engine of a jurisdiction's built-in policies, e.g. `new Engine("ganzi")`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JurisdictionId")] jurisdiction: JsValue,
    ) -> Result<Engine, JsValue> {
        let built = pubdata_policy::builtin_engine(&jurisdiction_of(&jurisdiction)?);
        without_texts(built)
    }

    /// An engine over policy texts, for policy authors' tools:
    /// `{ schema, policies: { name: text }, regulation, calendar: { name: text } }`
    /// (`Engine.sourcesProblem` says where texts that do not load went wrong).
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(#[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue) -> Result<Engine, JsValue> {
        let text = json_text(&sources, input::SOURCES, usize::MAX)?;
        let built = input::sources(&text).and_then(|s| Ok((pubdata_policy::Engine::from_sources(&s)?, s)));
        built.map(|(inner, s)| Engine { inner, sources: Some(s) }).map_err(|e| thrown(&e))
    }

    /// An engine over a compiled pack, the JSON text `pdp pack PACK` writes (or the object
    /// it parses to): a pack loaded at run time, decided as its built-in peers are, without
    /// Cedar in either module.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(
        #[wasm_bindgen(unchecked_param_type = "string | object")] pack: JsValue,
    ) -> Result<Engine, JsValue> {
        let text = match pack.dyn_ref::<js_sys::JsString>() {
            Some(t) => limited(t, input::COMPILED_PACK, MAX_COMPILED_PACK_BYTES)?,
            None => json_text(&pack, input::COMPILED_PACK, MAX_COMPILED_PACK_BYTES)?,
        };
        let built =
            pubdata_policy::CompiledPack::from_json(&text).and_then(|p| pubdata_policy::Engine::from_compiled(&p));
        without_texts(built)
    }

    /// The jurisdictions with built-in policies.
    #[wasm_bindgen(getter, unchecked_return_type = "JurisdictionId[]")]
    pub fn jurisdictions() -> Vec<String> {
        builtin_jurisdictions().into_iter().map(|j| j.to_string()).collect()
    }

    /// Decides a request (an object of the contract); throws an `EngineError` if it cannot be read.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(&request, input::REQUEST, MAX_REQUEST_BYTES)?;
        self.check_text(&text)
    }

    /// Decides a request given as JSON text, as `pdp check` reads it.
    #[wasm_bindgen(js_name = checkJson, unchecked_return_type = "Verdict")]
    pub fn check_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        match text.dyn_ref::<js_sys::JsString>() {
            Some(t) => self.check_text(&limited(t, input::REQUEST, MAX_REQUEST_BYTES)?),
            None => Err(thrown(&input::invalid(
                "",
                text!(("应为 JSON 文本形式的请求"), ("expected the request as JSON text")),
            ))),
        }
    }

    fn check_text(&self, text: &str) -> Result<JsValue, JsValue> {
        let verdict = pubdata_policy::Request::from_json(text).and_then(|r| self.inner.check(&r));
        let verdict = verdict.map_err(|e| thrown(&e))?;
        interned::pack_texts(&verdict);
        plain(&verdict)
    }

    /// Re-decides a request and compares the verdict a client sent with it, for a Node
    /// back end that must not act on a verdict computed in a browser (a tampered client
    /// can copy the right policy-set hash onto any verdict): `{ samePolicies, sameVerdict,
    /// differences, verdict }`, `verdict` being the one to act on.
    // Not in the forms module: a back end verifies (the full build), and reading a client's
    // verdict is a quarter of what the forms module would download (24 KB gzip measured).
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(unchecked_return_type = "Verification")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Verdict")] verdict: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = json_text(&request, input::REQUEST, MAX_REQUEST_BYTES)?;
        let verdict = json_text(&verdict, input::VERDICT, MAX_REQUEST_BYTES)?;
        let checked = pubdata_policy::Request::from_json(&request).and_then(|r| {
            let claimed = pubdata_policy::read_client_verdict(&verdict)?;
            self.inner.verify(&r, &claimed)
        });
        checked.map_err(|e| thrown(&e)).and_then(|v| plain(&v))
    }

    /// The jurisdiction this engine decides for.
    #[wasm_bindgen(getter, unchecked_return_type = "JurisdictionId")]
    pub fn jurisdiction(&self) -> String {
        self.inner.jurisdiction().to_string()
    }

    /// The jurisdiction's name and regulations: titles, dates in force, articles. A new
    /// object at each read, every article's text in it: read it once and keep it.
    #[wasm_bindgen(getter, unchecked_return_type = "JurisdictionInfo")]
    pub fn regulation(&self) -> Result<JsValue, JsValue> {
        plain(self.inner.info())
    }

    /// What a request to this engine's pack may hold, from its `pack.json` files: the
    /// kinds, and every field with its JSON Pointer, type, allowed values and labels (what
    /// `bindForm` reads controls by, and forms label fields with). A new object at each
    /// read: read it once and keep it.
    #[wasm_bindgen(getter, unchecked_return_type = "PackContract")]
    pub fn contract(&self) -> Result<JsValue, JsValue> {
        plain(&self.inner.vocabulary().contract())
    }

    /// Ids of every policy, in the order the files give them.
    #[wasm_bindgen(getter, js_name = policyIds)]
    pub fn policy_ids(&self) -> Vec<String> {
        self.inner.policy_ids()
    }

    /// Whether an existing share is active, suspended or terminated through disuse.
    #[wasm_bindgen(js_name = shareStatus, unchecked_return_type = "ShareStatus")]
    pub fn share_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ShareUse")] share: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(&share, input::SHARE, MAX_REQUEST_BYTES)?;
        let status = input::share(&text).and_then(|s| self.inner.share_status(&s));
        status.map_err(|e| thrown(&e)).and_then(|s| plain(&s))
    }

    /// The `workingDays`-th working day after `date` by the jurisdiction's holiday calendar
    /// (the day of receipt is not counted).
    #[wasm_bindgen(js_name = addWorkingDays, unchecked_return_type = "Deadline")]
    pub fn add_working_days(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(js_name = workingDays)] working_days: f64,
    ) -> Result<JsValue, JsValue> {
        let deadline = input::add_working_days(self.inner.calendar(), date.as_string().as_deref(), working_days);
        deadline.map_err(|e| thrown(&e)).and_then(|d| plain(&d))
    }

    /// Runs a scenario file (`tests/vectors/…`) through this engine: one result per case,
    /// with the differences from what the case expects (`failures`, empty when it passes).
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(js_name = runSuite, unchecked_return_type = "CaseResult[]")]
    pub fn run_suite(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Suite")] suite: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(&suite, input::SUITE, usize::MAX)?;
        let parsed = pubdata_policy::scenario::Suite::from_json(&text)
            .map_err(|e| thrown(&input::invalid("", text!(("不是场景文件：{e}"), ("not a scenario file: {e}")))))?;
        plain(&parsed.run(&self.inner))
    }
}

/// A jurisdiction named by its id, as `new Engine("ganzi")` names it.
fn jurisdiction_of(value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        thrown(&input::invalid(
            "/jurisdiction",
            text!(("应为文本形式的辖区标识，如 `ganzi`"), ("expected the jurisdiction's id as text, such as `ganzi`")),
        ))
    })
}

/// The text `JSON.stringify` makes of a value, refused unread past `limit` UTF-16 units
/// (its UTF-8 form is never shorter, so nothing much larger than the limit enters wasm memory).
fn json_text(value: &JsValue, what: pubdata_policy::Words<'_>, limit: usize) -> Result<String, JsValue> {
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        let why = String::from(js_sys::Error::from(e).message());
        thrown(&input::invalid(
            "",
            text!(
                ("{}无法写成 JSON（JavaScript 的说明：`{why}`）", what.zh),
                ("{} cannot be written as JSON: {why}", what.en)
            ),
        ))
    })?;
    // `JSON.stringify` gives `undefined` for `undefined`, functions and symbols.
    if !text.is_string() {
        return Err(thrown(&input::not_object(what)));
    }
    limited(&text, what, limit)
}

/// An engine made without policy texts (built in, or compiled), or the error thrown.
fn without_texts(built: Result<pubdata_policy::Engine, Error>) -> Result<Engine, JsValue> {
    built
        .map(|inner| Engine {
            inner,
            #[cfg(feature = "authoring")]
            sources: None,
        })
        .map_err(|e| thrown(&e))
}

/// A JavaScript string as Rust text, refused unread when longer than `limit` UTF-16 units.
fn limited(text: &js_sys::JsString, what: pubdata_policy::Words<'_>, limit: usize) -> Result<String, JsValue> {
    let units = text.length() as usize;
    if units > limit {
        return Err(thrown(&input::invalid(
            "",
            text!(
                ("{}至少有 {units} 字节，超过 {limit} 字节的上限", what.zh),
                ("{} has at least {units} bytes, more than the limit of {limit}", what.en)
            ),
        )));
    }
    Ok(String::from(text))
}

/// A value as a plain JavaScript object, as `JSON.parse` would give it.
fn plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| thrown(&Error::Evaluation(format!("cannot hand the result to JavaScript: {e}"))))
}

/// The error JavaScript receives: `{ code, field, message: { zh, en } }`.
fn thrown(error: &Error) -> JsValue {
    match plain_report(error) {
        Some(v) => v,
        None => JsValue::from_str(&error.to_string()),
    }
}

fn plain_report(error: &Error) -> Option<JsValue> {
    error.report().serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()
}
