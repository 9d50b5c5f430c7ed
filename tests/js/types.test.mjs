// The package's TypeScript types, checked by `tsc` against real calls (api.ts) and against
// every request and every native answer of the scenario vectors: an object literal with a
// field the types lack fails, so a field added in Rust and not in wasm/src/types.d.ts does.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { native, root } from "./vectors.mjs";

test("the TypeScript types accept every real request and native answer, and refuse wrong ones", () => {
  const nat = native();
  const out = { requests: [], verdicts: [], errors: [], statuses: [], results: [], infos: [] };
  for (const j of Object.values(nat.jurisdictions)) {
    if (j.error) out.errors.push(j.error);
    else out.infos.push(j.regulation);
  }
  for (const file of Object.values(nat.files)) {
    if (file.engineError) out.errors.push(file.engineError);
    for (const c of file.cases ?? []) {
      if (c.verdict) out.requests.push(c.request), out.verdicts.push(c.verdict);
      if (c.error) out.errors.push(c.error);
      if (c.status) out.statuses.push(c.status);
    }
    out.results.push(...(file.results ?? []));
  }
  assert.ok(out.verdicts.length > 0 && out.errors.length > 0);
  const types = {
    requests: "Request", verdicts: "Verdict", errors: "EngineError", statuses: "ShareStatus",
    results: "CaseResult", infos: "JurisdictionInfo",
  };
  const lines = [
    "// Written by tests/js/types.test.mjs from target/wasm-tests/native.json.",
    `import type { ${Object.values(types).join(", ")} } from "../../wasm/pkg-node/pubdata_policy_wasm.js";`,
    ...Object.entries(types).map(([k, t]) => `export const ${k}: ${t}[] = ${JSON.stringify(out[k], null, 1)};`),
  ];
  mkdirSync(join(root, "target", "wasm-tests"), { recursive: true });
  writeFileSync(join(root, "target", "wasm-tests", "vectors.ts"), lines.join("\n") + "\n");

  const tsc = spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(root, "tests", "js")], {
    encoding: "utf8",
  });
  assert.equal(tsc.error, undefined, `cannot run tsc (npm ci installs it): ${tsc.error}`);
  assert.equal(tsc.status, 0, `tsc found type errors:\n${tsc.stdout}${tsc.stderr}`);
});

test("the request interfaces name exactly the fields each pack's reader takes", () => {
  const { Engine } = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");
  const declared = readFileSync(join(root, "wasm", "src", "packs.d.ts"), "utf8");
  for (const j of Engine.jurisdictions) {
    const engine = new Engine(j);
    const name = j[0].toUpperCase() + j.slice(1) + "Request";
    const body = declared.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))?.[1];
    assert.ok(body, `packs.d.ts has no interface ${name}`);
    for (const section of ["requester", "resource", "application"]) {
      // What the engine's reader takes: it names every field it knows when it meets one it does not.
      let known;
      try {
        engine.check({ jurisdiction: j, kind: engine.contract.kinds[0].kind, [section]: { "~unknown": 1 } });
      } catch (e) {
        known = [...e.message.en.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]).filter((f) => f !== "unknown");
      }
      assert.ok(known?.length > 1, `${j} ${section}: no field list in the error`);
      const block = body.match(new RegExp(`\\n  ${section}\\?: \\{([\\s\\S]*?)\\n  \\};`))?.[1];
      assert.ok(block, `${name} has no ${section}`);
      const fields = [...block.matchAll(/^    (\w+)\?:/gm)].map((m) => m[1]);
      assert.deepEqual(fields.sort(), known.sort(), `${name}.${section} in wasm/src/packs.d.ts against the engine`);
    }
    engine.free();
  }
  const engine = new Engine("ganzi");
  const types = readFileSync(join(root, "wasm", "src", "types.d.ts"), "utf8");
  let known;
  try {
    engine.shareStatus({ "~unknown": 1 });
  } catch (e) {
    known = [...e.message.en.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]).filter((f) => f !== "unknown");
  }
  const body = types.match(/export interface ShareUse \{([^}]*)\}/)?.[1];
  assert.deepEqual([...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]).sort(), known.sort(), "ShareUse");
  engine.free();
});
