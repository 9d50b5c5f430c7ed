// Engine.lint in Node (the nodejs package) against `pdp validate --format json`: one lint
// in the core (`pubdata_policy::lint`), so the same findings, field for field — for every
// built-in pack and for a ganzi copy an author broke with the slips the lint exists for
// (a `has` typo, a value no field has, a message whose days disagree with `@workingDays`,
// a forbid without `@field`, a forbid that refuses every request, two bad annotations of
// one policy). The CLI names files by their path in the folder, the sources by
// `<pack>/<file>`: that prefix is the one difference allowed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { copyPack, root } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

let pdp, dir;

before(() => {
  pdp = pdpBinary();
  dir = mkdtempSync(join(tmpdir(), "pdp-lint-"));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `pdp validate --format json` of one pack of a policies folder, files named as the sources name them. */
function cli(policies, j) {
  const run = spawnSync(pdp, ["validate", policies, "--jurisdiction", j, "--format", "json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `pdp validate exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const prefix = policies.endsWith(sep) ? policies : policies + sep;
  const named = report.findings.map((f) => ({ ...f, file: f.file.startsWith(prefix) ? f.file.slice(prefix.length) : f.file }));
  return { status: run.status, findings: named };
}

/** A pack's coverage files, as the playground hands them to Engine.lint. */
function coverageFiles(packDir) {
  const texts = Object.fromEntries(readdirSync(packDir).filter((f) => f.endsWith(".txt"))
    .map((f) => [f, readFileSync(join(packDir, f), "utf8")]));
  return { matrix: readFileSync(join(packDir, "coverage.json"), "utf8"), texts };
}

/** The same findings, whatever order two callers list them in. */
function sorted(findings) {
  const key = (f) => JSON.stringify([f.file, f.line ?? 0, f.column ?? 0, f.code, f.message.en]);
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

test("every built-in pack: no finding, as pdp validate says", () => {
  for (const j of Engine.jurisdictions) {
    const { status, findings } = cli(join(root, "policies"), j);
    const wasm = Engine.lint(Engine.builtinSources(j), coverageFiles(join(root, "policies", j)));
    assert.deepEqual(sorted(wasm), sorted(findings), j);
    assert.equal(status, wasm.some((d) => d.severity === "error") ? 1 : 0, j);
  }
});

test("the slips an author makes: the same diagnostics from the playground and the CLI", () => {
  const at = join(dir, "slips");
  copyPack("ganzi", at);
  const file = join(at, "ganzi", "share.cedar");
  const text = readFileSync(file, "utf8");
  const edits = [
    // A `has` typo: every conditional share would be refused.
    ["context has scenario", "context has scenaro"],
    // A value no request can have.
    ['resource.sharing == "conditional"', 'resource.sharing == "conditonal"'],
    // The message says 5 working days, the deadline 3.
    ['@workingDays("5")', '@workingDays("3")'],
    // Two bad annotations on one policy: both reported.
    ['@reviewer("provider")', '@reviewer("boss")\n@prority("1")'],
  ];
  let edited = text;
  for (const [from, to] of edits) {
    assert.ok(edited.includes(from), `the edit ${from} applies`);
    edited = edited.replace(from, to);
  }
  // A forbid without `@field` or a condition: it refuses every share.
  edited += '\n@id("ganzi.share.block_all")\n@article("第十八条")\n@zh("不予共享")\n@en("No sharing")\nforbid (principal, action == Action::"share", resource);\n';
  writeFileSync(file, edited);
  const sources = Engine.builtinSources("ganzi");
  sources.policies["ganzi/share.cedar"] = edited;

  const { status, findings } = cli(at, "ganzi");
  const wasm = Engine.lint(sources, coverageFiles(join(at, "ganzi")));
  assert.equal(status, 1);
  assert.deepEqual(sorted(wasm), sorted(findings));
  const codes = new Set(wasm.map((d) => d.code));
  for (const code of ["unknown-attribute", "unknown-value", "message-days", "forbid-without-field", "unconditional-forbid", "unknown-annotation", "annotation"]) {
    assert.ok(codes.has(code), `${code} in ${[...codes]}`);
  }
  const typo = wasm.find((d) => d.code === "unknown-attribute");
  assert.equal(typo.file, "ganzi/share.cedar");
  assert.equal(edited.split("\n")[typo.line - 1].slice(typo.column - 1, typo.column - 1 + typo.length), "has scenaro");
  assert.deepEqual(typo.help, { zh: "是不是 `scenario`？", en: "did you mean `scenario`?" });
  assert.ok(wasm.every((d) => d.message.zh && d.message.en), "every message in both languages");
});
