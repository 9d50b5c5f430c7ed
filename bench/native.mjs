// Prints the medians of the last native criterion run (`cargo bench -p pubdata-policy
// --bench check`), and the floor ratios: Engine::check (Cedar) and Engine::check_compiled
// each over the hand-written decision of the same 甘孜 request, all measured in that one run.
//
//   node bench/native.mjs        (bench/run runs it after the criterion run)

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "criterion");
if (!existsSync(dir)) {
  console.error(`bench: no criterion results under ${dir}: run cargo bench -p pubdata-policy --bench check`);
  process.exit(2);
}
const estimate = (group, id) => {
  try {
    const e = JSON.parse(readFileSync(join(dir, group, id, "new", "estimates.json"), "utf8"));
    return e.median.point_estimate / 1000; // ns → µs
  } catch {
    return undefined;
  }
};
const ids = (group) => {
  try {
    return readdirSync(join(dir, group)).filter((d) => d !== "report").sort();
  } catch {
    return [];
  }
};
const fmt = (v) => (v === undefined ? "-" : v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(v < 10 ? 2 : 1)} µs`);

console.log("native medians (criterion)          check    check_json");
for (const id of ids("check")) {
  console.log(`${id.replace("_", "/").padEnd(30)} ${fmt(estimate("check", id)).padStart(11)} ${fmt(estimate("check_json", id)).padStart(12)}`);
}
console.log("\ncorpus (every readable vector request, one after the other)");
for (const id of ids("corpus")) {
  try {
    const b = JSON.parse(readFileSync(join(dir, "corpus", id, "new", "benchmark.json"), "utf8"));
    const n = b.throughput?.Elements ?? 1;
    console.log(`${id.padEnd(12)} ${String(n).padStart(4)} requests  ${fmt(estimate("corpus", id) / n).padStart(10)} per request`);
  } catch {}
}
console.log("\nengine construction (Engine::builtin)");
for (const id of ids("engine")) console.log(`${id.padEnd(12)} ${fmt(estimate("engine", id)).padStart(10)}`);

// Two ratios over the same hand-written decision: Cedar's engine (target ≤ 20×) and the
// compiled check the forms module runs (issue 19: target ≤ 3×).
console.log("\nfloor: 甘孜 share requests     engine  compiled  hand-written   engine/hw  compiled/hw");
console.log(`${"".padEnd(28)} ${"".padStart(9)} ${"".padStart(9)} ${"".padStart(13)} ${"(≤ 20×)".padStart(11)} ${"(≤ 3×)".padStart(12)}`);
const ratios = { engine: [], compiled: [] };
const ratio = (v, h) => (v === undefined ? "-" : `${(v / h).toFixed(1)}×`);
for (const id of ids("floor/hand_written")) {
  const e = estimate("floor/engine", id), c = estimate("floor/compiled", id), h = estimate("floor/hand_written", id);
  if (h === undefined) continue;
  if (e !== undefined) ratios.engine.push(e / h);
  if (c !== undefined) ratios.compiled.push(c / h);
  console.log(`${id.padEnd(28)} ${fmt(e).padStart(9)} ${fmt(c).padStart(9)} ${fmt(h).padStart(13)} ${ratio(e, h).padStart(11)} ${ratio(c, h).padStart(12)}`);
}
for (const [name, list] of Object.entries(ratios)) {
  if (list.length === 0) continue;
  const geo = Math.exp(list.reduce((a, r) => a + Math.log(r), 0) / list.length);
  console.log(`${name}: geometric mean ${geo.toFixed(1)}×, best ${Math.min(...list).toFixed(1)}×, worst ${Math.max(...list).toFixed(1)}×`);
}
