// Engine.coverage in Node (the nodejs package) against `pdp coverage --format json`: one
// matrix in the core (`pubdata_policy::coverage`), so the same report, field for field, for
// every built-in pack — and for a pack whose policies no longer bear a class out. The pdp
// binary is the one `cargo test --workspace` built (scripts/test runs it before scripts/test-wasm).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { copyPack, root } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

let pdp, dir;

before(() => {
  pdp = pdpBinary();
  dir = mkdtempSync(join(tmpdir(), "pdp-coverage-"));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `pdp coverage --format json` for one jurisdiction of a policies folder: its exit and report. */
function cli(policies, j) {
  const run = spawnSync(pdp, ["coverage", "--policies", policies, "--jurisdiction", j, "--format", "json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `pdp coverage exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  assert.equal(report.jurisdictions.length, 1);
  return { status: run.status, coverage: report.jurisdictions[0] };
}

/** A pack's coverage.json and regulation texts, as the playground hands them to Engine.coverage. */
function coverageFiles(packDir) {
  const texts = Object.fromEntries(readdirSync(packDir).filter((f) => f.endsWith(".txt"))
    .map((f) => [f, readFileSync(join(packDir, f), "utf8")]));
  return { matrix: readFileSync(join(packDir, "coverage.json"), "utf8"), texts };
}

test("every built-in pack: the matrix pdp coverage prints", () => {
  for (const j of Engine.jurisdictions) {
    const { status, coverage } = cli(join(root, "policies"), j);
    const wasm = Engine.coverage(Engine.builtinSources(j), coverageFiles(join(root, "policies", j)));
    assert.deepEqual(wasm, coverage, j);
    assert.equal(status, coverage.problems.length === 0 ? 0 : 1, j);
    assert.ok(wasm.regulations.length > 0 && wasm.regulations.every((r) => r.articles.length === r.counts.articles), j);
  }
});

test("policies that stop citing a decides article: the same problem as pdp coverage", () => {
  // 第十条's two identity policies cite 第十一条 instead.
  const at = join(dir, "moved");
  copyPack("ganzi", at);
  const file = join(at, "ganzi", "identity.cedar");
  const text = readFileSync(file, "utf8");
  const moved = text.replaceAll('@article("第十条")', '@article("第十一条")');
  assert.notEqual(moved, text, "the edit applies");
  writeFileSync(file, moved);
  const sources = Engine.builtinSources("ganzi");
  sources.policies["ganzi/identity.cedar"] = moved;

  const { status, coverage } = cli(at, "ganzi");
  const wasm = Engine.coverage(sources, coverageFiles(join(at, "ganzi")));
  assert.deepEqual(wasm, coverage);
  assert.equal(status, 1);
  assert.deepEqual(wasm.problems.map((p) => [p.code, p.article]), [["no-policy", "第十条"]]);
  const tenth = wasm.regulations[0].articles.find((a) => a.article === "第十条");
  assert.deepEqual([tenth.class, tenth.policies], ["decides", []]);
});

test("bad coverage files are thrown as every error is, naming the field", () => {
  const sources = Engine.builtinSources("ganzi");
  const files = coverageFiles(join(root, "policies", "ganzi"));
  const name = Object.keys(files.texts)[0];
  assert.throws(() => Engine.coverage(sources, { ...files, texts: {} }),
    (e) => e.code === "invalid_request" && e.field === `/texts/${name}` && e.message.en.includes(name));
  assert.throws(() => Engine.coverage(sources, { texts: files.texts }),
    (e) => e.code === "invalid_request" && e.field === "/matrix");
  assert.throws(() => Engine.coverage(sources, { ...files, matrix: "{" }),
    (e) => e.code === "invalid_policies" && e.message.en.includes("coverage.json"));
  assert.throws(() => Engine.coverage({ manifest: "{}", policies: [] }, files), (e) => e.code === "invalid_request" && e.field === "/policies");
});
