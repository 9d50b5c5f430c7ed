// Headless Chromium (Debian's, driven by playwright-core as tests/js does): cold start and
// per-check time of our web package against @cedar-policy/cedar-wasm's web build, on the
// same policies, schema and requests (bench/target/cedar-calls.json).
//
//   node bench/browser.mjs        after bench/run has made bench/target/ (it runs this)
//
// Cold start: each sample in a new browser on a new profile (no HTTP or code cache), from
// the page's first line: import the JS glue, fetch + compile + instantiate the .wasm
// (`await init()`), then ours `new Engine(j)`, cedar-wasm `preparsePolicySet` +
// `preparseSchema`; then the first check. The ratio is issue 19's: ours to its first
// verdict (load + init, engine, first check) against cedar-wasm's load + init and preparse,
// without its first call. Served from 127.0.0.1: no network time. Beside
// them, what any two requests cost a fresh browser here, whatever their size (importing a
// one-line script, fetching a one-byte file): both sides pay that in load + init, and it
// is shown, with the ratio without it, so that what the modules themselves cost is seen.
// And `pubdata-policy/lite` (wasm/pkg-lite) the same way, its engine from the jurisdiction's
// compiled pack (as the npm package ships it), fetched once the script is imported, beside
// the module: a third request.
// BROWSER_RUNS samples per side (default 5), BROWSER_JURISDICTIONS (default ganzi).
// Per check, warm: ours and cedar-wasm loaded in one page, timed in interleaved batches on
// the first jurisdiction's sharing request.
//
// Then the phone profile: Chromium's CPU throttled 4× and its network to 1.6 Mbps down,
// 750 kbps up, 150 ms round trips (the DevTools protocol's Emulation.setCPUThrottlingRate
// and Network.emulateNetworkConditions), every file served Brotli-compressed (quality 11,
// as a site would precompress it). Measured: from navigation to the first verdict shown, on
// the demo's sharing form (js-demo, built into bench/target/demo by bench/run with --minify:
// the forms page's script bundled into one module and everything minified, as a site would
// serve them) with the forms module in the page, in the page with index.html's preload, in
// a Web Worker (the package's worker entry, the preloaded bytes handed over), the same page
// on `pubdata-policy/lite` (lite.html: lite.wasm preloaded, the jurisdiction's compiled pack
// fetched by the page's script), and a page that decides the same request with cedar-wasm
// (its module, then policies and schema fetched as JSON). Also when the .wasm request started and the page's longest task until
// then (what typing waits for).
// PHONE_RUNS samples each, each in a new browser on a new profile (default 5; 0 skips).

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
// playwright-core is the repository's (root package.json), as tests/js uses it.
const { chromium } = createRequire(join(root, "package.json"))("playwright-core");

const runs = Number(process.env.BROWSER_RUNS ?? 5);
const only = (process.env.BROWSER_JURISDICTIONS ?? "ganzi").split(",");
const calls = JSON.parse(readFileSync(join(here, "target", "cedar-calls.json"), "utf8"));

const mounts = {
  // The module a page that checks forms loads (wasm/pkg-forms; bench/run copies it here).
  "/ours/": join(here, "target", "pkg-forms"),
  // Without built-in packs (wasm/pkg-lite), and the compiled packs (wasm/npm/packs).
  "/lite/": join(here, "target", "pkg-lite"),
  "/packs/": join(here, "target", "packs"),
  "/cedar/": join(here, "node_modules", "@cedar-policy", "cedar-wasm", "web"),
};
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/" || path === "/index.html") {
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><meta charset=utf-8><title>bench</title>");
    return;
  }
  // The fixed cost of a request: a one-line script and a one-byte file.
  if (path === "/tiny.js" || path === "/tiny.txt") {
    const script = path.endsWith(".js");
    res.writeHead(200, { "content-type": script ? types[".js"] : "text/plain", "cache-control": "no-store" }).end(script ? "export {};" : "x");
    return;
  }
  if (path === "/calls.json") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(calls));
    return;
  }
  const mount = Object.keys(mounts).find((m) => path.startsWith(m));
  const ext = path.slice(path.lastIndexOf("."));
  if (!mount || !types[ext]) return res.writeHead(404).end();
  try {
    res.writeHead(200, { "content-type": types[ext], "cache-control": "no-store" }).end(readFileSync(join(mounts[mount], path.slice(mount.length))));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

/** A new browser on a new profile; its page at `start` (the bench page), or blank (null). */
async function browser(start = `${base}/`) {
  const profile = mkdtempSync(join(tmpdir(), "pdp-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PDP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (start !== null) await page.goto(start);
  return { page, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

// Runs in the page. Returns the cold-start laps (ms).
async function inPage({ side, j }) {
  const calls = await (await fetch("/calls.json")).json();
  const { requests } = calls.jurisdictions[j];
  const r = requests.find((x) => x.label.endsWith("/share")) ?? requests[0];
  const policies = r.policies;
  let t = performance.now();
  const lap = () => { const n = performance.now(); const d = n - t; t = n; return d; };
  const out = {};
  let check;
  if (side === "requests") {
    await import("/tiny.js");
    await (await fetch("/tiny.txt")).text();
    out.load = lap();
    return out;
  }
  if (side === "ours" || side === "lite") {
    // lite as the package README's page: the script imported, then the pack fetched beside
    // the module. (Fetched before the import, the pack made load + init about twice as long
    // here: 108.8 against 51.0 ms, medians of five browsers each.)
    const dir = side === "ours" ? "/ours/" : "/lite/";
    const m = await import(`${dir}pubdata_policy_wasm.js`);
    const pack = side === "lite" ? fetch(`/packs/${j}.json`).then((res) => res.text()) : null;
    await m.default({ module_or_path: `${dir}pubdata_policy_wasm_bg.wasm` });
    out.load = lap();
    const engine = pack ? m.Engine.fromCompiled(await pack) : new m.Engine(j);
    out.engine = lap();
    check = () => engine.check(r.request);
  } else {
    const m = await import("/cedar/cedar_wasm.js");
    await m.default({ module_or_path: "/cedar/cedar_wasm_bg.wasm" });
    out.load = lap();
    m.preparsePolicySet("p", { staticPolicies: policies });
    m.preparseSchema("s", calls.schema);
    out.engine = lap();
    const { principal, action, resource, context, entities } = r.cedar;
    const stateful = { principal, action, resource, context, entities, preparsedSchemaName: "s", preparsedPolicySetId: "p" };
    check = () => m.statefulIsAuthorized(stateful);
  }
  check();
  out.first = lap();
  out.label = r.label;
  return out;
}

// Runs in the page: per-check medians (µs) of ours and cedar-wasm's stateful and stateless
// calls on the same request, both modules in this one page, in interleaved batches (the
// side-by-side ratio; timing one side after the other moved with the machine's load).
async function perCheck({ j, seconds }) {
  const calls = await (await fetch("/calls.json")).json();
  const { requests } = calls.jurisdictions[j];
  const r = requests.find((x) => x.label.endsWith("/share")) ?? requests[0];
  const ours = await import("/ours/pubdata_policy_wasm.js");
  await ours.default({ module_or_path: "/ours/pubdata_policy_wasm_bg.wasm" });
  const engine = new ours.Engine(j);
  const cedar = await import("/cedar/cedar_wasm.js");
  await cedar.default({ module_or_path: "/cedar/cedar_wasm_bg.wasm" });
  cedar.preparsePolicySet("p", { staticPolicies: r.policies });
  cedar.preparseSchema("s", calls.schema);
  const { principal, action, resource, context, entities } = r.cedar;
  const sides = {
    ours: () => engine.check(r.request),
    stateful: () => cedar.statefulIsAuthorized({ principal, action, resource, context, entities, preparsedSchemaName: "s", preparsedPolicySetId: "p" }),
    stateless: () => cedar.isAuthorized({ principal, action, resource, context, entities, schema: calls.schema, policies: { staticPolicies: r.policies } }),
  };
  // Each side's batch: as many calls as take 20 ms, counted after half a second of calls
  // (until the engines' code is optimised). A page's clock ticks in 0.1 ms steps (without
  // cross-origin isolation): a batch of a few calls would time the clock, not the call.
  const batch = {};
  for (const [name, fn] of Object.entries(sides)) {
    const warm = performance.now() + 500;
    while (performance.now() < warm) fn();
    let n = 1;
    while (true) { const s = performance.now(); for (let i = 0; i < n; i++) fn(); if (performance.now() - s > 20 || n > 1e6) break; n *= 2; }
    batch[name] = n;
  }
  const samples = { ours: [], stateful: [], stateless: [] };
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || samples.ours.length < 11) {
    for (const [name, fn] of Object.entries(sides)) {
      const n = batch[name];
      const s = performance.now();
      for (let i = 0; i < n; i++) fn();
      samples[name].push(((performance.now() - s) / n) * 1000);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { label: r.label, batches: samples.ours.length, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const version = await (async () => {
  const b = await browser();
  const v = await b.page.evaluate(() => navigator.userAgent);
  await b.close();
  return v.match(/Chrome\/[\d.]+/)?.[0] ?? v;
})();
console.log(`${version} (headless), ${runs} fresh browsers per side and jurisdiction, ms`);
console.log("jurisdiction   ours: load+init  engine  1st check | cedar: load+init  preparse  1st call | ours/cedar (load+engine+1st check vs load+preparse)");
for (const j of only) {
  const o = [], c = [], q = [], l = [];
  for (let i = 0; i < runs; i++) {
    for (const [side, into] of [["ours", o], ["cedar", c], ["requests", q], ["lite", l]]) {
      const b = await browser();
      try {
        into.push(await b.page.evaluate(inPage, { side, j }));
      } finally {
        await b.close();
      }
    }
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  const ot = m(o, "load") + m(o, "engine") + m(o, "first"), ct = m(c, "load") + m(c, "engine");
  console.log(
    `${j.padEnd(12)} ${m(o, "load").toFixed(1).padStart(16)} ${m(o, "engine").toFixed(1).padStart(7)} ${m(o, "first").toFixed(2).padStart(10)} |` +
      ` ${m(c, "load").toFixed(1).padStart(16)} ${m(c, "engine").toFixed(1).padStart(9)} ${m(c, "first").toFixed(2).padStart(9)} | ${(ot / ct).toFixed(2)} (compiled packs target ≤ 0.1)`,
  );
  const rq = m(q, "load");
  console.log(
    `${"".padEnd(12)} two requests alone (a one-line script imported, a one-byte file fetched): ${rq.toFixed(1)} ms;` +
      ` without them ours/cedar ${((ot - rq) / (ct - rq)).toFixed(2)}`,
  );
  const lt = m(l, "load") + m(l, "engine") + m(l, "first");
  console.log(
    `${"lite".padStart(12)} ${m(l, "load").toFixed(1).padStart(16)} ${m(l, "engine").toFixed(1).padStart(7)} ${m(l, "first").toFixed(2).padStart(10)} |` +
      ` (load+init, the pack's fetch beside init; engine: the pack awaited, then Engine.fromCompiled) | lite/cedar ${(lt / ct).toFixed(2)}`,
  );
}

// Per check, warm: both modules in one page, batches interleaved.
const b = await browser();
try {
  const c = await b.page.evaluate(perCheck, { j: only[0], seconds: 10 });
  console.log(`\nper check in Chromium, ${c.label}, µs (medians of ${c.batches} interleaved batches each): ours ${c.ours.toFixed(1)}, cedar-wasm stateful ${c.stateful.toFixed(1)}` +
    ` (${(c.stateful / c.ours).toFixed(1)}×, compiled packs target ≥ 20×), stateless ${c.stateless.toFixed(1)} (${(c.stateless / c.ours).toFixed(1)}×, target ≥ 40×)`);
} finally {
  await b.close();
  server.close();
}

// ---- the phone profile -------------------------------------------------------------------

const phoneRuns = Number(process.env.PHONE_RUNS ?? 5);
if (phoneRuns > 0) await phone(phoneRuns);

async function phone(samples) {
  const demo = join(here, "target", "demo");
  const j = only[0];
  const input = { ...calls.jurisdictions[j], schema: calls.schema };
  const request = input.requests.find((x) => x.label.endsWith("/share")) ?? input.requests[0];
  const cedarInput = JSON.stringify({ policies: request.policies, schema: input.schema, cedar: request.cedar });
  // A page that decides one request with cedar-wasm, as a form page would have to: its
  // module, then the policies and schema, then the verdict on the page.
  const cedarPage = "<!doctype html><meta charset=utf-8><title>cedar-wasm</title><output id=verdict></output>" +
    "<script type=module src=/cedar-page.js></script>";
  const cedarScript = `import init, * as cedar from "/cedar/cedar_wasm.js";
await init();
const { policies, schema, cedar: r } = await (await fetch("/cedar-input.json")).json();
cedar.preparsePolicySet("p", { staticPolicies: policies });
cedar.preparseSchema("s", schema);
const answer = cedar.statefulIsAuthorized({ ...r, preparsedSchemaName: "s", preparsedPolicySetId: "p" });
document.getElementById("verdict").textContent = answer.type === "success" ? answer.response.decision : "error";`;
  const compressed = new Map(); // path → [mtime, brotli body]
  const br = (key, mtime, body) => {
    const hit = compressed.get(key);
    if (hit && hit[0] === mtime) return hit[1];
    const out = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    compressed.set(key, [mtime, out]);
    return out;
  };
  const phoneTypes = { ...types, ".css": "text/css" };
  const send = (res, type, body) => res.writeHead(200, { "content-type": type, "content-encoding": "br", "cache-control": "no-store" }).end(body);
  const phoneServer = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const path = normalize(decodeURIComponent(url.pathname));
    if (path === "/blank.html") return send(res, types[".html"], br(path, 0, Buffer.from("<!doctype html><title>blank</title>")));
    if (path === "/cedar.html") return send(res, types[".html"], br(path, 0, Buffer.from(cedarPage)));
    if (path === "/cedar-page.js") return send(res, types[".js"], br(path, 0, Buffer.from(cedarScript)));
    if (path === "/cedar-input.json") return send(res, types[".json"], br(path, 0, Buffer.from(cedarInput)));
    let file;
    if (path.startsWith("/cedar/")) file = join(mounts["/cedar/"], path.slice(7));
    else if (path === "/demo/plain.html") file = join(demo, "index.html");
    else if (path.startsWith("/demo/")) file = join(demo, path.slice(6));
    const ext = path.slice(path.lastIndexOf("."));
    if (!file || !phoneTypes[ext]) return res.writeHead(404).end();
    try {
      let body = readFileSync(file);
      // plain.html: the demo's page without its <link rel=preload>.
      if (path === "/demo/plain.html") body = Buffer.from(body.toString().replace(/<link rel="preload"[^>]*>/, ""));
      send(res, phoneTypes[ext], br(path, statSync(file).mtimeMs, body));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => phoneServer.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${phoneServer.address().port}`;
  const variants = [
    ["forms module, in the page", "/demo/plain.html#form=share", "#outcome-share"],
    ["forms module, in the page, preloaded", "/demo/index.html#form=share", "#outcome-share"],
    ["forms module, in a worker, preloaded", "/demo/index.html?engine=worker#form=share", "#outcome-share"],
    ["lite module, preloaded, and its pack", "/demo/lite.html#form=share", "#outcome-share"],
    ["cedar-wasm, same request", "/cedar.html", "#verdict"],
  ];
  // Before the page's scripts: note when the verdict's element first gets text, when the
  // .wasm request started, and the longest task on the page's thread until then.
  const watch = (selector) => {
    const out = (window.__phone = { tasks: [] });
    // (A task is reported once it ends: the one that shows the verdict comes after it.)
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) out.tasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
    new MutationObserver(() => {
      if (out.verdict !== undefined || !document.querySelector(selector)?.textContent.trim()) return;
      out.verdict = performance.now();
      out.wasm = performance.getEntriesByType("resource").find((e) => e.name.includes(".wasm"))?.startTime;
      out.text = document.querySelector(selector).textContent;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  };
  const results = Object.fromEntries(variants.map(([name]) => [name, []]));
  try {
    // Once each, unthrottled and not counted: compresses every file the pages load (Brotli
    // at quality 11 takes seconds for a module; a site precompresses) and warms the launch.
    for (const [, path, selector] of variants) {
      const b = await browser(null);
      try {
        await b.page.goto(`${origin}${path}`);
        await b.page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), selector, { timeout: 120_000 });
      } finally {
        await b.close();
      }
    }
    // Interleaved: sample i of every variant before sample i + 1 of any.
    for (let i = 0; i < samples; i++) {
      for (const [name, path, selector] of variants) {
        const b = await browser(null);
        try {
          // Throttling holds for a page's renderer: set it on a page of the same origin, which
          // the measured navigation keeps.
          await b.page.goto(`${origin}/blank.html`);
          const cdp = await b.page.context().newCDPSession(b.page);
          await cdp.send("Network.enable");
          await cdp.send("Network.emulateNetworkConditions", {
            offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8),
          });
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
          await b.page.addInitScript(watch, selector);
          await b.page.goto(`${origin}${path}`, { waitUntil: "commit" });
          await b.page.waitForFunction(() => window.__phone?.verdict !== undefined, null, { timeout: 120_000, polling: 200 });
          await b.page.waitForTimeout(500); // the last long task's report
          const got = await b.page.evaluate(() => window.__phone);
          got.longest = Math.max(0, ...got.tasks.filter(([start]) => start <= got.verdict).map(([, d]) => d));
          results[name].push(got);
        } finally {
          await b.close();
        }
      }
    }
  } finally {
    phoneServer.close();
  }
  const m = (xs, k) => median(xs.map((x) => x[k] ?? NaN));
  console.log(`\nphone profile: CPU 4× slower, 1.6 Mbps down, 750 kbps up, 150 ms RTT, Brotli; ${samples} fresh browsers each, medians, ms`);
  console.log("page                                      first verdict  .wasm requested at  longest task before it   verdict");
  for (const [name] of variants) {
    const xs = results[name];
    console.log(`${name.padEnd(40)} ${m(xs, "verdict").toFixed(0).padStart(14)} ${m(xs, "wasm").toFixed(0).padStart(19)} ${m(xs, "longest").toFixed(0).padStart(23)}   ${xs[0].text.slice(0, 24)}`);
  }
}
