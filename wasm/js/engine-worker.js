// The worker side of `pubdata-policy/worker` (wasm/js/worker.js starts it as a module
// worker). `new Engine(…)` parses and validates a pack's policies, which holds its thread
// for up to about a second on a slow phone: here that thread is this worker's, so the page
// keeps answering the applicant's typing while it runs. One module instance serves every
// jurisdiction asked for; each check is a message in and a message out.
//
// In the package it is forms/engine-worker.js, beside the forms build's glue, which
// scripts/build-npm bundles into it: the worker fetches one script before the .wasm.

import init, { Engine } from "./pubdata_policy_wasm.js";

let loaded = null;
const engines = new Map();
let loadedPacks = 0;
/** How the key of a compiled pack's engine begins: no jurisdiction's id has a `#`. */
const COMPILED_KEY = "compiled#";

// What an engine knows that a page reads without asking again (labels, types, articles).
const described = (engine) => ({
  jurisdiction: engine.jurisdiction, contract: engine.contract, regulation: engine.regulation, policyIds: engine.policyIds,
});

// Each engine under its key: a built-in pack's jurisdiction (every WorkerEngine of it shares
// one engine), or a key of its own for each compiled pack loaded, which may be another
// version of a built-in jurisdiction.
const CALLS = {
  async engine({ jurisdiction, module }) {
    await load(module);
    if (!engines.has(jurisdiction)) engines.set(jurisdiction, new Engine(jurisdiction));
    return { key: jurisdiction, ...described(engines.get(jurisdiction)) };
  },
  async compiled({ pack, module }) {
    await load(module);
    const engine = Engine.fromCompiled(pack);
    const key = `${COMPILED_KEY}${++loadedPacks}`;
    engines.set(key, engine);
    return { key, ...described(engine) };
  },
  check: ({ key, request }) => engineOf(key).check(request),
  addWorkingDays: ({ key, date, workingDays }) => engineOf(key).addWorkingDays(date, workingDays),
  shareStatus: ({ key, share }) => engineOf(key).shareStatus(share),
  free({ key }) {
    engines.get(key)?.free();
    engines.delete(key);
  },
};

/** Loads the module once, from where the first call said. */
function load(module) {
  loaded ??= init(module === undefined ? undefined : { module_or_path: module });
  return loaded;
}

function engineOf(key) {
  const engine = engines.get(key);
  if (engine !== undefined) return engine;
  // A loaded pack's key is the worker's own: say what happened to it instead.
  const message = key.startsWith(COMPILED_KEY)
    ? { zh: "该编译规则包的引擎已释放（free），请重新加载", en: "this compiled pack's engine was freed: load the pack again" }
    : { zh: `未加载 ${key} 的引擎`, en: `no engine for \`${key}\` in this worker` };
  throw { code: "unknown_jurisdiction", field: null, message };
}

// The engine's errors are plain `{ code, field, message }` objects, which cross as they are;
// anything else (a failed fetch, a CompileError) crosses as that shape too.
function plain(e) {
  if (e !== null && typeof e === "object" && typeof e.code === "string" && typeof e.message?.zh === "string") {
    return { code: e.code, field: e.field ?? null, message: e.message };
  }
  const text = `${e?.name ?? "Error"}: ${e?.message ?? e}`;
  return { code: "evaluation", field: null, message: { zh: text, en: text } };
}

self.addEventListener("message", async ({ data }) => {
  const { id, call, args } = data;
  try {
    self.postMessage({ id, value: await CALLS[call](args) });
  } catch (e) {
    self.postMessage({ id, error: plain(e) });
  }
});
