// The demo page: five application forms, each bound to the engine with the package's
// bindForm, and a panel that renders each check — the outcome, what to fix under which
// article, who decides and by when, the duties and notes. Plain DOM, no framework; the
// package (./pkg-forms/: its build without the authoring calls, copied in by build.mjs) is
// the only dependency. Nothing is fetched after the package's module and .wasm but the
// forms not on show (forms.js), after the first verdict: every check runs in this page —
// or, with `?engine=worker`, in a Web Worker of it (the package's worker entry,
// ./pkg-forms/worker.js), so that building an engine never holds the page while the
// applicant types; bench/browser.mjs times both. lite.html (build.mjs writes it from
// index.html) is the same page on `pubdata-policy/lite`: the module without built-in packs
// (./pkg-lite/lite.wasm), each jurisdiction's compiled pack (./packs/<id>.json) fetched when
// it is first chosen, the first beside the module.

import init, { Engine, bindForm as bindInPage } from "./pkg-forms/pubdata_policy_wasm.js";
import { contractFields, regulationOf } from "./contract.js";
import { h } from "./dom.js";
import { FORMS, codeOf, fieldsOf, isShown, siteValues } from "./forms.js";
import { JURISDICTION_NAMES, OUTCOMES, REVIEWERS, UI, VALUES, articleLabel } from "./text.js";

const JURISDICTIONS = Object.keys(JURISDICTION_NAMES);
const IN_WORKER = new URLSearchParams(location.search).get("engine") === "worker";
/** lite.html: the forms on the module without built-in packs, each engine from its pack. */
const LITE = document.documentElement.dataset.module === "lite";
/** Engines made by loadEngine, not on first use: in the worker, or from a fetched pack. */
const LOADED = IN_WORKER || LITE;
/** The package's worker entry, once loaded (`?engine=worker`). */
let worker = null;
/** The package's bindForm: the page's own, or the worker entry's. */
let bindForm = bindInPage;

const state = {
  lang: "zh",
  jurisdiction: "ganzi",
  form: "share",
  engines: new Map(),
  forms: new Map(), // id → { def, el, binding, touched, attempted, last, submitted }
  choosing: null, // the form chosen while its definition loads
  choosingJurisdiction: null, // the jurisdiction chosen while its engine loads
};

/** The forms' definitions loaded so far (forms.js loads all but the first when needed). */
const defs = new Map();

/** A form's definition, loaded once; undefined for an unknown id. */
async function defOf(id) {
  const def = defs.get(id) ?? (await FORMS.find((f) => f.id === id)?.load());
  if (def) defs.set(id, def);
  return def;
}

// ---- small helpers ---------------------------------------------------------------------

/** The text of a `{ zh, en }` (or a function of the language) in the current language. */
function pick(msg, ...args) {
  if (typeof msg === "function") return msg(state.lang, ...args);
  const v = msg?.[state.lang] ?? msg?.zh ?? "";
  return typeof v === "function" ? v(...args) : v;
}

// Elements whose text follows the language (and, for option labels, the jurisdiction).
const translated = [];
function tr(el, msg, attr = null) {
  translated.push({ el, msg, attr });
  apply({ el, msg, attr });
  return el;
}
function apply({ el, msg, attr }) {
  const text = pick(msg);
  if (attr === null) {
    if (el.textContent !== text) el.textContent = text;
  } else el.setAttribute(attr, text);
}
function retranslate() {
  for (const t of translated) apply(t);
}

const idOf = (formId, name) => `${formId}-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;

function valuesOf(field) {
  const list = typeof field.values === "string" ? VALUES[field.values] : field.values;
  return field.only ? list.filter(([v]) => field.only.includes(v)) : list;
}

/** A control's option: the form's word for the value, or the pack's in the current jurisdiction's contract. */
function optionLabel(field, [value, label, byJurisdiction]) {
  return (lang) => (byJurisdiction?.[state.jurisdiction] ?? label ?? contractField(field.name)?.values.get(value))?.[lang] ?? value;
}

/**
 * A field's label: the form's own wording, or else the label its pack gives the request
 * field in the current jurisdiction's contract (the pointer only if no pack declares it).
 */
function labelOf(field) {
  return field.label ?? ((lang) => contractField(field.name)?.label?.[lang] ?? field.name);
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// ---- the engine ------------------------------------------------------------------------

/**
 * The engine of a jurisdiction: built in the page on first use; in the worker, or from a
 * fetched pack (lite.html), loadEngine built it.
 */
function engineFor(j) {
  if (!state.engines.has(j)) {
    if (LOADED) throw new Error(`no engine for ${j} yet: loadEngine first`);
    state.engines.set(j, new Engine(j));
  }
  return state.engines.get(j);
}

/** A jurisdiction's compiled pack as text (lite.html), fetched once; a failed fetch is tried again when asked again. */
const packs = new Map();
function packOf(j) {
  if (!packs.has(j)) {
    const url = new URL(`./packs/${j}.json`, import.meta.url);
    const text = fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: ${r.status}`))));
    packs.set(j, text);
    text.catch(() => packs.delete(j));
  }
  return packs.get(j);
}

/** The engines being made by loadEngine, by jurisdiction. */
const loading = new Map();

/**
 * Makes sure the engine of a jurisdiction exists; in the worker that takes a round trip,
 * on lite.html the pack's download.
 */
async function loadEngine(j, options) {
  if (LOADED && !state.engines.has(j)) {
    // One load per jurisdiction at a time: chosen twice while it loads, it is still one engine
    // (in the worker, none left behind there).
    if (!loading.has(j)) {
      const made = (async () => {
        const pack = LITE ? await packOf(j) : null;
        const engine = IN_WORKER
          ? await (LITE ? worker.WorkerEngine.fromCompiled(pack, options) : worker.WorkerEngine.start(j, options))
          : Engine.fromCompiled(pack);
        state.engines.set(j, engine);
      })();
      loading.set(j, made);
      made.then(() => loading.delete(j), () => loading.delete(j));
    }
    await loading.get(j);
  }
  return engineFor(j);
}

/**
 * What the current jurisdiction's contract says of a request field, or undefined; nothing
 * before its engine exists (start builds the page hidden until then, and gives it the
 * contract's labels after; a jurisdiction chosen later has its engine before it is current).
 */
function contractField(pointer) {
  const engine = state.engines.get(state.jurisdiction);
  return engine ? contractFields(engine).get(pointer) : undefined;
}

/** The article's summary from the engine's regulation metadata: `{ title, text, short }`. */
function articleInfo(regulationTitle, article) {
  const info = regulationOf(engineFor(state.jurisdiction));
  const regs = info.regulations ?? [];
  const reg = regs.find((r) => r.title === regulationTitle) ?? regs[0];
  const text = reg?.articles?.[article];
  const title = state.lang === "en" ? reg?.titleEn ?? regulationTitle : regulationTitle;
  return { title, text: text ? pick(text) : null, short: regs.length > 1 ? shortName(reg, regulationTitle) : null };
}

/**
 * A short name where a jurisdiction has several regulations, so that the article number
 * says which: 《丽水细则》, 《浙江办法》 (place and kind of text); in English the key.
 */
function shortName(reg, title) {
  if (state.lang === "en") return reg?.key ? reg.key[0].toUpperCase() + reg.key.slice(1) : title;
  const bare = title.replace(/（[^）]*）$/, "");
  const place = /^(.{2,3}?)(?:市|省|州|区|县)/.exec(bare)?.[1];
  return place ? `《${place}${bare.slice(-2)}》` : `《${title}》`;
}

/** An article citation that opens to the article's text, and shows it on hover. */
function articleRef(regulation, article) {
  if (!article) return null;
  const { title, text, short } = articleInfo(regulation, article);
  const label = articleLabel(article, state.lang).replace(" ", "\u00a0"); // "Art. 18" on one line
  const summaryText = short === null ? label : state.lang === "en" ? `${label} (${short})` : `${short}${label}`;
  const body = text ?? pick(UI.noText);
  const heading = state.lang === "en" ? `${title}, ${label}: ` : `《${title}》${label}：`;
  return h("details", { class: "article" },
    h("summary", { title: body }, summaryText),
    h("p", { class: "article-text" }, h("span", { class: "article-title" }, heading), body));
}

// ---- building the page -----------------------------------------------------------------

function renderShell(root) {
  root.replaceChildren();
  const jurisdictionSelect = h("select", { id: "jurisdiction", onchange: (e) => setJurisdiction(e.target.value) },
    JURISDICTIONS.map((j) => tr(h("option", { value: j }), JURISDICTION_NAMES[j])));
  jurisdictionSelect.value = state.jurisdiction;
  const langButtons = [["zh", "中文"], ["en", "English"]].map(([lang, label]) =>
    h("button", { type: "button", lang: lang === "zh" ? "zh-CN" : "en", "data-lang": lang, "aria-pressed": String(state.lang === lang), onclick: () => setLang(lang) }, label));

  const header = h("header", { class: "top" },
    h("div", { class: "brand" }, tr(h("h1"), UI.title), tr(h("p", { class: "lede" }), UI.lede)),
    h("div", { class: "switches" },
      tr(h("a", { class: "crosslink", id: "to-playground", href: "playground.html" }), UI.toPlayground),
      h("div", { class: "switch" }, tr(h("label", { for: "jurisdiction" }), UI.jurisdiction), jurisdictionSelect),
      h("div", { class: "switch", role: "group", "aria-labelledby": "lang-label" },
        tr(h("span", { id: "lang-label", class: "switch-label" }), UI.language), h("span", { class: "segmented" }, langButtons))));

  const regulation = h("p", { class: "regulation", id: "regulation" });
  const tabs = h("div", { class: "tabs", role: "tablist", id: "tabs" });
  tr(tabs, UI.forms, "aria-label");
  for (const form of FORMS) {
    const tab = h("button", {
      type: "button", role: "tab", id: `tab-${form.id}`, "aria-controls": `panel-${form.id}`,
      "aria-selected": String(form.id === state.form), tabindex: form.id === state.form ? "0" : "-1",
      onclick: () => selectForm(form.id, true), onkeydown: tabKeys,
    });
    tabs.append(tr(tab, form.tab));
  }
  // The forms' panels come from formOf, each when first needed.
  root.append(header, h("main", { id: "main" }, regulation, tabs, h("div", { class: "panels", id: "panels" })));
}

/**
 * A form, its panel built and bound to the engine on first need: the page builds the
 * selected form and shows its first verdict before it builds the others (on a slow phone,
 * building five forms at once held that verdict back by half a second).
 */
function formOf(def) {
  const entry = panelOf(def);
  entry.binding ??= bindForm(entry.el, engineFor(state.jurisdiction), {
    lang: state.lang, aria: false, values: siteValues(entry.def), ...entry.def.bind,
  });
  return entry;
}

/** A form's panel, built on first need and not yet bound (formOf binds it). */
function panelOf(def) {
  if (state.forms.has(def.id)) return state.forms.get(def.id);
  const panel = renderPanel(def);
  // In the forms' order, before the first later form already built.
  const later = FORMS.slice(FORMS.findIndex((f) => f.id === def.id) + 1).map((f) => state.forms.get(f.id)?.panel).find(Boolean);
  document.getElementById("panels").insertBefore(panel, later ?? null);
  const entry = state.forms.get(def.id);
  applyVisibility(entry);
  return entry;
}

function tabKeys(e) {
  const ids = FORMS.map((f) => f.id);
  const at = ids.indexOf(state.form);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  selectForm(ids[(to + ids.length) % ids.length], true);
}

function renderPanel(def) {
  const form = h("form", { class: "application", id: `form-${def.id}`, "aria-labelledby": `title-${def.id}`, autocomplete: "on" });
  form.append(
    tr(h("h2", { id: `title-${def.id}` }), def.title),
    tr(h("p", { class: "intro" }), def.intro),
    h("div", { class: "notice", id: `notice-${def.id}`, role: "note", hidden: true }),
    h("input", { type: "hidden", name: "/jurisdiction", value: state.jurisdiction }),
  );
  if (def.kinds.length === 1) form.append(h("input", { type: "hidden", name: "/kind", value: def.kinds[0] }));
  for (const section of def.sections) {
    const fs = h("fieldset", { class: "section", "data-section": section.id }, tr(h("legend"), section.legend));
    for (const field of section.fields) fs.append(renderField(def.id, field, def.bind?.describe === true));
    form.append(fs);
  }
  const chip = h("span", { class: "chip", "aria-hidden": "true", id: `chip-${def.id}` });
  form.append(h("div", { class: "actions" }, chip, tr(h("button", { type: "submit", class: "primary" }), UI.submit)));

  const aside = h("aside", { class: "verdict", "aria-labelledby": `verdict-title-${def.id}` },
    tr(h("h2", { id: `verdict-title-${def.id}` }), UI.result),
    h("div", { class: "outcome", id: `outcome-${def.id}`, role: "status", "aria-live": "polite", "aria-atomic": "true" }),
    h("div", { class: "details", id: `details-${def.id}` }));

  const panel = h("section", {
    class: "panel", role: "tabpanel", id: `panel-${def.id}`, "aria-labelledby": `tab-${def.id}`,
    hidden: def.id !== state.form,
  }, h("div", { class: "layout" }, form, aside));

  const entry = { def, el: form, panel, binding: null, touched: new Set(), attempted: false, last: null, submitted: null };
  state.forms.set(def.id, entry);

  const touch = (e) => {
    const name = e.target ? pointerOfControl(e.target) : null;
    if (name) entry.touched.add(name);
    if (entry.submitted !== null) entry.submitted = null;
  };
  form.addEventListener("input", touch);
  form.addEventListener("change", (e) => {
    touch(e);
    // The kind, or the step a form asks by steps: the fields shown follow it.
    if (e.target.name === "/kind" || (def.step !== undefined && e.target.name === def.step)) {
      applyVisibility(entry);
      entry.binding?.check();
    }
  });
  // The browser stops a submit with invalid controls and fires `invalid` on each.
  form.addEventListener("invalid", () => {
    if (!entry.attempted) {
      entry.attempted = true;
      render(entry);
    }
  }, true);
  form.addEventListener("submit", (e) => {
    entry.attempted = true;
    const blocked = e.defaultPrevented; // bindForm stops a refused or unreadable request
    e.preventDefault(); // a demo: nothing is ever sent
    entry.submitted = blocked ? null : entry.last?.request ?? null;
    render(entry);
    if (!blocked) document.getElementById(`details-${def.id}`)?.querySelector(".submitted")?.focus();
  });
  form.addEventListener("pdp-verdict", (e) => {
    entry.last = e.detail;
    render(entry);
  });
  return panel;
}

/**
 * A field's wrapper, label, hint, control(s) and message. `described`: bindForm's `describe`
 * writes the control's message (the one its bubble shows) into `.msg` and links it by
 * aria-describedby while the control is flagged; the article cited goes beside it. Otherwise
 * the page writes `.msg` itself, always linked.
 */
function renderField(formId, field, described) {
  const id = idOf(formId, field.name);
  const hintId = field.hint ? `${id}-hint` : null;
  const msgId = `${id}-msg`;
  const describedBy = [hintId, described ? null : msgId].filter(Boolean).join(" ") || undefined;
  const hint = field.hint ? tr(h("p", { class: "hint", id: hintId }), field.hint) : null;
  const msg = h("div", { class: "msg", id: msgId });
  const article = described ? h("div", { class: "msg-article" }) : null;
  const optional = field.optional ? tr(h("span", { class: "opt" }), (lang) => (lang === "en" ? " (optional)" : "（选填）")) : null;
  // A site's own name for the control (the share form's), mapped back by data-pdp-field.
  const common = {
    name: field.site ?? field.name, "data-pdp-field": field.site ? field.name : undefined,
    "aria-describedby": describedBy, "data-pdp-describe": described ? msgId : undefined, required: field.required,
  };

  if (field.control === "radio" || field.control === "checks") {
    const type = field.control === "radio" ? "radio" : "checkbox";
    const options = valuesOf(field).map((entry, i) => {
      const input = h("input", { ...common, type, id: `${id}-${i}`, value: codeOf(field, entry[0]), checked: field.value === entry[0] });
      return h("label", { class: "option", for: `${id}-${i}` }, input, tr(h("span"), optionLabel(field, entry)));
    });
    const legend = h("legend", {}, tr(h("span"), labelOf(field)), optional);
    return h("fieldset", { class: `field group ${type}`, "data-name": field.name, id }, legend, hint, h("div", { class: "options" }, options), msg, article);
  }
  if (field.control === "checkbox") {
    const input = h("input", { ...common, type: "checkbox", id: `${id}-input` });
    return h("div", { class: "field check", "data-name": field.name, id },
      h("div", { class: "check-row" }, input, tr(h("label", { for: `${id}-input` }), labelOf(field))), hint, msg, article);
  }
  let control;
  if (field.control === "select") {
    control = h("select", { ...common, id: `${id}-input` },
      tr(h("option", { value: "" }), UI.choose),
      valuesOf(field).map((entry) => tr(h("option", { value: codeOf(field, entry[0]) }), optionLabel(field, entry))));
  } else if (field.control === "textarea") {
    control = h("textarea", { ...common, id: `${id}-input`, rows: 3, maxlength: 4000 });
  } else {
    const type = { date: "date", number: "number", tel: "tel" }[field.control] ?? "text";
    control = h("input", {
      ...common, id: `${id}-input`, type, autocomplete: field.autocomplete, pattern: field.pattern,
      maxlength: field.maxlength ?? (type === "text" || type === "tel" ? 200 : undefined),
      min: field.min, max: field.max, inputmode: type === "number" ? "numeric" : undefined,
      value: field.today ? today() : undefined,
    });
  }
  const label = h("label", { for: `${id}-input` }, tr(h("span"), labelOf(field)), optional);
  return h("div", { class: "field", "data-name": field.name, id }, label, hint, control, msg, article);
}

// ---- state changes -----------------------------------------------------------------------

function kindOf(entry) {
  if (entry.def.kinds.length === 1) return entry.def.kinds[0];
  return entry.el.querySelector('[name="/kind"]:checked')?.value ?? entry.def.kinds[0];
}

/** The value of the form's `step` field (the operation's step, the registration's type), or null. */
function stepOf(entry) {
  const name = entry.def.step;
  if (name === undefined) return null;
  const chosen = [...entry.el.elements].find((c) => pointerOfControl(c) === name && (c.type === "radio" ? c.checked : c.value !== ""));
  return chosen?.value ?? null;
}

/** Shows (and enables) the fields the jurisdiction's rules read for the form's kind and step. */
function applyVisibility(entry) {
  const kind = kindOf(entry);
  const step = stepOf(entry);
  for (const section of entry.def.sections) {
    const fs = entry.el.querySelector(`[data-section="${section.id}"]`);
    let any = false;
    for (const field of section.fields) {
      const shown = isShown(field, state.jurisdiction, kind, step);
      any ||= shown;
      const wrapper = fs.querySelector(`[data-name="${CSS.escape(field.name)}"]`);
      wrapper.hidden = !shown;
      for (const c of wrapper.querySelectorAll("input, select, textarea")) c.disabled = !shown;
    }
    fs.hidden = !any;
    fs.disabled = !any;
  }
}

/** Why something did not load: an engine's error in the page's language, or a script's. */
function whyOf(e) {
  return typeof e?.message === "string" ? e.message : e?.message ? pick(e.message) : String(e);
}

/** Says in the page's regulation line what did not load (`what`, UI's words, given `args`) and why. */
function showLoadError(what, e, ...args) {
  document.getElementById("regulation").replaceChildren(h("span", { class: "load-error", role: "alert" }, pick(what, ...args), whyOf(e)));
}

function setJurisdiction(j) {
  if (!JURISDICTIONS.includes(j)) return;
  // The rules of that jurisdiction did not load: say so, and stay where we were.
  const failed = (e) => {
    document.getElementById("jurisdiction").value = state.jurisdiction;
    showLoadError(UI.rulesFailed, e, pick(JURISDICTION_NAMES[j]));
  };
  if (LOADED && !state.engines.has(j)) {
    // Shown once loaded, unless another was chosen meanwhile: the last choice stands,
    // whichever engine arrives last.
    state.choosingJurisdiction = j;
    const current = () => state.choosingJurisdiction === j;
    loadEngine(j).then(
      () => current() && setJurisdiction(j),
      (e) => current() && failed(e),
    );
    return;
  }
  state.choosingJurisdiction = null;
  let engine;
  try {
    engine = engineFor(j);
  } catch (e) {
    failed(e);
    return;
  }
  state.jurisdiction = j;
  document.getElementById("jurisdiction").value = j;
  retranslate();
  renderRegulation();
  for (const entry of state.forms.values()) {
    entry.el.querySelector('[name="/jurisdiction"]').value = j;
    entry.submitted = null;
    applyVisibility(entry);
    if (entry.binding) entry.binding.engine = engine; // checks the form again
  }
  saveHash();
}

function setLang(lang) {
  state.lang = lang === "en" ? "en" : "zh";
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  retranslate();
  renderRegulation();
  for (const entry of state.forms.values()) {
    if (entry.binding) entry.binding.lang = state.lang;
    entry.renderedKey = null;
    render(entry);
  }
  saveHash();
}

function selectForm(id, focus = false) {
  const chosen = defs.get(id);
  if (!chosen) {
    // Not loaded yet (forms.js): selected once it is, unless another was chosen meanwhile;
    // its tab says it is loading.
    const tab = document.getElementById(`tab-${id}`); // one for each of FORMS, none else
    if (!tab) return;
    state.choosing = id;
    tab.setAttribute("aria-busy", "true");
    defOf(id)
      .then((def) => def && state.choosing === id && selectForm(id, focus), (e) => showLoadError(UI.formFailed, e))
      .finally(() => tab.removeAttribute("aria-busy"));
    return;
  }
  state.choosing = null;
  formOf(chosen);
  state.form = id;
  for (const form of FORMS) {
    const tab = document.getElementById(`tab-${form.id}`);
    const on = form.id === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    const panel = state.forms.get(form.id)?.panel;
    if (panel) panel.hidden = !on;
  }
  if (focus) document.getElementById(`tab-${id}`).focus();
  saveHash();
}

function saveHash() {
  const params = new URLSearchParams({ j: state.jurisdiction, form: state.form, lang: state.lang });
  history.replaceState(null, "", `#${params}`);
  const playground = document.getElementById("to-playground");
  if (playground) playground.href = `playground.html#${new URLSearchParams({ j: state.jurisdiction, lang: state.lang })}`;
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (JURISDICTIONS.includes(params.get("j"))) state.jurisdiction = params.get("j");
  if (FORMS.some((f) => f.id === params.get("form"))) state.form = params.get("form");
  if (params.get("lang") === "en") state.lang = "en";
}

function renderRegulation() {
  const el = document.getElementById("regulation");
  const info = regulationOf(engineFor(state.jurisdiction));
  const parts = info.regulations.map((r) => {
    const title = state.lang === "en" ? r.titleEn : `《${r.title}》`;
    const sep = state.lang === "en" ? ", " : "，";
    const dates = `${pick(UI.inForce)} ${r.inForce}${r.expires ? `${sep}${pick(UI.expires)} ${r.expires}` : ""}`;
    return h("span", { class: "reg" }, h("cite", {}, title), state.lang === "en" ? ` (${dates})` : `（${dates}）`);
  });
  el.replaceChildren(h("strong", {}, pick(info.name)), " · ", ...parts.flatMap((p, i) => (i ? [" + ", p] : [p])));
}

// ---- rendering a check -----------------------------------------------------------------

/** The name of the field a problem names: the form's label for it, else its pack's label. */
function fieldLabel(entry, pointer) {
  const field = entry.def.sections.flatMap((s) => s.fields).find((f) => f.name === pointer);
  return pick(labelOf(field ?? { name: pointer }));
}

/**
 * One problem of the verdict panel: placed on a control, a link to it; not placed (bindForm's
 * `unplaced`: no control of the form holds it), the field's label all the same, or the
 * application as a whole when it names none.
 */
function problemItem(entry, problem, placed) {
  const id = placed ? firstControlId(entry, problem.field) : null;
  const unplaced = problem.rule === "undecided" ? pick(UI.notGoverned) : problem.field ? fieldLabel(entry, problem.field) : pick(UI.fieldless);
  const where = placed
    ? h("a", { href: `#${id}`, class: "goto", onclick: (e) => { e.preventDefault(); document.getElementById(id)?.focus(); } }, fieldLabel(entry, problem.field))
    : h("span", { class: "where" }, unplaced);
  const sep = h("span", { class: "sep" }, state.lang === "en" ? ": " : "：");
  return h("li", { class: "problem" }, where, sep, h("span", { class: "text" }, pick(problem.message)), " ", articleRef(problem.regulation, problem.article));
}

/** The JSON Pointer a control carries: its data-pdp-field (a site-named control), else its name. */
function pointerOfControl(control) {
  return control.dataset?.pdpField ?? control.getAttribute?.("name") ?? null;
}

function firstControlId(entry, pointer) {
  let p = pointer;
  while (p) {
    const control = [...entry.el.elements].find((c) => pointerOfControl(c) === p && c.willValidate);
    if (control) return control.id;
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return null;
}

function reviewerName(reviewer, kind) {
  const names = REVIEWERS[reviewer] ?? { zh: reviewer, en: reviewer };
  return pick(names[kind] ?? names);
}

function summaryLine(d, kind) {
  if (d.error) return `${pick(OUTCOMES.error)} · ${pick(d.error.message)}`;
  const v = d.verdict;
  const parts = [pick(OUTCOMES[v.outcome])];
  if (v.outcome === "refused") parts.push(pick(UI.problemsN, v.violations.length));
  if (v.route && v.outcome !== "refused") {
    parts.push(reviewerName(v.route.reviewer, kind));
    if (v.route.workingDays !== undefined) parts.push(pick(UI.workingDaysN, v.route.workingDays));
    if (v.route.due !== undefined) parts.push(pick(UI.byDate, v.route.due));
  }
  return parts.join(" · ");
}

function render(entry) {
  const d = entry.last;
  if (d === null) return;
  const outcome = document.getElementById(`outcome-${entry.def.id}`);
  const chip = document.getElementById(`chip-${entry.def.id}`);
  // Gentle (the share form): before a submit attempt, while no changed field has a problem,
  // the summary says neutrally what is still to fill in rather than "refused".
  const waiting = entry.def.bind?.gentle === true && !entry.attempted && d.summary &&
    Object.keys(d.invalid).length === 0 && d.unplaced.length === 0 && d.error === null;
  const kind = waiting ? "missing" : d.error ? "error" : d.verdict.outcome;
  const line = waiting ? pick(d.summary) : summaryLine(d, kindOf(entry));
  // Only a changed summary is written, so the live region speaks only on a change.
  if (outcome.textContent !== line) {
    outcome.textContent = line;
    outcome.dataset.outcome = kind;
    chip.textContent = line;
    chip.dataset.outcome = kind;
  }
  renderFieldMessages(entry, d);
  const key = JSON.stringify([state.lang, state.jurisdiction, d.verdict, d.error, Object.keys(d.invalid), entry.submitted]);
  if (entry.renderedKey === key) return;
  entry.renderedKey = key;
  renderDetails(entry, d);
}

function renderFieldMessages(entry, d) {
  for (const wrapper of entry.el.querySelectorAll(".field[data-name]")) {
    const pointer = wrapper.dataset.name;
    const problems = wrapper.hidden ? [] : d.invalid[pointer] ?? [];
    const show = problems.length > 0 && (entry.attempted || entry.touched.has(pointer));
    const key = JSON.stringify([state.lang, show, problems.map((p) => p.rule ?? p.code ?? "")]);
    wrapper.classList.toggle("has-problem", show);
    // bindForm describes the control (message, aria-describedby, aria-invalid): the articles here.
    const article = wrapper.querySelector(".msg-article");
    if (article !== null) {
      if (article.dataset.key === key) continue;
      article.dataset.key = key;
      const cited = show ? groupByArticle(problems).filter((g) => g.article) : [];
      article.replaceChildren(...cited.map((g) => articleRef(g.regulation, g.article)));
      continue;
    }
    const msg = wrapper.querySelector(".msg");
    for (const c of wrapper.querySelectorAll("input, select, textarea")) {
      if (show) c.setAttribute("aria-invalid", "true");
      else c.removeAttribute("aria-invalid");
    }
    if (msg.dataset.key === key) continue;
    msg.dataset.key = key;
    msg.replaceChildren(...(show ? groupByArticle(problems).map((g) =>
      h("p", { class: "problem" }, h("span", { class: "text" }, g.messages.join(state.lang === "en" ? "; " : "；")), " ", articleRef(g.regulation, g.article))) : []));
  }
  const notice = document.getElementById(`notice-${entry.def.id}`);
  const undecided = d.verdict?.violations.find((v) => v.rule === "undecided");
  notice.hidden = undecided === undefined;
  notice.textContent = undecided ? `${pick(UI.notGoverned)}：${pick(undecided.message)}` : "";
}

/** Problems of one field citing the same article, cited once: `[{ regulation, article, messages }]`. */
function groupByArticle(problems) {
  const groups = [];
  for (const p of problems) {
    const last = groups.at(-1);
    if (last && p.article && last.article === p.article && last.regulation === p.regulation) last.messages.push(pick(p.message));
    else groups.push({ regulation: p.regulation, article: p.article, messages: [pick(p.message)] });
  }
  return groups;
}

function section(titleMsg, ...content) {
  return h("section", { class: "block" }, h("h3", {}, pick(titleMsg)), ...content);
}

function renderDetails(entry, d) {
  const out = [];
  // A problem on a control, shown there yet or (gentle) still pending: a link to it.
  const placed = new Set([...Object.values(d.invalid), ...Object.values(d.pending ?? {})].flat());
  const problems = d.error ? [d.error] : d.verdict.violations;
  if (problems.length > 0) {
    out.push(section(UI.toFix, h("ul", { class: "problems" }, problems.map((p) => problemItem(entry, p, placed.has(p))))));
  }
  const v = d.verdict;
  if (v?.route && v.outcome !== "refused") {
    const r = v.route;
    const rows = [
      [UI.reviewer, reviewerName(r.reviewer, kindOf(entry))],
      r.workingDays !== undefined ? [UI.workingDays, pick(UI.workingDaysN, r.workingDays)] : null,
      r.due !== undefined ? [UI.due, r.due] : null,
    ].filter(Boolean);
    out.push(section(UI.route,
      h("dl", { class: "route" }, rows.flatMap(([k, val]) => [h("dt", {}, pick(k)), h("dd", {}, val)])),
      r.silenceMeansApproval ? h("p", { class: "silence" }, pick(UI.silence)) : null,
      r.message ? h("p", { class: "route-message" }, pick(r.message)) : null,
      h("p", { class: "cite" }, `${pick(UI.basis)} `, articleRef(r.regulation, r.article))));
    if (v.schedule) {
      out.push(section(UI.schedule, h("ol", { class: "schedule" }, v.schedule.map((st) =>
        h("li", {},
          h("span", { class: "text" }, reviewerName(st.reviewer, kindOf(entry))),
          st.workingDays !== undefined ? ` · ${pick(UI.workingDaysN, st.workingDays)}` : null,
          st.due !== undefined ? h("span", { class: "due" }, ` ${pick(UI.byDate, st.due)}`) : null,
          st.onRequest ? ` (${pick(UI.onRequest)})` : null,
          " ", articleRef(st.regulation, st.article))))));
    }
  }
  if (v && v.outcome !== "refused" && v.grounds.length > 0) {
    out.push(section(UI.grounds, h("ul", { class: "grounds" }, v.grounds.map((g) => h("li", {}, articleRef(g.regulation, g.article))))));
  }
  if (v && v.obligations.length > 0) {
    out.push(section(UI.obligations, h("ul", { class: "obligations" }, v.obligations.map((o) =>
      h("li", {}, h("span", { class: "text" }, pick(o.message)),
        o.due ? h("span", { class: "due" }, ` ${pick(UI.byDate, o.due)}`) : null, " ", articleRef(o.regulation, o.article))))));
  }
  if (v && v.warnings.length > 0) {
    out.push(section(UI.warnings, h("ul", { class: "warnings" }, v.warnings.map((w) =>
      h("li", {}, h("span", { class: "text" }, pick(w.message)), " ", w.article ? articleRef(w.regulation, w.article) : null)))));
  }
  if (entry.submitted !== null) {
    out.push(h("section", { class: "block submitted", tabindex: "-1" },
      h("p", {}, pick(UI.ready)),
      h("details", {}, h("summary", {}, pick(UI.requestJson)), h("pre", {}, JSON.stringify(entry.submitted, null, 2)))));
  }
  if (v?.policySet) {
    out.push(h("p", { class: "policyset" }, `${pick(UI.policySet)} ${v.policySet.jurisdiction} ${v.policySet.version} · ${v.policySet.hash.slice(0, 12)}`));
  }
  document.getElementById(`details-${entry.def.id}`).replaceChildren(...out);
}

// ---- start -------------------------------------------------------------------------------

// The module the page preloads, named from this script rather than left to init(), which
// names it from the package's script: in the build bundled into one file (build.mjs
// --minify) that script is this one, beside index.html. lite.wasm is run by the forms
// module's script: the package's two scripts differ only in the module they fetch when
// given none.
const MODULE = new URL(LITE ? "./pkg-lite/lite.wasm" : "./pkg-forms/forms.wasm", import.meta.url);

async function start() {
  const root = document.getElementById("app");
  readHash();
  // The first pack downloads beside the module, not after it.
  if (LITE) packOf(state.jurisdiction).catch(() => {}); // (its failure is loadEngine's to report)
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  // The page and the selected form are built while the module downloads (on a slow link
  // the processor waits for it, and building them after held the first verdict back), out
  // of sight: the labels only a pack's contract gives come with the engine.
  const page = h("div", { hidden: true });
  root.append(page);
  renderShell(page);
  const fail = (what, e) => root.replaceChildren(h("p", { class: "load-error", role: "alert" }, pick(what), whyOf(e)));
  try {
    panelOf(await defOf(state.form));
  } catch (e) {
    fail(UI.formFailed, e);
    return;
  }
  try {
    if (IN_WORKER) {
      worker = await import("./pkg-forms/worker.js");
      bindForm = worker.bindForm;
      // The module index.html preloads, handed to the worker as bytes: a worker's own fetch
      // cannot use the page's preload.
      const bytes = fetch(MODULE).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${MODULE}: ${r.status}`))));
      await loadEngine(state.jurisdiction, { module_or_path: bytes });
    } else {
      await init({ module_or_path: MODULE });
      await loadEngine(state.jurisdiction);
    }
  } catch (e) {
    fail(UI.loadFailed, e);
    return;
  }
  retranslate();
  root.replaceChildren(...page.childNodes);
  renderRegulation();
  selectForm(state.form);
  // The other forms once the page has shown the selected one's verdict: in the page it came
  // with the binding; from a worker it takes a message, which building them would hold up.
  const selected = state.forms.get(state.form);
  if (selected && selected.last === null) {
    await new Promise((resolve) => {
      selected.el.addEventListener("pdp-verdict", resolve, { once: true });
      setTimeout(resolve, 1000); // not held by a check that never answers
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    for (const def of await Promise.all(FORMS.map((f) => defOf(f.id)))) formOf(def);
  } catch (e) {
    showLoadError(UI.formFailed, e);
    return;
  }
  document.body.dataset.ready = "true";
}

start();
