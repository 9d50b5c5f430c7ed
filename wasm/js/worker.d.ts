// `pubdata-policy/worker` (wasm/js/worker.js): engines built and run in a Web Worker.
import type {
  BindFormOptions, Deadline, FormBinding, FormCheck, JurisdictionId, JurisdictionInfo, PackContract, Request,
  ShareStatus, ShareUse, Verdict,
} from "./pubdata_policy_wasm.js";

// Every type of the forms build (Verdict, EngineError, GanziRequest, FormCheck, …).
export type * from "./pubdata_policy_wasm.js";

/** What the worker loads the forms build's module from, on the first `start`: a URL (a
 *  relative one from the page, as for `init`), or
 *  the module's bytes (moved to the worker; how a page uses its `<link rel=preload>`) or a
 *  compiled WebAssembly.Module, or a promise of one. */
export interface WorkerEngineOptions {
  module_or_path?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module
    | Promise<string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module>;
}

/** An engine of one jurisdiction, built and run in the page's engine worker. */
export declare class WorkerEngine {
  /** Builds the engine in the worker (starting the worker on the first call); rejects
   *  with an `EngineError`, as `new Engine` throws. */
  static start(jurisdiction: JurisdictionId, options?: WorkerEngineOptions): Promise<WorkerEngine>;
  /** Builds the engine of a pack `pdp pack` compiled (its JSON text or the object it parses
   *  to) in the worker, as `Engine.fromCompiled` does in the page; each call loads its own. */
  static fromCompiled(pack: string | object, options?: WorkerEngineOptions): Promise<WorkerEngine>;
  /** Stops the worker and every engine in it. */
  static terminate(): void;
  private constructor();
  readonly jurisdiction: JurisdictionId;
  readonly contract: PackContract;
  readonly regulation: JurisdictionInfo;
  readonly policyIds: string[];
  /** Decides a request; rejects with an `EngineError` if it cannot be read. */
  check(request: Request): Promise<Verdict>;
  addWorkingDays(date: string, workingDays: number): Promise<Deadline>;
  shareStatus(share: ShareUse): Promise<ShareStatus>;
  /** Drops this engine in the worker (for a built-in pack, its other WorkerEngines too). */
  free(): Promise<void>;
}

/** A binding whose engine answers in a worker: `check()` resolves once the answer is applied. */
export interface WorkerFormBinding<R = Request> extends Omit<FormBinding<R>, "check" | "engine"> {
  /** Setting another engine (another jurisdiction) checks the form again. */
  engine: WorkerEngine;
  check(): Promise<FormCheck<R>>;
}

/** bindForm with a WorkerEngine: the same options, messages and `pdp-verdict` events. */
export declare function bindForm<R = Request>(
  form: HTMLFormElement, engine: WorkerEngine, options?: BindFormOptions<R>,
): WorkerFormBinding<R>;
