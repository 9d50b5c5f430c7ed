// The forms module decides without Cedar: its built-in packs and a pack `pdp pack` compiled
// are decided by the compiled policies. Every vector's call is held to the native engine's
// answer (Cedar's), in Node, through the module pages download (wasm/pkg-forms).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { answersEveryCall, plainError as plain, root } from "./vectors.mjs";

const forms = await import("../../wasm/pkg-forms/pubdata_policy_wasm.js");
forms.initSync({ module: readFileSync(join(root, "wasm", "pkg-forms", "pubdata_policy_wasm_bg.wasm")) });

test("the forms module's built-in engines answer every vector as the native engine (Cedar) does", () => {
  assert.equal(typeof forms.Engine.fromSources, "undefined", "the forms module is the one without the authors' calls");
  assert.equal(typeof forms.Engine.prototype.verify, "undefined", "nor a back end's: verify is in the full build");
  const engines = new Map();
  answersEveryCall((j) => engines.get(j) ?? engines.set(j, new forms.Engine(j)).get(j));
});

test("a pack compiled by `pdp pack` and loaded at run time answers as the built-in one, with its hash", () => {
  const pdp = pdpBinary();
  const engines = new Map();
  for (const j of forms.Engine.jurisdictions) {
    const text = execFileSync(pdp, ["pack", j], { encoding: "utf8", maxBuffer: 16 << 20 });
    const loaded = forms.Engine.fromCompiled(text);
    const builtin = new forms.Engine(j);
    assert.deepEqual(loaded.policySet, builtin.policySet, j);
    assert.deepEqual(loaded.contract, builtin.contract, j);
    assert.deepEqual(loaded.policyIds, builtin.policyIds, j);
    // The object JSON.parse gives is read as its text is.
    assert.deepEqual(forms.Engine.fromCompiled(JSON.parse(text)).policySet, builtin.policySet, j);
    engines.set(j, loaded);
  }
  answersEveryCall((j) => engines.get(j));
});

test("a compiled pack that cannot be read is a structured error naming what is wrong", () => {
  const text = execFileSync(pdpBinary(), ["pack", "ganzi"], { encoding: "utf8", maxBuffer: 16 << 20 });
  const pack = JSON.parse(text);
  const refused = (input) => {
    try {
      forms.Engine.fromCompiled(input);
    } catch (e) {
      return plain(e);
    }
    assert.fail("loaded");
  };
  assert.match(refused("{").message.en, /compiled pack/);
  assert.match(refused(JSON.stringify({ ...pack, format: 99 })).message.en, /format 99/);
  assert.match(refused(" ".repeat(5 << 20)).message.en, /more than the limit of 4194304/);
  const broken = structuredClone(pack);
  broken.layers.at(-1).policies = broken.layers.at(-1).policies.replace('"effect":"Permit"', '"effect":"Allow"');
  const e = refused(broken);
  assert.equal(e.code, "invalid_policies");
  assert.match(e.message.en, /ganzi\/compiled\.json/);
  // A condition's tokens (format 3): the error names the token and what was expected there.
  const garbled = structuredClone(pack);
  garbled.layers.at(-1).policies = garbled.layers.at(-1).policies.replace('"condition":["And"', '"condition":["Nand"');
  const t = refused(garbled);
  assert.equal(t.code, "invalid_policies");
  assert.match(t.message.en, /ganzi\/compiled\.json.*token 0 of the condition: expected an expression, found `Nand`/s);
});
