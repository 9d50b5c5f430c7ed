// The policy playground (js-demo/src/playground.html), built with the demo and served from
// 127.0.0.1, in headless Chromium, as a policy author uses it: 甘孜 第十八条's five working
// days become three in the editor; the scenarios that state five fail with expected against
// actual, and one says why (its policy, file and line, the values read with their labels);
// the diff lists the change under ganzi.share.conditional.review with its count;
// the edit survives a reload; a syntax error is shown at its file and line; resetting to
// the built-in set makes every scenario pass again; the article coverage is what
// `pdp coverage` prints for the same pack, and removing the only policy of a decides article
// shows that article missing its policy, as `pdp coverage` says of the edited folder.
// Screenshots in test-results/ (artifacts, not compared). Every request goes to the page's
// own origin.

import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { editorText, focusedId, replaceText } from "./editor-page.mjs";
import { pdpBinary } from "./pdp.mjs";
import { servedDemo } from "./served-demo.mjs";
import { copyPack, root } from "./vectors.mjs";

const results = join(root, "test-results");
const SHARE = "ganzi/share.cedar";
const FIVE = '@reviewer("provider")\n@workingDays("5")\n@article("第十八条")';
const THREE = '@reviewer("provider")\n@workingDays("3")\n@article("第十八条")';
const WALKTHROUGH_CASE = "a complete conditional application goes to the provider for 5 working days, across National Day to the make-up Saturday";
const shareText = readFileSync(join(root, "policies", SHARE), "utf8");

// What the page should count for 甘孜, from the repository's files: the policies of its pack
// and of the packs beneath it (the national layer), and the cases of its scenario files.
const manifest = (p) => JSON.parse(readFileSync(join(root, "policies", p, "pack.json"), "utf8"));
const packsOf = (p) => [...new Set([...(manifest(p).layers ?? []).flatMap(packsOf), p])];
const GANZI_POLICIES = packsOf("ganzi").flatMap((p) => readdirSync(join(root, "policies", p))
  .filter((f) => f.endsWith(".cedar"))
  .map((f) => readFileSync(join(root, "policies", p, f), "utf8").match(/^@id\(/gm)?.length ?? 0))
  .reduce((a, b) => a + b, 0);
const GANZI_CASES = readdirSync(join(root, "tests", "vectors", "ganzi")).filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(root, "tests", "vectors", "ganzi", f), "utf8")).cases.length)
  .reduce((a, b) => a + b, 0);
// share.json's cases that state 第十八条's five working days: they fail when it says three.
const FAILING = 4;

/** `pdp coverage --format json` of one jurisdiction of a policies folder. */
function pdpCoverage(pdp, policies, j) {
  const run = spawnSync(pdp, ["coverage", "--policies", policies, "--jurisdiction", j, "--format", "json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `pdp coverage exited ${run.status}: ${run.stderr}`);
  const [coverage] = JSON.parse(run.stdout).jurisdictions;
  return { status: run.status, coverage };
}

/**
 * What the playground's coverage section should show for a report of `pdp coverage`: the
 * totals, the problems, and per regulation its counts and each article's class, citing
 * policies and the problems concerning it — in the shape `shownCoverage` reads off the page.
 */
function expectedCoverage(c) {
  const codes = (key, article) => c.problems.filter((p) => p.regulation === key && p.article === article).map((p) => p.code);
  return {
    unclassified: c.regulations.reduce((n, r) => n + r.counts.unclassified, 0),
    problems: c.problems.map((p) => [p.code, p.regulation, p.article]),
    regulations: c.regulations.map((r) => ({
      key: r.key,
      counts: r.counts,
      articles: r.articles.map((a) => ({
        article: a.article, class: a.class, policies: a.policies, reason: a.reason ?? null,
        problem: codes(r.key, a.article).join(" ") || null,
      })),
    })),
  };
}

/**
 * Removes the policy `@id(id)` from a file's text: its annotations and the lines up to the
 * one that ends it with `;`.
 */
function withoutPolicy(text, id) {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim() === `@id("${id}")`);
  assert.ok(at >= 0, `no @id("${id}")`);
  let start = at;
  while (start > 0 && lines[start - 1].startsWith("@")) start -= 1;
  let end = at;
  while (end < lines.length && !lines[end].trimEnd().endsWith(";")) end += 1;
  return [...lines.slice(0, start), ...lines.slice(end + 1)].join("\n");
}

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
    await replaceText(page, change(await editorText(page)));
  }

  async function runScenarios() {
    await page.locator("#run").click();
    await page.waitForSelector("#scenario-totals", { timeout: 60_000 });
    return page.locator("#scenario-totals").textContent();
  }

  async function runDiff() {
    await page.locator("#diff").click();
    await page.waitForSelector("#diff-result :is(#changed, #no-change, #not-exercised, .load-failure)", { timeout: 120_000 });
  }

  /** The failed cases of a scenario file: name → { what: [expected, actual] }. */
  const failures = (suite) => page.evaluate((suite) => Object.fromEntries(
    [...document.querySelectorAll(`[data-suite="${suite}"] .case[data-passed="false"]`)].map((c) => [
      c.dataset.case,
      Object.fromEntries([...c.querySelectorAll("tr[data-what]")].map((r) =>
        [r.dataset.what, [r.querySelector(".expected").textContent, r.querySelector(".actual").textContent]])),
    ])), suite);

  /** The coverage section as the page shows it, in the shape of `expectedCoverage`. */
  const shownCoverage = () => page.evaluate(() => {
    const section = document.querySelector("#coverage-result");
    return {
      unclassified: Number(section.querySelector("#coverage-summary").dataset.unclassified),
      problems: [...section.querySelectorAll(".coverage-problems li")].map((li) => [li.dataset.code, li.dataset.regulation, li.dataset.article]),
      regulations: [...section.querySelectorAll(".coverage-regulation")].map((s) => ({
        key: s.dataset.regulation,
        counts: Object.fromEntries([...s.querySelectorAll("[data-count]")].map((c) => [c.dataset.count, Number(c.textContent.match(/\d+/)[0])])),
        articles: [...s.querySelectorAll("tr[data-article]")].map((tr) => ({
          article: tr.querySelector("th").textContent,
          class: tr.dataset.class,
          policies: [...tr.querySelectorAll(".detail code")].map((c) => c.textContent),
          reason: tr.querySelector(".detail code") || tr.dataset.class !== "not_decidable" ? null : tr.querySelector(".detail").textContent,
          problem: tr.dataset.problem ?? null,
        })),
      })),
    };
  });

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
    assert.equal(await editorText(page), shareText, "the package's text is the repository's");
    assert.match(await page.locator("#load-result").textContent(), new RegExp(`规则已载入：\\d+ 个文件，${GANZI_POLICIES} 条策略`));
    assert.equal(await page.locator("#editor").getAttribute("aria-label"), `编辑 ${SHARE}`);
  });

  test("five working days become three: the cases that state five fail, expected against actual", async () => {
    await open();
    await edit(SHARE, (t) => t.replace(FIVE, THREE));
    assert.match(await page.locator(`[data-file="${SHARE}"]`).textContent(), /●/);
    assert.match(await runScenarios(), new RegExp(`(?<!\\d)${GANZI_CASES - FAILING} 个通过，${FAILING} 个失败`));
    const failed = await failures("share.json");
    assert.deepEqual(Object.keys(failed).length, FAILING);
    assert.deepEqual(failed[WALKTHROUGH_CASE], {
      "route.workingDays": ["5", "3"],
      "route.due": ["2026-10-10", "2026-10-08"],
    });
    for (const [name, rows] of Object.entries(failed)) {
      assert.deepEqual(rows["route.workingDays"], ["5", "3"], name);
    }
    assert.match(await page.locator("#coverage").textContent(), new RegExp(`(?<!\\d)${GANZI_POLICIES} 条策略中 ${GANZI_POLICIES} 条被场景触发`));
    await shot("scenarios-desktop-zh", { width: 1400, height: 900 });
  });

  test("a case says why: its policy at its file and line, and the values read with their labels", async () => {
    await open();
    await runScenarios();
    const failed = page.locator(`[data-suite="share.json"] .case[data-passed="false"][data-case="${WALKTHROUGH_CASE}"]`);
    await failed.locator(".why summary").click();
    const reasons = failed.locator(".why .reasons");
    await reasons.waitFor({ timeout: 10_000 });
    const rule = reasons.locator('[data-rule="ganzi.share.conditional.review"]');
    assert.match(await rule.textContent(), /ganzi\.share\.conditional\.review \(ganzi\/share\.cedar:\d+\)/);
    assert.match(await rule.textContent(), /第十八条/);
    const { Engine } = createRequire(import.meta.url)("../../wasm/pkg-node/pubdata_policy_wasm.js");
    const labels = new Map(new Engine("ganzi").contract.fields.map((f) => [f.field, f.label.zh]));
    const reads = await rule.locator(".reads li").evaluateAll((ls) => ls.map((l) => [l.dataset.field, l.textContent]));
    const labelled = reads.filter(([field]) => labels.has(field));
    assert.ok(labelled.length > 0, JSON.stringify(reads));
    for (const [field, text] of labelled) assert.ok(text.startsWith(`${labels.get(field)}（${field}）: `), text);
  });

  test("the diff lists the change under ganzi.share.conditional.review with its count", async () => {
    await open();
    assert.match(await page.locator(`[data-file="${SHARE}"]`).textContent(), /●/, "the edit survived the reload");
    await page.locator(`[data-file="${SHARE}"]`).click();
    assert.ok((await editorText(page)).includes(THREE));
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
    assert.match(await runScenarios(), new RegExp(`(?<!\\d)${GANZI_CASES - FAILING} passed, ${FAILING} failed`));
    await page.getByRole("button", { name: "中文" }).click();
    assert.match(await page.locator("#scenario-totals").textContent(), new RegExp(`(?<!\\d)${GANZI_CASES - FAILING} 个通过，${FAILING} 个失败`));
    await page.getByRole("button", { name: "English" }).click();
    await runDiff();
    assert.match(await page.locator("#changed").textContent(), /^\d+ of \d+ requests change:$/);
    await shot("diff-desktop-en", { width: 1400, height: 900 });
  });

  test("a syntax error is shown at its file and line, and the button goes there", async () => {
    await open();
    await edit(SHARE, (t) => t.replace('@workingDays("3")', '@workingDays("3"'));
    const text = await editorText(page);
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
    assert.equal(await focusedId(page), "editor");
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

  test("a dated amendment is shown with the day it takes effect, and changes the requests dated from then", async () => {
    await open();
    page.once("dialog", (d) => d.accept());
    await page.locator("#reset-all").click();
    await page.locator("#load-result .ok").waitFor();
    // 第十八条's five days become three from 2027-01-01: the old rule until the day before.
    const id = '@id("ganzi.share.conditional.review")';
    await edit(SHARE, (text) => {
      const start = text.indexOf(id);
      const end = text.indexOf(";\n", start) + 2;
      const policy = text.slice(start, end);
      const until = policy.replace(id, `${id}\n@validUntil("2026-12-31")`);
      const amended = policy.replace(id, '@id("ganzi.share.conditional.review.2027")\n@validFrom("2027-01-01")').replace(FIVE, THREE);
      return text.slice(0, start) + until + "\n" + amended + text.slice(end);
    });
    await runDiff();
    const rules = await page.locator("#diff-result .rule-changes").textContent();
    assert.match(rules, /ganzi\.share\.conditional\.review\.2027 \(新增, ganzi\/share\.cedar\)修订：自 2027-01-01 起施行/);
    assert.match(rules, /施行至 2026-12-31/);
    const dates = await page.locator("#diff-result .group .example").evaluateAll((es) => es.map((e) => e.textContent));
    assert.ok(dates.length > 0 && dates.every((t) => /date=2027-01-01|2027-/.test(t)), dates.join("\n"));
  });

  test("reset to the built-in set: every scenario passes again, and the diff says no change", async () => {
    await open();
    page.once("dialog", (d) => d.accept());
    await page.locator("#reset-all").click();
    await page.locator("#load-result .ok").waitFor();
    assert.doesNotMatch(await page.locator("#file-list").textContent(), /●/);
    assert.match(await runScenarios(), new RegExp(`全部通过 · ${GANZI_CASES} 个通过，0 个失败`));
    assert.equal(await page.locator('.case[data-passed="false"]').count(), 0);
    await runDiff();
    assert.match(await page.locator("#no-change").textContent(), /没有变化/);
    await open();
    await page.locator(`[data-file="${SHARE}"]`).click();
    assert.equal(await editorText(page), shareText, "nothing edited is kept");
  });

  test("the article coverage is what pdp coverage prints for the pack, article by article", async () => {
    const { status, coverage } = pdpCoverage(pdpBinary(), join(root, "policies"), "ganzi");
    await open();
    assert.doesNotMatch(await page.locator("#file-list").textContent(), /●/, "nothing edited");
    await page.locator("#coverage-summary").waitFor();
    assert.deepEqual(await shownCoverage(), expectedCoverage(coverage));
    assert.ok(coverage.regulations[0].articles.length > 0);
    const ok = coverage.problems.length === 0;
    assert.equal(status, ok ? 0 : 1);
    assert.equal(await page.locator("#coverage-summary").getAttribute("class"), ok ? "totals good" : "totals bad");
    const { key, counts } = coverage.regulations[0];
    const regulation = page.locator(`.coverage-regulation[data-regulation="${key}"]`);
    assert.equal(await regulation.locator('[data-count="decides"]').textContent(), `判定 ${counts.decides}`);
    await page.getByRole("button", { name: "English" }).click();
    assert.equal(await regulation.locator('[data-count="notDecidable"]').textContent(), `${counts.notDecidable} not decidable`);
    assert.equal(await regulation.locator('tr[data-class="decides"] td.class').first().textContent(), "decides");
    await page.getByRole("button", { name: "中文" }).click();
  });

  test("removing the only policy of a decides article shows the article missing its policy", async () => {
    const pdp = pdpBinary();
    const { coverage } = pdpCoverage(pdp, join(root, "policies"), "ganzi");
    // A decides article that one policy alone cites, the policy sharing its file with others
    // and named by no other policy (an `@after`), so that the rest still load without it.
    const dir = join(root, "policies", "ganzi");
    const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".cedar")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    const all = Object.values(files).join("\n");
    const picked = coverage.regulations.flatMap((r) => r.articles.filter((a) => a.class === "decides" && a.policies.length === 1)
      .map((a) => ({ key: r.key, article: a.article, id: a.policies[0] })))
      .map((c) => ({ ...c, file: Object.keys(files).find((f) => files[f].includes(`@id("${c.id}")`)) }))
      .find((c) => c.file && all.split(`"${c.id}"`).length === 2 && files[c.file].split("@id(").length > 2);
    assert.ok(picked, "a decides article with one policy of its own");
    const edited = withoutPolicy(files[picked.file], picked.id);

    // pdp coverage of a folder with the same edit.
    const tmp = mkdtempSync(join(tmpdir(), "pdp-playground-coverage-"));
    let after;
    try {
      copyPack("ganzi", tmp);
      writeFileSync(join(tmp, "ganzi", picked.file), edited);
      after = pdpCoverage(pdp, tmp, "ganzi");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    assert.equal(after.status, 1, "pdp coverage fails on the edited folder");
    assert.ok(after.coverage.problems.some((p) => p.code === "no-policy" && p.article === picked.article), JSON.stringify(after.coverage.problems));

    await open();
    await edit(`ganzi/${picked.file}`, () => edited);
    await page.locator("#load").click();
    await page.locator("#load-result .ok").waitFor();
    const row = page.locator(`.coverage-regulation[data-regulation="${picked.key}"] tr[data-article="${picked.article}"]`);
    await page.waitForSelector(`#coverage-result tr[data-article="${picked.article}"][data-problem~="no-policy"]`, { timeout: 10_000 });
    assert.deepEqual(await shownCoverage(), expectedCoverage(after.coverage));
    assert.equal(await row.getAttribute("data-class"), "decides");
    assert.equal(await row.locator(".detail code").count(), 0, "no policy cites it");
    assert.match(await row.locator("td.class").textContent(), /判定 · 缺少策略/);
    assert.ok(await row.isVisible(), "the regulation with a problem is unfolded");
    assert.equal(await page.locator("#coverage-summary").getAttribute("class"), "totals bad");
    await shot("coverage-missing-desktop-zh", { width: 1400, height: 900 });

    page.once("dialog", (d) => d.accept());
    await page.locator("#reset-all").click();
    await page.locator("#load-result .ok").waitFor();
    assert.deepEqual(await shownCoverage(), expectedCoverage(coverage), "reset: the built-in matrix again");
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

  test("a difference names a request field by its label as well as its pointer", async () => {
    await open();
    // Without 第十八条's scenario rule, the cases that expect its violation fail.
    await edit(SHARE, (t) => withoutPolicy(t, "ganzi.share.conditional.scenario"));
    assert.match(await runScenarios(), /个失败/);
    const violations = Object.values(await failures("share.json")).map((rows) => rows.violations).filter(Boolean);
    assert.ok(violations.length > 0, "a violations difference is shown");
    assert.ok(violations.some(([expected]) => expected.includes("应用场景（/application/scenario）")), JSON.stringify(violations));
    page.once("dialog", (d) => d.accept());
    await page.locator("#reset-all").click();
    await page.locator("#load-result .ok").waitFor();
  });
});
