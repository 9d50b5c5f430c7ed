// Headless Chromium (Debian's, driven by playwright-core as tests/js does): cold start and
// per-check time of our web package against @cedar-policy/cedar-wasm's web build, on the
// same policies, schema and requests (bench/target/cedar-calls.json).
//
//   node bench/browser.mjs        after bench/run has made bench/target/ (it runs this)
//
// Cold start: each sample in a new browser on a new profile (no HTTP or code cache), from
// the page's first line: import the JS glue, fetch + compile + instantiate the .wasm
// (`await init()`), then ours `new Engine(j)`, cedar-wasm `preparsePolicySet` +
// `preparseSchema`; then the first check. Served from 127.0.0.1: no network time.
// BROWSER_RUNS samples per side (default 5), BROWSER_JURISDICTIONS (default ganzi).

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  "/cedar/": join(here, "node_modules", "@cedar-policy", "cedar-wasm", "web"),
};
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/" || path === "/index.html") {
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><meta charset=utf-8><title>bench</title>");
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

async function browser() {
  const profile = mkdtempSync(join(tmpdir(), "pdp-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PDP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/`);
  return { page, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

// Runs in the page. Returns the cold-start laps (ms), then per-check medians (µs) if asked.
async function inPage({ side, j, seconds }) {
  const calls = await (await fetch("/calls.json")).json();
  const { policies, requests } = calls.jurisdictions[j];
  const r = requests.find((x) => x.label.endsWith("/share")) ?? requests[0];
  let t = performance.now();
  const lap = () => { const n = performance.now(); const d = n - t; t = n; return d; };
  const out = {};
  let check;
  if (side === "ours") {
    const m = await import("/ours/pubdata_policy_wasm.js");
    await m.default({ module_or_path: "/ours/pubdata_policy_wasm_bg.wasm" });
    out.load = lap();
    const engine = new m.Engine(j);
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
    const stateless = { principal, action, resource, context, entities, schema: calls.schema, policies: { staticPolicies: policies } };
    check = () => m.statefulIsAuthorized(stateful);
    out.stateless = () => m.isAuthorized(stateless);
  }
  check();
  out.first = lap();
  if (seconds) {
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = (fn) => {
      for (let i = 0; i < 20; i++) fn();
      let n = 1;
      while (true) { const s = performance.now(); for (let i = 0; i < n; i++) fn(); if (performance.now() - s > 5 || n > 1e5) break; n *= 2; }
      const samples = [];
      const until = performance.now() + seconds * 1000;
      while (performance.now() < until || samples.length < 11) { const s = performance.now(); for (let i = 0; i < n; i++) fn(); samples.push(((performance.now() - s) / n) * 1000); }
      return median(samples);
    };
    out.check = time(check);
    if (out.stateless) out.statelessCheck = time(out.stateless);
  }
  delete out.stateless;
  out.label = r.label;
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const version = await (async () => {
  const b = await browser();
  const v = await b.page.evaluate(() => navigator.userAgent);
  await b.close();
  return v.match(/Chrome\/[\d.]+/)?.[0] ?? v;
})();
console.log(`${version} (headless), ${runs} fresh browsers per side and jurisdiction, ms`);
console.log("jurisdiction   ours: load+init  engine  1st check | cedar: load+init  preparse  1st call | ours/cedar (load+engine vs load+preparse)");
for (const j of only) {
  const o = [], c = [];
  for (let i = 0; i < runs; i++) {
    for (const [side, into] of [["ours", o], ["cedar", c]]) {
      const b = await browser();
      try {
        into.push(await b.page.evaluate(inPage, { side, j, seconds: 0 }));
      } finally {
        await b.close();
      }
    }
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  const ot = m(o, "load") + m(o, "engine"), ct = m(c, "load") + m(c, "engine");
  console.log(
    `${j.padEnd(12)} ${m(o, "load").toFixed(1).padStart(16)} ${m(o, "engine").toFixed(1).padStart(7)} ${m(o, "first").toFixed(2).padStart(10)} |` +
      ` ${m(c, "load").toFixed(1).padStart(16)} ${m(c, "engine").toFixed(1).padStart(9)} ${m(c, "first").toFixed(2).padStart(9)} | ${(ot / ct).toFixed(2)} (target ≤ 0.33)`,
  );
}

// Per check, warm, one browser for both sides (interleaving is not possible across pages:
// the two run one after the other in the same browser).
const b = await browser();
try {
  const ours = await b.page.evaluate(inPage, { side: "ours", j: only[0], seconds: 2 });
  const page2 = await b.page.context().newPage();
  await page2.goto(`${base}/`);
  const theirs = await page2.evaluate(inPage, { side: "cedar", j: only[0], seconds: 2 });
  console.log(`\nper check in Chromium, ${ours.label}, µs (median): ours ${ours.check.toFixed(1)}, cedar-wasm stateful ${theirs.check.toFixed(1)}` +
    ` (${(theirs.check / ours.check).toFixed(1)}×, target ≥ 6×), stateless ${theirs.statelessCheck.toFixed(1)} (${(theirs.statelessCheck / ours.check).toFixed(1)}×, target ≥ 40×)`);
} finally {
  await b.close();
  server.close();
}
