// Engine.explain in Node (the nodejs package) against `pdp explain FILE --format json`: one
// explanation in the core (`pubdata_policy::explain`), so the same reasons, field for field —
// for scenario cases of two jurisdictions (refusals, reviews and grants among them), and for
// a ganzi copy an author edited, loaded with Engine.fromSources. The CLI adds the rule set it
// used (`policies`) and names files by their path in the folder, the sources by
// `<pack>/<file>`: those are the differences allowed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { copyPack, requestOf, root, vectorDir } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

let pdp, dir;

before(() => {
  pdp = pdpBinary();
  dir = mkdtempSync(join(tmpdir(), "pdp-explain-"));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `pdp explain FILE --format json --policies FOLDER`, without `policies`, files named as the sources name them. */
function cli(policies, request, name) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(request));
  const run = spawnSync(pdp, ["explain", file, "--policies", policies, "--format", "json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, `pdp explain exited ${run.status}: ${run.stderr}`);
  const { policies: said, ...explained } = JSON.parse(run.stdout);
  assert.match(said, /^the policies in `/);
  const prefix = policies.endsWith(sep) ? policies : policies + sep;
  for (const r of explained.because) {
    if (r.file?.startsWith(prefix)) r.file = r.file.slice(prefix.length);
  }
  return explained;
}

/** The decided cases of a scenario file as `engine.runSuite` runs them, each with its request. */
function casesOf(engine, file) {
  const suite = JSON.parse(readFileSync(join(vectorDir, file), "utf8"));
  return engine.runSuite(suite).filter((c) => c.verdict).map((c) => ({ name: c.name, request: c.request }));
}

test("runSuite gives each decided case the request it decided: the base with the case's patch merged in", () => {
  const engine = new Engine("ganzi");
  const suite = JSON.parse(readFileSync(join(vectorDir, "ganzi/share.json"), "utf8"));
  const results = engine.runSuite(suite);
  let patched = 0;
  for (const [i, c] of suite.cases.entries()) {
    if (c.share) {
      assert.equal(results[i].request, undefined, c.name);
      continue;
    }
    assert.deepEqual(results[i].request, requestOf(suite, c), c.name);
    if (c.patch) patched++;
  }
  assert.ok(patched > 0, "some case patches the base");
  engine.free();
});

test("scenario cases of two jurisdictions: the explanation pdp explain prints", () => {
  const policies = join(root, "policies");
  const outcomes = new Set();
  let compared = 0;
  for (const file of ["ganzi/share.json", "lishui/free_of_charge.json"]) {
    const engine = new Engine(file.split("/")[0]);
    const cases = casesOf(engine, file);
    assert.ok(cases.length > 0, file);
    for (const [i, c] of cases.entries()) {
      const wasm = engine.explain(c.request);
      assert.deepEqual(wasm, cli(policies, c.request, `${file.replace(/\W/g, "-")}-${i}`), `${file}: ${c.name}`);
      outcomes.add(wasm.verdict.outcome);
      compared++;
    }
    engine.free();
  }
  assert.ok(outcomes.has("refused") && outcomes.has("review"), `outcomes: ${[...outcomes]}`);
  assert.ok(compared >= 4, `${compared} cases`);
});

test("an edited pack loaded with Engine.fromSources: its own lines and deadline, as pdp explain says", () => {
  const at = join(dir, "edited");
  copyPack("ganzi", at);
  const file = join(at, "ganzi", "share.cedar");
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes('@workingDays("5")'));
  // Three lines more at the top, and a review of 3 working days instead of 5.
  const edited = "// edited\n// by an author\n\n" + text.replaceAll('@workingDays("5")', '@workingDays("3")');
  writeFileSync(file, edited);
  const sources = Engine.builtinSources("ganzi");
  sources.policies["ganzi/share.cedar"] = edited;
  const engine = Engine.fromSources(sources);
  const builtin = new Engine("ganzi");
  let shifted = 0;
  for (const [i, c] of casesOf(builtin, "ganzi/share.json").entries()) {
    const wasm = engine.explain(c.request);
    assert.deepEqual(wasm, cli(at, c.request, `edited-${i}`), c.name);
    const before = builtin.explain(c.request);
    for (const [k, r] of wasm.because.entries()) {
      if (r.file === "ganzi/share.cedar") {
        assert.equal(r.line, before.because[k].line + 3, `${c.name}: ${r.rule}`);
        shifted++;
      }
    }
  }
  assert.ok(shifted > 0, "some reason is in the edited file");
  engine.free();
  builtin.free();
});

test("labels come in both languages; every value read is given (null when absent)", () => {
  const engine = new Engine("ganzi");
  const [c] = casesOf(engine, "ganzi/share.json");
  const e = engine.explain(c.request);
  const reads = e.because.flatMap((r) => r.read);
  assert.ok(reads.length > 0);
  for (const v of reads.filter((v) => v.label)) assert.ok(v.label.zh && v.label.en, JSON.stringify(v));
  assert.ok(reads.every((v) => v.value !== undefined));
});
