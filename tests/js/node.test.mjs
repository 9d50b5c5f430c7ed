// The WebAssembly build in Node gives the native engine's answer, field for field, for
// every scenario vector; bad input across the boundary is a structured error, not a trap.
//
// Runs the `nodejs` package (CommonJS) and the `bundler` package (ES module importing the
// .wasm, as webpack or Vite would; Node needs --experimental-wasm-modules for it, which
// scripts/test-wasm passes).

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";

import { comparable, makeCall, readmeRequest, runBoundaryCases } from "./calls.mjs";
import { assertBoundary, native, parityCalls, readVector, requestOf, root, sourcesFromFolder, vectorFiles } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const packages = {
  nodejs: () => require("../../wasm/pkg-node/pubdata_policy_wasm.js"),
  bundler: () => import("../../wasm/pkg-bundler/pubdata_policy_wasm.js"),
};

const nat = native();
const calls = parityCalls();

test("the suites see the same vector files as the native run", () => {
  assert.deepEqual(vectorFiles(), Object.keys(nat.files).sort());
  assert.ok(calls.length > 0, "no vector found");
});

test("every check request is the native run's request (JSON Merge Patch over base)", () => {
  for (const c of calls.filter((c) => c.call === "check")) {
    assert.deepEqual(c.arg, c.nativeRequest, c.id);
  }
});

for (const [name, load] of Object.entries(packages)) {
  describe(`the ${name} package`, async () => {
    const pkg = await load();

    test("every vector case gives the native verdict, error or share status", () => {
      const engines = new Map();
      const differ = [];
      for (const c of calls) {
        const got = comparable(makeCall(pkg, engines, c));
        try {
          assert.deepStrictEqual(got, comparable(c.want));
        } catch (e) {
          differ.push(`${c.id}\n${e.message}`);
        }
      }
      assert.equal(differ.length, 0, `${differ.length} of ${calls.length} calls differ:\n${differ.join("\n\n")}`);
    });

    test("built-in jurisdictions, metadata, policy ids and deadlines are the native ones", () => {
      const built = Object.entries(nat.jurisdictions).filter(([, j]) => j.error === undefined).map(([id]) => id);
      assert.deepEqual([...pkg.Engine.jurisdictions].sort(), built.sort());
      for (const [id, want] of Object.entries(nat.jurisdictions)) {
        if (want.error !== undefined) {
          assert.throws(() => new pkg.Engine(id), (e) => (assert.deepStrictEqual(e, want.error), true), id);
          continue;
        }
        const engine = new pkg.Engine(id);
        assert.equal(engine.jurisdiction, id);
        assert.deepStrictEqual(engine.regulation, want.regulation, id);
        assert.deepStrictEqual(engine.policyIds, want.policyIds, id);
        for (const d of want.deadlines) {
          assert.deepStrictEqual(engine.addWorkingDays(d.date, d.workingDays), { due: d.due, covered: d.covered });
        }
        engine.free();
      }
    });
  });
}

const pkg = packages.nodejs();
const { Engine } = pkg;

describe("across the boundary", () => {
  test("bad input is a structured error with its field, never a trap", () => {
    assertBoundary(runBoundaryCases(pkg));
  });

  const engine = new Engine("ganzi");

  test("the README's request decides as the README says", () => {
    const refused = engine.check(readmeRequest);
    assert.equal(refused.outcome, "refused");
    assert.deepEqual(refused.violations.map((v) => [v.article, v.field]), [["第十八条", "/application/scenario"]]);
    const scenario = { ...readmeRequest.application, scenario: "医保待遇资格核验" };
    const review = engine.check({ ...readmeRequest, application: scenario });
    assert.equal(review.outcome, "review");
    assert.equal(review.route.due, "2026-10-10");
    assert.deepStrictEqual(engine.checkJson(JSON.stringify(readmeRequest)), refused);
  });

  test("an undefined field is an absent one, as JSON.stringify leaves it out", () => {
    const requester = { ...readmeRequest.requester, name: undefined };
    const verdict = engine.check({ ...readmeRequest, date: undefined, requester });
    assert.deepEqual(verdict.violations.map((v) => v.field), ["/application/scenario"]);
  });

  test("a request for another jurisdiction", () => {
    const other = Engine.jurisdictions.find((j) => j !== "ganzi") ?? "yongzhou";
    assert.throws(
      () => engine.check({ ...readmeRequest, jurisdiction: other }),
      (e) => e.code === "wrong_jurisdiction" && e.field === "/jurisdiction",
    );
  });

  test("a back end verifies a client's verdict and catches a forged one", () => {
    const honest = engine.check(readmeRequest);
    const same = engine.verify(readmeRequest, honest);
    assert.deepEqual([same.sameVerdict, same.samePolicies, same.differences], [true, true, []]);
    // A tampered client copies the right policy-set hash onto a granted verdict.
    const forged = { ...honest, outcome: "granted", violations: [] };
    const caught = engine.verify(readmeRequest, forged);
    assert.deepEqual([caught.sameVerdict, caught.samePolicies], [false, true]);
    assert.ok(caught.differences[0].startsWith("outcome"), caught.differences.join("\n"));
    assert.equal(caught.verdict.outcome, "refused");
    assert.throws(
      () => engine.verify(readmeRequest, { ...honest, outcome: "maybe" }),
      (e) => e.code === "invalid_request" && e.field === "/outcome",
    );
  });

  test("deadlines by the holiday calendar", () => {
    assert.deepEqual(engine.addWorkingDays("2026-09-28", 5), { due: "2026-10-10", covered: true });
    assert.deepEqual(engine.addWorkingDays("2026-12-30", 5), { due: "2027-01-06", covered: false });
    // Read as a request's date is: the same years, the same message.
    assert.throws(
      () => engine.addWorkingDays("0001-01-01", 5),
      (e) => e.code === "invalid_request" && e.field === "/date" && /1900-01-01 to 2999-12-31/.test(e.message.en),
    );
  });
});

test("Engine.fromSources over policies/ganzi decides every ganzi vector as the built-in engine", () => {
  const engine = Engine.fromSources(sourcesFromFolder(join(root, "policies"), "ganzi"));
  const builtin = new Engine("ganzi");
  assert.deepEqual(engine.policyIds, builtin.policyIds);
  let compared = 0;
  for (const file of vectorFiles().filter((f) => f.startsWith("ganzi/"))) {
    const suite = readVector(file);
    for (const c of suite.cases.filter((c) => c.share === undefined)) {
      const request = requestOf(suite, c);
      const decide = (e) => {
        try {
          return { verdict: e.check(request) };
        } catch (error) {
          return { error };
        }
      };
      assert.deepStrictEqual(decide(engine), decide(builtin), `${file} — ${c.name}`);
      compared++;
    }
  }
  assert.ok(compared > 0);
});
