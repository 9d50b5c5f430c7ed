// bindForm (wasm/js/bind-form.js, exported by the package through wasm/src/form.rs) on a
// hand-written form the demo did not make (tests/js/bind-form.html), in headless Chromium:
// the request it reads, the native validity it sets, the event it sends, submits it stops.
// Also: every target exports it, its contract table matches the package's types, and its
// TypeScript types hold.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { serveStatic } from "../../js-demo/serve.mjs";
import { launchChromium } from "./chromium.mjs";
import { root } from "./vectors.mjs";

const require = createRequire(import.meta.url);

describe("the package", () => {
  // The bundler package imports its .wasm as a module: Node needs --experimental-wasm-modules
  // for that (scripts/test-wasm passes it).
  const wasmModules = process.execArgv.includes("--experimental-wasm-modules");
  const targets = {
    nodejs: { load: async () => require("../../wasm/pkg-node/pubdata_policy_wasm.js") },
    bundler: {
      load: () => import("../../wasm/pkg-bundler/pubdata_policy_wasm.js"),
      skip: !wasmModules && "needs node --experimental-wasm-modules",
    },
  };
  for (const [name, { load, skip }] of Object.entries(targets)) {
    test(`the ${name} target exports bindForm, which refuses what is not a form`, { skip }, async () => {
      const pkg = await load();
      assert.equal(typeof pkg.bindForm, "function");
      const engine = new pkg.Engine("ganzi");
      for (const bad of [undefined, null, {}, "form", { nodeName: "DIV", elements: [] }]) {
        assert.throws(
          () => pkg.bindForm(bad, engine),
          (e) => e.code === "invalid_request" && e.field === null && /form/.test(e.message.en) && /form/.test(e.message.zh),
        );
      }
    });
  }

  test("the binding reads each field by the type the engine's pack gives it", async () => {
    const { contractTypes } = await import("../../wasm/js/bind-form.js");
    const { Engine } = require("../../wasm/pkg-node/pubdata_policy_wasm.js");
    for (const j of Engine.jurisdictions) {
      const engine = new Engine(j);
      const fields = engine.contract.fields;
      assert.ok(fields.length > 50, `${j}: the pack's fields`);
      const types = contractTypes(engine);
      for (const f of fields) {
        const want = { bool: "boolean", long: "number", set: "list" }[f.type];
        assert.equal(types[f.field], want, `${j} ${f.field} (${f.type})`);
      }
      assert.equal(types["/application/commitment"], "boolean");
      assert.equal(types["/resource/flags"], "list");
      assert.equal(types["/application/usageEveryDays"], "number");
    }
  });

  // Strict, with the package's declarations checked too (skipLibCheck false, tsc's default)
  // and skipped (as many projects set it): a misspelt pointer or request key fails either way.
  for (const skipLibCheck of [false, true]) {
    test(`the TypeScript types of bindForm hold, and refuse a wrong option or pointer (skipLibCheck ${skipLibCheck})`, () => {
      const tsc = spawnSync(
        join(root, "node_modules", ".bin", "tsc"),
        ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler",
          "--lib", "es2022,esnext.disposable,dom", "--types", "", "--exactOptionalPropertyTypes", "--noUncheckedIndexedAccess",
          "--skipLibCheck", String(skipLibCheck), join(root, "tests", "js", "bind-form.types.ts")],
        { encoding: "utf8" },
      );
      assert.equal(tsc.error, undefined, `cannot run tsc (npm ci installs it): ${tsc.error}`);
      assert.equal(tsc.status, 0, `tsc found type errors:\n${tsc.stdout}${tsc.stderr}`);
    });
  }
});

describe("bindForm on a hand-written form, in Chromium", () => {
  let served, browser, page;
  const errors = [];

  before(async () => {
    served = await serveStatic({ root, allow: ["/wasm/pkg-web/", "/wasm/pkg-forms/", "/tests/js/bind-form.html", "/tests/js/bind-form-site.html", "/tests/js/bind-form-page.js", "/tests/js/bind-form.css", "/target/wasm-tests/readme-form.html"] });
    browser = await launchChromium();
    page = browser.page;
    page.on("pageerror", (e) => errors.push(String(e)));
  });

  after(async () => {
    await browser?.close();
    await new Promise((r) => (served ? served.server.close(r) : r()));
  });

  async function load() {
    await page.goto(`${served.url}tests/js/bind-form.html`);
    await page.waitForFunction(() => window.pdpReady !== undefined, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.pdpReady), "ready", errors.join("; "));
  }

  const validity = (name) =>
    page.locator(`[name="${name}"]`).first().evaluate((el) => ({
      valid: el.validity.valid,
      custom: el.validity.customError,
      message: el.validationMessage,
      aria: el.getAttribute("aria-invalid"),
      invalid: el.matches(":invalid"),
    }));

  test("reads the form into a request by the controls' JSON Pointers, typed as the contract says", async () => {
    await load();
    await page.fill('[name="/application/usageEveryDays"]', "30");
    await page.check('[name="/application/crossLevel"]');
    await page.check('[value="commercial_secret"]');
    const request = await page.evaluate(() => window.binding.readRequest());
    assert.deepEqual(request, {
      jurisdiction: "ganzi", // from the engine: the form has no such control
      kind: "share",
      date: "2026-09-28",
      requester: { name: "州卫生健康委员会", type: "department" }, // blank idNumber left out; `contact` is no pointer
      resource: { name: "人口基础信息", sharing: "conditional", inCatalog: true, flags: ["personal_info", "commercial_secret"] },
      application: {
        purpose: "duty", needBasis: "《社会保险法》", businessGoal: "资格核验", securityMeasures: "专线访问",
        usageEveryDays: 30, crossLevel: true, commitment: true, // thirdPartyTransfer is in a disabled fieldset
      },
    });
  });

  test("flags the field the verdict names, with its article, and clears it once fixed", async () => {
    await load();
    const scenario = await validity("/application/scenario");
    assert.equal(scenario.valid, false);
    assert.equal(scenario.invalid, true);
    assert.equal(scenario.aria, "true");
    // Left blank, it is asked for by its label, with the article that requires it.
    assert.equal(scenario.message, "请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）");
    for (const other of ["/application/needBasis", "/requester/name", "data_name", "attribute"]) {
      const v = await validity(other);
      assert.equal(v.valid, true, other);
      assert.equal(v.aria, null, other);
    }
    let last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict.outcome, "refused");
    assert.deepEqual(last.verdict.violations.map((v) => [v.field, v.article]), [["/application/scenario", "第十八条"]]);
    assert.deepEqual(Object.keys(last.invalid), ["/application/scenario"]);
    assert.deepEqual(last.unplaced, []);

    const before = await page.evaluate(() => window.events.length);
    await page.locator('[name="/application/scenario"]').pressSequentially("医保待遇资格核验");
    assert.ok((await page.evaluate(() => window.events.length)) >= before + 8, "a check per keystroke");
    const fixed = await validity("/application/scenario");
    assert.equal(fixed.valid, true);
    assert.equal(fixed.aria, null);
    last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict.outcome, "review");
    assert.equal(last.verdict.route.reviewer, "provider");
    assert.equal(last.verdict.route.due, "2026-10-10");
    assert.equal(last.verdict.route.article, "第十八条");
  });

  test("a mapped control is flagged through its mapping, checkbox groups as a whole", async () => {
    await load();
    await page.fill('[name="data_name"]', "");
    await page.selectOption('[name="attribute"]', "none");
    const name = await validity("data_name");
    assert.equal(name.valid, false);
    // Left blank: asked for by its label (a missing value, not a wrong one), with the article.
    assert.equal(name.message, "请填写数据资源名称（甘孜州公共数据管理办法（试行）第十八条）");
    const attribute = await validity("attribute");
    assert.match(attribute.message, /不予共享类/);
    assert.match(attribute.message, /第十四条/);
    const last = await page.evaluate(() => window.events.at(-1));
    assert.deepEqual(Object.keys(last.invalid).sort(), ["/resource/name", "/resource/sharing"]);

    // A citizen asking to share: both type and purpose are wrong; fixing one leaves the other.
    await page.fill('[name="data_name"]', "人口基础信息");
    await page.selectOption('[name="attribute"]', "unconditional");
    await page.selectOption('[name="/requester/type"]', "citizen");
    await page.selectOption('[name="/application/purpose"]', "other");
    let events = await page.evaluate(() => window.events.at(-1));
    assert.deepEqual(events.verdict.violations.map((v) => v.field).sort(), ["/application/purpose", "/requester/type"]);
    await page.selectOption('[name="/requester/type"]', "department");
    events = await page.evaluate(() => window.events.at(-1));
    assert.deepEqual(events.verdict.violations.map((v) => v.field), ["/application/purpose"]);
    assert.equal((await validity("/requester/type")).valid, true);
    assert.equal((await validity("/application/purpose")).valid, false);
  });

  test("an unreadable value is the engine's error on its own control", async () => {
    await load();
    await page.fill('[name="/application/scenario"]', "资格核验");
    await page.fill('[name="/application/usageEveryDays"]', "每月");
    const v = await validity("/application/usageEveryDays");
    assert.equal(v.valid, false);
    assert.equal(v.aria, "true");
    const last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict, null);
    assert.equal(last.error.code, "invalid_request");
    assert.equal(last.error.field, "/application/usageEveryDays");
    assert.equal(v.message, last.error.message.zh);
    // In the page's language, by the field's label: no Rust or serde text, no pointer.
    assert.equal(v.message, "使用频率（每多少天一次）须为整数");
    assert.match(last.error.engineMessage.zh, /usageEveryDays/, "the engine's own text is kept for a developer");
    await page.fill('[name="/application/usageEveryDays"]', "30");
    assert.equal((await validity("/application/usageEveryDays")).valid, true);
    // An identifier that fails its checksum is a violation (甘孜 第十条), on its control.
    await page.fill('[name="/requester/idNumber"]', "915101007130000001");
    const id = await validity("/requester/idNumber");
    assert.equal(id.valid, false);
    assert.match(id.message, /第十条/);
  });

  test("a refused request does not submit: the browser shows the first problem and focuses it", async () => {
    await load();
    await page.click('button[type="submit"]');
    assert.equal(await page.evaluate(() => window.submitted.length), 0);
    assert.equal(await page.evaluate(() => document.activeElement.name), "/application/scenario");
    await page.fill('[name="/application/scenario"]', "医保待遇资格核验");
    await page.click('button[type="submit"]');
    assert.equal(await page.evaluate(() => window.submitted.length), 1);
  });

  test("a problem no control can show is reported as unplaced, and still stops the submit", async () => {
    await load();
    await page.fill('[name="/application/scenario"]', "医保待遇资格核验");
    // As an operation request (甘孜's are decided by the national layer), the form says no
    // step: refused at /application/action (实施规范 第三条), a field this sharing form has
    // no control for. (The personal information is unticked: the norms' 第五条 would
    // otherwise refuse it at /resource/flags, a control this form has.)
    await page.evaluate(() => {
      document.querySelector('[name="/kind"]').value = "operate";
      document.querySelector('[name="/resource/flags"][value="personal_info"]').checked = false;
      window.binding.check();
    });
    const last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict.outcome, "refused");
    assert.deepEqual(last.verdict.violations.map((v) => [v.field, v.rule]), [["/application/action", "national.operate.action_required"]]);
    assert.equal(await page.locator('[name="/application/action"]').count(), 0, "the page has no control for it");
    assert.deepEqual(last.unplaced.map((v) => v.field), ["/application/action"]);
    assert.deepEqual(last.invalid, {});
    assert.equal(await page.evaluate(() => document.getElementById("application").checkValidity()), true);
    await page.click('button[type="submit"]');
    assert.equal(await page.evaluate(() => window.submitted.length), 0, "the binding stops it");
  });

  test("language, engine and controls can change after binding; reset re-checks", async () => {
    await load();
    await page.evaluate(() => (window.binding.lang = "en"));
    const en = await validity("/application/scenario");
    assert.equal(en.message, "Fill in “Use scenario” (甘孜州公共数据管理办法（试行）, 第十八条)");

    // Another jurisdiction: 普陀 asks for the eight items of its 第十七条.
    await page.evaluate(() => {
      window.binding.lang = "zh";
      window.binding.engine = new window.pkg.Engine("putuo");
    });
    let last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.request.jurisdiction, "putuo");
    assert.ok(last.verdict.violations.some((v) => v.field === "/application/needType" && v.article === "第十七条"));
    assert.ok(last.unplaced.some((v) => v.field === "/application/needType"), "no control for needType yet");
    assert.ok(!("/application/needType" in last.invalid));

    // A control added after binding is read and flagged like the others.
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.name = "/application/needType";
      input.id = "needType";
      document.querySelector('[name="/application/scenario"]').after(input);
      window.binding.check();
    });
    assert.match((await validity("/application/needType")).message, /第十七条/);
    await page.fill("#needType", "数据核验");
    last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.request.application.needType, "数据核验");
    assert.ok(!last.verdict.violations.some((v) => v.field === "/application/needType"));

    // Reset puts the values back and the binding checks them again.
    await page.evaluate(() => (window.binding.engine = new window.pkg.Engine("ganzi")));
    await page.fill('[name="/application/scenario"]', "医保待遇资格核验");
    assert.equal((await validity("/application/scenario")).valid, true);
    const count = await page.evaluate(() => window.events.length);
    await page.click('button[type="reset"]');
    await page.waitForFunction((n) => window.events.length > n, count);
    assert.equal((await validity("/application/scenario")).valid, false);
  });

  test("the engine's contract is read once per engine, however often the form is checked", async () => {
    await load();
    const reads = await page.evaluate(() => {
      let reads = 0;
      const engine = new window.pkg.Engine("ganzi");
      // The engine as the binding sees it, counting each read of `contract`.
      const counted = new Proxy(engine, {
        get(target, key) {
          if (key === "contract") reads += 1;
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      window.binding.engine = counted;
      for (let i = 0; i < 5; i += 1) window.binding.check();
      return reads;
    });
    assert.equal(reads, 1);
    // The fields it asks for are still named by the contract's labels.
    assert.equal((await validity("/application/scenario")).message, "请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）");
  });

  test("unbind removes every message and listener", async () => {
    await load();
    assert.equal((await validity("/application/scenario")).valid, false);
    await page.evaluate(() => window.binding.unbind());
    const v = await validity("/application/scenario");
    assert.equal(v.valid, true);
    assert.equal(v.aria, null);
    const count = await page.evaluate(() => window.events.length);
    await page.fill('[name="/application/scenario"]', "x");
    assert.equal(await page.evaluate(() => window.events.length), count);
    await page.fill('[name="/application/scenario"]', "");
    await page.click('button[type="submit"]');
    assert.equal(await page.evaluate(() => window.submitted.length), 1, "the form submits as it did before binding");
  });

  test("aria: false leaves aria-invalid to the page, and a page's own aria-invalid is never taken over", async () => {
    await load();
    await page.evaluate(() => {
      window.binding.unbind();
      document.querySelector('[name="/application/needBasis"]').setAttribute("aria-invalid", "false");
      document.querySelector('[name="/application/needBasis"]').value = "";
      window.binding = window.pkg.bindForm(document.getElementById("application"), new window.pkg.Engine("ganzi"), {
        fields: { data_name: "/resource/name" },
      });
    });
    const basis = await validity("/application/needBasis");
    assert.equal(basis.valid, false);
    assert.equal(basis.aria, "false", "the page's own value stays");
    assert.equal((await validity("/application/scenario")).aria, "true");
    await page.evaluate(() => {
      window.binding.unbind();
      window.binding = window.pkg.bindForm(document.getElementById("application"), new window.pkg.Engine("ganzi"), {
        fields: { data_name: "/resource/name" }, aria: false,
      });
    });
    const scenario = await validity("/application/scenario");
    assert.equal(scenario.valid, false);
    assert.equal(scenario.aria, null);
  });

  test("the README's example: a hand-written form, a script tag and one bindForm call", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Web forms"));
    const html = /```html\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(html, "the Web forms section has an html example");
    assert.equal((html.match(/bindForm\(/g) ?? []).length, 1, "one call");
    const file = join(root, "target", "wasm-tests", "readme-form.html");
    mkdirSync(dirname(file), { recursive: true });
    // The page is served beside the repository's package (the forms build, as the README
    // says): only the import path moves.
    assert.match(html, /"\.\/pkg-forms\//, "the example loads the forms module");
    writeFileSync(file, `<!doctype html><meta charset="utf-8">\n${html.replace("./pkg-forms/", "/wasm/pkg-forms/")}`);
    await page.goto(`${served.url}target/wasm-tests/readme-form.html`);
    const scenario = page.locator('[name="/application/scenario"]');
    await page.waitForFunction(() => document.querySelector('[name="/application/scenario"]').validationMessage !== "", null, { timeout: 60_000 });
    await page.fill('[name="/resource/name"]', "人口基础信息");
    for (const [name, value] of [["needBasis", "《社会保险法》"], ["businessGoal", "资格核验"], ["securityMeasures", "专线访问"]]) {
      await page.fill(`[name="/application/${name}"]`, value);
    }
    await page.check('[name="/application/commitment"]');
    assert.match(await scenario.evaluate((el) => el.validationMessage), /请填写应用场景.*第十八条/);
    let posted = null;
    await page.route("**/apply", (route) => {
      posted = route.request().postData();
      return route.fulfill({ status: 200, contentType: "text/html", body: "<p>received</p>" });
    });
    await page.click("button");
    assert.equal(await page.evaluate(() => document.activeElement.name), "/application/scenario");
    assert.equal(posted, null, "a refused application is not sent");
    await scenario.fill("医保待遇资格核验");
    assert.equal(await scenario.evaluate((el) => el.validity.valid), true);
    await Promise.all([page.waitForURL(/\/apply$/), page.click("button")]);
    assert.match(decodeURIComponent(posted.replaceAll("+", " ")), /\/application\/scenario=医保待遇资格核验/);
    await page.unroute("**/apply");
  });

  // ---- a site's own names and codes, gentle mode, inline messages (bind-form-site.html) ----

  async function loadSite() {
    await page.goto(`${served.url}tests/js/bind-form-site.html`);
    await page.waitForFunction(() => window.pdpReady !== undefined, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.pdpReady), "ready", errors.join("; "));
  }

  /** The accessible description Chromium computes for a control (CDP Accessibility). */
  async function accessibleDescription(selector) {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send("Accessibility.enable");
      const { root: doc } = await cdp.send("DOM.getDocument", { depth: 0 });
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: doc.nodeId, selector });
      const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
      return nodes[0].description?.value ?? "";
    } finally {
      await cdp.detach();
    }
  }

  const siteValidity = (name) => validity(name);

  test("values: the site's option codes are mapped to the contract's, and the site still posts its codes", async () => {
    await loadSite();
    await page.selectOption('[name="deptType"]', "1");
    await page.selectOption('[name="shareType"]', "2");
    await page.fill('[name="dataName"]', "人口基础信息");
    await page.fill('[name="useScene"]', "医保待遇资格核验");
    const last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.error, null, JSON.stringify(last.error));
    assert.deepEqual(last.request.requester, { name: "州卫生健康委员会", type: "department" });
    assert.equal(last.request.resource.sharing, "conditional");
    assert.equal(last.request.resource.inCatalog, true, "the transform hook reads the site's Y/N");
    assert.equal(last.request.application.purpose, "duty");
    assert.equal(last.request.application.commitment, true);
    assert.equal(last.verdict.outcome, "review");
    await page.selectOption('[name="usePurpose"]', "02");
    assert.equal((await page.evaluate(() => window.events.at(-1))).request.application.purpose, "public_service");
    await page.click('button[type="submit"]');
    const posted = await page.evaluate(() => window.submitted);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].shareType, "2");
    assert.equal(posted[0].usePurpose, "02");
    assert.equal(posted[0].deptType, "1");
  });

  test("an unmapped code is named by the field's label in the chosen language, without the engine's enum list", async () => {
    await loadSite();
    await page.selectOption('[name="deptType"]', "4");
    let v = await siteValidity("deptType");
    assert.equal(v.valid, false);
    assert.equal(v.aria, "true");
    assert.equal(v.message, "单位类型的所选项无法识别，请重新选择");
    const last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict, null);
    assert.equal(last.error.field, "/requester/type");
    for (const text of [last.error.message.zh, last.error.message.en]) {
      assert.doesNotMatch(text, /unknown variant|expected one of|department|`|\/requester/);
    }
    await page.evaluate(() => (window.binding.lang = "en"));
    v = await siteValidity("deptType");
    assert.equal(v.message, "The choice for “Requester type” is not one this form can take; choose again");
    assert.doesNotMatch(v.message, /[\u4e00-\u9fff]/, "English only");
    await page.click('button[type="submit"]');
    assert.deepEqual(await page.evaluate(() => window.submitted), [], "an unreadable request does not submit");
  });

  test("gentle: an untouched form flags nothing, its summary says neutrally what is missing", async () => {
    await loadSite();
    const invalid = await page.evaluate(() => [...document.querySelectorAll("#application :invalid, #application [aria-invalid]")].map((e) => e.name ?? e.id));
    assert.deepEqual(invalid, [], "no :invalid, no aria-invalid on load");
    assert.equal(await page.evaluate(() => document.getElementById("application").checkValidity()), true);
    assert.equal(await page.locator(".pdp-message").count(), 0, "no inline message on load");
    const last = await page.evaluate(() => window.events.at(-1));
    assert.equal(last.verdict.outcome, "refused");
    assert.deepEqual(last.invalid, {});
    assert.deepEqual(Object.keys(last.pending).sort(), ["/requester/type", "/resource/name", "/resource/sharing"]);
    assert.deepEqual(last.missing.map((m) => m.field), ["/requester/type", "/resource/name", "/resource/sharing"]);
    assert.equal(last.summary.zh, "还需填写：单位类型、数据资源名称、共享属性");
    assert.equal(last.summary.en, "Still to fill in: Requester type, Resource name, Sharing attribute");
    assert.doesNotMatch(last.summary.zh, /不予|不通过/);
    assert.equal(await page.textContent("#summary"), last.summary.zh);

    // Typing in one field flags only that one once the user leaves it; the others stay quiet.
    await page.fill('[name="dataName"]', "人口");
    await page.fill('[name="dataName"]', "");
    assert.equal((await siteValidity("dataName")).valid, true, "not while typing");
    await page.focus('[name="useScene"]');
    const name = await siteValidity("dataName");
    assert.equal(name.valid, false, "flagged after leaving it blank");
    assert.equal(name.aria, "true");
    assert.equal(name.message, "请填写数据资源名称（甘孜州公共数据管理办法（试行）第十八条）");
    assert.equal((await siteValidity("shareType")).valid, true, "untouched");
    assert.equal((await siteValidity("useScene")).valid, true, "focused, not yet changed");

    // A submit attempt flags every problem at once, natively, and stops the submit.
    await page.click('button[type="submit"]');
    assert.deepEqual(await page.evaluate(() => window.submitted), []);
    for (const n of ["deptType", "dataName", "shareType"]) {
      const v = await siteValidity(n);
      assert.equal(v.valid, false, n);
      assert.equal(v.invalid, true, n);
      assert.equal(v.aria, "true", n);
    }
    assert.equal(await page.evaluate(() => document.activeElement.name), "deptType", "the browser shows the first");
    const after = await page.evaluate(() => window.events.at(-1));
    assert.deepEqual(after.pending, {});
    assert.ok(await page.evaluate(() => {
      const last = window.binding.last;
      return Object.values(last.invalid).flat().every((p) => last.verdict.violations.includes(p));
    }), "the problems are the verdict's own objects (a page matches them by identity)");
    assert.deepEqual(Object.keys(after.invalid).sort(), ["/requester/type", "/resource/name", "/resource/sharing"]);
  });

  test("a missing value is asked for; a wrong one gets the policy's reason", async () => {
    await loadSite();
    await page.selectOption('[name="deptType"]', "3");
    await page.selectOption('[name="deptType"]', "");
    const blank = await siteValidity("deptType");
    assert.equal(blank.message, "请选择单位类型（甘孜州公共数据管理办法（试行）第十三条）");
    await page.evaluate(() => (window.binding.lang = "en"));
    assert.equal((await siteValidity("deptType")).message, "Choose “Requester type” (甘孜州公共数据管理办法（试行）, 第十三条)");
    await page.evaluate(() => (window.binding.lang = "zh"));
    await page.selectOption('[name="deptType"]', "3"); // 自然人
    const wrong = await siteValidity("deptType");
    assert.match(wrong.message, /^公共数据共享限于政务部门和公共服务组织之间/);
    assert.match(wrong.message, /第十三条/);
    const last = await page.evaluate(() => window.events.at(-1));
    assert.ok(!last.missing.some((m) => m.field === "/requester/type"), "a wrong value is not missing");
  });

  test("describe: the message is the control's accessible description, linked beside the page's own, removed once valid", async () => {
    await loadSite();
    assert.equal(await accessibleDescription('[name="useScene"]'), "写明在哪项业务中使用。");
    await page.selectOption('[name="shareType"]', "2"); // conditional: the scenario is required
    await page.fill('[name="useScene"]', "x");
    await page.fill('[name="useScene"]', "");
    await page.focus('[name="dataName"]');
    const scene = await siteValidity("useScene");
    assert.equal(scene.message, "请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）");
    const ids = await page.getAttribute('[name="useScene"]', "aria-describedby");
    assert.match(ids, /^scene-hint pdp-message-\d+$/, "the page's own id is kept");
    const messageId = ids.split(" ")[1];
    assert.equal(await page.textContent(`#${messageId}`), scene.message);
    assert.equal(await accessibleDescription('[name="useScene"]'), `写明在哪项业务中使用。 ${scene.message}`);

    // A select flagged: its description is the message alone.
    await page.selectOption('[name="deptType"]', "3");
    const dept = await siteValidity("deptType");
    assert.equal(await accessibleDescription('[name="deptType"]'), dept.message);

    // Fixed: the message element goes, the page's description stays.
    await page.fill('[name="useScene"]', "医保待遇资格核验");
    assert.equal(await page.getAttribute('[name="useScene"]', "aria-describedby"), "scene-hint");
    assert.equal(await page.locator(`#${messageId}`).count(), 0);
    assert.equal(await accessibleDescription('[name="useScene"]'), "写明在哪项业务中使用。");
    await page.selectOption('[name="deptType"]', "1");
    assert.equal(await page.getAttribute('[name="deptType"]', "aria-describedby"), null);
    assert.equal(await accessibleDescription('[name="deptType"]'), "");
  });

  test("the README's walkthrough: its options on the site's form do what it says", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const walkthrough = readme.slice(readme.indexOf("### Walkthrough: a site's own form"));
    const options = /bindForm\(document\.getElementById\("application"\), new Engine\("ganzi"\), (\{[\s\S]*?\n {3}\})\);/.exec(walkthrough)?.[1];
    assert.ok(options, "the walkthrough's bindForm call");
    await loadSite();
    // The markup as its comment has it: the scenario mapped by data-pdp-field.
    await page.evaluate(`(() => {
      window.binding.unbind();
      const form = document.getElementById("application");
      form.querySelector('[name="useScene"]').dataset.pdpField = "/application/scenario";
      window.events = [];
      window.binding = window.pkg.bindForm(form, new window.pkg.Engine("ganzi"), ${options});
    })()`);
    const said = (claim) => assert.ok(walkthrough.includes(claim), `the walkthrough says ${claim}`);
    const summary = await page.evaluate(() => window.binding.last.summary.zh);
    said(summary);
    assert.equal(summary, "还需填写：单位类型、数据资源名称、共享属性");
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("[aria-invalid], .pdp-message")].length), 0, "nothing red on load");
    await page.click('button[type="submit"]');
    const dept = await page.locator('[name="deptType"]').evaluate((el) => ({
      message: el.validationMessage,
      described: (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.className),
    }));
    said(dept.message);
    assert.deepEqual(dept.described, ["pdp-message"]);
    await page.selectOption('[name="deptType"]', "1");
    await page.selectOption('[name="shareType"]', "2");
    await page.fill('[name="dataName"]', "人口基础信息");
    await page.fill('[name="useScene"]', "社会保险待遇资格认证");
    await page.click('button[type="submit"]');
    const sent = await page.evaluate(() => ({ posted: window.submitted.at(-1), read: window.binding.last.request.resource.sharing }));
    said(`shareType=${sent.posted.shareType}`);
    said(`\`${sent.read}\``);
    assert.deepEqual([sent.posted.shareType, sent.read], ["2", "conditional"]);
  });

  test("bad options are refused with a structured error", async () => {
    await load();
    const thrown = await page.evaluate(() => {
      const form = document.getElementById("application");
      const engine = new window.pkg.Engine("ganzi");
      const out = [];
      for (const args of [[form, {}], [form, engine, "x"], [form, engine, { report: "sometimes" }], [form, engine, { types: { "/x": "date" } }]]) {
        try {
          window.pkg.bindForm(...args);
          out.push(null);
        } catch (e) {
          out.push(e);
        }
      }
      return out;
    });
    for (const e of thrown) {
      assert.equal(e?.code, "invalid_request");
      assert.equal(typeof e.message.zh, "string");
      assert.equal(typeof e.message.en, "string");
    }
    assert.deepEqual(errors, []);
  });
});
