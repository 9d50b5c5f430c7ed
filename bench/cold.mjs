// One cold start, in the fresh process bench/node.mjs starts for it; prints JSON (ms).
//   node bench/cold.mjs ours|cedar JURISDICTION
// ours:  load (read + compile + instantiate the module), engine (new Engine(j)), first check
// cedar: load, preparse (preparsePolicySet + preparseSchema), first statefulIsAuthorized
// Both load their Node package as it ships (wasm-bindgen's nodejs target: require reads
// the .wasm and instantiates it synchronously).

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const [side, j] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(join(here, "target", "cedar-calls.json"), "utf8"));
const { requests } = calls.jurisdictions[j];
const r = requests[0];
const policies = r.policies;

let t = performance.now();
const lap = () => {
  const now = performance.now();
  const d = now - t;
  t = now;
  return d;
};
let out;
if (side === "ours") {
  const { Engine } = require(join(process.env.OURS_PKG ?? join(here, "target", "pkg-node"), "pubdata_policy_wasm.js"));
  const load = lap();
  const engine = new Engine(j);
  const engineMs = lap();
  engine.check(r.request);
  out = { load, engine: engineMs, first: lap() };
} else {
  const cedar = require("@cedar-policy/cedar-wasm/nodejs");
  const load = lap();
  cedar.preparsePolicySet("p", { staticPolicies: policies });
  cedar.preparseSchema("s", calls.schema);
  const preparse = lap();
  const { principal, action, resource, context, entities } = r.cedar;
  cedar.statefulIsAuthorized({ principal, action, resource, context, entities, preparsedSchemaName: "s", preparsedPolicySetId: "p" });
  out = { load, preparse, first: lap() };
}
process.stdout.write(JSON.stringify(out));
