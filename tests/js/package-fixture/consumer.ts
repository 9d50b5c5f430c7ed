// Type-checked by tests/js/package.test.mjs (tsc --strict, skipLibCheck false, lib ES2023)
// against the installed package: each entry's types as a consumer sees them.
import init, { Engine, bindForm } from "pubdata-policy";
import * as full from "pubdata-policy/full";
import { WorkerEngine } from "pubdata-policy/worker";

await init();
const engine = new Engine("ganzi");
const verdict = engine.check({ jurisdiction: "ganzi", kind: "open", date: "2026-11-23" });
const outcome: string = verdict.outcome;
const form = document.createElement("form");
bindForm(form, engine).unbind();
const inWorker = await WorkerEngine.start("ganzi");
const later: string = (await inWorker.check({ jurisdiction: "ganzi", kind: "open", date: "2026-11-23" })).outcome;
await full.default();
const authored: typeof full.Engine.fromSources = full.Engine.fromSources;
console.log(outcome, later, authored);
