// The WebAssembly build against the native engine on generated requests: every request of
// a JSON Lines file written by `core/tests/properties.rs` (write_parity_corpus) — the
// request, the native outcome and the SHA-256 of the native verdict's JSON text — is
// decided by the nodejs package; the verdict's JSON text must hash the same.
//
// node tests/js/parity-generated.mjs FILE        (scripts/test-parity writes FILE and runs this)

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

const file = process.argv[2];
if (!file) {
  console.error("usage: node tests/js/parity-generated.mjs FILE");
  process.exit(2);
}

const engines = new Map();
const engineFor = (j) => {
  if (!engines.has(j)) engines.set(j, new Engine(j));
  return engines.get(j);
};

let checked = 0;
const mismatches = [];
const outcomes = {};
const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
const started = process.hrtime.bigint();
for await (const line of lines) {
  if (!line) continue;
  const { request, outcome, sha256 } = JSON.parse(line);
  let text;
  try {
    text = JSON.stringify(engineFor(request.jurisdiction).check(request));
  } catch (e) {
    text = `error ${JSON.stringify(e)}`;
  }
  const digest = createHash("sha256").update(text).digest("hex");
  checked += 1;
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  if (digest !== sha256 && mismatches.length < 5) mismatches.push({ request, wasm: text });
  else if (digest !== sha256) mismatches.push(null);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(`generated requests: ${checked} in ${seconds.toFixed(1)} s; native outcomes ${JSON.stringify(outcomes)}`);
if (checked === 0) {
  console.error("no request was checked");
  process.exit(1);
}
if (mismatches.length > 0) {
  for (const m of mismatches.filter(Boolean)) {
    console.error(`differs from native: ${JSON.stringify(m.request)}\n  wasm: ${m.wasm}`);
  }
  console.log(`0 passed, ${mismatches.length} failed`);
  process.exit(1);
}
console.log(`parity: ${checked} passed, 0 failed`);
