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
// touches the DOM until bindForm is called. Written without dependencies: scripts/build-wasm
// bundles this file into the forms glue, so a page fetches nothing more for it.

/** The event every check dispatches on the form; `event.detail` is the FormCheck. */
export const VERDICT_EVENT = "pdp-verdict";

const TYPES = ["text", "number", "boolean", "list"];
// How a control's value is read, by the type the pack's contract gives its field
// (`engine.contract.fields`); anything else is read as text.
const READ_AS = { bool: "boolean", long: "number", set: "list" };

// The contract's fields by JSON Pointer, read once per engine: `engine.contract` makes the
// whole contract anew at each read, and a binding looks fields up at every check (reading
// it there was a quarter of a phone's start of the demo).
const contractRead = new WeakMap();
function fieldsOf(engine) {
  if (typeof engine !== "object" || engine === null) return new Map();
  let fields = contractRead.get(engine);
  if (fields === undefined) {
    fields = new Map((engine.contract?.fields ?? []).map((f) => [f.field, f]));
    contractRead.set(engine, fields);
  }
  return fields;
}

/** The engine's non-text fields: JSON Pointer → "boolean" | "number" | "list". */
export function contractTypes(engine) {
  const typed = [...fieldsOf(engine)].filter(([, f]) => READ_AS[f.type]);
  return Object.fromEntries(typed.map(([pointer, f]) => [pointer, READ_AS[f.type]]));
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
 * - `values`: JSON Pointer → { site code: contract value }, for a form whose options carry
 *   the site's own codes (`{ "/resource/sharing": { "1": "unconditional" } }`); lists are
 *   mapped item by item, unmapped values are sent as they are.
 * - `transform(request)`: the request after the mapping → the request to check (return a
 *   new one or change it in place), for anything a mapping cannot say.
 * - `gentle`: `true` flags a control only once the user has changed it (a change, or
 *   leaving it after typing) or tried to submit, as `:user-invalid` does; until then its
 *   problems are in the event's `pending` and `missing`, not on the control.
 * - `describe`: `true` writes each flagged control's message into an element after it
 *   (or into the element whose id its `data-pdp-describe` names), linked by
 *   `aria-describedby`, and empties / removes it once the control is valid.
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
  for (const [pointer, map] of Object.entries(opts.values ?? {})) {
    if (map === null || typeof map !== "object" || Object.values(map).some((v) => typeof v !== "string")) {
      throw failure(`the values of \`${pointer}\` map a site's code to the contract's value, both strings`, `${pointer} 的 values 须为“网站代码 → 合同取值”，均为字符串`);
    }
  }
  if (opts.transform !== undefined && typeof opts.transform !== "function") {
    throw failure("`transform` is a function of the request", "transform 须为函数");
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
  /** Gentle mode: controls the user has typed in, controls the user has changed, a submit tried. */
  #edited = new WeakSet();
  #touched = new WeakSet();
  #submitted = false;
  /** An engine answering with promises: the newest check's number and its promise. */
  #sequence = 0;
  #newest = null;
  /** Inline messages: control → { id, element, made } (made: the binding created the element). */
  #described = new Map();
  static #count = 0;

  constructor(form, engine, opts, report) {
    this.#form = form;
    this.#engine = engine;
    this.#opts = opts;
    this.#report = report;
    this.#lang = normaliseLang(opts.lang ?? form.ownerDocument?.documentElement?.lang);
    this.#listen("input", (e) => {
      this.#edited.add(e.target);
      return this.check();
    });
    this.#listen("change", (e) => {
      this.#touch(e.target);
      const result = this.check();
      if (this.#report === "change" && this.#flagged.has(e.target)) e.target.reportValidity();
      return result;
    });
    // Leaving a control after typing in it (a text field whose value went back, so no change).
    this.#listen("focusout", (e) => {
      if (this.#edited.has(e.target) && !this.#touched.has(e.target)) {
        this.#touch(e.target);
        this.check();
      }
    });
    // A reset changes the values after its event: check once they are back.
    this.#listen("reset", () => {
      this.#edited = new WeakSet();
      this.#touched = new WeakSet();
      this.#submitted = false;
      setTimeout(() => this.check(), 0);
    });
    // Gentle mode: a submit attempt shows every problem before the browser validates the
    // form (a click on a submit button, Enter's implicit submission included); `invalid`
    // catches the rest (requestSubmit, reportValidity).
    this.#listen("click", (e) => {
      const button = e.target?.closest?.("button, input");
      if (button && button.type === "submit" && button.form === this.#form && !this.#submitted && this.#opts.gentle === true) {
        this.#submitted = true;
        this.check();
      }
    }, true);
    this.#listen("invalid", () => {
      if (!this.#submitted && this.#opts.gentle === true) {
        this.#submitted = true;
        this.check();
      }
    }, true);
    // Capture, so that a blocked submit is known before the page's own handlers run.
    this.#listen("submit", (e) => this.#submit(e), true);
    this.check();
  }

  #listen(type, handler, capture = false) {
    this.#form.addEventListener(type, handler, capture);
    this.#listeners.push([type, handler, capture]);
  }

  /** A control the user changed: in gentle mode, every control of its pointer is shown. */
  #touch(control) {
    const pointer = pointerOf(control, this.#opts);
    for (const c of pointer === null ? [control] : this.controls(pointer)) this.#touched.add(c);
    this.#touched.add(control);
  }

  /** Whether a control's problems are shown on it now. */
  #shown(control) {
    return this.#opts.gentle !== true || this.#submitted || this.#touched.has(control);
  }

  #submit(event) {
    this.#submitted = true;
    const before = this.#detail;
    const result = this.check();
    if (typeof result?.then === "function") {
      // The engine answers later (a worker). The last answer decides if it is about what the
      // form holds now; otherwise the submit waits: stopped now, sent again once allowed.
      if (before !== null && sameJson(before.request, this.readRequest())) {
        if (allows(before)) return;
        // Stopped now; reported once this check is applied: a gentle form's first submit
        // shows controls that the last answer left unflagged.
        event.preventDefault();
        if (this.#report !== "never") result.then(() => this.#form.reportValidity());
        return;
      }
      event.preventDefault();
      const submitter = event.submitter ?? null;
      result.then((detail) => {
        if (allows(detail)) this.#form.requestSubmit(submitter?.form === this.#form ? submitter : null);
        else if (this.#report !== "never") this.#form.reportValidity();
      });
      return;
    }
    if (!allows(result)) this.#block(event);
  }

  #block(event) {
    event.preventDefault();
    if (this.#report !== "never") this.#form.reportValidity();
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
    for (const [pointer, map] of Object.entries(this.#opts.values ?? {})) {
      const value = getAt(request, pointer);
      const mapped = (v) => (typeof v === "string" && Object.hasOwn(map, v) ? map[v] : v);
      if (typeof value === "string") setAt(request, pointer, mapped(value));
      else if (Array.isArray(value)) setAt(request, pointer, value.map(mapped));
    }
    if (typeof this.#opts.transform === "function") {
      const out = this.#opts.transform(request);
      if (out !== undefined) return out;
    }
    return request;
  }

  /** The enabled controls that carry a JSON Pointer (exactly this one). */
  controls(pointer) {
    return this.#controlsByPointer().get(pointer) ?? [];
  }

  /**
   * Reads and checks the form now, updates every control's validity, dispatches the event.
   * With an engine whose `check` answers with a promise (a WorkerEngine), returns a promise
   * of the check; an answer overtaken by a newer check is dropped, so the controls always
   * show the verdict of the newest request.
   */
  check() {
    const request = this.readRequest();
    let answer;
    try {
      answer = this.#engine.check(request);
    } catch (e) {
      return this.#settle(request, null, e);
    }
    if (typeof answer?.then !== "function") return this.#settle(request, answer, null);
    const sequence = ++this.#sequence;
    // An overtaken answer resolves to the newest check's (or, after unbind, the last one).
    const settled = Promise.resolve(answer).then(
      (verdict) => (sequence === this.#sequence ? this.#settle(request, verdict, null) : this.#newest ?? this.#detail),
      (e) => (sequence === this.#sequence ? this.#settle(request, null, e) : this.#newest ?? this.#detail),
    );
    this.#newest = settled;
    return settled;
  }

  /** A check's answer (a verdict, or what the engine threw) applied to the controls and dispatched. */
  #settle(request, verdict, thrown) {
    const error = thrown === null ? null : this.#readable(normaliseError(thrown));
    const byPointer = this.#controlsByPointer();
    // A violation whose field the form left blank asks for it ("请填写…") on its control; a
    // value given and refused keeps the policy's message. (The problems stay the verdict's
    // own objects: `asks` holds the control's text for the blank ones.)
    const problems = verdict !== null ? verdict.violations : [error];
    const asks = new Map();
    for (const v of verdict?.violations ?? []) {
      const ask = this.#ask(v, request, byPointer);
      if (ask !== null) asks.set(v, ask);
    }
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
    const pending = {};
    const shown = new Map();
    for (const [control, list] of placed) {
      const pointer = pointerOf(control, this.#opts);
      if (this.#shown(control)) {
        invalid[pointer] ??= list;
        shown.set(control, list);
      } else {
        pending[pointer] ??= list;
      }
    }
    // What is still to be filled in, by label, in a neutral tone (for a page's summary).
    const missingFields = [...new Set([...asks.keys()].map((p) => p.field))];
    const missing = missingFields.map((field) => ({ field, label: this.#label(field, byPointer) }));
    const summary = missing.length === 0 ? null : {
      zh: `还需填写：${missing.map((m) => m.label.zh).join("、")}`,
      en: `Still to fill in: ${missing.map((m) => m.label.en).join(", ")}`,
    };
    const result = { request, verdict, error, invalid, unplaced, placed: shown, asks };
    this.#last = result;
    this.#apply(result);
    const detail = { request, verdict, error, invalid, unplaced, pending, missing, summary };
    this.#detail = detail;
    const view = this.#form.ownerDocument?.defaultView;
    const Custom = view?.CustomEvent ?? globalThis.CustomEvent;
    this.#form.dispatchEvent(new Custom(VERDICT_EVENT, { detail, bubbles: true }));
    return detail;
  }

  /** A field's label `{ zh, en }`: the pack's (engine.contract), else its control's <label>, else the pointer. */
  #label(field, byPointer) {
    const fromContract = fieldsOf(this.#engine).get(field)?.label;
    if (typeof fromContract?.zh === "string") return { zh: fromContract.zh, en: fromContract.en ?? fromContract.zh };
    const control = (byPointer ?? this.#controlsByPointer()).get(field)?.[0];
    const text = (control?.labels?.[0]?.textContent ?? "").replace(/\s+/g, " ").trim();
    const name = text !== "" ? text : field;
    return { zh: name, en: name };
  }

  /** For a violation on a field the request does not have: the words asking for it, else null. */
  #ask(violation, request, byPointer) {
    const field = violation.field;
    if (typeof field !== "string" || field === "" || !byPointer.has(field)) return null;
    const value = getAt(request, field);
    const blank = value === undefined || value === null || (typeof value === "string" && value.trim() === "") ||
      (Array.isArray(value) && value.length === 0);
    if (!blank) return null;
    const label = this.#label(field, byPointer);
    const controls = byPointer.get(field);
    const choose = controls.some((c) => c.nodeName === "SELECT" || c.type === "radio" || c.type === "checkbox");
    return choose
      ? { zh: `请选择${label.zh}`, en: `Choose ${quoted(label.en)}` }
      : { zh: `请填写${label.zh}`, en: `Fill in ${quoted(label.en)}` };
  }

  /** The engine's error for a value it cannot read, in words an applicant reads: the field's label, no Rust. */
  #readable(error) {
    if (error.code !== "invalid_request" || typeof error.field !== "string") return error;
    const label = this.#label(error.field);
    const type = fieldsOf(this.#engine).get(error.field)?.type;
    const message =
      type === "long" ? { zh: `${label.zh}须为整数`, en: `${quoted(label.en)} must be a whole number` }
      : type === "bool" ? { zh: `${label.zh}须为“是”或“否”`, en: `${quoted(label.en)} must be yes or no` }
      : type === "enum" || type === "set" ? { zh: `${label.zh}的所选项无法识别，请重新选择`, en: `The choice for ${quoted(label.en)} is not one this form can take; choose again` }
      : { zh: `${label.zh}的内容无法识别，请检查`, en: `${quoted(label.en)} cannot be read; check it` };
    return { ...error, message, engineMessage: error.message };
  }

  /** Removes the listeners and every message this binding set. */
  unbind() {
    for (const [type, handler, capture] of this.#listeners) this.#form.removeEventListener(type, handler, capture);
    this.#listeners = [];
    // An answer still on its way (a worker's) is dropped, not applied after this.
    this.#sequence += 1;
    this.#newest = null;
    for (const control of [...this.#flagged.keys()]) this.#clear(control);
  }

  #apply(result) {
    for (const control of [...this.#flagged.keys()]) {
      if (!result.placed.has(control)) this.#clear(control);
    }
    for (const [control, list] of result.placed) {
      const text = this.#opts.message ? String(this.#opts.message(list, this.#lang)) : describe(list, this.#lang, result.asks);
      control.setCustomValidity(text);
      if (!this.#flagged.has(control)) {
        // Never take over an aria-invalid the page set itself.
        this.#flagged.set(control, this.#opts.aria !== false && !control.hasAttribute("aria-invalid"));
      }
      if (this.#flagged.get(control)) control.setAttribute("aria-invalid", "true");
      if (this.#opts.describe === true) this.#describe(control, text, result.placed);
    }
  }

  #clear(control) {
    control.setCustomValidity("");
    if (this.#flagged.get(control)) control.removeAttribute("aria-invalid");
    this.#flagged.delete(control);
    this.#undescribe(control);
  }

  /** The control's inline message: one element per pointer (a radio group's shared), linked by aria-describedby. */
  #describe(control, text, placed) {
    let entry = this.#described.get(control);
    if (entry === undefined) {
      const pointer = pointerOf(control, this.#opts);
      const siblings = pointer === null ? [] : [...placed.keys()].filter((c) => c !== control && pointerOf(c, this.#opts) === pointer);
      entry = siblings.map((c) => this.#described.get(c)).find((e) => e !== undefined);
      if (entry === undefined) {
        const doc = control.ownerDocument;
        const named = control.dataset?.pdpDescribe;
        const target = named ? doc.getElementById(named) : null;
        if (target !== null) {
          entry = { id: target.id, element: target, made: false };
        } else {
          Binding.#count += 1;
          const element = doc.createElement("span");
          element.className = "pdp-message";
          element.id = `pdp-message-${Binding.#count}`;
          const group = placed.has(control) ? [...placed.keys()].filter((c) => pointerOf(c, this.#opts) === pointer) : [control];
          const last = group[group.length - 1] ?? control;
          const anchor = last.closest("label") ?? last;
          anchor.after(element);
          entry = { id: element.id, element, made: true };
        }
      }
      this.#described.set(control, entry);
      const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
      if (!ids.includes(entry.id)) control.setAttribute("aria-describedby", [...ids, entry.id].join(" "));
    }
    entry.element.textContent = text;
  }

  #undescribe(control) {
    const entry = this.#described.get(control);
    if (entry === undefined) return;
    this.#described.delete(control);
    const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id !== "" && id !== entry.id);
    if (ids.length > 0) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
    if ([...this.#described.values()].includes(entry)) return; // another control of the group still shows it
    if (entry.made) entry.element.remove();
    else entry.element.textContent = "";
  }

  #typeOf(pointer, controls) {
    const declared = controls.map((c) => c.dataset?.pdpType).find((t) => TYPES.includes(t));
    return declared ?? (TYPES.includes(this.#opts.types?.[pointer]) ? this.#opts.types[pointer] : undefined) ??
      READ_AS[fieldsOf(this.#engine).get(pointer)?.type] ?? inferType(controls);
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

/** Whether a check lets the form submit: read, and not refused. */
function allows(detail) {
  return detail.error === null && detail.verdict?.outcome !== "refused";
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
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

function keysOf(pointer) {
  return pointer.slice(1).split("/").map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The member a JSON Pointer names, or undefined. */
function getAt(target, pointer) {
  return keysOf(pointer).reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), target);
}

function quoted(text) {
  return `“${text}”`;
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

function describe(problems, lang, asks) {
  const sep = lang === "en" ? "; " : "；";
  return problems
    .map((p) => {
      const message = asks?.get(p) ?? p.message;
      const text = message?.[lang] ?? message?.zh ?? "";
      if (typeof p.article !== "string" || p.article === "") return text;
      return lang === "en" ? `${text} (${p.regulation}, ${p.article})` : `${text}（${p.regulation}${p.article}）`;
    })
    .join(sep);
}
