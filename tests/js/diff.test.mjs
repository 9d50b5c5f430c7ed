// Engine.diff in Node (the nodejs package) against `pdp diff --format json` on the same two
// folders: one comparison in the core, so the same report, field for field — for the
// walkthrough's change (甘孜 第十八条's five working days become three), for an edit that
// changes no verdict, and for an unchanged set; and the annotations a policy may carry
// (Engine.annotations) against `pdp annotations --format json`. The pdp binary is the one
// `cargo test --workspace` built (scripts/test runs it before scripts/test-wasm).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { pdpBinary } from "./pdp.mjs";
import { copyPack, root, sourcesFromFolder, vectorDir } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

const SHARE = "ganzi/share.cedar";
const FIVE = '@reviewer("provider")\n@workingDays("5")\n@article("第十八条")';
const THREE = '@reviewer("provider")\n@workingDays("3")\n@article("第十八条")';

let pdp, dir;

before(() => {
  pdp = pdpBinary();
  dir = mkdtempSync(join(tmpdir(), "pdp-diff-"));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A copy of policies/ with only the base and national packs, the calendar and 甘孜, `edit` applied to share.cedar. */
function folder(name, edit = (text) => text) {
  const at = join(dir, name);
  copyPack("ganzi", at);
  const share = join(at, SHARE);
  const text = readFileSync(share, "utf8");
  const edited = edit(text);
  writeFileSync(share, edited);
  return { at, changed: edited !== text };
}

/** A folder's 甘孜 sources, files named by their paths as `pdp` names them when reading it. */
const sourcesOf = (at) => sourcesFromFolder(at, "ganzi", join);

const suites = () => Object.fromEntries(readdirSync(join(vectorDir, "ganzi")).filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(join(vectorDir, "ganzi", f), "utf8"))]));

function cli(old, now, limit) {
  const run = spawnSync(pdp, ["diff", join(old, "ganzi"), join(now, "ganzi"), "--vectors", join(vectorDir, "ganzi"), "--limit", String(limit), "--format", "json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `pdp diff exited ${run.status}: ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) };
}

function both(oldName, newName, edit, limit) {
  const old = folder(oldName);
  const now = folder(newName, edit);
  assert.equal(now.changed, edit !== undefined, "the edit applies");
  const wasm = Engine.diff(sourcesOf(old.at), sourcesOf(now.at), suites(), { limit });
  return { wasm, ...cli(old.at, now.at, limit) };
}

test("five working days becoming three: the same report as pdp diff, under that rule", () => {
  const { wasm, report, status } = both("old", "three", (t) => t.replace(FIVE, THREE), 0);
  assert.deepStrictEqual(wasm, report);
  assert.equal(status, 1);
  const [d] = wasm.jurisdictions;
  assert.equal(wasm.changed, true);
  assert.deepEqual(d.rules.map((r) => [r.id, r.change, r.logicChanged, r.annotations.map((a) => [a.key, a.old, a.new])]),
    [["ganzi.share.conditional.review", "modified", false, [["workingDays", "5", "3"]]]]);
  assert.deepEqual(d.groups.map((g) => g.rule), ["ganzi.share.conditional.review"]);
  const [g] = d.groups;
  assert.equal(g.count, d.changedRequests);
  assert.equal(g.requests.length, g.count, "limit 0 lists all");
  assert.ok(g.count > 50 && d.space.total > 2000, `${g.count} of ${d.space.total}`);
  const walkthrough = g.requests.find((r) => r.label.startsWith("share.json › a complete conditional application"));
  assert.deepEqual(walkthrough?.changes, [
    { what: "route.due", old: "2026-10-10", new: "2026-10-08" },
    { what: "route.workingDays", old: "5", new: "3" },
  ]);
});

test("the default limit lists ten a rule, as pdp diff does", () => {
  const old = folder("old-10");
  const now = folder("three-10", (t) => t.replace(FIVE, THREE));
  const wasm = Engine.diff(sourcesOf(old.at), sourcesOf(now.at), suites());
  assert.deepStrictEqual(wasm, cli(old.at, now.at, 10).report);
  assert.equal(wasm.jurisdictions[0].groups[0].requests.length, 10);
});

test("an edit that changes no verdict: decided, and no change, as pdp diff says", () => {
  const { wasm, report, status } = both("old-c", "comment", (t) => t.replace("// Conditional data:", "// Conditional data (reworded):"), 0);
  assert.deepStrictEqual(wasm, report);
  assert.equal(status, 0);
  const [d] = wasm.jurisdictions;
  assert.equal(wasm.changed, false);
  assert.equal(d.identical, false);
  assert.deepEqual([d.rules, d.changedRequests, d.groups], [[], 0, []]);
  assert.ok(d.space.total > 2000);
});

test("an unchanged set says no change without deciding anything", () => {
  const builtin = Engine.builtinSources("ganzi");
  const report = Engine.diff(builtin, builtin, suites());
  assert.equal(report.changed, false);
  const [d] = report.jurisdictions;
  assert.deepEqual([d.jurisdiction, d.identical, d.rules, d.changedRequests, d.groups], ["ganzi", true, [], 0, []]);
  const old = folder("same-a");
  const now = folder("same-b");
  assert.deepStrictEqual(Engine.diff(sourcesOf(old.at), sourcesOf(now.at), suites()), cli(old.at, now.at, 10).report);
});

test("builtinSources are what policies/ holds, and what fromSources loads", () => {
  const builtin = Engine.builtinSources("ganzi");
  const dir = join(root, "policies", "ganzi");
  const files = readdirSync(dir).filter((f) => f.endsWith(".cedar")).sort();
  assert.deepEqual(Object.keys(builtin.policies), files.map((f) => `ganzi/${f}`));
  for (const f of files) assert.equal(builtin.policies[`ganzi/${f}`], readFileSync(join(dir, f), "utf8"), f);
  assert.equal(builtin.regulation, readFileSync(join(dir, "regulation.json"), "utf8"));
  assert.equal(builtin.manifest, readFileSync(join(dir, "pack.json"), "utf8"));
  assert.equal(builtin.layers[0].manifest, readFileSync(join(root, "policies", "base", "pack.json"), "utf8"));
  assert.deepEqual(Engine.fromSources(builtin).policyIds, new Engine("ganzi").policyIds);
  assert.throws(() => Engine.builtinSources("chengdu"), (e) => e.code === "invalid_request" && e.field === "/jurisdiction");
});

test("sources that do not load: thrown as every error is, and located by sourcesProblem", () => {
  const builtin = Engine.builtinSources("ganzi");
  assert.equal(Engine.sourcesProblem(builtin), null);
  const broken = structuredClone(builtin);
  broken.policies[SHARE] = builtin.policies[SHARE].replace(FIVE, FIVE.replace("@workingDays", "@workingDay"));
  const line = broken.policies[SHARE].split("\n").findIndex((l) => l.includes('@id("ganzi.share.conditional.review")')) + 1;
  const problem = Engine.sourcesProblem(broken);
  assert.deepEqual([problem.code, problem.field, problem.file, problem.line, problem.policy],
    ["invalid_policies", null, SHARE, line, "ganzi.share.conditional.review"]);
  assert.match(problem.message.en, /unknown annotation `@workingDay`/);
  const thrown = (call, side) => assert.throws(call, (e) => {
    assert.deepEqual(Object.keys(e).sort(), ["code", "field", "message"], "as every method throws");
    assert.equal(e.code, "invalid_policies");
    assert.equal(e.message.en, side ? `${side}: ${problem.message.en}` : problem.message.en);
    assert.equal(e.message.zh, side ? `${side}：${problem.message.zh}` : problem.message.zh);
    return true;
  });
  thrown(() => Engine.fromSources(broken));
  thrown(() => Engine.diff(builtin, broken), "NEW");
  thrown(() => Engine.diff(broken, builtin), "OLD");
  const syntax = structuredClone(builtin);
  syntax.policies[SHARE] = builtin.policies[SHARE].replace(FIVE, FIVE.replace('("5")', '("5"'));
  const at = Engine.sourcesProblem(syntax);
  // Cedar stops at the token after the unclosed annotation: the next line's `@article`.
  assert.deepEqual([at.file, at.line, at.column, at.policy],
    [SHARE, syntax.policies[SHARE].split("\n").indexOf('@article("第十八条")', line) + 1, 1, undefined]);
  assert.throws(() => Engine.sourcesProblem({ manifest: "{}", policies: [] }), (e) => e.code === "invalid_request" && e.field === "/policies");
  assert.throws(() => Engine.diff(builtin, builtin, { "a.json": { cases: 1 } }), (e) => e.code === "invalid_request" && e.field === "/a.json");
  assert.throws(() => Engine.diff(builtin, builtin, {}, { limit: -1 }), (e) => e.field === "/limit");
});

test("Engine.annotations is what pdp annotations --format json prints: what the playground's editor completes", () => {
  const run = spawnSync(pdp, ["annotations", "--format", "json"], { cwd: root, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(Engine.annotations, JSON.parse(run.stdout));
  assert.ok(Engine.annotations.some((a) => a.name === "workingDays"));
});
