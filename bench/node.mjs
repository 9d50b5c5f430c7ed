// Side by side in one Node process: our WebAssembly package (wasm/pkg-node) against
// @cedar-policy/cedar-wasm on the same Cedar policies, schema and requests.
//
//   bench/run                       builds what is missing, then runs this (BENCHMARKS.md)
//   node bench/node.mjs [SECONDS]   once bench/target/cedar-calls.json and wasm/pkg-node exist
//
// For each representative request (one per jurisdiction and kind, written by
// `cargo bench -p pubdata-policy --bench cedar_calls`):
//   ours       engine.check(request): request object in, whole verdict out (the nodejs
//              package: Cedar decides)
//   forms      the same call on the forms module (bench/target/pkg-forms, loaded with
//              initSync): the pack's compiled policies decide, no Cedar
//   stateless  cedar-wasm isAuthorized({ principal, action, resource, context, entities,
//              schema, policies }): policies and schema as text, parsed on every call
//   stateful   cedar-wasm statefulIsAuthorized after preparsePolicySet + preparseSchema
// cedar-wasm is given the Cedar input our engine builds, ready-made: the JavaScript a form
// would need to build it and to turn the policy ids into a verdict is not counted, so
// the ratios favour cedar-wasm. Each answer is checked first: same decision, same policies.
// Then cold starts, each in a fresh process, and the modules' sizes.

import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import os from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(import.meta.url);
const seconds = Number(process.argv[2] ?? 1.5);

const callsFile = join(here, "target", "cedar-calls.json");
// OURS_PKG: another build of the nodejs package to compare (a folder), e.g. one built for speed.
const ourDir = process.env.OURS_PKG ?? join(here, "target", "pkg-node");
const ourPkg = join(ourDir, "pubdata_policy_wasm.js");
for (const [f, how] of [
  [callsFile, "cargo bench -p pubdata-policy --bench cedar_calls"],
  [ourPkg, "bench/run (it copies wasm/pkg-node there)"],
  [join(here, "target", "pkg-forms", "pubdata_policy_wasm.js"), "bench/run (it copies wasm/pkg-forms there)"],
]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} is missing: run ${how} (or bench/run)`);
    process.exit(2);
  }
}
const calls = JSON.parse(readFileSync(callsFile, "utf8"));
const ours = require(ourPkg);
const forms = await import(join(here, "target", "pkg-forms", "pubdata_policy_wasm.js"));
forms.initSync({ module: readFileSync(join(here, "target", "pkg-forms", "pubdata_policy_wasm_bg.wasm")) });
const cedar = require("@cedar-policy/cedar-wasm/nodejs");
const cedarVersion = JSON.parse(readFileSync(join(here, "node_modules/@cedar-policy/cedar-wasm/package.json"), "utf8")).version;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const us = (ms) => (ms * 1000).toFixed(ms < 0.01 ? 2 : 1);
const fail = (m) => {
  console.error(`bench: ${m}`);
  process.exit(1);
};

console.log(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`node ${process.version}; @cedar-policy/cedar-wasm ${cedarVersion} (Cedar ${cedar.getCedarVersion()}); ours: ${ourDir}`);

// ---- the same work on both sides, checked --------------------------------------------------
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const cases = [];
for (const [j, { requests }] of Object.entries(calls.jurisdictions)) {
  const engine = new ours.Engine(j);
  const formsEngine = new forms.Engine(j);
  const sch = cedar.preparseSchema("schema", calls.schema);
  if (sch.type !== "success") fail(`preparseSchema: ${JSON.stringify(sch.errors)}`);
  for (const r of requests) {
    // The policies in force on the request's date, as the engine gives Cedar.
    const pset = { staticPolicies: r.policies };
    const pre = cedar.preparsePolicySet(`pset-${r.label}`, pset);
    if (pre.type !== "success") fail(`preparsePolicySet ${r.label}: ${JSON.stringify(pre.errors)}`);
    const { principal, action, resource, context, entities } = r.cedar;
    const stateless = { principal, action, resource, context, entities, schema: calls.schema, validateRequest: true, policies: pset };
    const stateful = { principal, action, resource, context, entities, preparsedSchemaName: "schema", validateRequest: true, preparsedPolicySetId: `pset-${r.label}` };
    const verdict = engine.check(r.request);
    if (!sameSet(verdict.policies, r.reasons)) fail(`${r.label}: our wasm fired ${verdict.policies}, native ${r.reasons}`);
    if (JSON.stringify(formsEngine.check(r.request)) !== JSON.stringify(verdict)) fail(`${r.label}: the forms module's verdict differs`);
    for (const [name, answer] of [["isAuthorized", cedar.isAuthorized(stateless)], ["statefulIsAuthorized", cedar.statefulIsAuthorized(stateful)]]) {
      if (answer.type !== "success") fail(`${r.label}: ${name}: ${JSON.stringify(answer.errors)}`);
      const { decision, diagnostics } = answer.response;
      if (decision !== r.decision || !sameSet(diagnostics.reason, r.reasons) || diagnostics.errors.length)
        fail(`${r.label}: ${name} says ${decision} ${diagnostics.reason} ${JSON.stringify(diagnostics.errors)}, ours ${r.decision} ${r.reasons}`);
    }
    cases.push({ label: r.label, engine, formsEngine, request: r.request, stateless, stateful, fired: r.reasons.length });
  }
}
console.log(`\nsame decisions: ${cases.length} requests; each is ONE call on either side (a request names one kind = one Cedar action):`);
console.log(`  ours: engine.check(request) → whole verdict; cedar-wasm: 1 isAuthorized per action, plus the caller's own`);
console.log(`  JavaScript to build principal/resource/context/entities and to map policy ids to a verdict (not timed here).`);

// ---- per-check time, interleaved ------------------------------------------------------------
// Rounds of batches, the three sides in turn, so that the machine's noise falls on all alike.
function timeBatch(fn, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t) / n;
}
function calibrate(fn, targetMs) {
  let n = 1;
  for (;;) {
    const t = timeBatch(fn, n) * n;
    if (t >= targetMs || n >= 1 << 16) return n;
    n *= 2;
  }
}
// Warm-up over every request first, so that V8's optimising tier has compiled the check
// paths of both modules before the first request is timed (else that one pays for it).
{
  const until = performance.now() + 2000;
  while (performance.now() < until) {
    for (const c of cases) {
      for (let i = 0; i < 5; i++) c.engine.check(c.request), c.formsEngine.check(c.request);
      cedar.statefulIsAuthorized(c.stateful);
    }
  }
  for (const c of cases.slice(0, 3)) cedar.isAuthorized(c.stateless);
}
const results = [];
for (const c of cases) {
  const sides = {
    ours: () => c.engine.check(c.request),
    forms: () => c.formsEngine.check(c.request),
    stateless: () => cedar.isAuthorized(c.stateless),
    stateful: () => cedar.statefulIsAuthorized(c.stateful),
  };
  const batch = {};
  for (const [k, fn] of Object.entries(sides)) {
    timeBatch(fn, 20); // warm-up: the optimising tier
    batch[k] = calibrate(fn, 5);
  }
  const samples = { ours: [], forms: [], stateless: [], stateful: [] };
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || samples.ours.length < 11) {
    for (const [k, fn] of Object.entries(sides)) samples[k].push(timeBatch(fn, batch[k]));
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  results.push({ label: c.label, fired: c.fired, ...m, rounds: samples.ours.length });
}

// Native medians from the criterion run just before (bench/run): check_json = the same request
// read from JSON text and decided, the native twin of engine.check(request).
const criterion = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "criterion");
const nativeOf = (label) => {
  const f = join(criterion, "check_json", label.replace("/", "_"), "new", "estimates.json");
  try {
    return JSON.parse(readFileSync(f, "utf8")).median.point_estimate / 1e6; // ns → ms
  } catch {
    return undefined;
  }
};

console.log(`\nper check, µs (medians of interleaved batches; ${seconds}s per request)`);
console.log("request              fired    ours   forms  stateless   stateful  | stateless/ours stateful/ours stateful/forms | native  ours/native");
const ratios = { stateless: [], stateful: [], forms: [], native: [] };
for (const r of results) {
  const native = nativeOf(r.label);
  ratios.stateless.push(r.stateless / r.ours);
  ratios.stateful.push(r.stateful / r.ours);
  ratios.forms.push(r.stateful / r.forms);
  if (native) ratios.native.push(r.ours / native);
  console.log(
    `${r.label.padEnd(20)} ${String(r.fired).padStart(5)} ${us(r.ours).padStart(7)} ${us(r.forms).padStart(7)} ${us(r.stateless).padStart(10)} ${us(r.stateful).padStart(10)}  | ` +
      `${(r.stateless / r.ours).toFixed(1).padStart(13)}× ${(r.stateful / r.ours).toFixed(1).padStart(12)}× ${(r.stateful / r.forms).toFixed(1).padStart(13)}× | ` +
      `${native ? us(native).padStart(6) : "     -"} ${native ? `${(r.ours / native).toFixed(2)}×`.padStart(11) : ""}`,
  );
}
const geo = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
console.log(
  `geometric mean: stateless/ours ${geo(ratios.stateless).toFixed(1)}× (target ≥ 40×), stateful/ours ${geo(ratios.stateful).toFixed(1)}× (target ≥ 6×), ` +
    `stateful/forms ${geo(ratios.forms).toFixed(1)}× (target ≥ 20×)` +
    (ratios.native.length ? `, ours/native ${geo(ratios.native).toFixed(2)}× (target ≤ 1.5×)` : ", native: no criterion results (run bench/run)"),
);
console.log(`worst: stateless/ours ${Math.min(...ratios.stateless).toFixed(1)}×, stateful/ours ${Math.min(...ratios.stateful).toFixed(1)}×` +
  (ratios.native.length ? `, ours/native ${Math.max(...ratios.native).toFixed(2)}×` : ""));

// ---- cold start, each sample in a fresh process --------------------------------------------
const coldRuns = Number(process.env.COLD_RUNS ?? 9);
const jurisdictions = Object.keys(calls.jurisdictions);
console.log(`\ncold start in a fresh node process, ms (median of ${coldRuns}, alternating sides)`);
console.log("jurisdiction   ours: load  engine  1st check   total | cedar: load  preparse  1st call   total | ours/cedar (load+engine vs load+preparse)");
for (const j of jurisdictions) {
  const o = [], c = [];
  for (let i = 0; i < coldRuns; i++) {
    for (const [side, into] of [["ours", o], ["cedar", c]]) {
      const out = execFileSync(process.execPath, [join(here, "cold.mjs"), side, j], { encoding: "utf8" });
      into.push(JSON.parse(out));
    }
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  const ot = med(o, "load") + med(o, "engine"), ct = med(c, "load") + med(c, "preparse");
  console.log(
    `${j.padEnd(12)} ${med(o, "load").toFixed(1).padStart(11)} ${med(o, "engine").toFixed(1).padStart(7)} ${med(o, "first").toFixed(2).padStart(10)} ${ot.toFixed(1).padStart(7)} |` +
      ` ${med(c, "load").toFixed(1).padStart(11)} ${med(c, "preparse").toFixed(1).padStart(9)} ${med(c, "first").toFixed(2).padStart(9)} ${ct.toFixed(1).padStart(7)} | ${(ot / ct).toFixed(2)} (target ≤ 0.33)`,
  );
}

// ---- size -----------------------------------------------------------------------------------
const sizes = (file) => {
  const b = readFileSync(file);
  return {
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const b = sizes(join(here, "node_modules", "@cedar-policy", "cedar-wasm", "nodejs", "cedar_wasm_bg.wasm"));
// The full module (every package) and the forms module (wasm/pkg-forms: what a form page loads).
const ourModules = [
  ["ours, full", join(ourDir, "pubdata_policy_wasm_bg.wasm")],
  ["ours, forms", join(here, "target", "pkg-forms", "pubdata_policy_wasm_bg.wasm")],
];
console.log("\n.wasm size, bytes           raw       gzip -9   brotli 11");
for (const [name, file] of ourModules.filter(([, f]) => existsSync(f))) {
  const a = sizes(file);
  console.log(`${name.padEnd(20)} ${String(a.raw).padStart(10)} ${String(a.gzip).padStart(12)} ${String(a.brotli).padStart(11)}`);
  console.log(`  / cedar-wasm       ${(a.raw / b.raw * 100).toFixed(1).padStart(9)}% ${(a.gzip / b.gzip * 100).toFixed(1).padStart(11)}% ${(a.brotli / b.brotli * 100).toFixed(1).padStart(10)}%  (target gzip ≤ 50%)`);
}
console.log(`cedar-wasm ${cedarVersion.padEnd(9)} ${String(b.raw).padStart(10)} ${String(b.gzip).padStart(12)} ${String(b.brotli).padStart(11)}`);
