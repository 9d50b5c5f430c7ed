// The policy playground (js-demo/src/playground.html), built with the demo and served from
// 127.0.0.1, in headless Chromium, as a policy author uses it: 甘孜 第十八条's five working
// days become three in the editor; the scenarios that state five fail with expected against
// actual; the diff lists the change under ganzi.share.conditional.review with its count;
// the edit survives a reload; a syntax error is shown at its file and line; resetting to
// the built-in set makes every scenario pass again. Screenshots in test-results/ (artifacts,
// not compared). Every request goes to the page's own origin.

import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { servedDemo } from "./served-demo.mjs";
import { root } from "./vectors.mjs";

const results = join(root, "test-results");
const SHARE = "ganzi/share.cedar";
const FIVE = '@reviewer("provider")\n@workingDays("5")\n@article("第十八条")';
const THREE = '@reviewer("provider")\n@workingDays("3")\n@article("第十八条")';
const WALKTHROUGH_CASE = "a complete conditional application goes to the provider for 5 working days, across National Day to the make-up Saturday";
const shareText = readFileSync(join(root, "policies", SHARE), "utf8");

describe("the playground in Chromium", () => {
  let served, page;
  let requests = [];

  before(async () => {
    served = await servedDemo("pdp-playground-");
    page = served.page;
    page.on("request", (r) => requests.push(r.url()));
    mkdirSync(results, { recursive: true });
  });

  after(async () => {
    await served?.close();
  });

  beforeEach(() => {
    served.errors.length = 0;
  });

  afterEach(() => {
    assert.deepEqual(served.errors, [], "errors in the page");
    assert.deepEqual(requests.filter((u) => !u.startsWith(served.url) && !u.startsWith("data:")), [], "requests to another origin");
  });

  /** Opens the playground at `#hash` (a fresh load) and waits for the first validation. */
  async function open(hash = "j=ganzi", viewport = { width: 1400, height: 900 }) {
    await page.setViewportSize(viewport);
    await page.goto(`${served.url}playground.html#${hash}`);
    await page.reload();
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
  }

  async function edit(file, change) {
    await page.locator(`[data-file="${file}"]`).click();
    const editor = page.locator("#editor");
    await editor.fill(change(await editor.inputValue()));
  }

  async function runScenarios() {
    await page.locator("#run").click();
    await page.waitForSelector("#scenario-totals", { timeout: 60_000 });
    return page.locator("#scenario-totals").textContent();
  }

  async function runDiff() {
    await page.locator("#diff").click();
    await page.waitForSelector("#diff-result :is(#changed, #no-change, .load-failure)", { timeout: 120_000 });
  }

  /** The failed cases of a scenario file: name → { what: [expected, actual] }. */
  const failures = (suite) => page.evaluate((suite) => Object.fromEntries(
    [...document.querySelectorAll(`[data-suite="${suite}"] .case[data-passed="false"]`)].map((c) => [
      c.dataset.case,
      Object.fromEntries([...c.querySelectorAll("tr[data-what]")].map((r) =>
        [r.dataset.what, [r.querySelector(".expected").textContent, r.querySelector(".actual").textContent]])),
    ])), suite);

  async function shot(name, viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 9000) });
    await page.screenshot({ path: join(results, `playground-${name}.png`) });
    await page.setViewportSize(viewport);
  }

  test("opens on 甘孜's built-in files, which load, linked from the forms and back", async () => {
    await page.goto(`${served.url}index.html#j=ganzi`);
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    assert.match(await page.locator("#to-playground").getAttribute("href"), /^playground\.html#j=ganzi/);
    await page.locator("#to-playground").click();
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    assert.equal(await page.locator("h1").textContent(), "规则试验场");
    assert.match(await page.locator("#to-forms").getAttribute("href"), /^index\.html#j=ganzi/);
    const files = await page.locator("#file-list button.file").evaluateAll((bs) => bs.map((b) => b.dataset.file));
    assert.ok(files.includes(SHARE) && files.includes("ganzi/regulation.json") && files.includes("ganzi/pack.json"), files.join());
    await page.locator(`[data-file="${SHARE}"]`).click();
    assert.equal(await page.locator("#editor").inputValue(), shareText, "the package's text is the repository's");
    assert.match(await page.locator("#load-result").textContent(), /规则已载入：\d+ 个文件，53 条策略/);
    assert.equal(await page.locator("#editor").getAttribute("aria-label"), `编辑 ${SHARE}`);
  });

  test("five working days become three: the cases that state five fail, expected against actual", async () => {
    await open();
    await edit(SHARE, (t) => t.replace(FIVE, THREE));
    assert.match(await page.locator(`[data-file="${SHARE}"]`).textContent(), /●/);
    assert.match(await runScenarios(), /88 个通过，4 个失败/);
    const failed = await failures("share.json");
    assert.deepEqual(Object.keys(failed).length, 4);
    assert.deepEqual(failed[WALKTHROUGH_CASE], {
      "route.workingDays": ["Some(5)", "Some(3)"],
      "route.due": ["Some(2026-10-10)", "Some(2026-10-08)"],
    });
    for (const [name, rows] of Object.entries(failed)) {
      assert.deepEqual(rows["route.workingDays"], ["Some(5)", "Some(3)"], name);
    }
    assert.match(await page.locator("#coverage").textContent(), /53 条策略中 53 条被场景触发/);
    await shot("scenarios-desktop-zh", { width: 1400, height: 900 });
  });

  test("the diff lists the change under ganzi.share.conditional.review with its count", async () => {
    await open();
    assert.match(await page.locator(`[data-file="${SHARE}"]`).textContent(), /●/, "the edit survived the reload");
    await page.locator(`[data-file="${SHARE}"]`).click();
    assert.ok((await page.locator("#editor").inputValue()).includes(THREE));
    await runDiff();
    const groups = await page.locator("#diff-result .group").evaluateAll((gs) => gs.map((g) => [g.dataset.rule, Number(g.dataset.count)]));
    assert.equal(groups.length, 1, JSON.stringify(groups));
    const [[rule, count]] = groups;
    assert.equal(rule, "ganzi.share.conditional.review");
    assert.ok(count > 50, `${count}`);
    assert.match(await page.locator("#changed").textContent(), new RegExp(`其中 ${count} 个请求的结论改变`));
    assert.match(await page.locator("#space").textContent(), /判定了 \d{4} 个请求/);
    const rules = await page.locator("#diff-result .rule-changes").textContent();
    assert.match(rules, /ganzi\.share\.conditional\.review \(修改, ganzi\/share\.cedar\)/);
    assert.match(rules, /@workingDays: "5" → "3"/);
    const first = page.locator(".group .example").first();
    assert.match(await first.textContent(), new RegExp(`share\\.json › ${WALKTHROUGH_CASE.slice(0, 40)}`));
    assert.match(await first.locator(".changes").textContent(), /route\.due: 2026-10-10 → 2026-10-08.*route\.workingDays: 5 → 3/s);
    await shot("diff-desktop-zh", { width: 1400, height: 900 });
  });

  test("English: the page and its results switch language", async () => {
    await open("j=ganzi&lang=en");
    assert.equal(await page.locator("h1").textContent(), "Policy playground");
    assert.match(await runScenarios(), /88 passed, 4 failed/);
    await page.getByRole("button", { name: "中文" }).click();
    assert.match(await page.locator("#scenario-totals").textContent(), /88 个通过，4 个失败/);
    await page.getByRole("button", { name: "English" }).click();
    await runDiff();
    assert.match(await page.locator("#changed").textContent(), /^\d+ of \d+ requests change:$/);
    await shot("diff-desktop-en", { width: 1400, height: 900 });
  });

  test("a syntax error is shown at its file and line, and the button goes there", async () => {
    await open();
    await edit(SHARE, (t) => t.replace('@workingDays("3")', '@workingDays("3"'));
    const text = await page.locator("#editor").inputValue();
    // Cedar stops at the token after the unclosed annotation: the next line's `@article`.
    const line = text.split("\n").indexOf('@workingDays("3"') + 2;
    await page.locator("#load").click();
    const failure = page.locator("#load-result .load-failure");
    await failure.waitFor();
    assert.equal(await failure.getAttribute("role"), "alert");
    assert.equal(await failure.locator(".where .file").textContent(), SHARE);
    assert.equal(await failure.locator(".where .line").textContent(), `第 ${line} 行第 1 列`);
    assert.match(await failure.locator(".excerpt").textContent(), new RegExp(`^${line} │ @article\\("第十八条"\\)$`));
    await page.locator('[data-file="ganzi/open.cedar"]').click();
    await failure.locator(".goto-line").click();
    assert.equal(await page.locator("#editor-file").textContent(), SHARE);
    assert.equal(await page.evaluate(() => document.activeElement.id), "editor");
    assert.equal(await page.locator("#caret").textContent(), `第 ${line} 行，第 1 列`);
    // Scenarios and the diff need rules that load: they say so, and nothing breaks.
    await page.locator("#run").click();
    await page.locator("#load-result .load-failure").waitFor();
    await shot("syntax-error-desktop-zh", { width: 1400, height: 900 });
  });

  test("an annotation the engine does not know names its policy", async () => {
    await open();
    await edit(SHARE, (t) => t.replace('@workingDays("3"', '@workingDay("3")'));
    const failure = page.locator("#load-result .load-failure");
    await failure.waitFor({ timeout: 5_000 }); // validated as the author stops typing
    assert.equal(await failure.locator(".policy").textContent(), "ganzi.share.conditional.review");
    assert.match(await failure.locator(".message").textContent(), /unknown annotation `@workingDay`/);
  });

  test("reset to the built-in set: every scenario passes again, and the diff says no change", async () => {
    await open();
    page.once("dialog", (d) => d.accept());
    await page.locator("#reset-all").click();
    await page.locator("#load-result .ok").waitFor();
    assert.doesNotMatch(await page.locator("#file-list").textContent(), /●/);
    assert.match(await runScenarios(), /全部通过 · 92 个通过，0 个失败/);
    assert.equal(await page.locator('.case[data-passed="false"]').count(), 0);
    await runDiff();
    assert.match(await page.locator("#no-change").textContent(), /没有变化/);
    await open();
    await page.locator(`[data-file="${SHARE}"]`).click();
    assert.equal(await page.locator("#editor").inputValue(), shareText, "nothing edited is kept");
  });

  test("another jurisdiction, and the phone width: nothing wider than the screen", async () => {
    const phone = { width: 390, height: 844 };
    await open("j=putuo", phone);
    assert.equal(await page.locator("#jurisdiction").inputValue(), "putuo");
    assert.match(await runScenarios(), /全部通过/);
    await page.evaluate(() => window.scrollTo(0, 0));
    const wide = await page.evaluate((w) => [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null && !e.closest("textarea, pre, .editor"))
      .map((e) => e.className || e.nodeName), phone.width);
    assert.deepEqual(wide, []);
    await shot("scenarios-phone-zh", phone);
    await page.locator("#jurisdiction").selectOption("ganzi");
    assert.equal(await page.locator("#editor-file").textContent(), "ganzi/classify.cedar");
  });
});
