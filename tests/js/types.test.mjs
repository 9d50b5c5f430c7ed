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

test("the input interfaces name exactly the fields the Rust types read", () => {
  const { Engine } = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");
  const engine = new Engine("ganzi");
  const declared = readFileSync(join(root, "wasm", "src", "types.d.ts"), "utf8");
  const request = { jurisdiction: "ganzi", kind: "share" };
  const places = {
    Request: (x) => ({ ...request, ...x }),
    Requester: (x) => ({ ...request, requester: x }),
    Resource: (x) => ({ ...request, resource: x }),
    Application: (x) => ({ ...request, application: x }),
    Catalog: (x) => ({ ...request, application: { catalog: x } }),
  };
  const calls = { ShareUse: (x) => engine.shareStatus(x) };
  for (const [name, place] of [...Object.entries(places), ...Object.keys(calls).map((n) => [n, null])]) {
    // serde names every field it knows when it meets one it does not.
    let known;
    try {
      if (place) engine.check(place({ "~unknown": 1 }));
      else calls[name]({ "~unknown": 1 });
    } catch (e) {
      known = [...e.message.en.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]).filter((f) => f !== "unknown");
    }
    assert.ok(known?.length > 1, `${name}: no field list in the error`);
    const body = declared.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`))?.[1];
    assert.ok(body, `types.d.ts has no interface ${name}`);
    const fields = [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
    assert.deepEqual(fields.sort(), known.sort(), `${name} in wasm/src/types.d.ts against the Rust type`);
  }
  engine.free();
});
