// The forms module without built-in packs (wasm/pkg-lite, the package's `pubdata-policy/lite`):
// a page loads its own jurisdiction's compiled pack, one of the package's packs/<id>.json,
// and makes its engine with Engine.fromCompiled. Every vector's call is held to the native
// engine's answer (Cedar's), each pack to what `pdp pack` writes, and a back end's verify
// (the full build) accepts its verdicts.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { answersEveryCall, plainError, readVector, requestOf, root } from "./vectors.mjs";

const lite = await import("../../wasm/pkg-lite/pubdata_policy_wasm.js");
lite.initSync({ module: readFileSync(join(root, "wasm", "pkg-lite", "pubdata_policy_wasm_bg.wasm")) });
const forms = await import("../../wasm/pkg-forms/pubdata_policy_wasm.js");
forms.initSync({ module: readFileSync(join(root, "wasm", "pkg-forms", "pubdata_policy_wasm_bg.wasm")) });

const full = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");

const packs = join(root, "wasm", "npm", "packs");
const packOf = (j) => readFileSync(join(packs, `${j}.json`), "utf8");

test("the package ships one compiled pack per built-in jurisdiction, each what `pdp pack` writes", () => {
  const jurisdictions = forms.Engine.jurisdictions;
  assert.ok(jurisdictions.length >= 5, `${jurisdictions}`);
  assert.deepEqual(readdirSync(packs).sort(), jurisdictions.map((j) => `${j}.json`).sort());
  const pdp = pdpBinary();
  for (const j of jurisdictions) {
    const written = execFileSync(pdp, ["pack", j], { encoding: "utf8", maxBuffer: 16 << 20 });
    assert.equal(packOf(j), written.trimEnd(), j);
  }
  // An unknown id is refused as builtinSources refuses it: the field, and the ids there are.
  let refused;
  try {
    full.Engine.builtinCompiled("nowhere");
  } catch (e) {
    refused = plainError(e);
  }
  assert.equal(refused?.code, "invalid_request");
  assert.equal(refused.field, "/jurisdiction");
  assert.match(refused.message.en, /unknown jurisdiction `nowhere`, expected one of `ganzi`/);
});

test("the module without built-in packs answers every vector as the native engine, from the shipped packs", () => {
  assert.deepEqual(lite.Engine.jurisdictions, [], "no built-in pack");
  assert.equal(typeof lite.Engine.fromSources, "undefined", "nor the authors' calls");
  const engines = new Map();
  for (const j of forms.Engine.jurisdictions) {
    const engine = lite.Engine.fromCompiled(packOf(j));
    // The same policy set as the forms module's built-in engine: the server's verify accepts it.
    assert.deepEqual(engine.policySet, new forms.Engine(j).policySet, j);
    engines.set(j, engine);
  }
  answersEveryCall((j) => engines.get(j));
});

test("a back end's verify (the full build, Cedar) accepts the verdicts of an engine made from a shipped pack", () => {
  const engine = lite.Engine.fromCompiled(packOf("ganzi"));
  const backEnd = new full.Engine("ganzi");
  const suite = readVector("ganzi/share.json");
  const requests = [suite.base, ...suite.cases.map((c) => requestOf(suite, c))];
  let checked = 0;
  for (const request of requests) {
    let verdict;
    try {
      verdict = engine.check(request);
    } catch {
      continue; // unreadable: no verdict to verify
    }
    const got = backEnd.verify(request, verdict);
    assert.equal(got.samePolicies, true, JSON.stringify(request));
    assert.equal(got.sameVerdict, true, JSON.stringify(got.differences));
    checked += 1;
  }
  assert.ok(checked > 10, `${checked} verdicts verified`);
});

test("an engine by jurisdiction is an error that says to load the compiled pack", () => {
  let error;
  try {
    new lite.Engine("ganzi");
  } catch (e) {
    error = plainError(e);
  }
  assert.equal(error?.code, "invalid_request");
  assert.equal(error.field, "/jurisdiction");
  assert.match(error.message.en, /unknown jurisdiction `ganzi`: this build has no built-in packs;.*Engine\.fromCompiled/);
  assert.match(error.message.zh, /unknown jurisdiction `ganzi`: this build has no built-in packs/);
});
