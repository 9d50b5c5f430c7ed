// The worker entry's TypeScript types (wasm/js/worker.d.ts, forms/worker.d.ts in the npm
// package that scripts/build-wasm assembles in wasm/npm/), checked by worker.test.mjs with tsc.
import { WorkerEngine, bindForm } from "../../wasm/npm/forms/worker.js";
import type { FormCheck, GanziRequest, Verdict, WorkerFormBinding } from "../../wasm/npm/forms/worker.js";

declare const form: HTMLFormElement;

const preloaded: Promise<ArrayBuffer> = fetch("/forms.wasm").then((r) => r.arrayBuffer());
const engine: WorkerEngine = await WorkerEngine.start("ganzi", { module_or_path: preloaded });
await WorkerEngine.start("putuo", { module_or_path: "/pdp/forms.wasm" });
const verdict: Verdict = await engine.check({ jurisdiction: "ganzi", kind: "share" });
const label: string | undefined = engine.contract.fields[0]?.label?.zh;
const binding: WorkerFormBinding<GanziRequest> = bindForm<GanziRequest>(form, engine, {
  fields: { useScene: "/application/scenario" }, gentle: true, describe: true,
});
const checked: FormCheck<GanziRequest> = await binding.check();
binding.engine = await WorkerEngine.start("yongzhou");
const loaded: WorkerEngine = await WorkerEngine.fromCompiled(await (await fetch("/packs/jiading.json")).text());
await WorkerEngine.fromCompiled({ format: 3 }, { module_or_path: preloaded });
binding.engine = loaded;
WorkerEngine.terminate();
// @ts-expect-error: not a jurisdiction
await WorkerEngine.start("gnazi");
// @ts-expect-error: a check's verdict comes later
const notYet: Verdict = engine.check({ jurisdiction: "ganzi", kind: "share" });
// @ts-expect-error: built by start(), not new
new WorkerEngine();
// @ts-expect-error: a misspelt pointer
bindForm<GanziRequest>(form, engine, { fields: { useScene: "/application/scenerio" } });
void [verdict, label, checked, notYet];
