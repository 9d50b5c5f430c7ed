// The demo (js-demo/), built from the web package and served from 127.0.0.1, in headless
// Chromium: each form filled as an applicant would, the right field flagged under the
// right article, fixed, the outcome changing; the jurisdiction and language switches; a
// keyboard-only path; no request after the page has loaded; and screenshots of each form
// at desktop and phone width in test-results/ (artifacts, not compared).
// Before the browser, the forms' definitions are checked against the policies and the
// vectors: every field a verdict can name is a visible control.

import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { FORMS, fieldsOf, isShown } from "../../js-demo/src/forms.js";
import { articleLabel } from "../../js-demo/src/text.js";
import { servedDemo } from "./served-demo.mjs";
import { native, root } from "./vectors.mjs";

const results = join(root, "test-results");

// ---- the forms against the rules ---------------------------------------------------------

/** The forms' kinds: kind → form. */
const formOfKind = new Map(FORMS.flatMap((f) => f.kinds.map((k) => [k, f])));

function visibleControl(kind, jurisdiction, pointer) {
  const form = formOfKind.get(kind);
  return fieldsOf(form).some((f) => f.name === pointer && isShown(f, jurisdiction, kind));
}

/**
 * The request fields each jurisdiction's policies read, per kind, from the policy text:
 * the attribute paths of each policy (`context.scenario`, `principal.type`, …) under the
 * actions its scope names (every kind when it names none), mapped to JSON Pointers as the
 * engine maps the request to Cedar (README, "How it decides").
 */
function fieldsRead() {
  const kinds = ["classify", "reclassify", "share", "open", "operate"];
  const out = new Map();
  const dir = join(root, "policies");
  const manifest = (p) => JSON.parse(readFileSync(join(dir, p, "pack.json"), "utf8"));
  // A jurisdiction's policies are its pack's and those of every pack beneath it (丽水 over 浙江).
  const packsOf = (p) => [...new Set([...(manifest(p).layers ?? []).flatMap(packsOf), p])];
  const jurisdictions = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "regulation.json")) && !manifest(d.name).layerOnly);
  for (const j of jurisdictions) {
    const files = packsOf(j.name).flatMap((p) => readdirSync(join(dir, p)).filter((f) => f.endsWith(".cedar")).map((f) => join(p, f)));
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8").replace(/\/\/[^\n]*/g, "");
      const policies = text.match(/(?:@\w+(?:\("(?:[^"\\]|\\.)*"\))?\s*)*(?:permit|forbid)\s*\([\s\S]*?\)\s*(?:(?:when|unless)\s*\{[\s\S]*?\}\s*)*;/g) ?? [];
      assert.ok(policies.length > 0, `policies in ${file}`);
      for (const policy of policies) {
        const scope = /(?:permit|forbid)\s*\(([\s\S]*?)\)/.exec(policy)[1];
        const actions = [...scope.matchAll(/Action::"(\w+)"/g)].map((m) => m[1]);
        const body = policy.slice(policy.indexOf(scope));
        const paths = new Set();
        for (const m of body.matchAll(/\b(principal|resource|context)((?:\.\w+)+)(\()?/g)) {
          // `resource.flags.contains(…)`: the last name is a method, not an attribute.
          const chain = m[3] === undefined ? m[2] : m[2].slice(0, m[2].lastIndexOf("."));
          if (chain !== "") paths.add(m[1] + chain);
        }
        for (const m of body.matchAll(/\b(principal|resource|context(?:\.catalog)?)\s+has\s+(\w+)/g)) paths.add(`${m[1]}.${m[2]}`);
        for (const kind of actions.length > 0 ? actions : kinds) {
          const key = `${j.name} ${kind}`;
          if (!out.has(key)) out.set(key, new Set());
          for (const p of paths) {
            const pointer = pointerOf(p);
            if (pointer !== null) out.get(key).add(pointer);
          }
        }
      }
    }
  }
  return out;
}

function pointerOf(path) {
  const [v, ...rest] = path.split(".");
  if (v === "context" && rest.length === 1 && rest[0] === "catalog") return null; // its members are read
  if (v === "principal" && (rest[0] === "idValid" || rest[0] === "idProblem")) return "/requester/idNumber";
  if (v === "context" && rest[0] === "date") return "/date";
  const top = { principal: "/requester", resource: "/resource", context: "/application" }[v];
  const name = rest.map((r) => r.replace(/^(\w+Start)(Months|Days)$/, "$1")).join("/");
  return `${top}/${name}`;
}

// Reads the text analysis above attributes to a kind it is not read for: a policy scoped to
// both catalogue kinds that reads the attribute only under `action == …` of the other.
const NOT_READ = {
  "lishui classify /application/to": "restricted_grounds.cedar reads it only when action == reclassify",
  "lishui reclassify /resource/opening": "restricted_grounds.cedar reads it only when action == classify",
};

// Fields a form shows although the jurisdiction's rules do not read them.
const SHOWN_UNREAD = {
  "catalog putuo reclassify: /application/from": "a change states the current value; 普陀's rules read only the new one",
};

describe("the forms against the rules", () => {
  const read = fieldsRead();

  test("every field a jurisdiction's policies read for a kind is a visible control of that kind's form", () => {
    const missing = [];
    for (const [key, pointers] of read) {
      const [j, kind] = key.split(" ");
      if (!formOfKind.has(kind)) continue; // operation (遂宁) has no form here
      for (const pointer of pointers) {
        if (NOT_READ[`${key} ${pointer}`] !== undefined) continue;
        if (!visibleControl(kind, j, pointer)) missing.push(`${key}: ${pointer}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(read.get("lishui open").has("/requester/materials"), "the analysis reads the policies");
  });

  test("a field shown for only some jurisdictions is one their policies read", () => {
    const extra = [];
    for (const form of FORMS) {
      for (const field of fieldsOf(form)) {
        if (field.show === undefined || !field.name.startsWith("/")) continue;
        for (const kind of form.kinds) {
          const shownIn = Array.isArray(field.show) ? field.show : field.show[kind] ?? [];
          for (const j of shownIn) {
            const key = `${form.id} ${j} ${kind}: ${field.name}`;
            if (!read.get(`${j} ${kind}`)?.has(field.name) && SHOWN_UNREAD[key] === undefined) extra.push(key);
          }
        }
      }
    }
    assert.deepEqual(extra, []);
  });

  test("every field a vector's verdict names has a visible control on its form", () => {
    const nat = native();
    let seen = 0;
    const missing = [];
    for (const [file, f] of Object.entries(nat.files)) {
      for (const c of f.cases ?? []) {
        const kind = c.request?.kind;
        if (!c.verdict || !formOfKind.has(kind)) continue;
        for (const v of c.verdict.violations) {
          if (v.field === "" || v.rule === "undecided") continue;
          seen += 1;
          if (!visibleControl(kind, c.request.jurisdiction, v.field)) missing.push(`${file} › ${c.name}: ${v.field}`);
        }
      }
    }
    assert.ok(seen > 100, `only ${seen} violations seen`);
    assert.deepEqual(missing, []);
  });

  test("field names are JSON Pointers or plain names, unique per form", () => {
    for (const form of FORMS) {
      const names = fieldsOf(form).map((f) => f.name);
      assert.equal(new Set(names).size, names.length, form.id);
      for (const n of names) assert.match(n, /^(\/[A-Za-z]+)+$|^[a-z][A-Za-z]*$/, n);
    }
  });

  test("article numbers read in English", () => {
    assert.equal(articleLabel("第十八条", "en"), "Art. 18");
    assert.equal(articleLabel("第二十一条", "en"), "Art. 21");
    assert.equal(articleLabel("第十一条第（三）项", "en"), "Art. 11(3)");
    assert.equal(articleLabel("第十条", "en"), "Art. 10");
    assert.equal(articleLabel("第三十四条", "en"), "Art. 34");
    assert.equal(articleLabel("第十八条", "zh"), "第十八条");
    assert.equal(articleLabel("附件", "en"), "附件");
  });
});

// ---- the page in Chromium ------------------------------------------------------------------

describe("the demo in Chromium", () => {
  let served, page;
  let afterLoad = null; // requests since the page last finished loading

  before(async () => {
    served = await servedDemo("pdp-demo-");
    page = served.page;
    page.on("request", (r) => afterLoad?.push(`${r.method()} ${r.url()}`));
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
    assert.deepEqual(afterLoad ?? [], [], "requests after the page had loaded");
  });

  /** Opens the page at `#hash` and waits until the engine is bound. */
  async function open(hash = "", viewport = { width: 1280, height: 900 }) {
    afterLoad = null;
    await page.setViewportSize(viewport);
    await page.goto(`${served.url}#${hash}`);
    await page.reload(); // a hash-only change would not load the page again
    await page.waitForSelector("body[data-ready]", { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    afterLoad = [];
  }

  const form = (id) => page.locator(`#form-${id}`);

  async function fill(id, values) {
    for (const [name, value] of Object.entries(values)) {
      const controls = form(id).locator(`[name="${name}"]`);
      const first = controls.first();
      const tag = await first.evaluate((el) => (el.nodeName === "INPUT" ? el.type : el.nodeName.toLowerCase()));
      if (tag === "select") await first.selectOption(String(value));
      else if (tag === "radio") await form(id).locator(`[name="${name}"][value="${value}"]`).check();
      else if (tag === "checkbox" && (await controls.count()) === 1 && !Array.isArray(value)) {
        await first.setChecked(Boolean(value));
      } else if (tag === "checkbox") {
        for (const box of await controls.all()) await box.setChecked(value.includes(await box.getAttribute("value")));
      } else await first.fill(String(value));
    }
  }

  const outcome = (id) => page.locator(`#outcome-${id}`).textContent();
  const problems = (id) => page.locator(`#details-${id} .problems > li`).allTextContents();

  /** The message shown under a field, its aria state and description. */
  const fieldState = (id, name) =>
    page.evaluate(([id, name]) => {
      const wrapper = document.querySelector(`#form-${id} .field[data-name="${name}"]`);
      const control = wrapper.querySelector("input, select, textarea");
      const described = (control.getAttribute("aria-describedby") ?? "").split(" ").map((i) => document.getElementById(i));
      return {
        visible: !wrapper.hidden && wrapper.offsetParent !== null,
        message: wrapper.querySelector(".msg").textContent,
        ariaInvalid: control.getAttribute("aria-invalid"),
        describedByMessage: described.some((d) => d?.classList.contains("msg")),
        valid: control.validity.valid,
      };
    }, [id, name]);

  async function shot(name, viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 9000) });
    await page.screenshot({ path: join(results, `demo-${name}.png`) });
    await page.setViewportSize(viewport);
  }

  test("loads the package and shows the 甘孜 sharing form, every control labelled", async () => {
    await open();
    assert.equal(await page.locator("h1").textContent(), "公共数据申请 · 浏览器内即时核验");
    assert.equal(await page.locator("#jurisdiction").inputValue(), "ganzi");
    assert.match(await page.locator("#regulation").textContent(), /甘孜州公共数据管理办法（试行）/);
    assert.equal(await page.locator("#tab-share").getAttribute("aria-selected"), "true");
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("form input:not([type=hidden]), form select, form textarea")]
        .filter((c) => c.labels.length === 0 || [...c.labels].every((l) => l.textContent.trim() === ""))
        .map((c) => c.name));
    assert.deepEqual(unlabelled, []);
    const live = page.locator("#outcome-share");
    assert.equal(await live.getAttribute("role"), "status");
    assert.equal(await live.getAttribute("aria-live"), "polite");
    assert.match(await outcome("share"), /^不予通过 · \d+ 项需要修改$/);
  });

  test("the forms download the module without the authoring calls, not the full one", async () => {
    const modules = [];
    const record = (r) => r.url().endsWith(".wasm") && modules.push(new URL(r.url()).pathname);
    page.on("request", record);
    try {
      await open();
    } finally {
      page.off("request", record);
    }
    // (open() loads the page twice: once for the hash, once to reload it.)
    assert.deepEqual([...new Set(modules)], ["/pkg-forms/pubdata_policy_wasm_bg.wasm"]);
  });

  test("甘孜 sharing: the missing scenario is flagged under 第十八条, and filling it sends the application to the provider", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=share&lang=zh", viewport);
    await fill("share", {
      "/requester/name": "州卫生健康委员会", "/requester/type": "department", "/date": "2026-09-28",
      "/resource/name": "人口基础信息", "/resource/provider": "州公安局", "/resource/sharing": "conditional",
      "/application/purpose": "duty", "/application/needBasis": "《社会保险法》", "/application/businessGoal": "资格核验",
      "/application/securityMeasures": "政务外网专线访问", "/application/commitment": true,
    });
    assert.equal(await outcome("share"), "不予通过 · 1 项需要修改");
    const [only] = await problems("share");
    assert.match(only, /应用场景.*申请有条件共享数据，应当明确应用场景.*第十八条/);

    // Untouched, the field shows no message yet; a submit shows it, and the browser stops.
    let scenario = await fieldState("share", "/application/scenario");
    assert.equal(scenario.message, "");
    assert.equal(scenario.valid, false, "bindForm set its custom validity");
    await form("share").locator('button[type="submit"]').click();
    scenario = await fieldState("share", "/application/scenario");
    assert.match(scenario.message, /申请有条件共享数据，应当明确应用场景/);
    assert.match(scenario.message, /第十八条/);
    assert.equal(scenario.ariaInvalid, "true");
    assert.ok(scenario.describedByMessage, "aria-describedby names the message");
    assert.equal(await page.evaluate(() => document.activeElement.name), "/application/scenario");
    assert.equal(await page.locator("#details-share .submitted").count(), 0);

    // The article's text, from the engine's regulation metadata, on hover and on expanding.
    const article = form("share").locator('.field[data-name="/application/scenario"] details.article');
    const summary = article.locator("summary");
    assert.match(await summary.getAttribute("title"), /有条件共享申请应明确应用场景、需求依据、业务目标及安全保障措施/);
    await summary.click();
    assert.equal(await article.evaluate((d) => d.open), true);
    assert.match(await article.locator(".article-text").textContent(), /《甘孜州公共数据管理办法（试行）》第十八条：无条件共享申请1个工作日内完成形式审核/);
    await shot("share-ganzi-refused-desktop", viewport);

    await form("share").locator('[name="/application/scenario"]').pressSequentially("医保待遇资格核验");
    assert.equal(await outcome("share"), "转审核 · 数据提供单位 · 5 个工作日 · 2026-10-10 前");
    scenario = await fieldState("share", "/application/scenario");
    assert.equal(scenario.message, "");
    assert.equal(scenario.ariaInvalid, null);
    const route = await page.locator("#details-share dl.route").textContent();
    assert.match(route, /审核数据提供单位/);
    assert.match(route, /答复截止2026-10-10/);
    const obligations = await page.locator("#details-share .obligations").textContent();
    assert.match(obligations, /建立使用日志/);
    assert.match(obligations, /第十九条/);

    // Cross-region data: the authority coordinates (第二十一条), over the provider's 5 days.
    await fill("share", { "/application/crossRegion": true });
    assert.equal(await outcome("share"), "转审核 · 公共数据主管部门");
    assert.match(await page.locator("#details-share .cite").textContent(), /第二十一条/);
    await fill("share", { "/application/crossRegion": false });

    await form("share").locator('button[type="submit"]').click();
    const done = page.locator("#details-share .submitted");
    assert.match(await done.textContent(), /核验通过，可以提交/);
    const sent = JSON.parse(await done.locator("pre").textContent());
    assert.equal(sent.application.scenario, "医保待遇资格核验");
    assert.equal(sent.jurisdiction, "ganzi");
    await shot("share-ganzi-review-desktop", viewport);
  });

  test("switching to 普陀 brings its 第十七条 items; a 一网通办 scenario is granted under 第十九条", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=share", viewport);
    assert.equal((await fieldState("share", "/application/crossLevel")).visible, true);
    assert.equal((await fieldState("share", "/application/needType")).visible, false);
    await page.locator("#jurisdiction").selectOption("putuo");
    // 普陀 第二十三条: data held at another level goes through the district office.
    assert.equal((await fieldState("share", "/application/crossLevel")).visible, true);
    for (const f of ["/application/needType", "/application/dataContent", "/application/usageMode", "/application/usageEveryDays", "/application/securityLevel"]) {
      assert.equal((await fieldState("share", f)).visible, true, f);
    }
    assert.match(await page.locator("#regulation").textContent(), /普陀区公共数据共享实施办法（试行）/);
    await fill("share", {
      "/requester/name": "普陀区民政局", "/requester/type": "department", "/date": "2026-09-28",
      "/resource/name": "户籍人口信息", "/resource/sharing": "conditional", "/application/purpose": "duty",
      "/application/scenario": "最低生活保障资格核查", "/application/needBasis": "《社会救助暂行办法》",
      "/application/businessGoal": "核验低保申请人户籍情况", "/application/dataContent": "姓名、公民身份号码、户籍地址",
      "/application/usageMode": "api", "/application/usageEveryDays": "30", "/application/securityLevel": "3",
      "/application/securityMeasures": "政务外网专线访问、调用日志审计", "/application/commitment": true,
    });
    const missing = (await problems("share")).join("\n");
    assert.match(missing, /需求类型.*第十七条/);
    await fill("share", { "/application/needType": "数据接口调用" });
    assert.equal(await outcome("share"), "转审核 · 数据提供单位 · 5 个工作日 · 2026-10-10 前");
    assert.match(await page.locator("#details-share").textContent(), /逾期未答复的，视为审核通过/);

    // Once every 3 months at the least (第十七条): 120 days needs its reason.
    await fill("share", { "/application/usageEveryDays": "120" });
    await form("share").locator('[name="/application/usageEveryDays"]').blur();
    const low = await fieldState("share", "/application/lowFrequencyReason");
    assert.equal((await problems("share")).length, 1);
    assert.match((await problems("share"))[0], /第十七条/);
    assert.equal(low.valid, false);
    await fill("share", { "/application/lowFrequencyReason": "年度核查，每年使用一次" });
    await fill("share", { "/application/scenarioType": "one_network_service" });
    assert.equal(await outcome("share"), "准予");
    assert.match(await page.locator("#details-share .grounds").textContent(), /第十九条/);
    await shot("share-putuo-granted-desktop", viewport);
  });

  test("English: the page, the messages and the article numbers switch language", async () => {
    await open("j=ganzi&form=share");
    await page.getByRole("button", { name: "English" }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator("h1").textContent(), "Public data applications, checked in the browser");
    assert.match(await outcome("share"), /^Refused · \d+ things to fix$/);
    await fill("share", { "/resource/name": "Population data", "/requester/type": "citizen" });
    const all = (await problems("share")).join("\n");
    assert.match(all, /Sharing is between government departments and public service organisations only/);
    assert.match(all, /Art\.\s13/);
    assert.ok((await page.locator("#details-share .problems a.goto").allTextContents()).includes("Type of applicant"));
    const validation = await form("share").locator('[name="/requester/type"]').evaluate((el) => el.validationMessage);
    assert.match(validation, /Sharing is between government departments/);
    assert.match(await page.locator("#tab-open").textContent(), /^Opening$/);
    assert.match(page.url(), /lang=en/);
  });

  test("丽水 opening (annex 1): rating and materials appear; a missing material is refused under 第十一条第（一）项", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=open", viewport);
    assert.equal((await fieldState("open", "/requester/materials")).visible, false);
    assert.equal((await fieldState("open", "/requester/rating")).visible, false);
    await page.locator("#jurisdiction").selectOption("lishui");
    for (const f of ["/requester/materials", "/requester/rating", "/requester/securityLevel", "/application/usageMode"]) {
      assert.equal((await fieldState("open", f)).visible, true, f);
    }
    await fill("open", {
      "/requester/name": "丽水某数据科技有限公司", "/requester/type": "legal_person", contact: "李四", phone: "0578-2000000",
      "/requester/idNumber": "91331100MA2E0000X1", "/date": "2026-11-23", serviceName: "城市出行服务",
      "/application/purpose": "innovation", "/resource/provider": "市交通运输局", "/resource/name": "公交实时到站",
      "/resource/opening": "conditional", "/application/scenario": "公交到站预测",
      "/application/usageMode": "api", systemName: "出行助手", "/requester/securityLevel": "3", filingNumber: "33110099000-00001",
      "/requester/rating": "AA",
      "/requester/materials": ["application_form", "need_list", "security_certificate", "security_commitment"],
    });
    assert.equal(await outcome("open"), "不予通过 · 1 项需要修改");
    const [p] = await problems("open");
    assert.match(p, /提供证明材料.*应当提交信用报告.*第十一条第（一）项/);
    await form("open").locator('[name="/requester/materials"][value="credit_report"]').check();
    const line = await outcome("open");
    // 第十一条第（二）项: the authority's normative check comes first (the schedule lists the rest).
    assert.match(line, /^转审核 · 公共数据主管部门 · 15 个工作日 · 2026-12-14 前$/);
    assert.match(await page.locator("#details-open .obligations").textContent(), /签订公共数据开放利用协议/);

    // An A-rated user may use unconditional data only (第十条).
    await fill("open", { "/requester/rating": "A" });
    const rating = await fieldState("open", "/requester/rating");
    assert.match(rating.message, /A级（普通用户）只能使用无条件开放数据/);
    assert.match(rating.message, /第十条/);
    assert.equal(rating.ariaInvalid, "true");
    await shot("open-lishui-refused-desktop", viewport);
    await fill("open", { "/requester/rating": "AAA" });
    assert.match(await outcome("open"), /^转审核/);

    // The telephone is the form's own requirement, not a rule's: the browser's own check.
    await fill("open", { phone: "" });
    await form("open").locator('button[type="submit"]').click();
    assert.equal(await page.evaluate(() => document.activeElement.name), "phone");
    assert.equal(await page.locator("#details-open .submitted").count(), 0);
  });

  test("catalogue: 甘孜 conditional sharing needs its reason (第十五条); a change of attribute goes to the authority (第十六条)", async () => {
    const viewport = { width: 1280, height: 900 };
    await open("j=ganzi&form=catalog", viewport);
    await page.locator("#tab-catalog").click();
    await fill("catalog", {
      "/requester/name": "州交通运输局", "/date": "2026-06-01", "/resource/name": "公交线路",
      "/resource/sharing": "conditional", "/resource/opening": "unconditional", "/application/conditions": "仅限交通管理部门使用",
    });
    assert.equal(await outcome("catalog"), "不予通过 · 1 项需要修改");
    assert.match((await problems("catalog"))[0], /理由.*列入有条件共享类的，应当说明理由.*第十五条/);
    await fill("catalog", { "/application/reason": "涉及线路调度安排" });
    assert.equal(await outcome("catalog"), "准予");
    assert.match(await page.locator("#details-catalog .obligations").textContent(), /15 个工作日|2026-06-23/);

    await form("catalog").locator('[name="/kind"][value="reclassify"]').check();
    assert.equal((await fieldState("catalog", "/resource/sharing")).visible, false);
    assert.equal((await fieldState("catalog", "/application/attribute")).visible, true);
    await fill("catalog", { "/application/attribute": "sharing", "/application/from": "unconditional", "/application/to": "conditional" });
    assert.equal(await outcome("catalog"), "转审核 · 公共数据主管部门");
    assert.match(await page.locator("#details-catalog .route-message").textContent(), /不得降低共享属性/);
    await fill("catalog", { "/application/to": "unconditional" });
    const same = await fieldState("catalog", "/application/to");
    assert.match(same.message, /变更后的属性与变更前相同/);
    await fill("catalog", { "/application/to": "none", "/application/authorityApproval": "甘数据〔2026〕1号" });
    assert.equal(await outcome("catalog"), "准予");
    await shot("catalog-ganzi-desktop", viewport);
  });

  test("遂宁 governs operation only: the forms say so and do not submit", async () => {
    await open("j=suining&form=share");
    const notice = page.locator("#notice-share");
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /遂宁市的规则未规定此类申请（share）/);
    assert.match(await page.locator("#details-share .problems").textContent(), /本表不适用于该地区/);
    await fill("share", { "/requester/name": "遂宁市大数据中心", "/resource/name": "企业登记信息" });
    await form("share").locator('button[type="submit"]').click();
    assert.equal(await page.locator("#details-share .submitted").count(), 0);
    assert.match(await outcome("share"), /^不予通过/);
  });

  test("bad input does not break the page: an odd address, an oversized application", async () => {
    await open("j=%3Cb%3Ex&form=nonsense&lang=zz");
    assert.equal(await page.locator("#jurisdiction").inputValue(), "ganzi");
    assert.equal(await page.locator("#tab-share").getAttribute("aria-selected"), "true");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    // Six long answers of three-byte characters: more than the engine reads (64 KiB).
    await page.locator("#jurisdiction").selectOption("putuo");
    const long = "数".repeat(4000);
    const texts = ["/application/scenario", "/application/needBasis", "/application/dataContent", "/application/lowFrequencyReason", "/application/securityMeasures", "/application/fusionPlan"];
    for (const name of texts) await form("share").locator(`[name="${name}"]`).fill(long);
    assert.match(await outcome("share"), /^无法核验 · /);
    assert.match((await problems("share")).join(""), /整份申请/);
    await form("share").locator('button[type="submit"]').click();
    assert.equal(await page.locator("#details-share .submitted").count(), 0);
    await form("share").locator('[name="/application/fusionPlan"]').fill("");
    await form("share").locator('[name="/application/lowFrequencyReason"]').fill("");
    assert.match(await outcome("share"), /^不予通过/);
  });

  test("keyboard only: tabs, switches, filling, submitting, fixing", async () => {
    await open("j=ganzi&form=share");
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, name: el.getAttribute("name"), tag: el.nodeName, visible: el.matches(":focus-visible") };
    });
    const tabTo = async (pred, limit = 80) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press("Tab");
        const f = await focused();
        if (pred(f)) return f;
      }
      assert.fail("never reached by Tab");
    };
    await tabTo((f) => f.id === "jurisdiction");
    // The tab list: one stop, arrows move between forms.
    const tab = await tabTo((f) => f.id === "tab-share");
    assert.equal(tab.visible, true, "the focus ring shows");
    await page.keyboard.press("ArrowRight");
    assert.equal((await focused()).id, "tab-open");
    assert.equal(await page.locator("#panel-open").isVisible(), true);
    await page.keyboard.press("ArrowLeft");
    assert.equal((await focused()).id, "tab-share");

    await tabTo((f) => f.name === "/requester/name");
    await page.keyboard.type("州卫生健康委员会");
    await page.keyboard.press("Tab"); // type of applicant
    await page.keyboard.press("ArrowDown"); // 政务部门
    assert.equal(await form("share").locator('[name="/requester/type"]').inputValue(), "department");
    await tabTo((f) => f.name === "/resource/name");
    await page.keyboard.type("人口基础信息");
    await tabTo((f) => f.name === "/resource/sharing");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown"); // 有条件共享
    await tabTo((f) => f.name === "/application/purpose");
    await page.keyboard.press("ArrowDown"); // 履行法定职责
    for (const [name, text] of [["/application/needBasis", "《社会保险法》"], ["/application/businessGoal", "资格核验"], ["/application/securityMeasures", "专线访问"]]) {
      await tabTo((f) => f.name === name);
      await page.keyboard.type(text);
    }
    await tabTo((f) => f.name === "/application/commitment");
    await page.keyboard.press("Space");
    assert.equal(await form("share").locator('[name="/application/commitment"]').isChecked(), true);

    // Enter submits; the browser stops at the one field left, the scenario, with its message.
    await tabTo((f) => f.tag === "BUTTON" && f.name === null);
    await page.keyboard.press("Enter");
    const at = await focused();
    assert.equal(at.name, "/application/scenario");
    assert.match((await fieldState("share", "/application/scenario")).message, /第十八条/);
    await page.keyboard.type("医保待遇资格核验");
    assert.match(await outcome("share"), /^转审核/);
    await tabTo((f) => f.tag === "BUTTON" && f.name === null);
    await page.keyboard.press("Enter");
    assert.match(await page.locator("#details-share .submitted").textContent(), /核验通过/);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("submitted")), true);
  });

  test("articles open from the keyboard, and a problem's link moves focus to its field", async () => {
    await open("j=ganzi&form=share");
    const link = page.locator("#details-share .problems a.goto").first();
    const target = await link.getAttribute("href");
    await link.focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), target);
    const summary = page.locator("#details-share .problems details.article summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    assert.equal(await summary.evaluate((s) => s.parentElement.open), true);
  });

  test("nothing leaves the page: no request while every form is filled, switched and submitted", async () => {
    await open("j=ganzi&form=share");
    for (const j of ["yongzhou", "lishui", "suining", "putuo", "ganzi"]) {
      await page.locator("#jurisdiction").selectOption(j);
      for (const id of ["share", "open", "catalog"]) {
        await page.locator(`#tab-${id}`).click();
        const first = form(id).locator('[name="/resource/name"]');
        await first.fill(`数据 ${j}`);
        await form(id).locator('button[type="submit"]').click();
      }
    }
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForTimeout(300);
    assert.deepEqual(afterLoad, []);
  });

  test("screenshots of each form at desktop and phone width (test-results/)", async () => {
    const cases = [
      ["share", "ganzi", { "/requester/name": "州卫生健康委员会", "/requester/type": "department", "/resource/name": "人口基础信息", "/resource/sharing": "conditional", "/application/purpose": "duty" }],
      ["open", "lishui", { "/requester/name": "丽水某数据科技有限公司", "/requester/type": "legal_person", phone: "0578-2000000", "/resource/name": "公交实时到站", "/resource/opening": "conditional", "/requester/rating": "AA", "/requester/securityLevel": "3" }],
      ["catalog", "putuo", { "/requester/name": "普陀区市场监督管理局", "/resource/name": "企业登记信息", "/resource/sharing": "conditional", "/resource/opening": "none", "/application/catalog/source": "企业登记系统" }],
    ];
    for (const [id, j, values] of cases) {
      for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
        for (const lang of ["zh", "en"]) {
          await open(`j=${j}&form=${id}&lang=${lang}`, viewport);
          await fill(id, { "/date": "2026-09-28", ...values });
          await form(id).locator('button[type="submit"]').click();
          await page.evaluate(() => window.scrollTo(0, 0));
          // No control wider than the screen.
          const wide = await page.evaluate((w) => [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null).map((e) => e.className || e.nodeName), viewport.width);
          assert.deepEqual(wide, [], `${id} ${label} ${lang}: wider than the screen`);
          await shot(`${id}-${j}-${label}-${lang}`, viewport);
        }
      }
    }
    const made = readdirSync(results).filter((f) => f.startsWith("demo-") && f.endsWith(".png"));
    assert.ok(made.length >= 12, `screenshots: ${made.join(", ")}`);
  });
});
