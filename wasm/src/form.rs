//! `bindForm`: the drop-in binding of an existing `<form>`, written in JavaScript
//! (`wasm/js/bind-form.js`) and shipped in every target of the package.
//!
//! wasm-bindgen copies the module into each package's `snippets/` and the generated glue
//! imports it, so the web, nodejs and bundler packages all export `bindForm`, typed by
//! `form.d.ts`. The forms package's glue has it bundled in instead of imported
//! (`scripts/build-wasm`), so that a page fetches its `.wasm` one request sooner. This side
//! only passes the arguments through: the binding reads the form and calls `engine.check`
//! like any page.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const FORM_TYPES: &str = include_str!("form.d.ts");

#[wasm_bindgen(module = "/js/bind-form.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = bindForm)]
    fn bind_form_js(form: &JsValue, engine: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Checks an existing form with an engine as the user fills it in: controls named by the
/// request's JSON Pointers get the verdict's messages through `setCustomValidity`, and
/// each check dispatches a `pdp-verdict` event. Throws `{ code, field, message }` for
/// arguments that are not a form, an engine and options.
#[wasm_bindgen(js_name = bindForm, unchecked_return_type = "FormBinding")]
pub fn bind_form(
    #[wasm_bindgen(unchecked_param_type = "HTMLFormElement")] form: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Engine")] engine: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BindFormOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
    bind_form_js(&form, &engine, &options)
}
