// The policy playground: a jurisdiction's policy files, as the package itself holds them
// (Engine.builtinSources), in an editor. "Validate & load" builds an engine from the edited
// texts (Engine.fromSources) and says where a set that does not load went wrong; "Run
// scenarios" runs the jurisdiction's scenario files (copied into dist/vectors/ by
// build.mjs) through it, with expected against actual for each failure and the coverage;
// "Diff" decides the scenarios and the requests around them under the built-in set and the
// edited one, as `pdp diff` does (Engine.diff). With every load, "Article coverage" shows
// each article of the regulation texts as the pack's coverage.json classifies it and the
// edited policies bear it out, as `pdp coverage` does (Engine.coverage; the matrix and the
// texts copied into dist/coverage/ by build.mjs). Edits are kept in localStorage, one entry
// per jurisdiction. The editor is CodeMirror (editor.js, bundled by build.mjs from
// js-demo/editor/): where the texts do not load is shown at its line there too, and it
// completes annotations and request attributes. Plain DOM; nothing is sent anywhere.

import init, { Engine } from "./pkg/pubdata_policy_wasm.js";
import { cedarFields, contractFields } from "./contract.js";
import { createEditor } from "./editor.js";
import { h } from "./dom.js";
import { JURISDICTION_NAMES, OUTCOMES as OUTCOME_WORDS, PLAYGROUND as T, UI } from "./text.js";

const JURISDICTIONS = Object.keys(JURISDICTION_NAMES);
const STORE = "pdp-playground:"; // + jurisdiction → { file key: text } of the edited files
const WRAP = "pdp-playground-wrap"; // "true" when the editor wraps long lines
const AUTO_VALIDATE_MS = 500;
const EXAMPLES_PER_RULE = 5;

const state = {
  lang: "zh",
  jurisdiction: "ganzi",
  builtin: null, // the package's Sources
  files: [], // { key, label, kind: "policy" | "manifest" | "regulation" | "calendar", name }
  texts: new Map(), // key → the text being edited
  file: null, // the key shown in the editor
  engine: null, // an Engine of the edited texts, when they load
  version: 0, // one more after each edit; results remember the version they are of
  results: { load: null, lint: null, coverage: null, scenarios: null, diff: null },
  busy: false,
  suites: new Map(), // jurisdiction → [[file name, suite]]
  coverageFiles: new Map(), // jurisdiction → { matrix, texts } for Engine.coverage, or { error }
  coverageFetches: new Map(), // jurisdiction → the promise of its coverage files
  timer: null,
  editor: null, // the editor's calls (editor.js), made once and kept across renders of the page
  editorHost: null, // its element
  // Where the edited texts go wrong, each `{ severity, file, line, column?, message, code? }`
  // (`file` as the sources name it, `message` a string or `{ zh, en }`): the editor shows
  // those of its file at their lines.
  diagnostics: [],
};

// ---- words -------------------------------------------------------------------------------

function pick(msg, ...args) {
  const v = msg?.[state.lang] ?? msg?.zh ?? "";
  return typeof v === "function" ? v(...args) : v;
}

/** What an `EngineError` (or anything thrown) says, in the page's language. */
/** A request field's label in the loaded engine's contract, in the page's language. */
function fieldLabel(pointer) {
  return contractFields(state.engine).get(pointer)?.label?.[state.lang];
}

/** A line of a report with each request field's pointer named by its label too: 需求依据（/application/needBasis）. */
function labelled(text) {
  return String(text).replace(/\/(?:requester|resource|application)(?:\/[A-Za-z]+)+/g, (pointer) => {
    const label = fieldLabel(pointer);
    if (!label) return pointer;
    return state.lang === "zh" ? `${label}（${pointer}）` : `${label} (${pointer})`;
  });
}

function said(error) {
  if (error?.message && typeof error.message === "object") return pick(error.message);
  return String(error?.message ?? error);
}

// ---- the files -----------------------------------------------------------------------------

/** The editor's files for a jurisdiction's sources, policies first. */
function filesOf(sources, j) {
  const policies = Object.keys(sources.policies).map((name) => ({ key: name, label: name, kind: "policy", name }));
  const calendar = Object.keys(sources.calendar ?? {}).map((name) => ({ key: `calendar/${name}`, label: `calendar/${name}`, kind: "calendar", name }));
  return [
    ...policies,
    { key: `${j}/regulation.json`, label: `${j}/regulation.json`, kind: "regulation", name: `${j}/regulation.json` },
    { key: `${j}/pack.json`, label: `${j}/pack.json`, kind: "manifest", name: `${j}/pack.json` },
    ...calendar,
  ];
}

function builtinText(file) {
  const s = state.builtin;
  if (file.kind === "policy") return s.policies[file.name];
  if (file.kind === "calendar") return s.calendar[file.name];
  return s[file.kind];
}

/** The edited texts, in the shape Engine.fromSources takes (the packs beneath as built in). */
function editedSources() {
  const out = { manifest: "", policies: {}, regulation: "", layers: state.builtin.layers, calendar: {} };
  for (const f of state.files) {
    const text = state.texts.get(f.key);
    if (f.kind === "policy") out.policies[f.name] = text;
    else if (f.kind === "calendar") out.calendar[f.name] = text;
    else out[f.kind] = text;
  }
  return out;
}

const isEdited = (f) => state.texts.get(f.key) !== builtinText(f);

/** The file an error names (`ganzi/share.cedar`, `regulation.json`, `2026.json`, …). */
const fileNamed = (name) => state.files.find((f) => f.name === name || f.key === name);

function saveEdits() {
  const edited = Object.fromEntries(state.files.filter(isEdited).map((f) => [f.key, state.texts.get(f.key)]));
  try {
    if (Object.keys(edited).length === 0) localStorage.removeItem(STORE + state.jurisdiction);
    else localStorage.setItem(STORE + state.jurisdiction, JSON.stringify(edited));
  } catch {
    // Storage may be full or off: the edits stay in the page.
  }
}

function savedEdits(j) {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE + j) ?? "{}");
    return saved && typeof saved === "object" ? saved : {};
  } catch {
    return {};
  }
}

// ---- the page --------------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

/** The editor, once: it moves into each new rendering of the page with its text and history. */
function makeEditor() {
  state.editorHost = h("div", { class: "editor", id: "editor-host" });
  state.editor = createEditor(state.editorHost, {
    onChange: onEdit,
    onCaret: showCaret,
    onSubmit: () => act(validate),
  });
  let wrap = false;
  try {
    wrap = localStorage.getItem(WRAP) === "true";
  } catch {
    // Storage off: no wrapping.
  }
  state.editor.setWrapping(wrap);
}

function toggleWrap() {
  state.editor.setWrapping(!state.editor.wrapping);
  $("wrap").setAttribute("aria-pressed", String(state.editor.wrapping));
  try {
    localStorage.setItem(WRAP, String(state.editor.wrapping));
  } catch {
    // Storage off: the setting lasts as long as the page.
  }
}

function renderShell() {
  const jurisdictionSelect = h("select", { id: "jurisdiction", onchange: (e) => setJurisdiction(e.target.value) },
    JURISDICTIONS.map((j) => h("option", { value: j, selected: j === state.jurisdiction }, pick(JURISDICTION_NAMES[j]))));
  const langButtons = [["zh", "中文"], ["en", "English"]].map(([lang, label]) =>
    h("button", { type: "button", lang: lang === "zh" ? "zh-CN" : "en", "data-lang": lang, "aria-pressed": String(state.lang === lang), onclick: () => setLang(lang) }, label));
  const header = h("header", { class: "top" },
    h("div", { class: "brand" }, h("h1", {}, pick(T.title)), h("p", { class: "lede" }, pick(T.lede))),
    h("div", { class: "switches" },
      h("a", { class: "crosslink", id: "to-forms", href: "index.html" }, pick(T.toForms)),
      h("div", { class: "switch" }, h("label", { for: "jurisdiction" }, pick(UI.jurisdiction)), jurisdictionSelect),
      h("div", { class: "switch", role: "group", "aria-labelledby": "lang-label" },
        h("span", { id: "lang-label", class: "switch-label" }, pick(UI.language)), h("span", { class: "segmented" }, langButtons))));

  const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": pick(T.title) },
    h("button", { type: "button", id: "load", class: "primary", onclick: () => act(validate) }, pick(T.load)),
    h("button", { type: "button", id: "run", class: "primary", onclick: () => act(runScenarios) }, pick(T.run)),
    h("button", { type: "button", id: "diff", class: "primary", onclick: () => act(diff) }, pick(T.diff)));

  // On a phone the file list is this select, so that the editor comes on the first screen.
  const fileSelect = h("label", { class: "file-select" }, h("span", { class: "sr" }, pick(T.fileSelect)),
    h("select", { id: "file-select", onchange: (e) => openFile(e.target.value) }));
  const editor = h("div", { class: "editor-pane" },
    h("div", { class: "editor-head" },
      fileSelect,
      h("span", { id: "editor-file", class: "editor-file" }),
      h("span", { id: "edit-state", class: "edit-state", role: "status" }),
      h("span", { class: "resets" },
        h("button", { type: "button", id: "wrap", class: "secondary", "aria-pressed": String(state.editor.wrapping), onclick: toggleWrap }, pick(T.wrap)),
        h("button", { type: "button", id: "reset-file", class: "secondary", onclick: resetFile }, pick(T.resetFile)),
        h("button", { type: "button", id: "reset-all", class: "secondary", onclick: resetAll }, pick(T.resetAll)))),
    state.editorHost,
    h("p", { class: "caret", id: "caret", "aria-live": "off" }));

  const main = h("main", { id: "main", class: "workspace" },
    h("nav", { class: "file-list", id: "file-list", "aria-label": pick(T.files) }),
    h("div", { class: "work" }, toolbar, editor),
    h("div", { class: "results" },
      h("section", { id: "load-result", class: "result", "aria-labelledby": "load-title" }, h("h2", { id: "load-title" }, pick(T.loadTitle)), h("div", { class: "body" })),
      h("section", { id: "coverage-result", class: "result", "aria-labelledby": "coverage-title" }, h("h2", { id: "coverage-title" }, pick(T.coverageTitle)), h("div", { class: "body" })),
      h("section", { id: "scenario-result", class: "result", "aria-labelledby": "scenario-title" }, h("h2", { id: "scenario-title" }, pick(T.scenariosTitle)), h("div", { class: "body" })),
      h("section", { id: "diff-result", class: "result", "aria-labelledby": "diff-title" }, h("h2", { id: "diff-title" }, pick(T.diffTitle)), h("div", { class: "body" }))));
  $("app").replaceChildren(header, main);
}

function renderFiles() {
  const group = (title, files) => h("div", { class: "file-group" }, h("h2", {}, pick(title)),
    h("ul", {}, files.map((f) => h("li", {},
      h("button", {
        type: "button", class: "file", "data-file": f.key, "aria-current": f.key === state.file ? "true" : false,
        onclick: () => openFile(f.key),
      }, h("span", { class: "name" }, f.label), isEdited(f) ? h("span", { class: "mark", title: pick(T.modified) }, " ●", h("span", { class: "sr" }, ` (${pick(T.modified)})`)) : null)))));
  $("file-list").replaceChildren(
    group(T.policyFiles, state.files.filter((f) => f.kind === "policy")),
    group(T.otherFiles, state.files.filter((f) => f.kind !== "policy")));
  $("file-select").replaceChildren(...state.files.map((f) =>
    h("option", { value: f.key, selected: f.key === state.file }, isEdited(f) ? `${f.label} ●` : f.label)));
  const edited = state.files.filter(isEdited).length;
  $("edit-state").textContent = edited === 0 ? pick(T.unchanged) : `${pick(T.editedN, edited)} · ${pick(T.saved)}`;
}

/** Policies are Cedar; pack.json, regulation.json and the calendar are JSON. */
const syntaxOf = (file) => (file.kind === "policy" ? "cedar" : "json");

/** Shows a file in the editor (the same file keeps its caret), and goes to a line of it if given. */
function openFile(key, line = null, column = null) {
  const file = state.files.find((f) => f.key === key) ?? state.files[0];
  state.file = file.key;
  state.editor.show(file.key, state.texts.get(file.key), syntaxOf(file), pick(T.editorLabel, file.label));
  showDiagnostics();
  $("editor-file").textContent = file.label;
  renderFiles();
  saveHash();
  if (line !== null) state.editor.goTo(line, column);
  showCaret();
}

function showCaret() {
  const { line, column } = state.editor.caret();
  $("caret").textContent = pick(T.caret, line, column);
}

/** The diagnostics of the file shown, in the page's language, at their lines in the editor. */
function showDiagnostics() {
  state.editor.setDiagnostics(state.diagnostics.filter((d) => fileNamed(d.file)?.key === state.file)
    .map((d) => ({ ...d, message: typeof d.message === "object" ? pick(d.message) : d.message })));
}

/**
 * What the editor completes: the annotations a policy may carry, and the request's
 * attributes as the loaded engine's contract names them (kept from the last set that loaded).
 */
function updateVocabulary() {
  state.editor.setVocabulary({
    annotations: Engine.annotations,
    fields: state.engine ? cedarFields(state.engine, state.lang) : undefined,
  });
}

function onEdit(text) {
  state.texts.set(state.file, text);
  state.version += 1;
  renderFiles();
  saveEdits();
  renderStale();
  clearTimeout(state.timer);
  state.timer = setTimeout(() => { if (!state.busy) validate(); }, AUTO_VALIDATE_MS);
}

function resetFile() {
  const file = state.files.find((f) => f.key === state.file);
  if (!file || !isEdited(file)) return;
  state.texts.set(file.key, builtinText(file));
  state.editor.forget(file.key);
  edited();
  openFile(file.key);
}

function resetAll() {
  if (!state.files.some(isEdited)) return;
  if (!confirm(pick(T.resetConfirm, pick(JURISDICTION_NAMES[state.jurisdiction])))) return;
  for (const f of state.files) {
    state.texts.set(f.key, builtinText(f));
    state.editor.forget(f.key);
  }
  edited();
  openFile(state.file);
}

/** After texts changed other than by typing: save, and load again. */
function edited() {
  state.version += 1;
  saveEdits();
  validate();
}

// ---- actions ---------------------------------------------------------------------------------

/** Runs an action with the buttons disabled, after the page has painted its busy state. */
async function act(action) {
  if (state.busy) return;
  clearTimeout(state.timer);
  state.busy = true;
  for (const id of ["load", "run", "diff"]) $(id).disabled = true;
  try {
    await action();
  } finally {
    state.busy = false;
    for (const id of ["load", "run", "diff"]) $(id).disabled = false;
  }
}

const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function busy(section, message) {
  const el = $(section);
  el.setAttribute("aria-busy", "true");
  el.querySelector(".body").replaceChildren(h("p", { class: "working", role: "status" }, pick(message)));
}

/** Builds an engine from the edited texts; the result stays in `state.results.load`. */
function validate() {
  state.engine?.free();
  state.engine = null;
  const sources = editedSources();
  try {
    state.engine = Engine.fromSources(sources);
    const files = Object.keys(sources.policies).length;
    state.results.load = { version: state.version, ok: { policies: state.engine.policyIds.length, files } };
  } catch (error) {
    // The same error, with the file, line and policy where the engine stopped.
    state.results.load = { version: state.version, error: located(sources) ?? error };
  }
  // Every problem the lint finds (as `pdp validate`); where it finds no error but the
  // texts still do not load (a limit, say), the engine's own located error.
  state.results.lint = lintOf(sources);
  const found = state.results.lint.diagnostics ?? [];
  const errors = found.some((d) => d.severity === "error");
  state.diagnostics = errors ? found : [...problemDiagnostics(state.results.load.error), ...found];
  showDiagnostics();
  updateVocabulary();
  renderLoad();
  updateCoverage(sources);
  return state.engine !== null;
}

/** A load error located at a line (`Engine.sourcesProblem`) as the editor's diagnostics. */
function problemDiagnostics(error) {
  if (error?.file === undefined || error.line === undefined) return [];
  const message = error.message && typeof error.message === "object" ? error.message : String(error.message ?? error);
  return [{ severity: "error", file: error.file, line: error.line, column: error.column, message, code: error.code }];
}

/**
 * The coverage matrix of the edited texts (Engine.coverage), worked out whenever they load;
 * the pack's coverage files are fetched first if they are not here yet.
 */
function updateCoverage(sources) {
  const j = state.jurisdiction;
  const version = state.version;
  const files = state.coverageFiles.get(j);
  let result;
  if (!state.engine) result = { version, waiting: true };
  else if (!files) {
    result = { version, fetching: true };
    fetchCoverageFiles(j).then(() => {
      if (state.jurisdiction === j && state.version === version && state.engine) updateCoverage(sources);
    });
  } else if (files.error) result = { version, error: files.error, fetchFailed: true };
  else {
    try {
      result = { version, coverage: Engine.coverage(sources, files) };
    } catch (error) {
      result = { version, error };
    }
  }
  state.results.coverage = result;
  renderCoverage();
}

/** A pack's coverage.json and regulation texts, as build.mjs copies them into dist/coverage/; fetched once. */
function fetchCoverageFiles(j) {
  if (!state.coverageFetches.has(j)) {
    const fetched = (async () => {
      const index = await fetchJson("coverage/index.json");
      const names = index[j] ?? [];
      if (!names.includes("coverage.json")) throw new Error(`coverage/index.json: no coverage.json for ${j}`);
      const texts = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await fetchText(`coverage/${j}/${name}`)])));
      const { "coverage.json": matrix, ...rest } = texts;
      return { matrix, texts: rest };
    })().catch((error) => ({ error }));
    state.coverageFetches.set(j, fetched.then((files) => {
      state.coverageFiles.set(j, files);
      return files;
    }));
  }
  return state.coverageFetches.get(j);
}

/** `Engine.lint` of the edited texts, with the pack's coverage files once they are here. */
function lintOf(sources) {
  const files = state.coverageFiles.get(state.jurisdiction);
  try {
    return { diagnostics: Engine.lint(sources, files && !files.error ? files : undefined) };
  } catch (error) {
    return { error };
  }
}

function located(sources) {
  try {
    return Engine.sourcesProblem(sources);
  } catch {
    return null;
  }
}

async function scenarioFiles(j) {
  if (!state.suites.has(j)) {
    const index = await fetchJson("vectors/index.json");
    const names = index[j] ?? [];
    const files = await Promise.all(names.map(async (name) => [name, await fetchJson(`vectors/${j}/${name}`)]));
    state.suites.set(j, files);
  }
  return state.suites.get(j);
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.json();
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

const RESULTS = { scenarios: ["scenario-result", () => renderScenarios()], diff: ["diff-result", () => renderDiff()] };

/**
 * Loads the edited texts, then works out a result with them; texts that do not load leave
 * no result, and the reason under Validation.
 */
async function withRules(kind, message, work) {
  const [section, render] = RESULTS[kind];
  busy(section, message);
  await painted();
  const version = state.version;
  let shown = section;
  if (validate()) {
    try {
      state.results[kind] = { version, ...(await work(state.engine)) };
    } catch (error) {
      state.results[kind] = { version, error };
    }
  } else {
    state.results[kind] = null;
    shown = "load-result";
  }
  render();
  $(shown).scrollIntoView({ block: "nearest" });
}

const runScenarios = () => withRules("scenarios", T.running, async (engine) => {
  const files = await scenarioFiles(state.jurisdiction);
  const runs = files.map(([name, suite]) => ({ name, suite, results: engine.runSuite(suite) }));
  return { runs, policyIds: engine.policyIds, regulation: engine.regulation };
});

const diff = () => withRules("diff", T.comparing, async () => {
  const suites = Object.fromEntries(await scenarioFiles(state.jurisdiction));
  return { report: Engine.diff(state.builtin, editedSources(), suites, { limit: EXAMPLES_PER_RULE }) };
});

// ---- results -------------------------------------------------------------------------------

function stale(result) {
  return result && result.version !== state.version ? h("p", { class: "stale" }, pick(T.stale)) : null;
}

function renderStale() {
  for (const [section, result] of [["scenario-result", state.results.scenarios], ["diff-result", state.results.diff]]) {
    const body = $(section).querySelector(".body");
    const note = body.querySelector(".stale");
    if (result && result.version !== state.version && !note) body.prepend(stale(result));
  }
}

function setBody(section, ...children) {
  const el = $(section);
  el.removeAttribute("aria-busy");
  el.querySelector(".body").replaceChildren(...children.flat().filter(Boolean));
}

function renderLoad() {
  const r = state.results.load;
  if (!r) return setBody("load-result");
  const status = r.ok ? h("p", { class: "ok", role: "status" }, pick(T.loaded, r.ok.policies, r.ok.files)) : loadError(r.error);
  setBody("load-result", status, lintList(state.results.lint));
}

/** Every lint finding, as `pdp validate` prints them: severity, code, place, message, help. */
function lintList(lint) {
  if (!lint) return null;
  if (lint.error) return h("p", { class: "lint-failure" }, pick(T.lintFailed), said(lint.error));
  const found = lint.diagnostics;
  if (found.length === 0) return null;
  const errors = found.filter((d) => d.severity === "error").length;
  return h("div", { class: "lint" },
    h("p", { class: "lint-count" }, pick(T.lintTitle, errors, found.length - errors)),
    h("ul", { class: "diagnostics" }, ...found.map((d) => {
      const file = fileNamed(d.file);
      const place = [file?.label ?? d.file, d.line !== undefined ? pick(T.lineCol, d.line, d.column) : null].filter(Boolean).join(" · ");
      const go = file && d.line !== undefined
        ? h("button", { type: "button", class: "link goto-line", onclick: () => openFile(file.key, d.line, d.column) }, place)
        : h("span", { class: "file" }, place);
      return h("li", { class: `diagnostic ${d.severity}`, "data-code": d.code, "data-line": d.line ?? "" },
        h("span", { class: "severity" }, pick(T.severity)[d.severity]), " ",
        h("code", { class: "code" }, d.code), " ", go,
        d.policy ? h("span", { class: "policy" }, " · ", h("code", {}, d.policy)) : null,
        h("p", { class: "message" }, pick(d.message)),
        d.help ? h("p", { class: "help" }, `${pick(T.help)}: `, pick(d.help)) : null);
    })));
}

/** A policy set that does not load: the message, then where — file, line, policy — with its line. */
function loadError(error) {
  const file = error?.file !== undefined ? fileNamed(error.file) : undefined;
  const where = [];
  if (error?.file !== undefined) {
    where.push(h("span", { class: "file" }, file?.label ?? error.file));
    if (error.line !== undefined) where.push(" ", h("span", { class: "line" }, pick(T.lineCol, error.line, error.column)));
  }
  if (error?.policy !== undefined) where.push(" · ", `${pick(T.policy)} `, h("code", { class: "policy" }, error.policy));
  let excerpt = null;
  if (file && error.line !== undefined) {
    const text = state.texts.get(file.key).split("\n")[error.line - 1] ?? "";
    excerpt = h("pre", { class: "excerpt" }, h("span", { class: "n" }, `${error.line} │ `), text);
  }
  const go = file && error.line !== undefined
    ? h("button", { type: "button", class: "secondary goto-line", onclick: () => openFile(file.key, error.line, error.column) }, pick(T.goToLine))
    : null;
  return h("div", { class: "load-failure", role: "alert" },
    h("p", { class: "headline" }, pick(T.loadFailed)),
    where.length ? h("p", { class: "where" }, `${pick(T.at)}: `, ...where) : null,
    h("p", { class: "message" }, said(error)),
    excerpt, go);
}

const COUNTS = ["articles", "decides", "informs", "notDecidable", "unclassified"];

/**
 * Each regulation's articles with their class, the policies citing them or why they are not
 * decidable, and the counts; an unclassified article and one a problem concerns (a
 * `decides` article no policy cites any more, …) stand out, and so does their regulation.
 */
function renderCoverage() {
  const r = state.results.coverage;
  if (!r) return setBody("coverage-result");
  if (r.waiting) return setBody("coverage-result", h("p", { class: "working" }, pick(T.coverageWaiting)));
  if (r.fetching) return setBody("coverage-result", h("p", { class: "working", role: "status" }, pick(T.coverageFetching)));
  if (r.error) {
    return setBody("coverage-result",
      h("p", { class: "load-failure", role: "alert" }, pick(r.fetchFailed ? T.coverageFetchFailed : T.coverageFailed), said(r.error)));
  }
  const c = r.coverage;
  const unclassified = c.regulations.reduce((n, reg) => n + reg.counts.unclassified, 0);
  const ok = c.problems.length === 0;
  const summary = h("p", {
    id: "coverage-summary", class: ok ? "totals good" : "totals bad", role: "status",
    "data-unclassified": String(unclassified), "data-problems": String(c.problems.length),
  }, ok ? pick(T.coverageOk) : pick(T.coverageBad, unclassified, c.problems.length));
  const titled = (key) => c.regulations.find((reg) => reg.key === key)?.title ?? key;
  const problems = ok ? null : h("ul", { class: "coverage-problems" }, c.problems.map((p) =>
    h("li", { "data-code": p.code, "data-regulation": p.regulation, "data-article": p.article, title: p.message },
      `${titled(p.regulation)} ${p.article}`.trim(), " — ", h("strong", {}, pick(T.problems[p.code])),
      p.policy ? [" · ", h("code", {}, p.policy)] : null)));
  const regulations = c.regulations.map((reg) => {
    const concerning = (article) => c.problems.filter((p) => p.regulation === reg.key && p.article === article);
    const rows = reg.articles.map((a) => {
      const issues = concerning(a.article);
      // An unclassified article says so in its class already.
      const shown = issues.filter((p) => !(p.code === "unclassified" && a.class === "unclassified"));
      const marks = [a.class === "unclassified" ? "unclassified" : "", issues.length ? "problem" : ""].filter(Boolean);
      return h("tr", {
        "data-article": a.article, "data-class": a.class,
        "data-problem": issues.length ? issues.map((p) => p.code).join(" ") : false, class: marks.join(" ") || false,
      },
      h("th", { scope: "row" }, a.article),
      h("td", { class: "class" }, pick(T.classes[a.class]),
        shown.flatMap((p) => [" · ", h("strong", { class: "issue" }, pick(T.problems[p.code]))])),
      h("td", { class: "detail" }, a.reason ?? a.policies.flatMap((id, i) => [i ? ", " : "", h("code", {}, id)])));
    });
    const flagged = reg.counts.unclassified > 0 || c.problems.some((p) => p.regulation === reg.key);
    return h("section", { class: flagged ? "coverage-regulation flagged" : "coverage-regulation", "data-regulation": reg.key },
      h("h3", {}, reg.title, " ", h("span", { class: "text-file" }, reg.text)),
      h("p", { class: "counts" }, COUNTS.map((k) =>
        h("span", { class: `count ${k}`, "data-count": k }, pick(T.countLabels[k], reg.counts[k])))),
      h("details", { class: "articles", open: flagged },
        h("summary", {}, pick(T.articleByArticle, reg.articles.length)),
        h("table", { class: "matrix" },
          h("thead", {}, h("tr", {}, [UI.article, T.classColumn, T.detailColumn].map((t) => h("th", { scope: "col" }, pick(t))))),
          h("tbody", {}, rows))));
  });
  setBody("coverage-result", summary, problems, regulations);
}

/** A value of a difference as a person reads it, as the CLI writes it (`scenario::shown`): text bare, `null` as none. */
function shownValue(v) {
  if (v === null || v === undefined) return pick(T.none);
  if (Array.isArray(v)) return `[${v.map(shownValue).join(", ")}]`;
  if (typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${k}: ${shownValue(x)}`).join(", ")}}`;
  return String(v);
}

function renderScenarios() {
  const r = state.results.scenarios;
  if (!r) return setBody("scenario-result");
  if (r.error) return setBody("scenario-result", stale(r), h("p", { class: "load-failure", role: "alert" }, pick(T.fetchFailed), said(r.error)));
  let passed = 0, failed = 0;
  const fired = new Set();
  const cited = new Set();
  const files = r.runs.map(({ name, suite, results }) => {
    for (const c of suite.cases ?? []) for (const a of c.cites ?? []) cited.add(a);
    const bad = results.filter((c) => c.failures.length > 0);
    const good = results.filter((c) => c.failures.length === 0);
    passed += good.length;
    failed += bad.length;
    for (const c of results) for (const p of c.verdict?.policies ?? []) fired.add(p);
    return h("section", { class: "suite", "data-suite": name },
      h("h3", {}, name, " ", h("span", { class: bad.length ? "count bad" : "count good" }, pick(T.totals, good.length, bad.length))),
      bad.length ? h("ul", { class: "cases" }, bad.map((c) => failedCase(c, whyOf(r, c)))) : null,
      good.length ? h("details", { class: "passed" }, h("summary", {}, pick(T.passedCases, good.length)),
        h("ul", {}, good.map((c) => h("li", { class: "case", "data-case": c.name, "data-passed": "true" }, "✓ ", c.name,
          whyOf(r, c))))) : null);
  });
  const ids = r.policyIds;
  const neverFired = ids.filter((id) => !fired.has(id));
  const articles = [...new Set(r.regulation.regulations.flatMap((reg) => Object.keys(reg.articles ?? {})))];
  const uncited = articles.filter((a) => !cited.has(a));
  const coverage = h("section", { class: "coverage", id: "coverage" }, h("h3", {}, pick(T.coverage)),
    h("p", { "data-fired": String(ids.length - neverFired.length) }, pick(T.policiesFired, ids.length - neverFired.length, ids.length)),
    neverFired.length ? h("p", { class: "never-fired" }, pick(T.neverFired), neverFired.flatMap((id, i) => [i ? ", " : "", h("code", {}, id)])) : null,
    h("p", {}, pick(T.articlesCited, articles.length - uncited.length, articles.length)),
    uncited.length ? h("p", { class: "uncited" }, pick(T.uncited), uncited.join("、")) : null);
  setBody("scenario-result", stale(r),
    h("p", { class: failed ? "totals bad" : "totals good", id: "scenario-totals", role: "status" },
      `${pick(failed ? T.someFailed : T.allPassed)} · ${pick(T.totals, passed, failed)}`),
    files, coverage);
}

/** "Why / 为什么" under a case: the reasons `engine.explain` gives (as `pdp explain`), worked out when opened. */
function whyOf(r, c) {
  if (!c.request) return null;
  const details = h("details", { class: "why" }, h("summary", {}, pick(T.why)));
  details.addEventListener("toggle", () => {
    if (!details.open || details.querySelector(".reasons, .why-failed")) return;
    let shown;
    try {
      if (r.version !== state.version || !state.engine) throw { message: T.whyStale };
      shown = explanation(state.engine.explain(c.request));
    } catch (error) {
      shown = h("p", { class: "why-failed" }, said(error));
    }
    details.append(shown);
  });
  return details;
}

function explanation(e) {
  if (e.verdict.policies.length === 0) return h("p", { class: "reasons" }, pick(T.noPolicyFired));
  return h("ul", { class: "reasons" }, e.because.map((r) => h("li", { "data-rule": r.rule },
    h("p", {}, `${pick(T.roles[r.role]) || r.role} `, h("code", {}, r.rule), r.file ? ` (${r.file}${r.line ? `:${r.line}` : ""})` : ""),
    r.article ? h("p", {}, `《${r.regulation}》${r.article}`, r.articleSummary ? ` — ${pick(r.articleSummary)}` : "") : null,
    r.read.length === 0 ? h("p", {}, pick(T.readsNothing)) : h("ul", { class: "reads" }, r.read.map((v) => {
      const label = v.label ? (state.lang === "zh" ? `${pick(v.label)}（${v.field}）` : `${pick(v.label)} (${v.field})`) : v.field;
      return h("li", { "data-field": v.field }, label, ": ", v.value === null ? pick(T.absent) : JSON.stringify(v.value));
    })))));
}

function failedCase(c, why) {
  const table = c.failures.length ? h("table", { class: "differences" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, pick(T.what)), h("th", { scope: "col" }, pick(T.expected)), h("th", { scope: "col" }, pick(T.actual)))),
    h("tbody", {}, c.failures.map((d) =>
      h("tr", { "data-what": d.path }, h("th", { scope: "row" }, d.path),
        h("td", { class: "expected" }, labelled(shownValue(d.expected))), h("td", { class: "actual" }, labelled(shownValue(d.actual))))))) : null;
  return h("li", { class: "case failed", "data-case": c.name, "data-passed": "false" },
    h("p", { class: "case-name" }, "✗ ", c.name), table, why);
}

function renderDiff() {
  const r = state.results.diff;
  if (!r) return setBody("diff-result");
  if (r.error) {
    const shown = r.error?.code === "invalid_policies" ? loadError(r.error) : h("p", { class: "load-failure", role: "alert" }, said(r.error));
    return setBody("diff-result", stale(r), shown);
  }
  const d = r.report.jurisdictions[0];
  const out = [stale(r)];
  if (d.identical) {
    out.push(h("p", { class: "no-change", id: "no-change", role: "status" }, pick(T.identical)));
    return setBody("diff-result", out);
  }
  out.push(h("h3", {}, pick(T.rulesChanged)));
  out.push(d.rules.length === 0 ? h("p", {}, pick(T.noRuleChanged)) : h("ul", { class: "rule-changes" }, d.rules.map((rule) =>
    h("li", { "data-rule": rule.id },
      h("code", {}, rule.id), ` (${pick(T.change[rule.change])}, ${fileNamed(rule.file)?.label ?? rule.file})`,
      rule.validFrom || rule.validUntil ? h("p", { class: "dated" }, pick(T.inForce, rule.validFrom, rule.validUntil)) : null,
      rule.annotations.length ? h("ul", {}, rule.annotations.map((a) =>
        h("li", {}, h("code", {}, `@${a.key}`), ": ", quoted(a.old), " → ", quoted(a.new)))) : null,
      rule.change === "modified" && rule.logicChanged ? h("p", { class: "logic" }, pick(T.logicChanged)) : null))));
  if (d.regulations.length) {
    out.push(h("h3", {}, pick(T.regulationEdits)), h("ul", { class: "regulation-edits" }, d.regulations.map((e) => h("li", {}, e))));
  }
  out.push(h("p", { class: "space", id: "space" }, pick(T.space, d.space.total, d.space.scenarios, d.space.generated)));
  if (d.warnings.length) out.push(h("p", { class: "warning", id: "no-scenarios", role: "note" }, pick(T.noScenarios)));
  if (d.notExercised.length) {
    out.push(h("p", { class: "not-exercised", id: "not-exercised", role: "alert" }, pick(T.notExercised, d.notExercised.join("、"))));
  }
  if (d.changedRequests === 0) {
    // "No change" only when nothing was edited: edited rules that move no verdict are named as such.
    const edited = d.rules.length > 0 || d.regulations.length > 0;
    if (d.notExercised.length === 0) {
      out.push(h("p", { class: "no-change", id: "no-change", role: "status" }, pick(edited ? T.noVerdictChange : T.noChange)));
    }
    return setBody("diff-result", out);
  }
  out.push(h("p", { class: "changed", id: "changed", role: "status" }, pick(T.changedN, d.changedRequests, d.space.total)));
  if (d.outcomes.length) {
    out.push(h("p", { class: "outcomes", id: "outcomes" }, pick(T.outcomesMoved),
      d.outcomes.map((m) => `${pick(OUTCOME_WORDS[m.from] ?? { zh: m.from, en: m.from })} → ${pick(OUTCOME_WORDS[m.to] ?? { zh: m.to, en: m.to })} ${m.count}`).join("，")));
  }
  out.push(h("div", { class: "groups" }, d.groups.map((g) =>
    h("section", { class: "group", "data-rule": g.rule, "data-count": String(g.count) },
      h("h4", {}, g.rule === "(regulation metadata or calendar)" ? pick(T.noRule) : h("code", {}, g.rule),
        g.change ? ` (${pick(T.change[g.change])})` : "", ": ", h("span", { class: "count" }, pick(T.requestsN, g.count))),
      h("ul", {}, g.requests.map((req) => h("li", { class: "example" },
        h("p", { class: "label" }, req.label),
        h("ul", { class: "changes" }, req.changes.map((c) =>
          h("li", {}, h("span", { class: "what" }, c.what), ": ", h("del", {}, labelled(c.old)), " → ", h("ins", {}, labelled(c.new))))),
        h("details", {}, h("summary", {}, pick(T.request)), h("pre", {}, JSON.stringify(req.request, null, 2)))))),
      g.count > g.requests.length ? h("p", { class: "more" }, pick(T.andMore, g.count - g.requests.length)) : null))));
  setBody("diff-result", out);
}

const quoted = (v) => (v === null || v === undefined ? pick(T.none) : `"${v}"`);

// ---- switches and start ------------------------------------------------------------------------

function loadJurisdiction(j) {
  state.jurisdiction = j;
  state.builtin = Engine.builtinSources(j);
  state.files = filesOf(state.builtin, j);
  const saved = savedEdits(j);
  state.texts = new Map(state.files.map((f) => [f.key, typeof saved[f.key] === "string" ? saved[f.key] : builtinText(f)]));
  state.results = { load: null, coverage: null, scenarios: null, diff: null };
  state.version += 1;
  // Another jurisdiction's files may share a name (`calendar/2026.json`), not their history.
  state.editor?.forget();
}

function setJurisdiction(j) {
  if (!JURISDICTIONS.includes(j) || j === state.jurisdiction) return;
  clearTimeout(state.timer);
  loadJurisdiction(j);
  openFile(state.files[0].key);
  renderScenarios();
  renderDiff();
  validate();
}

function setLang(lang) {
  state.lang = lang === "en" ? "en" : "zh";
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  renderShell();
  openFile(state.file);
  updateVocabulary();
  renderLoad();
  renderCoverage();
  renderScenarios();
  renderDiff();
}

function saveHash() {
  const params = new URLSearchParams({ j: state.jurisdiction, lang: state.lang, file: state.file ?? "" });
  history.replaceState(null, "", `#${params}`);
  const forms = $("to-forms");
  if (forms) forms.href = `index.html#${new URLSearchParams({ j: state.jurisdiction, lang: state.lang })}`;
}

async function start() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get("lang") === "en") state.lang = "en";
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  try {
    await init();
    loadJurisdiction(JURISDICTIONS.includes(params.get("j")) ? params.get("j") : state.jurisdiction);
    // So that the first load shows the coverage at once (a failed fetch is shown there).
    await fetchCoverageFiles(state.jurisdiction);
  } catch (e) {
    $("app").replaceChildren(h("p", { class: "load-error", role: "alert" }, pick(UI.loadFailed), said(e)));
    return;
  }
  makeEditor();
  renderShell();
  openFile(params.get("file") ?? state.files[0].key);
  validate();
  document.body.dataset.ready = "true";
}

start();
