// The walkthrough of policies/README.md in JavaScript: 普陀's pack copied as `jiading`, a
// field, a rule that reads it and a kind added — decided in Node from the files read and in
// Chromium from the files fetched, with no rebuild of the package; and compiled by `pdp pack`,
// decided by the forms module, which has no Cedar.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { serveStatic } from "../../js-demo/serve.mjs";
import { pdpBinary } from "./pdp.mjs";
import { launchChromium } from "./chromium.mjs";
import { copyPack, root } from "./vectors.mjs";

const require = createRequire(import.meta.url);
const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");

// The walkthrough's rules, shared with cli/tests/new_pack.rs.
const STEWARD = readFileSync(join(root, "tests", "fixtures", "new-pack", "steward.cedar"), "utf8");

/** policies/ with base, calendar and 普陀 copied as jiading, extended as the README says. */
function makePacks(dir) {
  const policies = join(dir, "policies");
  copyPack("putuo", policies, "jiading");
  const file = join(policies, "jiading", "pack.json");
  const pack = JSON.parse(readFileSync(file, "utf8"));
  pack.pack = "jiading";
  pack.name = { zh: "嘉定区", en: "Jiading District" };
  pack.fields = [{ field: "/application/dataSteward", type: "text", label: { zh: "数据管理员", en: "Data steward" } }];
  pack.kinds = [{ kind: "archive", zh: "归档", en: "Archive" }];
  pack.policyFiles = [...(pack.policyFiles ?? []), "steward.cedar"];
  writeFileSync(file, JSON.stringify(pack, null, 2));
  writeFileSync(join(policies, "jiading", "steward.cedar"), STEWARD);
  return policies;
}

/** The Sources of a pack read from a folder: what a page gets by fetching the same files. */
function readPack(policies, id) {
  const one = (pack) => {
    const dir = join(policies, pack);
    const files = readdirSync(dir);
    const policy = Object.fromEntries(files.filter((f) => f.endsWith(".cedar")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    const regulation = files.includes("regulation.json") ? readFileSync(join(dir, "regulation.json"), "utf8") : undefined;
    return { pack, manifest: readFileSync(join(dir, "pack.json"), "utf8"), regulation, policies: policy };
  };
  const top = one(id);
  const layers = JSON.parse(top.manifest).layers.map(one);
  const calendar = Object.fromEntries(readdirSync(join(policies, "calendar")).map((f) => [f, readFileSync(join(policies, "calendar", f), "utf8")]));
  return { manifest: top.manifest, regulation: top.regulation, policies: top.policies, layers, calendar };
}

const request = () => {
  const base = JSON.parse(readFileSync(join(root, "tests", "vectors", "putuo", "share.json"), "utf8")).base;
  return { ...base, jurisdiction: "jiading" };
};

/** The three answers the walkthrough expects, as one comparable object. */
function decide(engine, base) {
  const without = engine.check(base);
  const withSteward = engine.check({ ...base, application: { ...base.application, dataSteward: "王五" } });
  const archive = engine.check({ ...base, kind: "archive", application: { ...base.application, dataSteward: "王五" } });
  return {
    without: [without.outcome, without.violations.map((v) => v.field)],
    withSteward: withSteward.outcome,
    archive: [archive.outcome, archive.policies],
    label: engine.contract.fields.find((f) => f.field === "/application/dataSteward")?.label.zh,
    hash: without.policySet.hash,
  };
}

const WANT = {
  without: ["refused", ["/application/dataSteward"]],
  withSteward: "review",
  archive: ["granted", ["jiading.archive.granted"]],
  label: "数据管理员",
};

describe("a new pack from its files", () => {
  const dir = join(root, "target", "wasm-tests", "new-pack");
  let policies;
  before(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    policies = makePacks(dir);
  });

  test("is decided in Node", () => {
    const engine = Engine.fromSources(readPack(policies, "jiading"));
    assert.equal(engine.jurisdiction, "jiading");
    const { hash, ...got } = decide(engine, request());
    assert.deepEqual(got, WANT);
    assert.match(hash, /^[0-9a-f]{64}$/);
    // The built-in 普陀 engine does not know the field: the same request is unreadable there.
    const putuo = new Engine("putuo");
    assert.throws(
      () => putuo.check({ ...request(), jurisdiction: "putuo", application: { ...request().application, dataSteward: "王五" } }),
      (e) => e.field === "/application/dataSteward",
    );
  });

  describe("in Chromium, from fetched files", () => {
    let served, browser;
    before(async () => {
      served = await serveStatic({ root, allow: ["/wasm/pkg-web/", "/wasm/pkg-forms/", "/target/wasm-tests/new-pack/"] });
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await new Promise((r) => (served ? served.server.close(r) : r()));
    });

    /** The walkthrough's answers in a page that sets `window.engine`, then `window.ready`. */
    async function decidedIn(file, html) {
      writeFileSync(join(dir, file), html);
      const p = browser.page;
      await p.goto(`${served.url}target/wasm-tests/new-pack/${file}`);
      await p.waitForFunction(() => window.ready !== undefined, null, { timeout: 60_000 });
      assert.equal(await p.evaluate(() => window.ready), "ready");
      return p.evaluate(`(${decide.toString()})(window.engine, ${JSON.stringify(request())})`);
    }

    test("gives the answers Node gives, with the same pack hash", async () => {
      const page = `<!doctype html><meta charset="utf-8"><script type="module">
        import init, { Engine } from "/wasm/pkg-web/pubdata_policy_wasm.js";
        const at = "/target/wasm-tests/new-pack/policies/";
        const text = async (path) => { const r = await fetch(at + path); if (!r.ok) throw new Error(path + ": " + r.status); return r.text(); };
        // A pack's files: pack.json names its policy files (policyFiles) and its layers.
        async function pack(id) {
          const manifest = await text(id + "/pack.json");
          const m = JSON.parse(manifest);
          const policies = {};
          for (const f of m.policyFiles ?? []) policies[f] = await text(id + "/" + f);
          const regulation = m.policyFiles ? await text(id + "/regulation.json") : undefined;
          return { pack: id, manifest, regulation, policies, layers: m.layers ?? [] };
        }
        try {
          await init();
          const top = await pack("jiading");
          const layers = await Promise.all(top.layers.map(pack));
          const calendar = { "2025.json": await text("calendar/2025.json"), "2026.json": await text("calendar/2026.json") };
          window.engine = Engine.fromSources({ manifest: top.manifest, regulation: top.regulation, policies: top.policies,
            layers: layers.map(({ layers, ...l }) => l), calendar });
          window.ready = "ready";
        } catch (e) { window.ready = String(e?.message?.en ?? e); }
      </script>`;
      const inBrowser = await decidedIn("page.html", page);
      const inNode = decide(Engine.fromSources(readPack(policies, "jiading")), request());
      assert.deepEqual(inBrowser, inNode);
      const { hash, ...got } = inBrowser;
      assert.deepEqual(got, WANT);
    });

    test("the forms module, without Cedar, decides it from `pdp pack`'s compiled pack as Node does from its files", async () => {
      const packed = execFileSync(pdpBinary(), ["pack", "jiading", "--policies", policies], { encoding: "utf8" });
      writeFileSync(join(dir, "jiading.compiled.json"), packed);
      const page = `<!doctype html><meta charset="utf-8"><script type="module">
        import init, { Engine } from "/wasm/pkg-forms/pubdata_policy_wasm.js";
        try {
          await init();
          const r = await fetch("/target/wasm-tests/new-pack/jiading.compiled.json");
          window.engine = Engine.fromCompiled(await r.text());
          window.ready = "ready";
        } catch (e) { window.ready = String(e?.message?.en ?? e); }
      </script>`;
      const inBrowser = await decidedIn("compiled.html", page);
      // The forms module has none of the authors' calls: it is the module without Cedar.
      assert.equal(await browser.page.evaluate(() => typeof window.engine.runSuite), "undefined");
      const inNode = decide(Engine.fromSources(readPack(policies, "jiading")), request());
      assert.deepEqual(inBrowser, inNode, "verdicts, field labels and the pack's hash");
    });
  });
});
