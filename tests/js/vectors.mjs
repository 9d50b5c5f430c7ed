// What the JavaScript suites share: the scenario vectors, found on disk the way the Rust
// tests find them, and the native engine's answers for them (core/examples/verdicts.rs,
// written by scripts/test-wasm to target/wasm-tests/native.json).

import assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { boundaryCases } from "./calls.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const vectorDir = join(root, "tests", "vectors");

/** Every `<jurisdiction>/<file>.json` under tests/vectors, sorted. */
export function vectorFiles() {
  const out = [];
  for (const j of readdirSync(vectorDir).sort()) {
    if (!statSync(join(vectorDir, j)).isDirectory()) continue;
    for (const f of readdirSync(join(vectorDir, j)).sort()) {
      if (f.endsWith(".json")) out.push(`${j}/${f}`);
    }
  }
  return out;
}

/** The packs `pack` builds on, by its `pack.json` (and theirs), the lowest first, then `pack`. */
export function packsOf(policies, pack) {
  const out = [];
  const visit = (id) => {
    for (const below of JSON.parse(readFileSync(join(policies, id, "pack.json"), "utf8")).layers ?? []) visit(below);
    if (!out.includes(id)) out.push(id);
  };
  visit(pack);
  return out;
}

/** Copies `pack` of the repository's policies/, the packs beneath it and the calendar into `to` (as `as`). */
export function copyPack(pack, to, as = pack) {
  const policies = join(root, "policies");
  for (const id of packsOf(policies, pack)) cpSync(join(policies, id), join(to, id === pack ? as : id), { recursive: true });
  cpSync(join(policies, "calendar"), join(to, "calendar"), { recursive: true });
}

/**
 * A pack of a policies folder in the shape `Engine.fromSources` takes: its own files, the
 * packs beneath it as its `pack.json` lists them (each with theirs, the lowest first, as the
 * engine reads a folder), and the calendar. `fileName(dir, file)` names each file.
 */
export function sourcesFromFolder(root, pack, fileName = (dir, file) => file) {
  const texts = (d, ext) =>
    Object.fromEntries(readdirSync(d).filter((f) => f.endsWith(ext)).map((f) => [fileName(d, f), readFileSync(join(d, f), "utf8")]));
  const read = (id) => {
    const dir = join(root, id);
    const regulation = join(dir, "regulation.json");
    return {
      pack: id,
      manifest: readFileSync(join(dir, "pack.json"), "utf8"),
      ...(existsSync(regulation) ? { regulation: readFileSync(regulation, "utf8") } : {}),
      policies: texts(dir, ".cedar"),
    };
  };
  const layers = packsOf(root, pack).map(read);
  const { manifest, regulation, policies } = layers.pop();
  return { manifest, layers, policies, ...(regulation ? { regulation } : {}), calendar: texts(join(root, "calendar"), ".json") };
}

export function readVector(file) {
  return JSON.parse(readFileSync(join(vectorDir, file), "utf8"));
}

/** The native engine's answers, keyed as vectorFiles() names the files. */
export function native() {
  const path = process.env.PDP_NATIVE_VERDICTS ?? join(root, "target", "wasm-tests", "native.json");
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read the native verdicts at ${path} (scripts/test-wasm writes them): ${e.message}`);
  }
}

/** JSON Merge Patch (RFC 7396), as the vector format applies `patch` to `base`. */
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch);
  const out = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The request a case describes: its own `request`, or `base` patched by `patch`. */
export function requestOf(suite, c) {
  if (c.request !== undefined) return structuredClone(c.request);
  return c.patch === undefined ? structuredClone(suite.base ?? {}) : mergePatch(suite.base ?? {}, c.patch);
}

/**
 * Every call the parity suites make, as data: `{ id, jurisdiction, call, arg, want }` where
 * `want` is the native answer — `{ verdict }`, `{ status }` or `{ error }`. Runs in Node
 * and, serialised, in the browser page, so both sides make exactly the same calls.
 */
export function parityCalls() {
  const nat = native();
  const calls = [];
  for (const file of vectorFiles()) {
    const jurisdiction = file.split("/")[0];
    const n = nat.files[file];
    if (n === undefined) throw new Error(`${file} is not in the native verdicts: rerun scripts/test-wasm`);
    let suite;
    try {
      suite = readVector(file);
    } catch {
      // Not even JSON (a rule set being written): the native run must have failed on it too.
      calls.push({ id: file, jurisdiction, call: "none", arg: null, want: n });
      continue;
    }
    if (n.suiteError !== undefined || n.engineError !== undefined) {
      calls.push({ id: file, jurisdiction, call: "runSuite", arg: suite, want: n });
      continue;
    }
    calls.push({ id: `${file} (suite)`, jurisdiction, call: "runSuite", arg: suite, want: { results: n.results } });
    suite.cases.forEach((c, i) => {
      const nc = n.cases[i];
      const id = `${file} — ${c.name}`;
      const want = Object.fromEntries(Object.entries(nc).filter(([k]) => !["name", "request"].includes(k)));
      if (c.share !== undefined) calls.push({ id, jurisdiction, call: "shareStatus", arg: c.share, want });
      else calls.push({ id, jurisdiction, call: "check", arg: requestOf(suite, c), want, nativeRequest: nc.request });
    });
  }
  return calls;
}

/** Checks what the boundary catalogue saw: the plain error object, code and field as listed. */
export function assertBoundary({ cases, after }) {
  assert.equal(cases.length, boundaryCases().length);
  for (const c of cases) {
    if (c.thrown?.code === "invalid_request") {
      // The module under test has the Chinese detail (the core's `zh-detail` feature).
      const frame = zhFrame(c.thrown.field);
      assert.ok(c.thrown.message.zh.startsWith(frame), `${c.name}: ${c.thrown.message.zh}`);
      const detail = c.thrown.message.zh.slice(frame.length);
      assert.deepEqual(englishIn(detail), [], `${c.name}: ${c.thrown.message.zh}`);
    }
    assert.ok(!c.returned, `${c.name}: returned instead of throwing`);
    assert.ok(!c.trap, `${c.name}: a wasm trap: ${c.thrown}`);
    assert.ok(c.plain, `${c.name}: threw ${c.thrown}, not a plain object`);
    assert.deepEqual(Object.keys(c.thrown).sort(), ["code", "field", "message"], c.name);
    assert.deepEqual([c.thrown.code, c.thrown.field], [c.code, c.field], `${c.name}: ${c.thrown.message.en}`);
    assert.ok(typeof c.thrown.message.zh === "string" && c.thrown.message.zh.length > 0, c.name);
    assert.ok(typeof c.thrown.message.en === "string" && c.thrown.message.en.length > 0, c.name);
    assert.ok(c.ms < 10_000, `${c.name}: took ${c.ms} ms to refuse`);
  }
  assert.equal(after.outcome, "refused", "the engine no longer decides after the bad input");
  assert.deepEqual(after.violations.map((v) => v.field), ["/application/scenario"]);
}

/** The English words of a Chinese message outside what it quotes (between backticks or
 * double quotes: the input's own keys and values), other than the names of formats. */
export function englishIn(zh) {
  const names = new Set(["JSON", "UTF", "YYYY", "MM", "DD", "Unicode", "null", "JavaScript"]);
  const outside = zh.replace(/`[^`]*`|"[^"]*"/g, "");
  return (outside.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !names.has(w));
}

/** An error as a module without the Chinese detail gives it (the forms modules: the core's
 * `zh-detail` feature off): an unreadable request's Chinese frames the English. */
export function withoutZhDetail(error) {
  if (error.code !== "invalid_request") return error;
  const frame = error.field === "" ? "invalid request: " : `invalid request at \`${error.field}\`: `;
  assert.ok(error.message.en.startsWith(frame), error.message.en);
  const detail = error.message.en.slice(frame.length);
  return { ...error, message: { ...error.message, zh: `${zhFrame(error.field)}${detail}` } };
}

/** How an unreadable request's Chinese message begins: the request as a whole (no field), or
 * the field at fault. */
const zhFrame = (field) => (field === "" ? "请求无效：" : `请求字段 \`${field}\` 无效：`);

/** An engine's thrown error as the plain object the native answers hold. */
export const plainError = (e) => ({ code: e.code, field: e.field, message: e.message });

/** Each vector call (check, shareStatus) answered by `engineOf(jurisdiction)`, a forms module's
 * engine, compared with the native answer (Cedar's; its errors as `withoutZhDetail` has them). */
export function answersEveryCall(engineOf) {
  const calls = parityCalls().filter((c) => c.call === "check" || c.call === "shareStatus");
  assert.ok(calls.length > 100, `the vectors' calls: ${calls.length}`);
  let refused = 0, review = 0, errors = 0;
  for (const { id, jurisdiction, call, arg, want } of calls) {
    let got;
    try {
      got = { value: engineOf(jurisdiction)[call](arg) };
    } catch (e) {
      got = { error: plainError(e) };
    }
    if (want.error) {
      errors += 1;
      assert.deepEqual(got.error, withoutZhDetail(want.error), id);
    } else {
      assert.deepEqual(got.value, want.verdict ?? want.status, id);
      refused += got.value.outcome === "refused";
      review += got.value.outcome === "review";
    }
  }
  assert.ok(refused > 10 && review > 10 && errors > 5, `refused ${refused}, review ${review}, unreadable ${errors}`);
}
