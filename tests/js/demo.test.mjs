// The demo (js-demo/), built from the web package and served from 127.0.0.1, in headless
// Chromium: each form filled as an applicant would, the right field flagged under the
// right article, fixed, the outcome changing; the jurisdiction and language switches; a
// keyboard-only path; no request after the page has loaded; and screenshots of each form
// at desktop and phone width in test-results/ (artifacts, not compared).
// Before the browser, the forms' definitions are checked against the policies and the
// vectors: every field a verdict can name is a visible control, and what a form hides at an
// operation step or registration type decides nothing there.

import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { FORMS as TABS, codeOf, fieldsOf, isShown, loadForms } from "../../js-demo/src/forms.js";
import { JURISDICTION_NAMES, VALUES, articleLabel } from "../../js-demo/src/text.js";
import { servedDemo } from "./served-demo.mjs";
import { native, readVector, requestOf, root, vectorFiles } from "./vectors.mjs";

/** Every form's definition (forms.js loads all but the first when the page needs them). */
const FORMS = await loadForms();

const results = join(root, "test-results");
const { Engine } = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");

// ---- the forms against the rules ---------------------------------------------------------

const policiesDir = join(root, "policies");
const manifest = (p) => JSON.parse(readFileSync(join(policiesDir, p, "pack.json"), "utf8"));
const PACKS = readdirSync(policiesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(policiesDir, d.name, "pack.json"))).map((d) => d.name);
/** The kinds the packs define (base's, and the national layer's `register`). */
const KINDS = [...new Set(PACKS.flatMap((p) => (manifest(p).kinds ?? []).map((k) => k.kind)))];
/** Every field the packs define: JSON Pointer → its definition (a pack's label, type, values). */
const PACK_FIELDS = new Map(PACKS.flatMap((p) => (manifest(p).fields ?? []).map((f) => [f.field, { ...f, pack: p }])));
/** The attributes the engine derives from a field (`deliveredWorkingDays` from `/application/delivered`): as a pointer → the field. */
const DERIVED = new Map([...PACK_FIELDS.values()].flatMap((f) => (f.derive ?? []).flatMap((d) =>
  [d.attribute, d.problemAttribute].filter(Boolean).map((a) => [`${f.field.slice(0, f.field.lastIndexOf("/"))}/${a}`, f.field]))));

/** The values a form's field offers: `[value, label?, byJurisdiction?]` (text.js VALUES, or the field's own list). */
function offeredValues(field) {
  const list = typeof field.values === "string" ? VALUES[field.values] : field.values;
  return field.only ? list.filter(([v]) => field.only.includes(v)) : list;
}

/** The forms' kinds: kind → form. */
const formOfKind = new Map(FORMS.flatMap((f) => f.kinds.map((k) => [k, f])));

/** The value a JSON Pointer names in a request, or undefined. */
const valueAt = (request, pointer) => pointer.slice(1).split("/").reduce((node, key) => node?.[key], request);

/** Whether `kind`'s form shows `pointer` for `jurisdiction` — at `step` when given, else at some step. */
function visibleControl(kind, jurisdiction, pointer, step) {
  return fieldsOf(formOfKind.get(kind)).some((f) => f.name === pointer &&
    (step === undefined ? isShown({ ...f, steps: undefined }, jurisdiction, kind) : isShown(f, jurisdiction, kind, step)));
}

/** A condition's parts joined by `&&` at the top level (none when it has a top-level `||`). */
function conjuncts(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    else if (depth === 0 && text.startsWith("||", i)) return [];
    else if (depth === 0 && text.startsWith("&&", i)) {
      parts.push(text.slice(start, i));
      start = i + 2;
      i += 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Each jurisdiction's policies, read from the policy text: `{ j, id, kinds, reads, steps,
 * needs }` — the request fields a policy reads (`context.scenario`, `principal.type`, …,
 * mapped to JSON Pointers as the engine maps the request to Cedar, README "How it decides",
 * derived attributes to the field they come from) under the actions its scope names (every
 * kind when it names none); the values of a form's step field it is limited to
 * (`context.action == "release_product"`, `[…].contains(context.registrationType)`): step
 * pointer → values; the fields it needs present or true to apply at all (a top-level
 * `context has termMonths && …` or `context.redevelopsDelivered`); whether it is a permit
 * that decides (grants or routes). A jurisdiction's policies
 * are its pack's and those of every pack beneath it (the national layer; 丽水 over 浙江).
 */
function jurisdictionPolicies() {
  const packsOf = (p) => [...new Set([...(manifest(p).layers ?? []).flatMap(packsOf), p])];
  const stepPointers = [...new Set(FORMS.map((f) => f.step).filter(Boolean))];
  const out = [];
  for (const j of PACKS.filter((p) => existsSync(join(policiesDir, p, "regulation.json")) && !manifest(p).layerOnly)) {
    const files = packsOf(j).flatMap((p) => readdirSync(join(policiesDir, p)).filter((f) => f.endsWith(".cedar")).map((f) => join(p, f)));
    for (const file of files) {
      const text = readFileSync(join(policiesDir, file), "utf8").replace(/\/\/[^\n]*/g, "");
      const policies = text.match(/(?:@\w+(?:\("(?:[^"\\]|\\.)*"\))?\s*)*(?:permit|forbid)\s*\([\s\S]*?\)\s*(?:(?:when|unless)\s*\{[\s\S]*?\}\s*)*;/g) ?? [];
      assert.ok(policies.length > 0, `policies in ${file}`);
      for (const policy of policies) {
        const id = /@id\("([^"]+)"\)/.exec(policy)?.[1] ?? file;
        const scope = /(?:permit|forbid)\s*\(([\s\S]*?)\)/.exec(policy)[1];
        const actions = [...scope.matchAll(/Action::"(\w+)"/g)].map((m) => m[1]);
        const body = policy.slice(policy.indexOf(scope));
        const paths = new Set();
        for (const m of body.matchAll(/\b(principal|resource|context)((?:\.\w+)+)(\()?/g)) {
          // `resource.flags.contains(…)`: the last name is a method, not an attribute.
          const chain = m[3] === undefined ? m[2] : m[2].slice(0, m[2].lastIndexOf("."));
          if (chain !== "") paths.add(m[1] + chain);
        }
        for (const m of body.matchAll(/\b(principal|resource|context(?:\.catalog)?)\s+has\s+(\w+)/g)) paths.add(`${m[1]}.${m[2]}`);
        const reads = new Set([...paths].map(pointerOf).filter((p) => p !== null));
        const steps = new Map();
        for (const pointer of stepPointers) {
          const attr = `context.${pointer.split("/").at(-1)}`;
          const values = [
            ...[...body.matchAll(new RegExp(`${attr.replace(".", "\\.")}\\s*==\\s*"(\\w+)"`, "g"))].map((m) => [m[1]]),
            ...[...body.matchAll(new RegExp(`\\[([^\\]]*)\\]\\.contains\\(${attr.replace(".", "\\.")}\\)`, "g"))].map((m) => [...m[1].matchAll(/"(\w+)"/g)].map((v) => v[1])),
          ].flat();
          if (values.length > 0) steps.set(pointer, new Set(values));
        }
        const needs = new Set();
        for (const m of body.matchAll(/\bwhen\s*\{([\s\S]*?)\}/g)) {
          for (const part of conjuncts(m[1])) {
            const need = /^(principal|resource|context)(?:\s+has\s+(\w+)|\.(\w+))$/.exec(part);
            if (need) needs.add(pointerOf(`${need[1]}.${need[2] ?? need[3]}`));
          }
        }
        // A permit that decides (grants, or routes to review): not a duty, warning or later step.
        const decides = /\bpermit\s*\(/.test(policy) && !/@(?:obligation|warning|after)\b/.test(policy);
        out.push({ j, id, kinds: actions.length > 0 ? actions : KINDS, reads, steps, needs, decides });
      }
    }
  }
  return out;
}

function pointerOf(path) {
  const [v, ...rest] = path.split(".");
  if (v === "context" && rest.length === 1 && rest[0] === "catalog") return null; // its members are read
  if (v === "context" && rest[0] === "date") return "/date";
  const top = { principal: "/requester", resource: "/resource", context: "/application" }[v];
  const pointer = `${top}/${rest.join("/")}`;
  return DERIVED.get(pointer) ?? pointer;
}

/** The request fields each jurisdiction's policies read, per kind: "j kind" → pointers. */
function fieldsRead(policies) {
  const out = new Map();
  for (const p of policies) {
    for (const kind of p.kinds) {
      const key = `${p.j} ${kind}`;
      if (!out.has(key)) out.set(key, new Set());
      for (const pointer of p.reads) out.get(key).add(pointer);
    }
  }
  return out;
}

// Reads the text analysis above attributes to a kind it is not read for: a policy scoped to
// both catalogue kinds that reads the attribute only under `action == …` of the other.
const NOT_READ = {
  "lishui classify /application/to": "restricted_grounds.cedar reads it only when action == reclassify",
  "lishui reclassify /resource/opening": "restricted_grounds.cedar reads it only when action == classify",
};

// Fields a form shows although the jurisdiction's rules do not read them.
const SHOWN_UNREAD = {
  "catalog putuo reclassify: /application/from": "a change states the current value; 普陀's rules read only the new one",
};

describe("the forms against the rules", () => {
  const policies = jurisdictionPolicies();
  const read = fieldsRead(policies);

  test("each form's definition is the one its tab names, in the tabs' order", () => {
    assert.deepEqual(FORMS.map((f) => f.id), TABS.map((t) => t.id));
    assert.equal(new Set(TABS.map((t) => t.id)).size, TABS.length);
  });

  test("every kind the packs define has a form", () => {
    assert.ok(KINDS.includes("operate") && KINDS.includes("register"), KINDS.join());
    assert.deepEqual(KINDS.filter((k) => !formOfKind.has(k)), []);
  });

  test("every field a jurisdiction's policies read for a kind is a visible control of that kind's form", () => {
    const missing = [];
    for (const [key, pointers] of read) {
      const [j, kind] = key.split(" ");
      for (const pointer of pointers) {
        if (NOT_READ[`${key} ${pointer}`] !== undefined) continue;
        if (!visibleControl(kind, j, pointer)) missing.push(`${key}: ${pointer}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(read.get("lishui open").has("/requester/materials"), "the analysis reads the policies");
    assert.ok(read.get("suining operate").has("/application/agreementStart"), "a derived attribute is its field");
    assert.ok(read.get("putuo register").has("/application/registrationMaterials"), "a city reads the national layer");
  });

  test("a field shown for only some jurisdictions is one their policies read", () => {
    const extra = [];
    for (const form of FORMS) {
      for (const field of fieldsOf(form)) {
        if (field.show === undefined || !field.name.startsWith("/")) continue;
        for (const kind of form.kinds) {
          const shownIn = Array.isArray(field.show) ? field.show : field.show[kind] ?? [];
          for (const j of shownIn) {
            const key = `${form.id} ${j} ${kind}: ${field.name}`;
            if (!read.get(`${j} ${kind}`)?.has(field.name) && SHOWN_UNREAD[key] === undefined) extra.push(key);
          }
        }
      }
    }
    assert.deepEqual(extra, []);
  });

  test("a field a step hides decides nothing there (no policy reads it at that step, or each needs a field the step hides), and every step can be decided", () => {
    const undecided = [];
    const undecidable = [];
    let hiddenSomewhere = 0;
    for (const form of FORMS.filter((f) => f.step !== undefined)) {
      const stepValues = PACK_FIELDS.get(form.step).values.map((v) => v.value);
      for (const kind of form.kinds) {
        for (const j of new Set(policies.map((p) => p.j))) {
          for (const step of [null, ...stepValues]) {
            const hidden = (pointer) => !fieldsOf(form).some((f) => f.name === pointer && isShown(f, j, kind, step));
            hiddenSomewhere += fieldsOf(form).filter((f) => hidden(f.name)).length;
            // The policies that can apply at this step with what the form shows there.
            const applicable = policies.filter((p) => p.j === j && p.kinds.includes(kind) &&
              !(p.steps.has(form.step) && !p.steps.get(form.step).has(step)) && ![...p.needs].some(hidden));
            for (const p of applicable) {
              for (const pointer of p.reads) {
                if (hidden(pointer) && NOT_READ[`${j} ${kind} ${pointer}`] === undefined) undecided.push(`${form.id} ${j} at ${step}: ${pointer} (${p.id})`);
              }
            }
            // Without a step chosen the request is refused for it (第三条, 第九条): nothing to decide.
            if (step !== null && !applicable.some((p) => p.decides)) undecidable.push(`${form.id} ${j} at ${step}`);
          }
        }
      }
    }
    assert.ok(hiddenSomewhere > 0, "some step hides a field");
    assert.deepEqual(undecided, []);
    assert.deepEqual(undecidable, [], "steps at which no permit can apply with what the form shows");
  });

  test("every field a vector's verdict names has a visible control on its form, at the vector's step", () => {
    const nat = native();
    let seen = 0;
    const missing = [];
    const kinds = new Set();
    for (const [file, f] of Object.entries(nat.files)) {
      for (const c of f.cases ?? []) {
        const kind = c.request?.kind;
        if (!c.verdict || !formOfKind.has(kind)) continue;
        const step = formOfKind.get(kind).step;
        for (const v of c.verdict.violations) {
          if (v.field === "" || v.rule === "undecided") continue;
          seen += 1;
          kinds.add(kind);
          const at = step === undefined ? null : valueAt(c.request, step) ?? null;
          if (!visibleControl(kind, c.request.jurisdiction, v.field, at)) missing.push(`${file} › ${c.name}: ${v.field}`);
        }
      }
    }
    assert.ok(seen > 100, `only ${seen} violations seen`);
    assert.ok(kinds.has("operate") && kinds.has("register"), [...kinds].join());
    assert.deepEqual(missing, []);
  });

  test("leaving out what a form hides (for the jurisdiction, kind and step) changes no vector's verdict", () => {
    const engines = new Map();
    const engineFor = (j) => engines.get(j) ?? engines.set(j, new Engine(j)).get(j);
    const differ = [];
    const stripped = { operate: 0, register: 0 };
    for (const file of vectorFiles()) {
      const suite = readVector(file);
      for (const c of suite.cases) {
        if (c.share !== undefined) continue;
        const full = requestOf(suite, c);
        const kind = full.kind;
        if (!formOfKind.has(kind) || !Engine.jurisdictions.includes(full.jurisdiction)) continue;
        let want;
        try {
          want = engineFor(full.jurisdiction).check(full);
        } catch {
          continue; // a request the engine cannot read: nothing a form sends
        }
        const form = formOfKind.get(kind);
        const step = form.step === undefined ? null : valueAt(full, form.step) ?? null;
        const request = structuredClone(full);
        const left = [];
        for (const field of fieldsOf(form)) {
          if (!field.name.startsWith("/") || isShown(field, full.jurisdiction, kind, step) || valueAt(request, field.name) === undefined) continue;
          const keys = field.name.slice(1).split("/");
          delete keys.slice(0, -1).reduce((node, key) => node[key], request)[keys.at(-1)];
          left.push(field.name);
        }
        if (left.length === 0) continue;
        if (kind in stripped) stripped[kind] += 1;
        try {
          assert.deepStrictEqual(engineFor(full.jurisdiction).check(request), want);
        } catch (e) {
          differ.push(`${file} › ${c.name} without ${left.join(", ")}:\n${e.message}`);
        }
      }
    }
    for (const e of engines.values()) e.free();
    assert.ok(stripped.operate > 10 && stripped.register > 10, JSON.stringify(stripped));
    assert.deepEqual(differ, []);
  });

  test("every value a form offers is one its field has in the packs; the operation and registration forms word the national fields as the packs do", () => {
    const unknown = [];
    const relabelled = [];
    for (const form of FORMS) {
      for (const field of fieldsOf(form)) {
        const def = PACK_FIELDS.get(field.name);
        if (def === undefined || !["enum", "set"].includes(def.type)) continue;
        for (const [value, label] of offeredValues(field)) {
          if (!def.values.some((v) => v.value === value)) unknown.push(`${form.id} ${field.name}: ${value}`);
          else if (form.step !== undefined && label != null) relabelled.push(`${form.id} ${field.name}: ${value}`);
        }
      }
      if (form.step === undefined) continue;
      for (const field of fieldsOf(form)) {
        if (PACK_FIELDS.get(field.name)?.pack === "national" && field.label !== undefined) relabelled.push(`${form.id} ${field.name}`);
      }
    }
    assert.deepEqual(unknown, []);
    assert.deepEqual(relabelled, []);
  });

  test("no label in a form, nor in text.js's option lists, repeats its pack's (zh and en both the pack's for the same pointer or value)", () => {
    const same = (a, b) => a !== undefined && b !== undefined && a !== null && b !== null && a.zh === b.zh && a.en === b.en;
    const repeated = [];
    const kindLabels = new Map(PACKS.flatMap((p) => (manifest(p).kinds ?? []).map((k) => [k.kind, k])));
    for (const form of FORMS) {
      for (const field of fieldsOf(form)) {
        const def = PACK_FIELDS.get(field.name);
        if (def !== undefined && same(field.label, def.label)) repeated.push(`${form.id} ${field.name}: label ${field.label.zh} / ${field.label.en}`);
        if (field.values === undefined) continue;
        for (const [value, label, byJurisdiction] of offeredValues(field)) {
          const packs = field.name === "/kind" ? kindLabels.get(value) : def?.values?.find((v) => v.value === value);
          for (const [whose, words] of [["", label], ...Object.entries(byJurisdiction ?? {}).map(([j, w]) => [` (${j})`, w])]) {
            if (same(words, packs)) repeated.push(`${form.id} ${field.name}: value ${value}${whose} ${words.zh} / ${words.en}`);
          }
        }
      }
    }
    assert.deepEqual(repeated, [], "say these as the pack does: leave the label out");
  });

  test("every field the demo shows without its own label, and every option without its own words, is named by the jurisdiction's contract in both languages", () => {
    const missing = [];
    let fromContract = 0;
    for (const j of Object.keys(JURISDICTION_NAMES)) {
      const engine = new Engine(j);
      const contract = new Map(engine.contract.fields.map((f) => [f.field, f]));
      engine.free();
      const named = (m) => typeof m?.zh === "string" && m.zh.trim() !== "" && typeof m?.en === "string" && m.en.trim() !== "";
      for (const form of FORMS) {
        for (const field of fieldsOf(form)) {
          if (!form.kinds.some((kind) => isShown({ ...field, steps: undefined }, j, kind))) continue;
          const def = contract.get(field.name);
          if (field.label === undefined) {
            if (named(def?.label)) fromContract += 1;
            else missing.push(`${j} ${form.id} ${field.name}: no label, and ${def ? "the contract's is empty" : "the contract does not declare it"}`);
          } else if (!named(field.label)) missing.push(`${j} ${form.id} ${field.name}: an empty label`);
          if (field.values === undefined) continue;
          for (const [value, label, byJurisdiction] of offeredValues(field)) {
            const words = byJurisdiction?.[j] ?? label;
            if (words != null) {
              if (!named(words)) missing.push(`${j} ${form.id} ${field.name}: ${value} has empty words`);
            } else if (!named(def?.values?.find((v) => v.value === value))) {
              missing.push(`${j} ${form.id} ${field.name}: ${value} has no words here, nor in the contract`);
            }
          }
        }
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(fromContract > 100, `labels from the contract: ${fromContract}`);
  });

  test("field names are JSON Pointers or plain names, unique per form", () => {
    for (const form of FORMS) {
      const names = fieldsOf(form).map((f) => f.name);
      assert.equal(new Set(names).size, names.length, form.id);
      for (const n of names) assert.match(n, /^(\/[A-Za-z]+)+$|^[a-z][A-Za-z]*$/, n);
    }
  });

  test("article numbers read in English", () => {
    assert.equal(articleLabel("第十八条", "en"), "Art. 18");
    assert.equal(articleLabel("第二十一条", "en"), "Art. 21");
    assert.equal(articleLabel("第十一条第（三）项", "en"), "Art. 11(3)");
    assert.equal(articleLabel("第十条", "en"), "Art. 10");
    assert.equal(articleLabel("第三十四条", "en"), "Art. 34");
    assert.equal(articleLabel("第十八条", "zh"), "第十八条");
    assert.equal(articleLabel("附件", "en"), "附件");
  });
});

// ---- the page in Chromium ------------------------------------------------------------------

describe("the demo in Chromium", () => {
  let served, page;
  let afterLoad = null; // requests since the page last finished loading

  before(async () => {
    served = await servedDemo("pdp-demo-");
    page = served.page;
    page.on("request", (r) => afterLoad?.push(`${r.method()} ${r.url()}`));
    mkdirSync(results, { recursive: true });
  });

  after(async () => {
    await served?.close();
  });

  beforeEach(() => {
    served.errors.length = 0;
  });

  afterEach(() => {
    assert.deepEqual(served.errors, [], "errors in the page");
    assert.deepEqual(afterLoad ?? [], [], "requests after the page had loaded");
  });

  /** Opens the page at `#hash` and waits until the engine is bound. */
  async function open(hash = "", viewport = { width: 1280, height: 900 }, query = "") {
    afterLoad = null;
    await page.setViewportSize(viewport);
    await page.goto(`${served.url}${query}#${hash}`);
    await page.reload(); // a hash-only change would not load the page again
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    afterLoad = [];
  }

  /** The forms page on each module, in the page and in the worker (the address's part before `#`). */
  const PAGES = ["", "?engine=worker", "lite.html", "lite.html?engine=worker"];
  /** The requests since the page loaded, taken, by method and path. */
  const requestsAfterLoad = () => afterLoad.splice(0).map((r) => r.replace(served.url, "/"));

  /**
   * Requests held until released: `hold` is the route handler, each request is known by the
   * name `id` captures from its URL, `releases` lets each go, and `expectHeld(names)` waits
   * until the page has asked for each of them.
   */
  function holding(id) {
    const releases = new Map();
    const hold = (route) => {
      const name = id.exec(route.request().url())[1];
      return new Promise((resolve) => releases.set(name, resolve)).then(() => route.continue()).catch(() => {});
    };
    const expectHeld = async (names) => {
      for (let i = 0; i < 100 && names.some((n) => !releases.has(n)); i++) await page.waitForTimeout(50);
      assert.deepEqual(names.filter((n) => !releases.has(n)), []);
    };
    return { releases, hold, expectHeld };
  }
  const form = (id) => page.locator(`#form-${id}`);
  /** The controls of a field by its JSON Pointer: named by it, or (the share form's site names) mapped by data-pdp-field. */
  const control = (id, pointer) => form(id).locator(`[name="${pointer}"], [data-pdp-field="${pointer}"]`);
  const fieldDef = (id, pointer) => fieldsOf(FORMS.find((f) => f.id === id)).find((f) => f.name === pointer);
  /** A contract value as the form's option carries it (the share form's site codes). */
  const code = (id, pointer, value) => { const f = fieldDef(id, pointer); return f ? codeOf(f, value) : value; };

  async function fill(id, values) {
    for (const [name, contractValue] of Object.entries(values)) {
      const value = typeof contractValue === "string" ? code(id, name, contractValue) : contractValue;
      const controls = control(id, name);
      const first = controls.first();
      const tag = await first.evaluate((el) => (el.nodeName === "INPUT" ? el.type : el.nodeName.toLowerCase()));
      if (tag === "select") await first.selectOption(String(value));
      else if (tag === "radio") await controls.and(form(id).locator(`[value="${value}"]`)).check();
      else if (tag === "checkbox" && (await controls.count()) === 1 && !Array.isArray(value)) {
        await first.setChecked(Boolean(value));
      } else if (tag === "checkbox") {
        for (const box of await controls.all()) await box.setChecked(value.includes(await box.getAttribute("value")));
      } else await first.fill(String(value));
    }
  }

  const outcome = (id) => page.locator(`#outcome-${id}`).textContent();
  const problems = (id) => page.locator(`#details-${id} .problems > li`).allTextContents();

  /** The message shown under a field, its aria state and description. */
  const fieldState = (id, name) =>
    page.evaluate(([id, name]) => {
      const wrapper = document.querySelector(`#form-${id} .field[data-name="${name}"]`);
      const control = wrapper.querySelector("input, select, textarea");
      const described = (control.getAttribute("aria-describedby") ?? "").split(" ").map((i) => document.getElementById(i));
      return {
        visible: !wrapper.hidden && wrapper.offsetParent !== null,
        message: wrapper.querySelector(".msg").textContent,
        ariaInvalid: control.getAttribute("aria-invalid"),
        describedByMessage: described.some((d) => d?.classList.contains("msg")),
        valid: control.validity.valid,
      };
    }, [id, name]);

  async function shot(name, viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 9000) });
    await page.screenshot({ path: join(results, `demo-${name}.png`) });
    await page.setViewportSize(viewport);
  }

  test("loads the package and shows the 甘孜 sharing form, every control labelled", async () => {
    await open();
    assert.equal(await page.locator("h1").textContent(), "公共数据申请 · 浏览器内即时核验");
    assert.equal(await page.locator("#jurisdiction").inputValue(), "ganzi");
    assert.match(await page.locator("#regulation").textContent(), /甘孜州公共数据管理办法（试行）/);
    assert.equal(await page.locator("#tab-share").getAttribute("aria-selected"), "true");
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("form input:not([type=hidden]), form select, form textarea")]
        .filter((c) => c.labels.length === 0 || [...c.labels].every((l) => l.textContent.trim() === ""))
        .map((c) => c.name));
    assert.deepEqual(unlabelled, []);
    const live = page.locator("#outcome-share");
    assert.equal(await live.getAttribute("role"), "status");
    assert.equal(await live.getAttribute("aria-live"), "polite");
    // Gentle: an untouched form says neutrally what is still to fill in; no control is :invalid.
    assert.equal(await outcome("share"), "还需填写：单位类型、用途、数据资源名称、共享属性");
    assert.equal(await live.getAttribute("data-outcome"), "missing");
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("#form-share :invalid, #form-share [aria-invalid]")].map((c) => c.name)), []);
    // The share form is the site's own: its names and codes, mapped for the engine by `values`.
    assert.equal(await form("share").locator('select[name="shareType"] option[value="2"]').count(), 1);
    assert.equal(await form("share").locator('[name="deptType"]').getAttribute("data-pdp-field"), "/requester/type");
  });

  test("while the module downloads the page is built out of sight, the loading status shown; loaded, it shows the pack's labels", async () => {
    // The module's response held until the page has been looked at.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const hold = (route) => held.then(() => route.continue()).catch(() => {}); // (a request the reload dropped)
    afterLoad = null;
    await page.route("**/forms.wasm", hold);
    try {
      await page.goto(`${served.url}#j=ganzi&form=share&lang=zh`, { waitUntil: "commit" });
      await page.reload({ waitUntil: "commit" });
      await page.waitForSelector("#form-share", { state: "attached", timeout: 60_000 });
      const shown = (selector) => page.evaluate((s) => document.querySelector(s)?.checkVisibility() ?? null, selector);
      assert.equal(await shown("#app .loading"), true);
      assert.equal(await shown("#form-share"), false);
      assert.equal(await page.evaluate(() => document.body.dataset.ready), undefined);
    } finally {
      release();
      await page.unroute("**/forms.wasm", hold);
    }
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    afterLoad = [];
    assert.equal(await page.locator("#app .loading").count(), 0);
    // Each visible field's label is words, none a JSON Pointer: those only the pack names
    // were given their names when the module had loaded.
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll("#form-share .field")].filter((f) => f.checkVisibility())
        .map((f) => f.querySelector("legend span, label:not(.option)")?.textContent.trim()));
    assert.ok(labels.length >= 4, labels.join(", "));
    assert.deepEqual(labels.filter((l) => !l || l.startsWith("/")), []);
  });

  test("the forms download the module without the authoring calls, not the full one, once: the preload is used; lite.html the module without packs and its jurisdiction's pack", async () => {
    for (const query of PAGES) {
      await open("", undefined, query);
      const modules = [];
      const record = (r) => /\.wasm$|\/packs\//.test(r.url()) && modules.push(new URL(r.url()).pathname);
      page.on("request", record);
      afterLoad = null; // (a load again: its requests are not "after the page had loaded")
      try {
        await page.reload();
        await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
        await page.waitForLoadState("networkidle");
      } finally {
        page.off("request", record);
        afterLoad = [];
      }
      // One request, the preload's, which init() (or, for the worker, the page's fetch) reuses;
      // on lite.html one more, the pack of the jurisdiction shown.
      const lite = query.startsWith("lite.html");
      assert.deepEqual(modules.sort(), lite ? ["/packs/ganzi.json", "/pkg-lite/lite.wasm"] : ["/pkg-forms/forms.wasm"], query);
    }
  });

  test("?engine=worker: the engines are built in a Web Worker, and the sharing form reads as in the page; so on lite.html, each engine from its pack", async () => {
    const seen = {};
    for (const query of PAGES) {
      await open("j=ganzi&form=share&lang=zh", undefined, query);
      const first = seen[""];
      // The worker's answers come a message later: wait for the page's words, then compare.
      const settled = (selector, key) =>
        first && page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [selector, first[key]]);
      await settled("#outcome-share", "untouched");
      const untouched = await outcome("share");
      await fill("share", { "/requester/type": "department", "/resource/name": "人口基础信息", "/resource/sharing": "conditional" });
      await form("share").locator('button[type="submit"]').click();
      await settled("#outcome-share", "attempted");
      // The summary shows on submit; the worker's answer then flags the fields and reports the first.
      if (first) await page.waitForFunction((field) => document.activeElement?.dataset.pdpField === field, first.focused);
      const focused = await page.evaluate(() => document.activeElement?.dataset.pdpField ?? null);
      const attempted = await outcome("share");
      const scenario = await fieldState("share", "/application/scenario");
      const bubble = await control("share", "/application/scenario").evaluate((el) => el.validationMessage);
      await page.selectOption("#jurisdiction", "putuo"); // a second engine (in the worker: built there)
      await settled("#regulation", "regulation");
      await settled("#outcome-share", "putuo");
      // lite.html fetches the second jurisdiction's pack when it is chosen, and nothing else.
      if (query.startsWith("lite.html")) {
        await page.waitForFunction(() => document.querySelector("#jurisdiction").value === "putuo");
        assert.deepEqual(requestsAfterLoad(), ["GET /packs/putuo.json"], query);
      }
      seen[query] = {
        untouched, attempted, focused, scenario, bubble, regulation: await page.locator("#regulation").textContent(),
        putuo: await outcome("share"), problems: await problems("share"),
      };
    }
    assert.equal(seen[""].attempted, "不予通过 · 6 项需要修改");
    assert.equal(seen[""].focused, "/application/purpose", "the submit reports the first field to fix");
    for (const query of PAGES.slice(1)) assert.deepEqual(seen[query], seen[""], query);
  });

  test("甘孜 sharing: the missing scenario is flagged under 第十八条, and filling it sends the application to the provider", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=share&lang=zh", viewport);
    await fill("share", {
      "/requester/name": "州卫生健康委员会", "/requester/type": "department", "/date": "2026-09-28",
      "/resource/name": "人口基础信息", "/resource/provider": "州公安局", "/resource/sharing": "conditional",
      "/application/purpose": "duty", "/application/needBasis": "《社会保险法》", "/application/businessGoal": "资格核验",
      "/application/securityMeasures": "政务外网专线访问", "/application/commitment": true,
    });
    // The site's codes reached the engine as contract values.
    assert.equal(await form("share").locator('[name="shareType"]').inputValue(), "2", "the site's code for 有条件共享");
    assert.equal(await outcome("share"), "还需填写：应用场景", "untouched: neutral");
    const [only] = await problems("share");
    assert.match(only, /应用场景.*申请有条件共享数据，应当明确应用场景.*第十八条/);

    // Untouched, the field shows no message and is not :invalid yet (gentle); a submit
    // shows it, the browser stops, and the summary says refused.
    let scenario = await fieldState("share", "/application/scenario");
    assert.equal(scenario.message, "");
    assert.equal(scenario.valid, true, "gentle: not flagged before a change or a submit");
    await form("share").locator('button[type="submit"]').click();
    assert.equal(await outcome("share"), "不予通过 · 1 项需要修改");
    scenario = await fieldState("share", "/application/scenario");
    assert.equal(scenario.valid, false, "bindForm set its custom validity");
    assert.match(await control("share", "/application/scenario").evaluate((el) => el.validationMessage), /^请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）$/);
    // Under the field, bindForm's description (`describe`): the words its bubble has.
    assert.equal(scenario.message, "请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）");
    assert.equal(scenario.ariaInvalid, "true");
    assert.ok(scenario.describedByMessage, "aria-describedby names the message");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.pdpField), "/application/scenario");
    assert.equal(await page.locator("#details-share .submitted").count(), 0);

    // The article's text, from the engine's regulation metadata, on hover and on expanding.
    const article = form("share").locator('.field[data-name="/application/scenario"] details.article');
    const summary = article.locator("summary");
    assert.match(await summary.getAttribute("title"), /有条件共享申请应明确应用场景、需求依据、业务目标及安全保障措施/);
    await summary.click();
    assert.equal(await article.evaluate((d) => d.open), true);
    assert.match(await article.locator(".article-text").textContent(), /《甘孜州公共数据管理办法（试行）》第十八条：无条件共享申请1个工作日内完成形式审核/);
    await shot("share-ganzi-refused-desktop", viewport);

    await control("share", "/application/scenario").pressSequentially("医保待遇资格核验");
    assert.equal(await outcome("share"), "转审核 · 数据提供单位 · 5 个工作日 · 2026-10-10 前");
    scenario = await fieldState("share", "/application/scenario");
    assert.equal(scenario.message, "");
    assert.equal(scenario.ariaInvalid, null);
    const route = await page.locator("#details-share dl.route").textContent();
    assert.match(route, /审核数据提供单位/);
    assert.match(route, /答复截止2026-10-10/);
    const obligations = await page.locator("#details-share .obligations").textContent();
    assert.match(obligations, /建立使用日志/);
    assert.match(obligations, /第十九条/);

    // Cross-region data: the authority coordinates (第二十一条), over the provider's 5 days.
    await fill("share", { "/application/crossRegion": true });
    assert.equal(await outcome("share"), "转审核 · 公共数据主管部门");
    assert.match(await page.locator("#details-share .cite").textContent(), /第二十一条/);
    await fill("share", { "/application/crossRegion": false });

    await form("share").locator('button[type="submit"]').click();
    const done = page.locator("#details-share .submitted");
    assert.match(await done.textContent(), /核验通过，可以提交/);
    const sent = JSON.parse(await done.locator("pre").textContent());
    assert.equal(sent.application.scenario, "医保待遇资格核验");
    assert.equal(sent.jurisdiction, "ganzi");
    // The request checked carries the contract's values for the site's codes.
    assert.equal(sent.requester.type, "department");
    assert.equal(sent.resource.sharing, "conditional");
    assert.equal(sent.application.purpose, "duty");
    assert.equal(sent.application.commitment, true);
    await shot("share-ganzi-review-desktop", viewport);
  });

  test("switching to 普陀 brings its 第十七条 items; a 一网通办 scenario is granted under 第十九条", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=share", viewport);
    assert.equal((await fieldState("share", "/application/crossLevel")).visible, true);
    assert.equal((await fieldState("share", "/application/needType")).visible, false);
    await page.locator("#jurisdiction").selectOption("putuo");
    // 普陀 第二十三条: data held at another level goes through the district office.
    assert.equal((await fieldState("share", "/application/crossLevel")).visible, true);
    for (const f of ["/application/needType", "/application/dataContent", "/application/usageMode", "/application/usageEveryDays", "/application/securityLevel"]) {
      assert.equal((await fieldState("share", f)).visible, true, f);
    }
    assert.match(await page.locator("#regulation").textContent(), /普陀区公共数据共享实施办法（试行）/);
    await fill("share", {
      "/requester/name": "普陀区民政局", "/requester/type": "department", "/date": "2026-09-28",
      "/resource/name": "户籍人口信息", "/resource/sharing": "conditional", "/application/purpose": "duty",
      "/application/scenario": "最低生活保障资格核查", "/application/needBasis": "《社会救助暂行办法》",
      "/application/businessGoal": "核验低保申请人户籍情况", "/application/dataContent": "姓名、公民身份号码、户籍地址",
      "/application/usageMode": "api", "/application/usageEveryDays": "30", "/application/securityLevel": "3",
      "/application/securityMeasures": "政务外网专线访问、调用日志审计", "/application/commitment": true,
    });
    const missing = (await problems("share")).join("\n");
    assert.match(missing, /需求类型.*第十七条/);
    await fill("share", { "/application/needType": "数据接口调用" });
    assert.equal(await outcome("share"), "转审核 · 数据提供单位 · 5 个工作日 · 2026-10-10 前");
    assert.match(await page.locator("#details-share").textContent(), /逾期未答复的，视为审核通过/);

    // Once every 3 months at the least (第十七条): 120 days needs its reason.
    await fill("share", { "/application/usageEveryDays": "120" });
    await form("share").locator('[name="/application/usageEveryDays"]').blur();
    const low = await fieldState("share", "/application/lowFrequencyReason");
    assert.equal((await problems("share")).length, 1);
    assert.match((await problems("share"))[0], /第十七条/);
    assert.equal(low.valid, true, "gentle: the reason's field is not flagged before it is changed or a submit is tried");
    await form("share").locator('button[type="submit"]').click();
    assert.equal((await fieldState("share", "/application/lowFrequencyReason")).valid, false, "a submit attempt flags it");
    assert.equal(await page.locator("#details-share .submitted").count(), 0);
    await fill("share", { "/application/lowFrequencyReason": "年度核查，每年使用一次" });
    await fill("share", { "/application/scenarioType": "one_network_service" });
    assert.equal(await outcome("share"), "准予");
    assert.match(await page.locator("#details-share .grounds").textContent(), /第十九条/);
    await shot("share-putuo-granted-desktop", viewport);
  });

  test("English: the page, the messages and the article numbers switch language", async () => {
    await open("j=ganzi&form=share");
    await page.getByRole("button", { name: "English" }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator("h1").textContent(), "Public data applications, checked in the browser");
    assert.equal(await outcome("share"), "Still to fill in: Requester type, Purpose, Resource name, Sharing attribute");
    await fill("share", { "/resource/name": "Population data", "/requester/type": "citizen" });
    assert.match(await outcome("share"), /^Refused · \d+ things to fix$/, "a changed field with a wrong value: refused");
    const all = (await problems("share")).join("\n");
    assert.match(all, /Sharing is between government departments and public service organisations only/);
    assert.match(all, /Art\.\s13/);
    assert.ok((await page.locator("#details-share .problems a.goto").allTextContents()).includes("Type of applicant"));
    const validation = await control("share", "/requester/type").evaluate((el) => el.validationMessage);
    assert.match(validation, /Sharing is between government departments/);
    assert.match(await page.locator("#tab-open").textContent(), /^Opening$/);
    assert.match(page.url(), /lang=en/);
  });

  test("丽水 opening (annex 1): rating and materials appear; a missing material is refused under 第十一条第（一）项", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=open", viewport);
    assert.equal((await fieldState("open", "/requester/materials")).visible, false);
    assert.equal((await fieldState("open", "/requester/rating")).visible, false);
    await page.locator("#jurisdiction").selectOption("lishui");
    for (const f of ["/requester/materials", "/requester/rating", "/requester/securityLevel", "/application/usageMode"]) {
      assert.equal((await fieldState("open", f)).visible, true, f);
    }
    await fill("open", {
      "/requester/name": "丽水某数据科技有限公司", "/requester/type": "legal_person", contact: "李四", phone: "0578-2000000",
      "/requester/idNumber": "91331100MA2E0000X1", "/date": "2026-11-23", serviceName: "城市出行服务",
      "/application/purpose": "innovation", "/resource/provider": "市交通运输局", "/resource/name": "公交实时到站",
      "/resource/opening": "conditional", "/application/scenario": "公交到站预测",
      "/application/usageMode": "api", systemName: "出行助手", "/requester/securityLevel": "3", filingNumber: "33110099000-00001",
      "/requester/rating": "AA",
      "/requester/materials": ["application_form", "need_list", "security_certificate", "security_commitment"],
    });
    assert.equal(await outcome("open"), "不予通过 · 1 项需要修改");
    const [p] = await problems("open");
    assert.match(p, /提供证明材料.*应当提交信用报告.*第十一条第（一）项/);
    await form("open").locator('[name="/requester/materials"][value="credit_report"]').check();
    const line = await outcome("open");
    // 第十一条第（二）项: the authority's normative check comes first (the schedule lists the rest).
    assert.match(line, /^转审核 · 公共数据主管部门 · 15 个工作日 · 2026-12-14 前$/);
    assert.match(await page.locator("#details-open .obligations").textContent(), /签订公共数据开放利用协议/);

    // An A-rated user may use unconditional data only (第十条).
    await fill("open", { "/requester/rating": "A" });
    const rating = await fieldState("open", "/requester/rating");
    assert.match(rating.message, /A级（普通用户）只能使用无条件开放数据/);
    assert.match(rating.message, /第十条/);
    assert.equal(rating.ariaInvalid, "true");
    await shot("open-lishui-refused-desktop", viewport);
    await fill("open", { "/requester/rating": "AAA" });
    assert.match(await outcome("open"), /^转审核/);

    // The telephone is the form's own requirement, not a rule's: the browser's own check.
    await fill("open", { phone: "" });
    await form("open").locator('button[type="submit"]').click();
    assert.equal(await page.evaluate(() => document.activeElement.name), "phone");
    assert.equal(await page.locator("#details-open .submitted").count(), 0);
  });

  test("catalogue: 甘孜 conditional sharing needs its reason (第十五条); a change of attribute goes to the authority (第十六条)", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=catalog", viewport);
    await page.locator("#tab-catalog").click();
    await fill("catalog", {
      "/requester/name": "州交通运输局", "/date": "2026-06-01", "/resource/name": "公交线路",
      "/resource/sharing": "conditional", "/resource/opening": "unconditional", "/application/conditions": "仅限交通管理部门使用",
    });
    assert.equal(await outcome("catalog"), "不予通过 · 1 项需要修改");
    assert.match((await problems("catalog"))[0], /理由.*列入有条件共享类的，应当说明理由.*第十五条/);
    await fill("catalog", { "/application/reason": "涉及线路调度安排" });
    assert.equal(await outcome("catalog"), "准予");
    assert.match(await page.locator("#details-catalog .obligations").textContent(), /15 个工作日|2026-06-23/);

    await form("catalog").locator('[name="/kind"][value="reclassify"]').check();
    assert.equal((await fieldState("catalog", "/resource/sharing")).visible, false);
    assert.equal((await fieldState("catalog", "/application/attribute")).visible, true);
    await fill("catalog", { "/application/attribute": "sharing", "/application/from": "unconditional", "/application/to": "conditional" });
    assert.equal(await outcome("catalog"), "转审核 · 公共数据主管部门");
    assert.match(await page.locator("#details-catalog .route-message").textContent(), /不得降低共享属性/);
    await fill("catalog", { "/application/to": "unconditional" });
    const same = await fieldState("catalog", "/application/to");
    assert.match(same.message, /变更后的属性与变更前相同/);
    await fill("catalog", { "/application/to": "none", "/application/authorityApproval": "甘数据〔2026〕1号" });
    assert.equal(await outcome("catalog"), "准予");
    await shot("catalog-ganzi-desktop", viewport);
  });

  test("operation (甘孜, national norms): the step brings its fields; a direct designation is flagged at 运营机构选择方式 under 第十二条第一款, an open tender goes to review", async () => {
    for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      await open("j=ganzi&form=operate&lang=zh", viewport);
      // No step yet: the step's own fields wait, and the missing step is what to fix (第三条).
      assert.equal((await fieldState("operate", "/application/selection")).visible, false);
      assert.equal((await fieldState("operate", "/application/termMonths")).visible, false);
      assert.equal((await fieldState("operate", "/requester/principalCriminal")).visible, false, "遂宁's field");
      assert.match((await problems("operate")).join("\n"), /运营事项.*请说明授权运营事项.*第三条/);

      await fill("operate", { "/application/action": "apply_operator" });
      for (const f of ["/application/planApproved", "/application/selection", "/requester/securityCompliant", "/requester/capable"]) {
        assert.equal((await fieldState("operate", f)).visible, true, f);
      }
      assert.equal((await fieldState("operate", "/application/termMonths")).visible, false, "the agreement's term waits for its step");
      await fill("operate", {
        "/requester/name": "甘孜州数据运营有限公司", "/requester/type": "legal_person", "/requester/idNumber": "91110000600037341L",
        "/date": "2025-10-15", "/resource/name": "州域旅游客流数据", "/application/planApproved": true,
        "/requester/securityCompliant": true, "/requester/capable": true, "/application/selection": "direct",
      });
      assert.equal(await outcome("operate"), "不予通过 · 1 项需要修改");
      const [only] = await problems("operate");
      assert.match(only, /^运营机构选择方式：实施机构应以公开招标、邀请招标、谈判等公平竞争方式选择运营机构.*第十二条第一款/);
      await form("operate").locator('button[type="submit"]').click();
      const selection = await fieldState("operate", "/application/selection");
      assert.match(selection.message, /公平竞争方式/);
      assert.match(selection.message, /第十二条第一款/);
      assert.equal(selection.ariaInvalid, "true");
      assert.equal(await page.evaluate(() => document.activeElement.name), "/application/selection");
      assert.equal(await page.locator("#details-operate .submitted").count(), 0);
      await shot(`operate-ganzi-refused-${label}`, viewport);

      await fill("operate", { "/application/selection": "open_tender" });
      assert.equal(await outcome("operate"), "转审核 · 公共数据主管部门");
      assert.match(await page.locator("#details-operate .route-message").textContent(), /实施机构根据审定同意的实施方案/);
      assert.match(await page.locator("#details-operate .grounds").textContent(), /第十二条第一款/);
      assert.equal((await fieldState("operate", "/application/selection")).message, "");

      // Signing the agreement asks its term and contents (第十四条).
      await fill("operate", { "/application/action": "sign_agreement" });
      assert.equal((await fieldState("operate", "/application/termMonths")).visible, true);
      const signing = (await problems("operate")).join("\n");
      assert.match(signing, /授权运营期限（月）：授权运营协议应载明运营期限.*第十四条第（二）项/);
      assert.match(signing, /授权运营协议包含的内容：授权运营协议应包括.*第十四条/);
      const clauses = await form("operate").locator('[name="/application/agreementClauses"]').evaluateAll((bs) => bs.map((b) => b.value));
      assert.equal(clauses.length, 12);
      await fill("operate", { "/application/termMonths": "96", "/application/agreementClauses": clauses });
      assert.match((await problems("operate")).join("\n"), /授权运营期限（月）：.*超过5年的，应说明理由.*第十四条第（二）项/);
      await fill("operate", { "/application/termExceptionReason": "基础设施投资回收期较长" });
      assert.equal(await outcome("operate"), "转审核 · 本级人民政府");
      assert.match(await page.locator("#details-operate .obligations").textContent(), /披露授权对象、内容、范围和时限.*第十八条/);
      await form("operate").locator('button[type="submit"]').click();
      assert.match(await page.locator("#details-operate .submitted").textContent(), /"termMonths": 96/);
      await shot(`operate-ganzi-review-${label}`, viewport);
    }
  });

  test("遂宁 operation: the city's fields join the national ones; an unapproved product is refused under 遂宁 第二十三条, approved it is granted with both layers' duties", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=suining&form=operate", viewport);
    assert.equal(await page.locator("#notice-operate").isVisible(), false, "遂宁 governs operation");
    assert.equal((await fieldState("operate", "/requester/principalCriminal")).visible, true);
    await fill("operate", { "/application/action": "request_data" });
    for (const f of ["/resource/inCatalog", "/resource/opening", "/application/agreementStart", "/application/withinScope"]) {
      assert.equal((await fieldState("operate", f)).visible, true, f);
    }
    assert.equal((await fieldState("operate", "/application/productApproved")).visible, false);
    await fill("operate", { "/application/action": "release_product" });
    assert.equal((await fieldState("operate", "/resource/opening")).visible, false, "asked only for a data request");
    await fill("operate", {
      "/requester/name": "遂宁市数据运营有限公司", "/requester/type": "operator", "/requester/idNumber": "91110000600037341L",
      "/date": "2025-06-16", "/resource/name": "城市道路交通流量", "/application/withinScope": "true",
      "/application/agreementStart": "2024-03-01",
    });
    assert.equal(await outcome("operate"), "不予通过 · 1 项需要修改");
    const [only] = await problems("operate");
    assert.match(only, /^已经市级大数据主管部门审批：数据产品未经审批不得发布.*第二十三条/);
    assert.match(only, /遂宁/, "the city's measures are cited");
    await fill("operate", { "/application/productApproved": true });
    assert.equal(await outcome("operate"), "准予");
    const duties = await page.locator("#details-operate .obligations").textContent();
    assert.match(duties, /20个工作日内提交首次登记申请.*第十六条/);
    assert.match(duties, /应当注明数据来源.*第十四条/);
    await shot("operate-suining-granted-desktop", viewport);
  });

  test("registration: a first registration missing materials lists each under 第九条第（一）项; complete, it is accepted by 09-30, reviewed by 11-04, published to 11-18", async () => {
    const missing = ["数据资源情况", "存证情况", "产品和服务信息", "应用场景信息", "数据安全风险评估"];
    for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
      await open("j=ganzi&form=register&lang=zh", viewport);
      await page.locator("#tab-register").click();
      assert.equal((await fieldState("register", "/application/registrationMaterials")).visible, false);
      assert.match((await problems("register")).join("\n"), /登记类型.*请选择登记类型.*第九条/);
      await fill("register", { "/application/registrationType": "first" });
      for (const f of ["/application/businessReviewed", "/application/preserved", "/application/delivered", "/application/registrationMaterials"]) {
        assert.equal((await fieldState("register", f)).visible, true, f);
      }
      assert.equal((await fieldState("register", "/application/cancellationGround")).visible, false);
      await fill("register", {
        "/requester/name": "甘孜州政务服务和公共资源交易服务中心", "/requester/type": "department", "/requester/idNumber": "91110000600037341L",
        "/date": "2025-09-26", "/resource/name": "州域道路交通流量数据", "/application/businessReviewed": true,
        "/application/preserved": true, "/application/delivered": "2025-09-10",
        "/application/registrationMaterials": ["subject_info", "legal_source"],
      });
      assert.equal(await outcome("register"), `不予通过 · ${missing.length} 项需要修改`);
      const listed = await problems("register");
      for (const [i, m] of missing.entries()) assert.match(listed[i], new RegExp(`^登记申请材料：首次登记.*${m}.*第九条第（一）项`), m);
      await form("register").locator('button[type="submit"]').click();
      // Under the control: the five messages as one problem, its article cited once.
      const materials = await fieldState("register", "/application/registrationMaterials");
      assert.equal(materials.ariaInvalid, "true");
      const shown = form("register").locator('.field[data-name="/application/registrationMaterials"] .msg .problem');
      assert.equal(await shown.count(), 1);
      assert.match(await shown.locator("details.article summary").textContent(), /第九条第（一）项$/);
      const said = await shown.locator(".text").textContent();
      for (const m of missing) assert.match(said, new RegExp(`应提交${m}`));
      assert.doesNotMatch(said, /主体信息|合法合规性来源/);
      await shot(`register-ganzi-refused-${label}`, viewport);

      await fill("register", { "/application/registrationMaterials": await form("register").locator('[name="/application/registrationMaterials"]').evaluateAll((bs) => bs.map((b) => b.value)) });
      assert.equal(await outcome("register"), "转审核 · 登记机构 · 3 个工作日 · 2025-09-30 前");
      const steps = await page.locator("#details-register .schedule > li").allTextContents();
      assert.equal(steps.length, 4);
      assert.match(steps[0], /登记机构 · 3 个工作日 2025-09-30 前.*第十条/);
      assert.match(steps[1], /登记机构 · 20 个工作日 2025-11-04 前.*第十一条/);
      assert.match(steps[2], /登记机构 · 10 个工作日 2025-11-18 前.*第十二条第一款/);
      assert.match(steps[3], /登记机构.*第十三条/);
      assert.doesNotMatch(steps[3], /前/, "the query code has no period");
      assert.match(await page.locator("#details-register .obligations").textContent(), /60日内续展.*第十五条/);
      assert.equal(await page.locator("#details-register .warnings").count(), 0, "delivered 09-10, in time");
      await form("register").locator('button[type="submit"]').click();
      assert.match(await page.locator("#details-register .submitted").textContent(), /核验通过/);
      await shot(`register-ganzi-review-${label}`, viewport);
    }
  });

  test("registration: an objection during publicity, in 永州, asks its evidence (第十二条第二款), then goes to the registry", async () => {
    await open("j=yongzhou&form=register");
    await fill("register", { "/application/registrationType": "objection" });
    assert.equal((await fieldState("register", "/application/registrationMaterials")).visible, false);
    assert.equal((await fieldState("register", "/application/evidence")).visible, true);
    await fill("register", {
      "/requester/name": "张三", "/requester/type": "citizen", "/requester/idNumber": "11010519491231002X",
      "/date": "2025-10-20", "/resource/name": "市域公交刷卡数据",
    });
    assert.equal(await outcome("register"), "不予通过 · 1 项需要修改");
    assert.match((await problems("register"))[0], /^证据材料：对公示信息提出异议的，应提供必要的证据材料.*第十二条第二款/);
    await fill("register", { "/application/evidence": "该数据包含本人未授权的个人信息" });
    assert.equal(await outcome("register"), "转审核 · 登记机构");
    assert.match(await page.locator("#details-register .route-message").textContent(), /异议成立的，终止登记/);
    assert.equal(await page.locator("#details-register .schedule").count(), 0);
  });

  test("遂宁's rules do not govern sharing: the sharing form says so and does not submit", async () => {
    await open("j=suining&form=share");
    const notice = page.locator("#notice-share");
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /遂宁市的规则未规定此类申请（share）/);
    assert.match(await page.locator("#details-share .problems").textContent(), /本表不适用于该地区/);
    await fill("share", { "/requester/name": "遂宁市大数据中心", "/resource/name": "企业登记信息" });
    await form("share").locator('button[type="submit"]').click();
    assert.equal(await page.locator("#details-share .submitted").count(), 0);
    assert.match(await outcome("share"), /^不予通过/);
  });

  test("the form the address names is built and checked first, the others after it and in their order", async () => {
    // Notes how many forms the page had built when the named form's verdict first showed.
    await page.addInitScript(() => {
      const id = new URLSearchParams(location.hash.slice(1)).get("form");
      if (!id) return;
      new MutationObserver((_, observer) => {
        if (!document.getElementById(`outcome-${id}`)?.textContent.trim()) return;
        window.__builtAtFirstVerdict = document.querySelectorAll("#panels > .panel").length;
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await open("j=ganzi&form=catalog");
    assert.equal(await page.evaluate(() => window.__builtAtFirstVerdict), 1);
    const panels = await page.locator("#panels > .panel").evaluateAll((els) => els.map((el) => [el.id, el.hidden]));
    assert.deepEqual(panels, FORMS.map((f) => [`panel-${f.id}`, f.id !== "catalog"]));
    for (const f of FORMS) assert.notEqual((await outcome(f.id)).trim(), "", `${f.id} is checked`);
    await page.locator("#tab-share").click();
    assert.equal(await page.locator("#panel-share").isVisible(), true);
    assert.equal(await page.locator("#panel-catalog").isVisible(), false);
  });

  test("the sharing form needs no other form's file for its verdict; a form chosen while its file loads shows when it arrives, unless another was chosen since", async () => {
    // The four other forms' files held, each until released.
    const { releases, hold, expectHeld } = holding(/forms\/(\w+)\.js$/);
    const later = TABS.slice(1).map((t) => `**/forms/${t.id}.js`);
    afterLoad = null;
    for (const pattern of later) await page.route(pattern, hold);
    const visible = (id) => page.locator(`#panel-${id}`).isVisible();
    try {
      // A fresh load with the files held (from the page itself, a change of hash would load
      // nothing; a reload straight after a load from another page raced it: "not attached").
      await page.goto("about:blank");
      await page.goto(`${served.url}#j=ganzi&form=share&lang=zh`, { waitUntil: "commit" });
      await page.waitForFunction(() => document.getElementById("outcome-share")?.textContent.trim(), null, { timeout: 60_000 });
      await expectHeld(["open", "catalog", "operate", "register"]);
      // Chosen while held: its tab says it is loading; shown when it arrives.
      await page.locator("#tab-catalog").click();
      assert.equal(await visible("share"), true);
      assert.equal(await page.locator("#tab-catalog").getAttribute("aria-busy"), "true");
      releases.get("catalog")();
      await page.locator("#panel-catalog").waitFor({ state: "visible" });
      assert.equal(await page.locator("#tab-catalog").getAttribute("aria-selected"), "true");
      assert.equal(await page.locator("#tab-catalog").getAttribute("aria-busy"), null);
      // Chosen while held, then another chosen: the later choice stands.
      await page.locator("#tab-operate").click();
      await page.locator("#tab-share").click();
      releases.get("operate")();
      // Imported again in the page: once it resolves, so has the page's own import of it.
      await page.evaluate(() => import("./forms/operate.js").then(() => null));
      assert.equal(await visible("share"), true);
      assert.equal(await visible("operate"), false);
      assert.equal(await page.locator("#tab-operate").getAttribute("aria-selected"), "false");
      assert.equal(await page.locator("#tab-operate").getAttribute("aria-busy"), null);
      assert.equal(await page.evaluate(() => document.body.dataset.ready), undefined);
    } finally {
      for (const release of releases.values()) release();
      for (const pattern of later) await page.unroute(pattern, hold);
    }
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    for (const t of TABS) assert.notEqual((await outcome(t.id)).trim(), "", `${t.id} is checked`);
  });

  test("a form's file that does not load is said so in the page, and the sharing form still decides", async () => {
    const missing = (route) => route.fulfill({ status: 404, body: "" });
    afterLoad = null;
    await page.route("**/forms/register.js", missing);
    try {
      await page.goto(`${served.url}#j=ganzi&form=share&lang=en`);
      await page.reload();
      await page.locator("#regulation .load-error").waitFor({ timeout: 60_000 });
      assert.match(await page.locator("#regulation .load-error").textContent(), /^The form did not load: .*register\.js/);
      assert.notEqual((await outcome("share")).trim(), "");
      // Chosen, it is asked for again, and missing again: the sharing form stays.
      await page.locator("#tab-register").click();
      await page.waitForFunction(() => !document.getElementById("tab-register").hasAttribute("aria-busy"));
      assert.equal(await page.locator("#tab-share").getAttribute("aria-selected"), "true");
      assert.match(await page.locator("#regulation .load-error").textContent(), /^The form did not load: /);
      // The browser's own report of each missing file (one per fetch; a browser may not
      // fetch a failed module again), and no other error.
      for (let i = 0; i < 40 && served.errors.length < 2; i++) await page.waitForTimeout(50);
      assert.ok(served.errors.length > 0 && served.errors.every((e) => /404|register\.js/.test(e)), served.errors.join("\n"));
      served.errors.length = 0;
    } finally {
      await page.unroute("**/forms/register.js", missing);
    }
  });

  test("lite.html: a jurisdiction whose pack does not load is said so, the page stays on the one it had, and choosing it again fetches the pack again", async () => {
    await open("j=ganzi&form=share&lang=en", undefined, "lite.html");
    const before = await outcome("share");
    const missing = (route) => route.fulfill({ status: 404, body: "" });
    await page.route("**/packs/putuo.json", missing);
    try {
      await page.selectOption("#jurisdiction", "putuo");
      await page.locator("#regulation .load-error").waitFor({ timeout: 60_000 });
      assert.match(await page.locator("#regulation .load-error").textContent(), /^The rules of Putuo did not load: .*\/packs\/putuo\.json: 404$/);
      assert.equal(await page.locator("#jurisdiction").inputValue(), "ganzi");
      assert.equal(await outcome("share"), before);
      for (let i = 0; i < 40 && served.errors.length < 1; i++) await page.waitForTimeout(50);
      assert.ok(served.errors.length > 0 && served.errors.every((e) => /404/.test(e)), served.errors.join("\n"));
      served.errors.length = 0;
    } finally {
      await page.unroute("**/packs/putuo.json", missing);
    }
    await page.selectOption("#jurisdiction", "putuo");
    // (The error above names 普陀 too: wait for the regulation line that replaces it.)
    await page.waitForFunction(() => {
      const line = document.getElementById("regulation");
      return !line.querySelector(".load-error") && /Putuo|普陀/.test(line.textContent);
    });
    assert.equal(await page.locator("#jurisdiction").inputValue(), "putuo");
    assert.deepEqual(requestsAfterLoad(), ["GET /packs/putuo.json", "GET /packs/putuo.json"]);
  });

  test("lite.html: jurisdictions chosen one after the other while their packs load end on the last chosen, whichever pack arrives last; each pack is fetched once", async () => {
    for (const query of ["lite.html", "lite.html?engine=worker"]) {
      await open("j=ganzi&form=share&lang=en", undefined, query);
      const { releases, hold, expectHeld } = holding(/packs\/(\w+)\.json$/);
      const regulation = () => page.locator("#regulation").textContent();
      await page.route("**/packs/*.json", hold);
      try {
        await page.selectOption("#jurisdiction", "putuo");
        await page.selectOption("#jurisdiction", "lishui");
        await page.selectOption("#jurisdiction", "putuo"); // chosen again while it loads
        await page.selectOption("#jurisdiction", "lishui");
        await expectHeld(["putuo", "lishui"]);
        assert.equal(releases.size, 2, query);
        releases.get("lishui")();
        await page.waitForFunction(() => /Lishui/.test(document.getElementById("regulation").textContent));
        // 普陀's pack arrives after: the page stays on 丽水.
        const arrived = page.waitForResponse("**/packs/putuo.json");
        releases.get("putuo")();
        await (await arrived).finished();
        for (let i = 0; i < 20; i++) {
          await page.waitForTimeout(50);
          assert.match(await regulation(), /Lishui/, `${query}: still 丽水 after 普陀's pack arrived`);
        }
        assert.equal(await page.locator("#jurisdiction").inputValue(), "lishui");
        assert.equal(await page.locator("#regulation .load-error").count(), 0);
      } finally {
        for (const release of releases.values()) release();
        await page.unroute("**/packs/*.json", hold);
      }
      // Chosen again, 普陀 has its engine: no second download.
      await page.selectOption("#jurisdiction", "putuo");
      await page.waitForFunction(() => /Putuo/.test(document.getElementById("regulation").textContent));
      assert.deepEqual(requestsAfterLoad().sort(), ["GET /packs/lishui.json", "GET /packs/putuo.json"], query);
    }
  });

  test("bad input does not break the page: an odd address, an oversized application", async () => {
    await open("j=%3Cb%3Ex&form=nonsense&lang=zz");
    assert.equal(await page.locator("#jurisdiction").inputValue(), "ganzi");
    assert.equal(await page.locator("#tab-share").getAttribute("aria-selected"), "true");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    // Six long answers of three-byte characters: more than the engine reads (64 KiB).
    await page.locator("#jurisdiction").selectOption("putuo");
    const long = "数".repeat(4000);
    const texts = ["/application/scenario", "/application/needBasis", "/application/dataContent", "/application/lowFrequencyReason", "/application/securityMeasures", "/application/fusionPlan"];
    for (const name of texts) await control("share", name).fill(long);
    assert.match(await outcome("share"), /^无法核验 · /);
    assert.match((await problems("share")).join(""), /整份申请/);
    await form("share").locator('button[type="submit"]').click();
    assert.equal(await page.locator("#details-share .submitted").count(), 0);
    await form("share").locator('[name="/application/fusionPlan"]').fill("");
    await form("share").locator('[name="/application/lowFrequencyReason"]').fill("");
    assert.match(await outcome("share"), /^不予通过/);
  });

  test("keyboard only: tabs, switches, filling, submitting, fixing", async () => {
    await open("j=ganzi&form=share");
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, name: el.dataset.pdpField ?? el.getAttribute("name"), tag: el.nodeName, visible: el.matches(":focus-visible") };
    });
    const tabTo = async (pred, limit = 80) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press("Tab");
        const f = await focused();
        if (pred(f)) return f;
      }
      assert.fail("never reached by Tab");
    };
    await tabTo((f) => f.id === "jurisdiction");
    // The tab list: one stop, arrows move between forms.
    const tab = await tabTo((f) => f.id === "tab-share");
    assert.equal(tab.visible, true, "the focus ring shows");
    await page.keyboard.press("ArrowRight");
    assert.equal((await focused()).id, "tab-open");
    assert.equal(await page.locator("#panel-open").isVisible(), true);
    await page.keyboard.press("ArrowLeft");
    assert.equal((await focused()).id, "tab-share");

    await tabTo((f) => f.name === "/requester/name");
    await page.keyboard.type("州卫生健康委员会");
    await page.keyboard.press("Tab"); // type of applicant
    await page.keyboard.press("ArrowDown"); // 政务部门
    assert.equal(await control("share", "/requester/type").inputValue(), "1", "the site's code for 政务部门");
    await tabTo((f) => f.name === "/resource/name");
    await page.keyboard.type("人口基础信息");
    await tabTo((f) => f.name === "/resource/sharing");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown"); // 有条件共享
    await tabTo((f) => f.name === "/application/purpose");
    await page.keyboard.press("ArrowDown"); // 履行法定职责
    for (const [name, text] of [["/application/needBasis", "《社会保险法》"], ["/application/businessGoal", "资格核验"], ["/application/securityMeasures", "专线访问"]]) {
      await tabTo((f) => f.name === name);
      await page.keyboard.type(text);
    }
    await tabTo((f) => f.name === "/application/commitment");
    await page.keyboard.press("Space");
    assert.equal(await control("share", "/application/commitment").isChecked(), true);

    // Enter submits; the browser stops at the one field left, the scenario, with its message.
    await tabTo((f) => f.tag === "BUTTON" && f.name === null);
    await page.keyboard.press("Enter");
    const at = await focused();
    assert.equal(at.name, "/application/scenario");
    assert.match((await fieldState("share", "/application/scenario")).message, /第十八条/);
    await page.keyboard.type("医保待遇资格核验");
    assert.match(await outcome("share"), /^转审核/);
    await tabTo((f) => f.tag === "BUTTON" && f.name === null);
    await page.keyboard.press("Enter");
    assert.match(await page.locator("#details-share .submitted").textContent(), /核验通过/);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("submitted")), true);
  });

  test("articles open from the keyboard, and a problem's link moves focus to its field", async () => {
    await open("j=ganzi&form=share");
    const link = page.locator("#details-share .problems a.goto").first();
    const target = await link.getAttribute("href");
    await link.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), target);
    const summary = page.locator("#details-share .problems details.article summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.equal(await summary.evaluate((s) => s.parentElement.open), true);
  });

  test("nothing leaves the page: no request while every form is filled, switched and submitted", async () => {
    await open("j=ganzi&form=share");
    for (const j of ["yongzhou", "lishui", "suining", "putuo", "ganzi"]) {
      await page.locator("#jurisdiction").selectOption(j);
      for (const id of FORMS.map((f) => f.id)) {
        await page.locator(`#tab-${id}`).click();
        const first = form(id).locator('[name="/resource/name"]');
        await first.fill(`数据 ${j}`);
        await form(id).locator('button[type="submit"]').click();
      }
    }
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForTimeout(300);
    assert.deepEqual(afterLoad, []);
  });

  test("screenshots of each form at desktop and phone width (test-results/)", async () => {
    const cases = [
      ["share", "ganzi", { "/requester/name": "州卫生健康委员会", "/requester/type": "department", "/resource/name": "人口基础信息", "/resource/sharing": "conditional", "/application/purpose": "duty" }],
      ["open", "lishui", { "/requester/name": "丽水某数据科技有限公司", "/requester/type": "legal_person", phone: "0578-2000000", "/resource/name": "公交实时到站", "/resource/opening": "conditional", "/requester/rating": "AA", "/requester/securityLevel": "3" }],
      ["catalog", "putuo", { "/requester/name": "普陀区市场监督管理局", "/resource/name": "企业登记信息", "/resource/sharing": "conditional", "/resource/opening": "none", "/application/catalog/source": "企业登记系统" }],
      // The step first: it brings the fields it asks.
      ["operate", "suining", { "/application/action": "request_data", "/requester/name": "遂宁市数据运营有限公司", "/requester/type": "operator", "/resource/name": "城市道路交通流量", "/resource/opening": "conditional", "/application/withinScope": "true" }],
      ["register", "lishui", { "/application/registrationType": "first", "/requester/name": "丽水市大数据发展管理局", "/requester/type": "department", "/resource/name": "公交实时到站", "/application/preserved": true, "/application/registrationMaterials": ["subject_info", "legal_source", "resource_info"] }],
    ];
    for (const [id, j, values] of cases) {
      for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
        for (const lang of ["zh", "en"]) {
          await open(`j=${j}&form=${id}&lang=${lang}`, viewport);
          await fill(id, { "/date": "2026-09-28", ...values });
          await form(id).locator('button[type="submit"]').click();
          await page.evaluate(() => window.scrollTo(0, 0));
          // No control wider than the screen.
          const wide = await page.evaluate((w) => [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null).map((e) => e.className || e.nodeName), viewport.width);
          assert.deepEqual(wide, [], `${id} ${label} ${lang}: wider than the screen`);
          await shot(`${id}-${j}-${label}-${lang}`, viewport);
        }
      }
    }
    const made = readdirSync(results).filter((f) => f.startsWith("demo-") && f.endsWith(".png"));
    assert.ok(made.length >= 4 * cases.length, `screenshots: ${made.join(", ")}`);
  });
});

// ---- built minified ------------------------------------------------------------------------

describe("the demo built minified, as the phone profile of bench/browser.mjs loads it", () => {
  const builds = {};

  before(async () => {
    builds.plain = await servedDemo("pdp-demo-plain-");
    builds.minified = await servedDemo("pdp-demo-min-", { minify: true, relativeOut: true });
  });

  after(async () => {
    await builds.plain?.close();
    await builds.minified?.close();
  });

  /** What a page of a build shows once ready: the form panel shown (the playground: the page). */
  async function shown({ page, url }, path) {
    await page.goto(`${url}${path}`);
    await page.reload(); // a hash-only change would not load the page again
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    return page.evaluate(() => document.querySelector(".panel:not([hidden])")?.innerText ?? document.body.innerText);
  }

  test("its scripts are smaller, the forms page's one module, and each page shows what the plain build's shows, without errors", async () => {
    const script = (b, file) => readFileSync(join(b.root, file), "utf8");
    for (const file of ["playground.js", "pkg-forms/pubdata_policy_wasm.js"]) {
      assert.ok(script(builds.minified, file).length < 0.8 * script(builds.plain, file).length, `${file} is minified`);
    }
    // The forms page's script bundled: it imports nothing but, when needed, the forms not
    // on show, each bundled on its own, and the worker entry.
    const imports = (code) => [...code.matchAll(/\bimport\s*(?:\(\s*)?(?:[^"'`;()]*?from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    const later = TABS.slice(1).map((t) => `./forms/${t.id}.js`);
    assert.deepEqual(imports(script(builds.minified, "app.js")), [...later, "./pkg-forms/worker.js"]);
    for (const file of later) assert.deepEqual(imports(script(builds.minified, file)), [], `${file} is bundled`);
    // The worker entry left as the package has it, one script that starts its worker from the
    // script beside it (bundled with the page's, it would look for it beside app.js), which
    // is one script too.
    for (const file of ["pkg-forms/worker.js", "pkg-forms/engine-worker.js"]) {
      for (const b of [builds.plain, builds.minified]) assert.deepEqual(imports(script(b, file)), [], `${file} is one script`);
    }
    const workerUrl = /new Worker\(new URL\(["']\.\/engine-worker\.js["'],\s*import\.meta\.url\)/;
    assert.match(script(builds.minified, "pkg-forms/worker.js"), workerUrl);
    assert.ok(imports(script(builds.plain, "app.js")).length > 3, "the plain build's app.js imports its modules");
    const paths = ["#j=ganzi&form=share", "?engine=worker#j=lishui&form=open&lang=en", "lite.html#j=ganzi&form=share",
      "lite.html?engine=worker#j=lishui&form=open&lang=en", "playground.html#j=ganzi"];
    const seen = {};
    for (const path of paths) {
      const plain = (seen[path] = await shown(builds.plain, path));
      const minified = await shown(builds.minified, path);
      assert.ok(plain.length > 100, `${path}: ${plain.slice(0, 200)}`);
      assert.equal(minified, plain, path);
    }
    // lite.html, which the phone profile also loads, shows what index.html shows.
    assert.equal(seen["lite.html#j=ganzi&form=share"], seen["#j=ganzi&form=share"]);
    assert.equal(seen["lite.html?engine=worker#j=lishui&form=open&lang=en"], seen["?engine=worker#j=lishui&form=open&lang=en"]);
    assert.deepEqual(builds.plain.errors, [], "errors in the plain build's pages");
    assert.deepEqual(builds.minified.errors, [], "errors in the minified build's pages");
  });
});
