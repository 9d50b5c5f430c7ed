// `pubdata-policy/worker`: engines built and run in a Web Worker, and the same bindForm.
//
//   import { WorkerEngine, bindForm } from "pubdata-policy/worker";
//   const engine = await WorkerEngine.start("ganzi");   // the page stays responsive meanwhile
//   bindForm(document.querySelector("form"), engine, { gentle: true, describe: true });
//
// This module loads no WebAssembly: the worker (engine-worker.js, a module worker) fetches
// and compiles the forms build and builds the engines there, so `new Engine`'s parse of the
// policies never holds the page's thread. A WorkerEngine carries what an engine knows as
// data (contract, regulation, policy ids: bindForm reads the labels and types from it) and
// answers `check` with a promise; bindForm applies each answer when it comes, in order.
// Under a Content Security Policy the worker is a same-origin script file (no blob: or
// data: URL): `script-src 'self' 'wasm-unsafe-eval'` covers it (worker-src falls back to
// script-src). The `new Worker(new URL(…, import.meta.url))` form is the one bundlers
// (Vite, webpack 5) recognise and emit the worker for.

export { bindForm } from "./bind-form.js";

/** The worker every WorkerEngine of this page shares: one module instance, one compile. */
let shared = null;

function connect() {
  if (shared !== null) return shared;
  const worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module", name: "pubdata-policy" });
  const waiting = new Map();
  let next = 0;
  let closed = null; // the error every call gets once the worker is gone
  // Ends this worker: its calls, waiting or to come, reject; the next start makes another.
  const close = (error) => {
    closed = error;
    worker.terminate();
    if (shared?.worker === worker) shared = null;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.addEventListener("message", ({ data }) => {
    const call = waiting.get(data.id);
    if (call === undefined) return;
    waiting.delete(data.id);
    if (Object.hasOwn(data, "error")) call.reject(data.error);
    else call.resolve(data.value);
  });
  // A worker script that cannot load (a 404, a CSP without 'self') fails every call.
  worker.addEventListener("error", (e) => {
    e.preventDefault?.();
    const why = e.message ?? "it could not be loaded";
    close({ code: "io", field: null, message: { zh: `规则引擎的 Worker 无法运行：${e.message ?? "无法加载"}`, en: `the engine's worker failed: ${why}` } });
  });
  const call = (name, args, transfer = []) => new Promise((resolve, reject) => {
    if (closed !== null) return reject(closed);
    const id = ++next;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, call: name, args }, transfer);
  });
  shared = { worker, call, close };
  return shared;
}

// What the worker's init() gets: a URL as text; the module's bytes (moved, not copied) or a
// compiled WebAssembly.Module as they are — a page that preloaded the .wasm fetches it from
// its preload and hands the bytes over, since a worker's own fetch cannot use the preload.
function moduleArgument(module) {
  if (module === undefined || module === null) return [undefined, []];
  if (module instanceof ArrayBuffer) return [module, [module]];
  if (ArrayBuffer.isView(module) || module instanceof WebAssembly.Module) return [module, []];
  // A URL given as text is the page's, as `init` in the page reads it, not the worker's.
  return [new URL(String(module), globalThis.document?.baseURI ?? globalThis.location.href).href, []];
}

/** An engine of one jurisdiction living in the page's engine worker; its calls return promises. */
export class WorkerEngine {
  #link;
  /** The worker's name for this engine (see engine-worker.js). */
  #key;

  /**
   * The engine of a jurisdiction's built-in policies, built in the worker. The first call
   * starts the worker and loads the forms build there: from `options.module_or_path` (a
   * URL, the module's bytes or a WebAssembly.Module; default `forms.wasm` beside the
   * package's module); later calls reuse it. Rejects with the engine's `{ code, field,
   * message }`, as `new Engine` throws.
   */
  static async start(jurisdiction, options = {}) {
    const link = connect();
    const [module, transfer] = moduleArgument(await options.module_or_path);
    const known = await link.call("engine", { jurisdiction, module }, transfer);
    return new WorkerEngine(link, known);
  }

  /**
   * The engine of a pack `pdp pack` compiled, loaded at run time (its JSON text or the
   * object it parses to), built in the worker as `Engine.fromCompiled` builds it in the
   * page; `options` as for `start`. Each call loads a pack of its own, even of a
   * jurisdiction already started. Rejects with the engine's `{ code, field, message }`.
   */
  static async fromCompiled(pack, options = {}) {
    const link = connect();
    const [module, transfer] = moduleArgument(await options.module_or_path);
    const known = await link.call("compiled", { pack, module }, transfer);
    return new WorkerEngine(link, known);
  }

  /** Stops the worker and every engine in it; the next `start` starts a new one. */
  static terminate() {
    shared?.close({ code: "io", field: null, message: { zh: "规则引擎的 Worker 已停止", en: "the engine's worker was terminated" } });
  }

  constructor(link, known) {
    if (link?.call === undefined) throw new TypeError("use `await WorkerEngine.start(jurisdiction)`");
    this.#link = link;
    this.#key = known.key;
    this.jurisdiction = known.jurisdiction;
    this.contract = known.contract;
    this.regulation = known.regulation;
    this.policyIds = known.policyIds;
    Object.freeze(this);
  }

  /** Decides a request; rejects with `{ code, field, message }` if it cannot be read. */
  check(request) {
    return this.#link.call("check", { key: this.#key, request });
  }

  addWorkingDays(date, workingDays) {
    return this.#link.call("addWorkingDays", { key: this.#key, date, workingDays });
  }

  shareStatus(share) {
    return this.#link.call("shareStatus", { key: this.#key, share });
  }

  /** Drops this engine in the worker (for a built-in pack, its other WorkerEngines too). */
  free() {
    return this.#link.call("free", { key: this.#key });
  }
}
