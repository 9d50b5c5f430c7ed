//! What a policy playground needs beside deciding: the built-in texts to start editing
//! from, where edited texts that do not load went wrong, what an edited set changes
//! against another — the comparison `pdp diff` makes, from the same core code
//! (`pubdata_policy::impact`), returning the report it prints as JSON — and which articles
//! the edited policies account for, the matrix `pdp coverage` prints
//! (`pubdata_policy::coverage`) — and why a request gets its verdict, the explanation
//! `pdp explain` prints (`pubdata_policy::explain`).

use pubdata_policy::impact::{self, PolicySide, Report, Side};
use pubdata_policy::{bilingual as text, ErrorReport, Request, Sources, MAX_REQUEST_BYTES};
use pubdata_policy::{coverage, explain, lint};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::load_failure::{locate, Location};
use crate::{input, json_text, jurisdiction_of, plain, thrown, Engine};

#[wasm_bindgen]
impl Engine {
    /// Why this engine decides a request as it does — `pdp explain --format json` without
    /// the `case` and `policies` it adds: the verdict, and for each policy behind it its
    /// role, file (as the sources name it, `ganzi/share.cedar`) and line, regulation,
    /// article and the article's summary, and the request values it reads, each with its
    /// JSON Pointer, its label in both languages, and the value (`null` when absent).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(&request, input::REQUEST, MAX_REQUEST_BYTES)?;
        let request = Request::from_json(&text).map_err(|e| thrown(&e))?;
        let builtin;
        let sources = match &self.sources {
            Some(s) => s,
            None => {
                builtin = Sources::builtin(self.inner.jurisdiction()).map_err(|e| thrown(&e))?;
                &builtin
            }
        };
        explain::explain(&self.inner, sources, &request).map_err(|e| thrown(&e)).and_then(|e| plain(&e))
    }

    /// The texts built into the package for a jurisdiction, in the shape `Engine.fromSources`
    /// takes: policy files named `<jurisdiction>/<file>.cedar`.
    #[wasm_bindgen(js_name = builtinSources, unchecked_return_type = "Sources")]
    pub fn builtin_sources(
        #[wasm_bindgen(unchecked_param_type = "JurisdictionId")] jurisdiction: JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = jurisdiction_of(&jurisdiction)?;
        pubdata_policy::known_builtin(&id).map_err(|e| thrown(&e))?;
        let sources = Sources::builtin(&id).map_err(|e| thrown(&e))?;
        plain(&input::SourceTexts::from(sources))
    }

    /// The compiled pack of a built-in jurisdiction, the JSON text `pdp pack` writes: what
    /// `Engine.fromCompiled` takes, in the forms module without built-in packs
    /// (`pubdata-policy/lite`) above all. The npm package ships each as `packs/<id>.json`.
    #[wasm_bindgen(js_name = builtinCompiled)]
    pub fn builtin_compiled(
        #[wasm_bindgen(unchecked_param_type = "JurisdictionId")] jurisdiction: JsValue,
    ) -> Result<String, JsValue> {
        let id = jurisdiction_of(&jurisdiction)?;
        pubdata_policy::known_builtin(&id).map_err(|e| thrown(&e))?;
        let pack = pubdata_policy::CompiledPack::builtin(&id).map_err(|e| thrown(&e))?;
        serde_json::to_string(&pack)
            .map_err(|e| thrown(&pubdata_policy::Error::Evaluation(format!("cannot write the pack: {e}"))))
    }

    /// Every annotation a policy may carry, with its meaning and an example — the list the
    /// engine reads policies by, as `pdp annotations --format json` prints it: what an
    /// editor completes after `@`.
    #[wasm_bindgen(getter, unchecked_return_type = "AnnotationDoc[]")]
    pub fn annotations() -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Doc {
            name: &'static str,
            meaning: &'static str,
            example: &'static str,
        }
        let docs: Vec<Doc> = pubdata_policy::ANNOTATIONS
            .iter()
            .map(|a| Doc { name: a.name, meaning: a.meaning, example: a.example })
            .collect();
        plain(&docs)
    }

    /// Why texts do not load, where the engine stopped: `null` when `Engine.fromSources`
    /// would take them, else its error with the `file` it names and, as far as they are
    /// found, the `line` and `column` and the `policy` (`@id`) at fault.
    #[wasm_bindgen(js_name = sourcesProblem, unchecked_return_type = "SourcesProblem | null")]
    pub fn sources_problem(
        #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
    ) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Located {
            #[serde(flatten)]
            report: ErrorReport,
            #[serde(flatten)]
            location: Option<Location>,
        }
        let text = json_text(&sources, input::SOURCES, usize::MAX)?;
        let sources = input::sources(&text).map_err(|e| thrown(&e))?;
        match pubdata_policy::Engine::from_sources(&sources) {
            Ok(_) => Ok(JsValue::NULL),
            Err(e) => plain(&Located { report: e.report(), location: locate(&sources, &e) }),
        }
    }

    /// Every problem `pdp validate` finds in texts, all at once, each at its file, line and
    /// policy — Cedar's syntax and strict validation, the annotations, `pack.json`,
    /// `regulation.json`, the calendar, the slips Cedar lets through and, given the pack's
    /// coverage `files` and once the policies are clean, the coverage matrix. The same
    /// core call as the CLI's (`pubdata_policy::lint`); files named as the sources name
    /// them (`ganzi/share.cedar`, `ganzi/pack.json`, `ganzi/coverage.json`).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn lint(
        #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CoverageFiles")] files: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sources = input::sources(&json_text(&sources, input::SOURCES, usize::MAX)?).map_err(|e| thrown(&e))?;
        let pack = sources.pack().map(|l| l.pack.clone()).unwrap_or_default();
        let mut found = lint::pack(&sources, &|name| format!("{pack}/{name}")).diagnostics;
        found.extend(lint::calendar(&sources));
        let clean = !found.iter().any(|d| d.severity == lint::Severity::Error);
        if clean && !absent(&files) {
            let files = input::coverage_files(&json_text(&files, input::COVERAGE_FILES, usize::MAX)?)
                .map_err(|e| thrown(&e))?;
            let file = format!("{pack}/coverage.json");
            match coverage::of_sources(&sources, &file, &files.matrix, &|name| files.text(name)) {
                Ok(c) => found.extend(lint::coverage(&c, &file, &files.matrix)),
                Err(e) => found.push(lint::coverage_failed(&file, &e)),
            }
        }
        lint::sort(&mut found);
        plain(&found)
    }

    /// Every article of the regulation texts, as `coverage.json` classifies it and the
    /// policies of `sources` bear it out — one jurisdiction of `pdp coverage --format json`:
    /// per regulation its articles (`decides` and `informs` with the policies citing them,
    /// `not_decidable` with the reason, `unclassified`) and counts, and the problems
    /// `pdp validate` reports (a `decides` article no violation or ground cites, …). `files`
    /// holds the pack's `coverage.json` and the texts it names; the sources need only parse.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(
        #[wasm_bindgen(unchecked_param_type = "Sources")] sources: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CoverageFiles")] files: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sources = input::sources(&json_text(&sources, input::SOURCES, usize::MAX)?).map_err(|e| thrown(&e))?;
        let files =
            input::coverage_files(&json_text(&files, input::COVERAGE_FILES, usize::MAX)?).map_err(|e| thrown(&e))?;
        let matrix = coverage::of_sources(&sources, "coverage.json", &files.matrix, &|name| files.text(name));
        matrix.map_err(|e| thrown(&e)).and_then(|c| plain(&c))
    }

    /// What changes from the policies `before` to `after` (one jurisdiction's sources each),
    /// as `pdp diff --format json` reports it: the scenario cases of `suites` (file name →
    /// scenario file) and the requests generated around them, decided under both.
    #[wasm_bindgen(unchecked_return_type = "DiffReport")]
    pub fn diff(
        #[wasm_bindgen(unchecked_param_type = "Sources")] before: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Sources")] after: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Record<string, Suite>")] suites: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DiffOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let old = side(Side::Old, &before)?;
        let new = side(Side::New, &after)?;
        let scenarios = if absent(&suites) {
            vec![]
        } else {
            input::suites(&json_text(&suites, input::SCENARIO_FILES, usize::MAX)?).map_err(|e| thrown(&e))?
        };
        let options = if absent(&options) {
            input::DiffOptions::default()
        } else {
            input::diff_options(&json_text(&options, input::OPTIONS, MAX_REQUEST_BYTES)?).map_err(|e| thrown(&e))?
        };
        let j = new.engine().jurisdiction();
        if old.engine().jurisdiction() != j {
            return Err(thrown(&input::invalid("/regulation", {
                let old = old.engine().jurisdiction();
                text!(
                    ("旧策略属于 `{old}`，新策略属于 `{j}`"),
                    ("the old policies are `{old}`'s and the new ones `{j}`'s")
                )
            })));
        }
        let compared = impact::compare(j, &old, &new, &scenarios, options.limit).map_err(|e| thrown(&e))?;
        plain(&Report::new(vec![compared]))
    }
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// One side of `Engine.diff`, loaded; when it does not load, the error's message starts
/// with the side (`OLD: …`, as `pdp diff` says it).
fn side(which: Side, sources: &JsValue) -> Result<PolicySide, JsValue> {
    let text = json_text(sources, input::SOURCES, usize::MAX)?;
    let sources = input::sources(&text).map_err(|e| thrown(&e))?;
    PolicySide::load(sources).map_err(|e| {
        let mut report = e.report();
        report.message.en = format!("{}: {}", which.as_str(), report.message.en);
        report.message.zh = format!("{}：{}", which.as_str(), report.message.zh);
        plain(&report).unwrap_or_else(|_| thrown(&e))
    })
}
