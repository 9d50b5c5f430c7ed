// `pubdata-policy/worker` (wasm/js/worker.js, engine-worker.js) in headless Chromium, from
// the npm package's own layout (scripts/build-npm into a temporary folder), served with a
// strict Content Security Policy, `script-src 'self' 'wasm-unsafe-eval'`:
//   - a WorkerEngine answers every vector's call as the forms build does in the page (and
//     as the native engine does), and refuses unreadable requests with the same error;
//   - building it does not hold the page's thread: with the CPU throttled 10× (beyond a
//     phone's 4×, so that the page's build stays a long task), `new Engine` in the page
//     makes a long task, `WorkerEngine.start` none like it (at most noise), and the page
//     itself downloads no .wasm;
//   - bindForm on the site-style test form (bind-form-site.html) shows the same messages,
//     descriptions and summary, and submits the same data, with either engine;
//   - a pack `pdp pack` compiled, loaded at run time (WorkerEngine.fromCompiled), answers
//     as Engine.fromCompiled does in the page, beside the built-in engine of its
//     jurisdiction and freed apart from it; a pack that cannot be read rejects as it throws;
//   - the entry and the worker's script are one script each: before the .wasm a page fetches
//     those two and nothing else; a relative module URL is read from the page;
//   - a page on pubdata-policy/lite hands the worker lite.wasm and loads a shipped pack: the
//     worker answers as the lite module in the page, and forms.wasm is never fetched;
//   - without 'wasm-unsafe-eval' it rejects with the CompileError the README names;
//   - its TypeScript types hold (worker.types.ts, against wasm/npm/ as build-wasm left it).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

import { launchChromium } from "./chromium.mjs";
import { pdpBinary } from "./pdp.mjs";
import { parityCalls, readVector, requestOf, root, withoutZhDetail } from "./vectors.mjs";

const STRICT = "script-src 'self' 'wasm-unsafe-eval'";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json",
};
let work, server, origin, browser;
/** The CSP the server sends with every response (the worker's script gets it too). */
let policy = STRICT;
/** Whether the worker's script answers 404 (a deployment that left it out). */
let workerMissing = false;
/** Every path asked for, in order (a test empties it first). */
let requested = [];

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pdp-worker-"));
  execFileSync(join(root, "scripts", "build-npm"), [join(work, "npm")], { cwd: root, stdio: "pipe" });
  // /wasm/npm/ is this test's package; the test pages and the web package from the repository.
  const mounts = { "/wasm/npm/": join(work, "npm"), "/wasm/pkg-web/": join(root, "wasm", "pkg-web"), "/tests/js/": join(root, "tests", "js") };
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    requested.push(path);
    const mount = Object.keys(mounts).find((m) => path.startsWith(m));
    const headers = { "content-security-policy": policy, "cache-control": "no-store" };
    if (path === "/") return res.writeHead(200, { ...headers, "content-type": TYPES[".html"] }).end("<!doctype html><title>worker</title>");
    try {
      if (!mount || !TYPES[extname(path)]) throw new Error("not served");
      if (workerMissing && path.endsWith("/engine-worker.js")) throw new Error("left out");
      const body = readFileSync(join(mounts[mount], path.slice(mount.length)));
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(path)] }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium({ locale: "zh-CN" });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A new page of the origin whose uncaught errors and failed requests are collected. */
async function newPage(path = "/") {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${origin}${path}`);
  return { page, errors };
}

test("a WorkerEngine answers every vector's call as the forms build does in the page", async () => {
  const calls = parityCalls().filter((c) => c.call === "check" || c.call === "shareStatus");
  assert.ok(calls.length > 100, `the vectors' calls: ${calls.length}`);
  const { page, errors } = await newPage();
  try {
    const answers = await page.evaluate(async (calls) => {
      const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
      const glue = await import("/wasm/npm/forms/pubdata_policy_wasm.js");
      await glue.default();
      const plain = (e) => ({ code: e.code, field: e.field, message: e.message });
      const local = new Map(), remote = new Map();
      const out = [];
      for (const { jurisdiction, call, arg } of calls) {
        if (!local.has(jurisdiction)) {
          local.set(jurisdiction, new glue.Engine(jurisdiction));
          remote.set(jurisdiction, await WorkerEngine.start(jurisdiction));
        }
        let inPage, inWorker;
        try { inPage = { value: local.get(jurisdiction)[call](arg) }; } catch (e) { inPage = { error: plain(e) }; }
        try { inWorker = { value: await remote.get(jurisdiction)[call](arg) }; } catch (e) { inWorker = { error: e }; }
        out.push({ inPage, inWorker });
      }
      const w = remote.get("ganzi");
      const e = local.get("ganzi");
      const known = JSON.stringify([w.jurisdiction, w.contract, w.regulation, w.policyIds]) ===
        JSON.stringify([e.jurisdiction, e.contract, e.regulation, e.policyIds]);
      return { out, known };
    }, calls.map(({ jurisdiction, call, arg }) => ({ jurisdiction, call, arg })));
    assert.deepEqual(errors, []);
    assert.equal(answers.known, true, "contract, regulation and policy ids as the engine has them");
    let refused = 0, errorsSeen = 0;
    answers.out.forEach(({ inPage, inWorker }, i) => {
      assert.deepEqual(inWorker, inPage, calls[i].id);
      const want = calls[i].want;
      if (want.error) {
        errorsSeen += 1;
        assert.deepEqual(inWorker.error, withoutZhDetail(want.error), calls[i].id);
      } else {
        assert.deepEqual(inWorker.value, want.verdict ?? want.status, calls[i].id);
        if (inWorker.value.outcome === "refused") refused += 1;
      }
    });
    assert.ok(refused > 10 && errorsSeen > 5, `refusals ${refused} and unreadable requests ${errorsSeen} among them`);
  } finally {
    await page.close();
  }
});

test("a compiled pack loaded in the worker answers as Engine.fromCompiled does in the page, apart from the built-in engine", async () => {
  const pack = execFileSync(pdpBinary(), ["pack", "ganzi"], { encoding: "utf8", maxBuffer: 16 << 20 });
  const calls = parityCalls().filter((c) => c.jurisdiction === "ganzi" && (c.call === "check" || c.call === "shareStatus"));
  assert.ok(calls.length > 20, `ganzi's calls: ${calls.length}`);
  const { page, errors } = await newPage();
  try {
    const got = await page.evaluate(async ({ calls, pack }) => {
      const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
      const glue = await import("/wasm/npm/forms/pubdata_policy_wasm.js");
      await glue.default();
      const plain = (e) => ({ code: e.code, field: e.field, message: e.message });
      const local = glue.Engine.fromCompiled(pack);
      const builtin = await WorkerEngine.start("ganzi");
      const remote = await WorkerEngine.fromCompiled(JSON.parse(pack));
      const out = [];
      for (const { call, arg } of calls) {
        let inPage, inWorker;
        try { inPage = { value: local[call](arg) }; } catch (e) { inPage = { error: plain(e) }; }
        try { inWorker = { value: await remote[call](arg) }; } catch (e) { inWorker = { error: e }; }
        out.push({ inPage, inWorker });
      }
      const known = JSON.stringify([remote.jurisdiction, remote.contract, remote.regulation, remote.policyIds]) ===
        JSON.stringify([local.jurisdiction, local.contract, local.regulation, local.policyIds]);
      // Freeing the loaded pack leaves the built-in engine of its jurisdiction.
      await remote.free();
      const request = { jurisdiction: "ganzi", kind: "share" };
      let afterFree;
      try { afterFree = { value: await remote.check(request) }; } catch (e) { afterFree = { error: e }; }
      const builtinAfter = (await builtin.check(request)).outcome;
      let bad, badInPage;
      try { bad = { value: await WorkerEngine.fromCompiled("{") }; } catch (e) { bad = { error: e }; }
      try { badInPage = { value: glue.Engine.fromCompiled("{") }; } catch (e) { badInPage = { error: plain(e) }; }
      return { out, known, afterFree, builtinAfter, bad, badInPage };
    }, { calls: calls.map(({ call, arg }) => ({ call, arg })), pack });
    assert.deepEqual(errors, []);
    assert.equal(got.known, true, "contract, regulation and policy ids as the page's engine has them");
    let refused = 0;
    got.out.forEach(({ inPage, inWorker }, i) => {
      assert.deepEqual(inWorker, inPage, calls[i].id);
      const want = calls[i].want;
      if (want.error) assert.deepEqual(inWorker.error, withoutZhDetail(want.error), calls[i].id);
      else {
        assert.deepEqual(inWorker.value, want.verdict ?? want.status, calls[i].id);
        refused += inWorker.value.outcome === "refused";
      }
    });
    assert.ok(refused > 5, `refusals among them: ${refused}`);
    assert.equal(got.afterFree.error?.code, "unknown_jurisdiction", JSON.stringify(got.afterFree));
    assert.match(got.afterFree.error.message.en, /compiled pack's engine was freed/);
    assert.equal(got.builtinAfter, "refused", "the built-in engine still answers");
    assert.match(got.badInPage.error.message.en, /compiled pack/);
    assert.deepEqual(got.bad, got.badInPage, "a pack that cannot be read rejects as it throws in the page");
  } finally {
    await page.close();
  }
});

test("building the engine in the worker leaves the page's thread free (CPU throttled 10×)", async () => {
  // Long tasks (over 50 ms on the page's thread, as the browser reports them) while the
  // engine is built: in the page, and through the worker, each on a fresh page. Throttled
  // 10×: at 4×, a phone's, the page's build now takes about those 50 ms, and a run where it
  // took less reported no long task to compare with.
  const longTasks = async (how) => {
    const { page, errors } = await newPage();
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 10 });
      const result = await page.evaluate(async (how) => {
        const tasks = [];
        new PerformanceObserver((list) => tasks.push(...list.getEntries())).observe({ type: "longtask" });
        const glue = await import("/wasm/npm/forms/pubdata_policy_wasm.js");
        const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
        let engine;
        if (how === "page") {
          await glue.default();
          await new Promise((r) => setTimeout(r, 100)); // the module's load is not the engine's build
          tasks.length = 0;
          engine = new glue.Engine("ganzi");
        } else {
          tasks.length = 0;
          engine = await WorkerEngine.start("ganzi");
        }
        const verdict = await engine.check({ jurisdiction: "ganzi", kind: "share" });
        await new Promise((r) => setTimeout(r, 100)); // let the observer report
        const wasm = performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length;
        return { tasks: tasks.length, durations: tasks.map((t) => Math.round(t.duration)), outcome: verdict.outcome, wasm };
      }, how);
      assert.deepEqual(errors, [], how);
      return result;
    } finally {
      await cdp.detach();
      await page.close();
    }
  };
  const inPage = await longTasks("page");
  const inWorker = await longTasks("worker");
  assert.equal(inPage.outcome, "refused");
  assert.equal(inWorker.outcome, "refused");
  // The build in the page is one long task; through the worker the page has at most
  // scheduling noise (a task over 50 ms now and then on a busy machine, a fraction of that),
  // and it never downloads the module, so it never builds an engine.
  const longest = (r) => Math.max(0, ...r.durations);
  assert.ok(inPage.tasks >= 1, `new Engine in the page is a long task: ${JSON.stringify(inPage)}`);
  assert.ok(longest(inWorker) < longest(inPage) / 3,
    `WorkerEngine.start: no task on the page's thread like new Engine's: ${JSON.stringify({ inPage, inWorker })}`);
  assert.equal(inPage.wasm, 1);
  assert.equal(inWorker.wasm, 0, "the worker, not the page, downloads the module");
});

test("bindForm on the site's own form shows the same messages with a WorkerEngine as with an Engine", async () => {
  // The same steps on bind-form-site.html with each engine; after each, what the applicant
  // (and assistive technology) gets from every control, and what the site would receive.
  const steps = async (page) => {
    const states = [];
    // After each step, one more call through the worker: its answer comes after those of
    // the checks the step made, so they are all applied by then (no-op in the page).
    const settle = () => page.evaluate(async () => {
      try {
        await window.binding.engine.check({});
      } catch {
        // an empty request is unreadable: the answer, not its content, is what is waited for
      }
    });
    const state = () => page.evaluate(() => ({
      controls: [...document.getElementById("application").elements].filter((c) => c.name).map((c) => ({
        name: c.name, message: c.validationMessage, aria: c.getAttribute("aria-invalid"),
        description: (c.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent),
      })),
      summary: document.getElementById("summary").textContent,
      focused: document.activeElement?.name ?? null,
      submitted: window.submitted,
      last: { request: window.binding.last.request, outcome: window.binding.last.verdict?.outcome, missing: window.binding.last.missing },
    }));
    await page.waitForFunction(() => window.pdpReady !== undefined, null, { timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.pdpReady), "ready");
    await settle();
    states.push(await state()); // untouched: gentle, nothing flagged
    await page.click('button[type="submit"]');
    await settle();
    states.push(await state()); // a submit attempt: every problem shown, nothing sent
    await page.selectOption('[name="deptType"]', "1");
    await page.selectOption('[name="shareType"]', "2");
    await page.fill('[name="dataName"]', "人口基础信息");
    await settle();
    states.push(await state()); // the scenario is still missing
    await page.fill('[name="useScene"]', "社会保险待遇资格认证");
    await settle();
    await page.click('button[type="submit"]');
    await settle();
    states.push(await state()); // allowed: the site's codes are sent
    return states;
  };
  const results = {};
  for (const engine of ["page", "worker"]) {
    const { page, errors } = await newPage(`/tests/js/bind-form-site.html?engine=${engine}`);
    try {
      results[engine] = await steps(page);
      assert.deepEqual(errors, [], engine);
    } finally {
      await page.close();
    }
  }
  const [untouched, attempted, missing, sent] = results.worker;
  const on = (state, name) => state.controls.find((c) => c.name === name);
  assert.ok(untouched.controls.every((c) => c.message === "" && c.aria === null), "gentle: nothing flagged on load");
  assert.equal(on(attempted, "deptType").message, "请选择单位类型（甘孜州公共数据管理办法（试行）第十三条）");
  assert.deepEqual(on(attempted, "deptType").description, [on(attempted, "deptType").message]);
  assert.equal(on(attempted, "deptType").aria, "true");
  assert.equal(attempted.focused, "deptType", "the blocked submit reports its first control, as the browser does in the page");
  const scene = on(missing, "useScene");
  assert.equal(scene.message, "请填写应用场景（甘孜州公共数据管理办法（试行）第十八条）");
  assert.deepEqual(scene.description, ["写明在哪项业务中使用。", scene.message], "the page's hint, then the message");
  assert.deepEqual(attempted.submitted, []);
  assert.equal(missing.summary, "还需填写：应用场景");
  assert.equal(sent.submitted.length, 1);
  assert.equal(sent.submitted[0].shareType, "2", "the site's own code is what is sent");
  assert.equal(sent.last.outcome, "review");
  assert.deepEqual(results.worker, results.page);
});

test("bindForm with an engine that answers later: an overtaken answer is dropped, and none is applied after unbind", async () => {
  const { page, errors } = await newPage("/tests/js/bind-form.html");
  try {
    await page.waitForFunction(() => window.pdpReady !== undefined, null, { timeout: 60_000 });
    const seen = await page.evaluate(async () => {
      const form = document.getElementById("application");
      const real = window.binding.engine;
      window.binding.unbind();
      // The page's engine, answering only when the test says so.
      const waiting = [];
      const later = {
        jurisdiction: real.jurisdiction, contract: real.contract,
        check: (request) => new Promise((resolve) => waiting.push(() => resolve(real.check(request)))),
      };
      const scenario = form.querySelector('[name="/application/scenario"]');
      const binding = window.pkg.bindForm(form, later, { fields: { data_name: "/resource/name" } });
      const first = binding.check(); // (the binding's own first check is waiting[0])
      scenario.value = "社会保险待遇资格认证";
      const second = binding.check();
      const out = { beforeAnswers: scenario.validationMessage };
      waiting[2](); // the newest answers first: the scenario is given
      await second;
      out.afterNewest = scenario.validationMessage;
      waiting[1](); // then the older one, about a blank scenario: dropped
      out.olderResolvesTo = (await first).request.application.scenario;
      out.afterOlder = scenario.validationMessage;
      scenario.value = "";
      const third = binding.check();
      binding.unbind();
      waiting[3]();
      await third;
      out.afterUnbind = scenario.validationMessage;
      return out;
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(seen, {
      beforeAnswers: "", afterNewest: "", olderResolvesTo: "社会保险待遇资格认证", afterOlder: "", afterUnbind: "",
    });
  } finally {
    await page.close();
  }
});

test("the entry and the worker fetch one script each before the .wasm; a relative module URL is the page's", async () => {
  // Where the module comes from: the default (forms.wasm beside the package's glue), or a
  // URL relative to this page, "/": read from the worker's script in /wasm/npm/forms/, it
  // would name /wasm/npm/forms/wasm/npm/forms/forms.wasm, which is not there.
  const run = async (module) => {
    const { page, errors } = await newPage();
    requested = [];
    try {
      const outcome = await page.evaluate(async (module) => {
        const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
        const engine = await WorkerEngine.start("ganzi", module === null ? {} : { module_or_path: module });
        return (await engine.check({ jurisdiction: "ganzi", kind: "share" })).outcome;
      }, module);
      assert.deepEqual(errors, [], String(module));
      return { outcome, requested: requested.filter((p) => /\.(js|wasm)$/.test(p)) };
    } finally {
      await page.close();
    }
  };
  const want = ["/wasm/npm/forms/worker.js", "/wasm/npm/forms/engine-worker.js", "/wasm/npm/forms/forms.wasm"];
  assert.deepEqual(await run(null), { outcome: "refused", requested: want });
  assert.deepEqual(await run("wasm/npm/forms/forms.wasm"), { outcome: "refused", requested: want });
});

test("a page on pubdata-policy/lite runs its engine in the worker: lite.wasm handed over, a shipped pack loaded", async () => {
  const suite = readVector("ganzi/share.json");
  const requests = [suite.base, ...suite.cases.slice(0, 8).map((c) => requestOf(suite, c))];
  const { page, errors } = await newPage();
  requested = [];
  try {
    const got = await page.evaluate(async (requests) => {
      const lite = await import("/wasm/npm/lite/pubdata_policy_wasm.js");
      await lite.default();
      const pack = await (await fetch("/wasm/npm/packs/ganzi.json")).text();
      const inPage = lite.Engine.fromCompiled(pack);
      const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
      const engine = await WorkerEngine.fromCompiled(pack, { module_or_path: "/wasm/npm/lite/lite.wasm" });
      const answer = async (f) => { try { return { value: await f() }; } catch (e) { return { error: e.code }; } };
      const out = [];
      for (const r of requests) out.push([await answer(() => engine.check(r)), await answer(() => inPage.check(r))]);
      return out;
    }, requests);
    assert.deepEqual(errors, []);
    for (const [worker, inPage] of got) assert.deepEqual(worker, inPage);
    assert.ok(got.filter(([w]) => w.value).length >= 5, "verdicts, not only errors");
    const modules = requested.filter((p) => p.endsWith(".wasm"));
    assert.deepEqual(modules, ["/wasm/npm/lite/lite.wasm", "/wasm/npm/lite/lite.wasm"], "the page's and the worker's; never forms.wasm");
  } finally {
    await page.close();
  }
});

test("a worker that cannot load, or is terminated, rejects its calls; the next start makes a new one", async () => {
  const { page } = await newPage();
  try {
    workerMissing = true;
    const missing = await page.evaluate(async () => {
      const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
      return WorkerEngine.start("ganzi").then(() => "started", (e) => e.code);
    });
    workerMissing = false;
    const after = await page.evaluate(async () => {
      const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
      const engine = await WorkerEngine.start("ganzi");
      const before = (await engine.check({ jurisdiction: "ganzi", kind: "share" })).outcome;
      WorkerEngine.terminate();
      const terminated = await engine.check({ jurisdiction: "ganzi", kind: "share" }).then(() => "answered", (e) => e.code);
      const again = await WorkerEngine.start("ganzi");
      return { before, terminated, again: (await again.check({ jurisdiction: "ganzi", kind: "share" })).outcome };
    });
    assert.equal(missing, "io");
    assert.deepEqual(after, { before: "refused", terminated: "io", again: "refused" });
  } finally {
    workerMissing = false;
    await page.close();
  }
});

test("without 'wasm-unsafe-eval' the worker's engine rejects with the README's CompileError", async () => {
  policy = "script-src 'self'";
  try {
    const { page } = await newPage();
    try {
      const error = await page.evaluate(async () => {
        const { WorkerEngine } = await import("/wasm/npm/forms/worker.js");
        return WorkerEngine.start("ganzi").then(() => "started", (e) => e);
      });
      assert.equal(error.code, "evaluation");
      assert.match(error.message.en, /^CompileError: .*'unsafe-eval' is not an allowed source of script/);
    } finally {
      await page.close();
    }
  } finally {
    policy = STRICT;
  }
});

for (const skipLibCheck of [false, true]) {
  test(`the worker entry's TypeScript types hold, and refuse a sync verdict or a wrong pointer (skipLibCheck ${skipLibCheck})`, () => {
    const tsc = spawnSync(
      join(root, "node_modules", ".bin", "tsc"),
      ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler",
        "--lib", "es2023,esnext.disposable,dom", "--types", "", "--exactOptionalPropertyTypes",
        "--skipLibCheck", String(skipLibCheck), join(root, "tests", "js", "worker.types.ts")],
      { encoding: "utf8" },
    );
    assert.equal(tsc.error, undefined, `cannot run tsc (npm ci installs it): ${tsc.error}`);
    assert.equal(tsc.status, 0, `tsc found type errors:\n${tsc.stdout}${tsc.stderr}`);
  });
}
