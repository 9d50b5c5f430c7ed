// bindForm: an existing <form> checked by the engine as the user fills it in, reported
// through the browser's own Constraint Validation API.
//
// Shipped inside the package (wasm-bindgen copies this file into every target's
// `snippets/` and `src/form.rs` exports it as `bindForm`), so a page needs nothing else:
//
//   import init, { Engine, bindForm } from "./pkg-web/pubdata_policy_wasm.js";
//   await init();
//   bindForm(document.querySelector("form"), new Engine("ganzi"));
//
// Controls are named by the request's JSON Pointers (`name="/application/scenario"`), or
// mapped to one by `data-pdp-field` or the `fields` option. On every input and change the
// form is read into a request and checked; each violation's `field` points back at its
// control, which gets `setCustomValidity(message + article)` and `aria-invalid="true"`, so
// `:invalid`, `reportValidity()` and the browser's bubbles work as for any native
// constraint. A refused request or an unreadable one does not submit. Every check
// dispatches a `pdp-verdict` event on the form whose `detail` is the check's result, for a
// page that renders its own summary.
//
// Loaded at import time in Node as well (the nodejs and bundler targets), so nothing here
// touches the DOM until bindForm is called. Written without imports or dependencies.

/** The event every check dispatches on the form; `event.detail` is the FormCheck. */
export const VERDICT_EVENT = "pdp-verdict";

const TYPES = ["text", "number", "boolean", "list"];
// How a control's value is read, by the type the pack's contract gives its field
// (`engine.contract.fields`); anything else is read as text.
const READ_AS = { bool: "boolean", long: "number", set: "list" };

/** The engine's non-text fields: JSON Pointer → "boolean" | "number" | "list". */
export function contractTypes(engine) {
  const fields = engine?.contract?.fields ?? [];
  return Object.fromEntries(fields.filter((f) => READ_AS[f.type]).map((f) => [f.field, READ_AS[f.type]]));
}

const SKIPPED_INPUTS = new Set(["submit", "reset", "button", "image", "file"]);

function failure(en, zh) {
  return { code: "invalid_request", field: null, message: { zh, en } };
}

/**
 * Binds `form` to `engine` (an `Engine` of the package). Options:
 * - `request`: fixed parts of the request under the form's values, e.g. `{ kind: "share" }`;
 *   `jurisdiction` defaults to the engine's.
 * - `fields`: control name → JSON Pointer, for controls not named by their pointer.
 * - `types`: JSON Pointer → "text" | "number" | "boolean" | "list", for fields the contract
 *   does not type (`data-pdp-type` on a control does the same).
 * - `lang`: "zh" or "en" for the messages; default from `<html lang>`.
 * - `report`: when the browser's bubble shows — "submit" (a blocked submit, the default),
 *   "change" (also when a flagged control changes) or "never".
 * - `message(problems, lang)`: the text of a control's message; default: each problem's
 *   message with its article, joined.
 * - `aria`: `false` leaves `aria-invalid` to the page (default: set on flagged controls).
 */
export function bindForm(form, engine, options) {
  if (form === null || typeof form !== "object" || form.nodeName !== "FORM" || form.elements === undefined) {
    throw failure("bindForm needs a <form> element", "bindForm 需要一个 <form> 元素");
  }
  checkEngine(engine);
  const opts = options ?? {};
  if (typeof opts !== "object") throw failure("the options must be an object", "选项须为对象");
  const report = opts.report ?? "submit";
  if (!["submit", "change", "never"].includes(report)) {
    throw failure("`report` is one of submit, change, never", "report 须为 submit、change 或 never");
  }
  for (const [pointer, type] of Object.entries(opts.types ?? {})) {
    if (!TYPES.includes(type)) {
      throw failure(`the type of \`${pointer}\` is one of ${TYPES.join(", ")}`, `${pointer} 的类型须为 ${TYPES.join("、")}`);
    }
  }
  return new Binding(form, engine, opts, report);
}

function checkEngine(engine) {
  if (engine === null || typeof engine !== "object" || typeof engine.check !== "function") {
    throw failure("bindForm needs an Engine, such as new Engine(\"ganzi\")", "bindForm 需要一个 Engine，例如 new Engine(\"ganzi\")");
  }
}

class Binding {
  #form;
  #engine;
  #opts;
  #report;
  #lang;
  /** Controls this binding gave a custom validity, and whether it set their aria-invalid. */
  #flagged = new Map();
  #last = null;
  #detail = null;
  #listeners = [];
  #contractTypes;

  constructor(form, engine, opts, report) {
    this.#form = form;
    this.#engine = engine;
    this.#contractTypes = new Map(Object.entries(contractTypes(engine)));
    this.#opts = opts;
    this.#report = report;
    this.#lang = normaliseLang(opts.lang ?? form.ownerDocument?.documentElement?.lang);
    this.#listen("input", () => this.check());
    this.#listen("change", (e) => {
      const result = this.check();
      if (this.#report === "change" && this.#flagged.has(e.target)) e.target.reportValidity();
      return result;
    });
    // A reset changes the values after its event: check once they are back.
    this.#listen("reset", () => setTimeout(() => this.check(), 0));
    // Capture, so that a blocked submit is known before the page's own handlers run.
    this.#listen("submit", (e) => this.#submit(e), true);
    this.check();
  }

  #listen(type, handler, capture = false) {
    this.#form.addEventListener(type, handler, capture);
    this.#listeners.push([type, handler, capture]);
  }

  #submit(event) {
    const result = this.check();
    if (result.verdict?.outcome === "refused" || result.error !== null) {
      event.preventDefault();
      if (this.#report !== "never") this.#form.reportValidity();
    }
  }

  get form() {
    return this.#form;
  }

  get engine() {
    return this.#engine;
  }

  /** Another engine (another jurisdiction): the form is checked again at once. */
  set engine(engine) {
    checkEngine(engine);
    this.#engine = engine;
    this.check();
  }

  get lang() {
    return this.#lang;
  }

  /** "zh" or "en": the controls' messages are rewritten in that language. */
  set lang(lang) {
    this.#lang = normaliseLang(lang);
    if (this.#last !== null) this.#apply(this.#last);
  }

  /** The last check's result, or null before the first. */
  get last() {
    return this.#detail;
  }

  /** The form's values as a request of the contract. */
  readRequest() {
    const request = structuredClone(this.#opts.request ?? {});
    for (const [pointer, controls] of this.#controlsByPointer()) {
      const value = readValue(pointer, controls, this.#typeOf(pointer, controls));
      if (value !== undefined) setAt(request, pointer, value);
    }
    if (request.jurisdiction === undefined && typeof this.#engine.jurisdiction === "string") {
      request.jurisdiction = this.#engine.jurisdiction;
    }
    return request;
  }

  /** The enabled controls that carry a JSON Pointer (exactly this one). */
  controls(pointer) {
    return this.#controlsByPointer().get(pointer) ?? [];
  }

  /** Reads and checks the form now, updates every control's validity, dispatches the event. */
  check() {
    const request = this.readRequest();
    let verdict = null;
    let error = null;
    try {
      verdict = this.#engine.check(request);
    } catch (e) {
      error = normaliseError(e);
    }
    const byPointer = this.#controlsByPointer();
    const problems = verdict !== null ? verdict.violations : [error];
    const placed = new Map();
    const unplaced = [];
    for (const problem of problems) {
      const controls = locate(problem.field, byPointer);
      if (controls.length === 0) {
        unplaced.push(problem);
        continue;
      }
      for (const control of controls) {
        if (!placed.has(control)) placed.set(control, []);
        placed.get(control).push(problem);
      }
    }
    const invalid = {};
    for (const [control, list] of placed) {
      const pointer = pointerOf(control, this.#opts);
      invalid[pointer] ??= list;
    }
    const result = { request, verdict, error, invalid, unplaced, placed };
    this.#last = result;
    this.#apply(result);
    const detail = { request, verdict, error, invalid, unplaced };
    this.#detail = detail;
    const view = this.#form.ownerDocument?.defaultView;
    const Custom = view?.CustomEvent ?? globalThis.CustomEvent;
    this.#form.dispatchEvent(new Custom(VERDICT_EVENT, { detail, bubbles: true }));
    return detail;
  }

  /** Removes the listeners and every message this binding set. */
  unbind() {
    for (const [type, handler, capture] of this.#listeners) this.#form.removeEventListener(type, handler, capture);
    this.#listeners = [];
    for (const control of [...this.#flagged.keys()]) this.#clear(control);
  }

  #apply(result) {
    for (const control of [...this.#flagged.keys()]) {
      if (!result.placed.has(control)) this.#clear(control);
    }
    for (const [control, list] of result.placed) {
      const text = this.#opts.message ? String(this.#opts.message(list, this.#lang)) : describe(list, this.#lang);
      control.setCustomValidity(text);
      if (!this.#flagged.has(control)) {
        // Never take over an aria-invalid the page set itself.
        this.#flagged.set(control, this.#opts.aria !== false && !control.hasAttribute("aria-invalid"));
      }
      if (this.#flagged.get(control)) control.setAttribute("aria-invalid", "true");
    }
  }

  #clear(control) {
    control.setCustomValidity("");
    if (this.#flagged.get(control)) control.removeAttribute("aria-invalid");
    this.#flagged.delete(control);
  }

  #typeOf(pointer, controls) {
    const declared = controls.map((c) => c.dataset?.pdpType).find((t) => TYPES.includes(t));
    return declared ?? (TYPES.includes(this.#opts.types?.[pointer]) ? this.#opts.types[pointer] : undefined) ??
      this.#contractTypes.get(pointer) ?? inferType(controls);
  }

  /** JSON Pointer → its enabled controls, in document order. */
  #controlsByPointer() {
    const out = new Map();
    for (const control of this.#form.elements) {
      if (!isReadable(control)) continue;
      const pointer = pointerOf(control, this.#opts);
      if (pointer === null) continue;
      if (!out.has(pointer)) out.set(pointer, []);
      out.get(pointer).push(control);
    }
    return out;
  }
}

function normaliseLang(lang) {
  return typeof lang === "string" && lang.toLowerCase().startsWith("en") ? "en" : "zh";
}

function normaliseError(e) {
  if (e !== null && typeof e === "object" && typeof e.code === "string" && typeof e.message?.zh === "string") {
    return { code: e.code, field: typeof e.field === "string" ? e.field : null, message: e.message };
  }
  const text = String(e?.message ?? e);
  return { code: "evaluation", field: null, message: { zh: text, en: text } };
}

function isReadable(control) {
  const tag = control.nodeName;
  if (tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") return false;
  if (tag === "INPUT" && SKIPPED_INPUTS.has(control.type)) return false;
  // `disabled` is not set on controls of a disabled fieldset; `:disabled` matches them too.
  return !control.disabled && !control.matches(":disabled");
}

function pointerOf(control, opts) {
  const name = control.getAttribute("name");
  const mapped = (name !== null && Object.hasOwn(opts.fields ?? {}, name) ? opts.fields[name] : undefined) ??
    control.dataset?.pdpField;
  if (typeof mapped === "string") return mapped.startsWith("/") ? mapped : null;
  return name !== null && name.startsWith("/") ? name : null;
}

/**
 * The controls a problem's field points at: its own, else those of the nearest field
 * above it (`/resource/flags/0` → `/resource/flags`), if they can show a validity message.
 */
function locate(field, byPointer) {
  if (typeof field !== "string" || field === "") return [];
  let pointer = field;
  while (pointer !== "") {
    const controls = (byPointer.get(pointer) ?? []).filter((c) => c.willValidate);
    if (controls.length > 0) return controls;
    pointer = pointer.slice(0, pointer.lastIndexOf("/"));
  }
  return [];
}

function inferType(controls) {
  const first = controls[0];
  if (first.nodeName === "SELECT" && first.multiple) return "list";
  if (first.type === "checkbox") {
    return controls.length === 1 && !first.hasAttribute("value") ? "boolean" : "list";
  }
  if (first.type === "number" || first.type === "range") return "number";
  return "text";
}

/** What the controls of one pointer say, as the contract's type; `undefined` for nothing. */
function readValue(pointer, controls, type) {
  const values = [];
  let lone = null;
  for (const c of controls) {
    if (c.type === "checkbox" || c.type === "radio") {
      if (c.type === "checkbox" && type === "boolean" && controls.length === 1) lone = c.checked;
      else if (c.checked) values.push(c.value);
    } else if (c.nodeName === "SELECT") {
      for (const o of c.selectedOptions) values.push(o.value);
    } else {
      values.push(c.value);
    }
  }
  if (lone !== null) return lone;
  const given = values.filter((v) => v.trim() !== "");
  switch (type) {
    case "list":
      return given.length === 0 ? undefined : given;
    case "boolean":
      return given.length === 0 ? undefined : asBoolean(given[0]);
    case "number":
      return given.length === 0 ? undefined : asNumber(given[0]);
    default:
      return given.length === 0 ? undefined : given[0];
  }
}

// A value that is not one of the type's is sent as it is: the engine names the field.
function asBoolean(text) {
  const t = text.trim().toLowerCase();
  if (t === "true" || t === "on") return true;
  if (t === "false") return false;
  return text;
}

function asNumber(text) {
  return /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
}

/** Sets the member a JSON Pointer (RFC 6901) names, making the objects on the way. */
function setAt(target, pointer, value) {
  const keys = pointer.slice(1).split("/").map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    if (node[key] === null || typeof node[key] !== "object" || Array.isArray(node[key])) node[key] = {};
    node = node[key];
  });
  node[keys[keys.length - 1]] = value;
}

function describe(problems, lang) {
  const sep = lang === "en" ? "; " : "；";
  return problems
    .map((p) => {
      const text = p.message?.[lang] ?? p.message?.zh ?? "";
      if (typeof p.article !== "string" || p.article === "") return text;
      return lang === "en" ? `${text} (${p.regulation}, ${p.article})` : `${text}（${p.regulation}${p.article}）`;
    })
    .join(sep);
}
