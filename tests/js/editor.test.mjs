// The playground's editor (js-demo/editor/, CodeMirror bundled into the demo by build.mjs) in
// headless Chromium: Cedar is highlighted token by token; where the texts do not load is
// marked at its line with the engine's message; `@wo` completes to `@workingDays` and
// `resource.` to the pack's attributes with their labels; long lines wrap on request; at a
// phone's width the editor is on the first screen; and all of it under the page's
// Content-Security-Policy without a single violation (CodeMirror's styles are adopted
// stylesheets in the editor's shadow root, not <style> elements the policy would refuse).

import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { editorText, replaceText } from "./editor-page.mjs";
import { servedDemo } from "./served-demo.mjs";
import { root } from "./vectors.mjs";

const { Engine } = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");

const results = join(root, "test-results");
const SHARE = "ganzi/share.cedar";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1400, height: 900 };

describe("the playground's editor in Chromium", () => {
  let served, page;

  before(async () => {
    served = await servedDemo("pdp-editor-");
    page = served.page;
    // Every violation of the page's CSP, from the first script on.
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
    });
    mkdirSync(results, { recursive: true });
  });

  after(async () => {
    await served?.close();
  });

  beforeEach(() => {
    served.errors.length = 0;
  });

  afterEach(async () => {
    assert.deepEqual(served.errors, [], "errors in the page");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], "CSP violations");
  });

  /** Opens the playground at `#hash` with nothing edited, and waits for the first validation. */
  async function open(hash, viewport = DESKTOP) {
    await page.setViewportSize(viewport);
    await page.goto(`${served.url}playground.html#${hash}`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
  }

  /** Each `tok-*` class of the lines drawn → the texts that carry it. */
  const tokens = () => page.locator("#editor").evaluate((content) => {
    const out = {};
    for (const el of content.querySelectorAll('[class*="tok-"]')) {
      for (const c of el.classList) if (c.startsWith("tok-")) (out[c] ??= new Set()).add(el.textContent);
    }
    return Object.fromEntries(Object.entries(out).map(([c, texts]) => [c, [...texts]]));
  });

  const completions = async () => {
    await page.locator("#editor-host .cm-tooltip-autocomplete li").first().waitFor();
    return page.locator("#editor-host .cm-tooltip-autocomplete li").evaluateAll((lis) => lis.map((li) => [
      li.querySelector(".cm-completionLabel").textContent, li.querySelector(".cm-completionDetail")?.textContent ?? "",
    ]));
  };

  test("Cedar is highlighted: keywords, annotations, strings, comments, variables, attributes; JSON too", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const t = await tokens();
    for (const word of ["forbid", "unless", "has"]) assert.ok(t["tok-keyword"]?.includes(word), `keyword ${word}: ${t["tok-keyword"]}`);
    for (const word of ["@id", "@catalog", "@article", "@field", "@zh", "@en"]) assert.ok(t["tok-meta"].includes(word), word);
    assert.ok(t["tok-string"].includes('"ganzi.share.requester_type"'), t["tok-string"].join());
    assert.ok(t["tok-comment"].some((c) => c.startsWith("// 甘孜")), t["tok-comment"].join());
    for (const word of ["principal", "action", "resource", "context"]) assert.ok(t["tok-variableName2"].includes(word), word);
    assert.ok(t["tok-propertyName"].includes("type") && t["tok-propertyName"].includes("contains"), t["tok-propertyName"].join());
    assert.ok(t["tok-typeName"].includes("Action"));
    assert.ok(!t["tok-keyword"].includes("type"), "an attribute named like nothing special is no keyword");

    await page.locator('[data-file="ganzi/pack.json"]').click();
    const j = await tokens();
    assert.ok(j["tok-propertyName"]?.length > 0 && j["tok-string"]?.length > 0, JSON.stringify(j));
  });

  test("CodeMirror's styles apply under the page's CSP: adopted stylesheets, no <style> element", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /style-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const styled = await page.locator("#editor-host").evaluate((host) => ({
      adopted: host.shadowRoot.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll("style").length + host.shadowRoot.querySelectorAll("style").length,
      // CodeMirror's base theme makes the editor a flex box and hides the content's outline.
      display: getComputedStyle(host.shadowRoot.querySelector(".cm-editor")).display,
    }));
    assert.deepEqual(styled, { adopted: 1, styleElements: 0, display: "flex" });
  });

  test("a load error is marked at its line, with the engine's message, and goes when fixed", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const text = await editorText(page);
    const broken = text.replace('@workingDays("5")', '@workingDays("5"');
    await replaceText(page, broken);
    // Cedar stops at the token after the unclosed annotation: the next line's `@article`.
    const line = broken.split("\n").indexOf('@workingDays("5"') + 2;
    const failure = page.locator("#load-result .load-failure");
    await failure.waitFor({ timeout: 10_000 }); // validated as the author stops typing
    // The marker says what the lint (as `pdp validate`) lists for that line.
    const listed = page.locator(`#load-result .lint li[data-code="cedar-syntax"][data-line="${line}"]`);
    await listed.waitFor();
    const message = await listed.locator(".message").textContent();
    await failure.locator(".goto-line").click(); // the line comes into view

    const marker = page.locator("#editor-host .cm-gutter-lint .cm-lint-marker-error");
    await marker.waitFor();
    assert.equal(await marker.count(), 1);
    const [markerTop, numberTop] = await page.locator("#editor-host").evaluate((host, line) => {
      const shadow = host.shadowRoot;
      const row = shadow.querySelector(".cm-lint-marker-error").closest(".cm-gutterElement");
      const number = [...shadow.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].find((e) => e.textContent === String(line));
      return [row.getBoundingClientRect().top, number?.getBoundingClientRect().top];
    }, line);
    assert.equal(markerTop, numberTop, `the marker is on line ${line}`);
    const underlined = page.locator("#editor .cm-lintRange-error");
    assert.equal(await underlined.first().evaluate((e) => e.closest(".cm-line").textContent), '@article("第十八条")');

    await marker.hover();
    const tip = page.locator("#editor-host .cm-tooltip-lint .cm-diagnostic-error");
    await tip.waitFor();
    assert.equal(await tip.locator(".cm-diagnosticText").textContent(), message);
    await page.screenshot({ path: join(results, "editor-lint-desktop-zh.png") });

    await replaceText(page, text);
    await page.locator("#load-result .ok").waitFor({ timeout: 10_000 });
    assert.equal(await marker.count(), 0, "no marker once the texts load");
  });

  test("a slip that loads is linted as pdp validate lints it: listed, and marked at its line", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const text = await editorText(page);
    const broken = text.replace("context has scenario", "context has scenaro");
    assert.notEqual(broken, text, "the edit applies");
    await replaceText(page, broken);
    // The texts still load: Cedar lets the typo through, the lint does not.
    await page.locator("#load-result .ok").waitFor({ timeout: 10_000 });
    const item = page.locator('#load-result .lint li[data-code="unknown-attribute"]');
    await item.waitFor({ timeout: 10_000 });
    const sources = Engine.builtinSources("ganzi");
    sources.policies[SHARE] = broken;
    const [expected] = Engine.lint(sources).filter((d) => d.code === "unknown-attribute");
    assert.equal(await item.getAttribute("data-line"), String(expected.line));
    assert.equal(await item.locator(".message").textContent(), expected.message.zh);
    assert.match(await item.locator(".help").textContent(), /scenario/);

    await item.locator(".goto-line").click();
    const underlined = page.locator("#editor .cm-lintRange-error");
    await underlined.first().waitFor();
    assert.equal(await underlined.first().textContent(), "has scenaro", "the finding's span, not the whole line");

    await replaceText(page, text);
    await page.locator("#load-result .ok").waitFor({ timeout: 10_000 });
    // 甘孜's built-in texts keep their calendar warnings; the error is gone.
    await page.waitForFunction(() => !document.querySelector('#load-result .lint li[data-code="unknown-attribute"]'));
    assert.equal(await page.locator("#editor .cm-lintRange-error").count(), 0, "no mark once fixed");
  });

  /**
   * Waits until completion has `label` selected (the list follows the typing), and takes it
   * with Enter — after CodeMirror's `interactionDelay` (75 ms), within which it leaves Enter
   * to the text, so that a list that has just changed is not accepted by a fast typist.
   */
  async function accept(label) {
    await page.locator("#editor-host .cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel", { hasText: label }).waitFor();
    await page.waitForTimeout(150);
    await page.keyboard.press("Enter");
  }

  test("completion: `@wo` offers @workingDays, `resource.` the pack's attributes with their labels", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const sharing = new Engine("ganzi").contract.fields.find((f) => f.field === "/resource/sharing");
    await page.locator("#editor").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("@wo");
    assert.deepEqual((await completions()).find(([label]) => label === "@workingDays"), ["@workingDays", '@workingDays("5")']);
    await accept("@workingDays");
    await page.keyboard.type("3");
    assert.ok((await editorText(page)).endsWith('\n@workingDays("3")'), "the value goes between the quotes");

    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("when { resource.sh");
    assert.deepEqual((await completions()).find(([label]) => label === "sharing"), ["sharing", sharing.label.zh]);
    await accept("sharing");
    await page.keyboard.type(' == "con');
    const values = (await completions()).map(([label]) => label);
    assert.ok(values.includes("conditional"), values.join());
    await page.keyboard.press("Escape");
    await page.keyboard.type('" && context.');
    const attributes = (await completions()).map(([label]) => label);
    assert.ok(attributes.includes("purpose") && attributes.includes("thirdPartyTransfer"), attributes.join());
    assert.ok(!attributes.includes("sharing"), "the context's attributes only");
    await page.screenshot({ path: join(results, "editor-completion-desktop-zh.png") });
    await page.keyboard.press("Escape");
    // The brace and the quote were closed as they were typed.
    const typed = (await editorText(page)).split("\n").at(-1);
    assert.equal(typed, 'when { resource.sharing == "con" && context.}');
  });

  test("long lines wrap on request, and the choice is kept", async () => {
    await open(`j=ganzi&file=${SHARE}`);
    const overflow = () => page.locator("#editor-host").evaluate((host) => {
      const scroller = host.shadowRoot.querySelector(".cm-scroller");
      return scroller.scrollWidth > scroller.clientWidth;
    });
    assert.equal(await page.locator("#wrap").getAttribute("aria-pressed"), "false");
    assert.equal(await overflow(), true, "share.cedar has lines longer than the editor");
    await page.locator("#wrap").click();
    assert.equal(await page.locator("#wrap").getAttribute("aria-pressed"), "true");
    assert.match(await page.locator("#editor").getAttribute("class"), /\bcm-lineWrapping\b/);
    assert.equal(await overflow(), false);
    await page.reload();
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    assert.equal(await page.locator("#wrap").getAttribute("aria-pressed"), "true");
    assert.equal(await overflow(), false);
    await page.locator("#wrap").click();
    assert.equal(await overflow(), true);
  });

  test("at a phone's width the editor is on the first screen, the files in a select", async () => {
    await open("j=ganzi", PHONE);
    const top = await page.locator("#editor-host").evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top < PHONE.height - 200, `the editor starts at ${top}px of ${PHONE.height}`);
    assert.equal(await page.locator("#file-list").isVisible(), false);
    await page.locator("#file-select").selectOption("ganzi/pack.json");
    assert.equal(await page.locator("#editor-file").textContent(), "ganzi/pack.json");
    assert.equal(await editorText(page), readFileSync(join(root, "policies", "ganzi", "pack.json"), "utf8"));
    await page.screenshot({ path: join(results, "editor-phone-zh.png") });
  });
});
