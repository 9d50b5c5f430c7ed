// The npm package as a user gets it: scripts/build-npm assembles wasm/npm/, `npm pack` makes
// the tarball, and it is installed (with real packages from the npm registry) into
//   - a plain Node project: `import` (ESM) and `require` (CommonJS) each decide the ganzi
//     sharing vectors as the repository's own nodejs package does (node.test.mjs compares
//     that one with the native engine), and tsc --strict checks a consumer's file;
//   - a fresh Vite app (tests/js/package-fixture/, vite pinned by its package-lock.json):
//     `vite build` succeeds and the built page decides in Chromium, also under a strict CSP
//     with 'wasm-unsafe-eval', and fails with the documented CompileError without it; the
//     dev server (no config: no optimizeDeps.exclude, no fs.allow) serves a page that decides,
//     one importing "pubdata-policy/full" (the authors' calls), and one "pubdata-policy/lite"
//     with the package's compiled pack of 甘孜 (packs/ganzi.json?url); in build and dev server,
//     the first page decides through "pubdata-policy/worker" too (?engine=worker);
//   - no bundler: the package's forms/ folder served as it is, with the README's preload,
//     decides with a single download of forms.wasm and no script but the page's and the glue.
// Needs the npm registry (the installs are bounded by a timeout), and Debian's chromium.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { promisify } from "node:util";

import { launchChromium } from "./chromium.mjs";
import { readVector, requestOf, root } from "./vectors.mjs";

const run = promisify(execFile);
const INSTALL = ["install", "--no-audit", "--no-fund", "--no-save", "--prefer-offline", "--loglevel=error"];
const INSTALL_TIMEOUT = 240_000;
const fixture = join(root, "tests", "js", "package-fixture");

// The ganzi sharing vectors' requests, and what the repository's nodejs package answers.
const suite = readVector("ganzi/share.json");
const requests = suite.cases.map((c) => requestOf(suite, c));
const reference = createRequire(import.meta.url)(join(root, "wasm", "pkg-node", "pubdata_policy_wasm.js"));
const refEngine = new reference.Engine("ganzi");
const expected = requests.map((r) => refEngine.check(r));

let work, tarball, nodeApp, viteApp, browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pdp-package-"));
  // Its own copy of the package (wasm/npm/ is what the demo is built from, maybe meanwhile).
  await run(join(root, "scripts", "build-npm"), [join(work, "npm")], { cwd: root });
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work, join(work, "npm")], { cwd: root });
  tarball = join(work, JSON.parse(stdout)[0].filename);

  nodeApp = join(work, "node-app");
  viteApp = join(work, "vite-app");
  cpSync(fixture, viteApp, { recursive: true });
  mkdirSync(join(viteApp, "public"));
  writeFileSync(join(viteApp, "public", "requests.json"), JSON.stringify(requests));
  mkdirSync(nodeApp);
  cpSync(join(fixture, "consumer.ts"), join(nodeApp, "consumer.ts"));
  writeFileSync(join(nodeApp, "package.json"), JSON.stringify({ name: "node-app", private: true }) + "\n");
  // Both installs side by side: the tarball, and in the Vite app vite as its lock file pins
  // it (`npm install`, not `npm ci`: npm 11 finds the lock of rolldown's optional
  // dependencies out of sync on another platform's entries).
  await Promise.all([
    run("npm", [...INSTALL, tarball], { cwd: nodeApp, timeout: INSTALL_TIMEOUT }),
    run("npm", [...INSTALL, tarball], { cwd: viteApp, timeout: INSTALL_TIMEOUT }),
  ]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the tarball holds one package: exports map, README, stable .wasm names, no example.invalid", () => {
  const pkg = JSON.parse(readFileSync(join(nodeApp, "node_modules", "pubdata-policy", "package.json"), "utf8"));
  const cargo = readFileSync(join(root, "wasm", "Cargo.toml"), "utf8");
  assert.equal(pkg.license, "Apache-2.0");
  assert.ok(!JSON.stringify(pkg).includes("example.invalid"));
  assert.deepEqual(Object.keys(pkg.exports), [
    ".", "./full", "./lite", "./worker", "./forms.wasm", "./lite.wasm", "./packs/*.json", "./full.wasm", "./package.json",
  ]);
  assert.match(readFileSync(join(root, "Cargo.toml"), "utf8") + cargo, new RegExp(`version = "${pkg.version.replace(/\./g, "\\.")}"`));
  const installed = join(nodeApp, "node_modules", "pubdata-policy");
  assert.match(readFileSync(join(installed, "README.md"), "utf8"), /wasm-unsafe-eval/);
  assert.ok(readdirSync(join(installed, "forms")).includes("forms.wasm"));
  assert.ok(readdirSync(join(installed, "full")).includes("full.wasm"));
  assert.ok(readdirSync(join(installed, "lite")).includes("lite.wasm"));
  assert.ok(readdirSync(join(installed, "packs")).includes("ganzi.json"));
});

test("Node: import (ESM) and require (CommonJS) decide as the nodejs package does", async () => {
  const input = join(nodeApp, "requests.json");
  writeFileSync(input, JSON.stringify(requests));
  const decide = (engine) => `JSON.stringify({ verdicts: JSON.parse(fs.readFileSync(${JSON.stringify(input)}, "utf8")).map((r) => ${engine}.check(r)), bindForm: typeof bindForm, fromSources: typeof Engine.fromSources })`;
  writeFileSync(join(nodeApp, "esm.mjs"),
    `import fs from "node:fs";\nimport init, { Engine, bindForm } from "pubdata-policy";\nawait init();\nconsole.log(${decide('new Engine("ganzi")')});\n`);
  writeFileSync(join(nodeApp, "cjs.cjs"),
    `const fs = require("node:fs");\nconst { Engine, bindForm } = require("pubdata-policy");\nconsole.log(${decide('new Engine("ganzi")')});\n`);
  for (const file of ["esm.mjs", "cjs.cjs"]) {
    const { stdout } = await run(process.execPath, [file], { cwd: nodeApp });
    const got = JSON.parse(stdout);
    assert.deepEqual(got.verdicts, expected, file);
    assert.deepEqual(got.verdicts.map((v) => v.outcome), suite.cases.map((c) => c.expect.outcome), file);
    assert.equal(got.bindForm, "function", file);
    assert.equal(got.fromSources, "function", `${file}: Node gets the full build`);
  }
});

test("types: tsc --strict, skipLibCheck false, lib ES2023, for Node (nodenext) and bundlers", async () => {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const options = (resolution) => ({
    compilerOptions: {
      strict: true, skipLibCheck: false, noEmit: true, target: "es2023", lib: ["es2023", "dom"], types: [],
      module: resolution === "bundler" ? "esnext" : "nodenext", moduleResolution: resolution,
    },
    files: ["consumer.ts"],
  });
  for (const [dir, resolution] of [[nodeApp, "nodenext"], [viteApp, "bundler"]]) {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), type: "module" }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(options(resolution)));
    await run(process.execPath, [tsc, "-p", dir], { cwd: dir }).catch((e) => assert.fail(`${resolution}: ${e.stdout}${e.stderr}`));
  }
});

/**
 * Serves `dir` on 127.0.0.1 with `headers`; resolves to its origin, the paths requested (in
 * order) and a close function.
 */
async function serve(dir, headers = {}) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
  const requested = [];
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    requested.push(path);
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = readFileSync(join(dir, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream", ...headers }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requested,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/** What the fixture page at `origin` writes into #verdict for the requests. */
async function pageResult(origin, messages = [], path = "/") {
  const page = await browser.context.newPage();
  const failures = [];
  page.on("response", (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
  page.on("console", (m) => messages.push(m.text()));
  try {
    await page.goto(`${origin}${path}`);
    await page.waitForSelector("#verdict[data-done]", { timeout: 60_000 });
    const text = await page.textContent("#verdict");
    return { text, failures };
  } finally {
    await page.close();
  }
}

function assertDecides({ text, failures }, where) {
  assert.deepEqual(failures, [], where);
  assert.ok(!text.startsWith("error"), `${where}: ${text}`);
  const got = JSON.parse(text);
  assert.deepEqual(got.verdicts, expected, where);
  assert.equal(got.bindForm, "function", where);
  assert.equal(got.fromSources, "undefined", `${where}: the browser gets the forms build`);
}

test("Vite: vite build, and the built page decides in Chromium (and under a strict CSP)", async () => {
  const vite = join(viteApp, "node_modules", "vite", "bin", "vite.js");
  await run(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: viteApp, timeout: 120_000 });
  const assets = readdirSync(join(viteApp, "dist", "assets"));
  assert.ok(assets.some((f) => /^forms-.*\.wasm$/.test(f)), `forms.wasm emitted: ${assets}`);
  assert.ok(!assets.some((f) => /^full-.*\.wasm$/.test(f)), "the full module is not emitted");

  const plain = await serve(join(viteApp, "dist"));
  const allowed = await serve(join(viteApp, "dist"), { "content-security-policy": "script-src 'self' 'wasm-unsafe-eval'" });
  const strict = await serve(join(viteApp, "dist"), { "content-security-policy": "script-src 'self'" });
  try {
    assertDecides(await pageResult(plain.origin), "vite build");
    // index.html's preload of the package's forms.wasm became the hashed asset init() fetches.
    const html = readFileSync(join(viteApp, "dist", "index.html"), "utf8");
    assert.match(html, /<link rel="preload" href="\/assets\/forms-[^"]+\.wasm"/, "vite build rewrote the preload");
    assert.deepEqual(plain.requested.filter((p) => p.endsWith(".wasm")).length, 1, `one download, the preload's: ${plain.requested}`);
    assertDecides(await pageResult(allowed.origin), "CSP script-src 'self' 'wasm-unsafe-eval'");
    assertDecides(await pageResult(allowed.origin, [], "/?engine=worker"), "the worker entry, vite build, strict CSP");
    const { text } = await pageResult(strict.origin);
    assert.match(text, /^error: CompileError: .*'unsafe-eval' is not an allowed source of script/, "CSP script-src 'self': the README's failure");
  } finally {
    await Promise.all([plain.close(), allowed.close(), strict.close()]);
  }
});

test("Vite: the dev server, without any configuration, serves pages that decide (the default entry, ./full and ./lite)", async () => {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const vite = join(viteApp, "node_modules", "vite", "bin", "vite.js");
  const child = spawn(process.execPath, [vite, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: viteApp, stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite dev did not start: ${log}`)), 60_000);
      const check = () => { if (log.includes(`${port}`)) { clearTimeout(timer); resolve(); } };
      child.stdout.on("data", check);
      child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`vite dev exited ${code}: ${log}`)); });
    });
    const result = await pageResult(`http://127.0.0.1:${port}`);
    assertDecides(result, `vite dev\n${log}`);
    assertDecides(await pageResult(`http://127.0.0.1:${port}`, [], "/?engine=worker"), `the worker entry in vite dev\n${log}`);
    const full = await pageResult(`http://127.0.0.1:${port}`, [], "/full.html");
    assert.ok(!full.text.startsWith("error"), `pubdata-policy/full in vite dev: ${full.text}`);
    const got = JSON.parse(full.text);
    assert.deepEqual(got.verdicts, expected, "pubdata-policy/full in vite dev");
    assert.equal(got.fromSources, "function");
    assert.equal(got.fromSourcesAgrees, true);
    // pubdata-policy/lite with the package's compiled pack, as its README shows.
    const lite = await pageResult(`http://127.0.0.1:${port}`, [], "/lite.html");
    assertDecides(lite, `pubdata-policy/lite in vite dev\n${log}`);
    assert.deepEqual(JSON.parse(lite.text).builtin, [], "lite has no built-in pack");
    assert.equal(JSON.parse(lite.text).workerAgrees, true, "the worker on lite.wasm answers as the page");
    assert.doesNotMatch(log, /__wbindgen_externrefs|error/i); // (a 403 would be in the page's failures)
  } finally {
    child.kill();
  }
});

test("no bundler: the forms/ folder served as it is, with the README's preload, which init() reuses", async () => {
  const site = join(work, "static-site");
  cpSync(join(nodeApp, "node_modules", "pubdata-policy", "forms"), join(site, "pdp"), { recursive: true });
  cpSync(join(viteApp, "public", "requests.json"), join(site, "requests.json"));
  const main = readFileSync(join(fixture, "main.js"), "utf8").replace('from "pubdata-policy"', 'from "/pdp/pubdata_policy_wasm.js"');
  assert.ok(main.includes("/pdp/pubdata_policy_wasm.js"));
  writeFileSync(join(site, "main.js"), main);
  // The fixture's preload (the package's file, for Vite) pointed at the copy, as the README's.
  const html = readFileSync(join(fixture, "index.html"), "utf8");
  const preload = '<link rel="preload" href="/node_modules/pubdata-policy/forms/forms.wasm" as="fetch" type="application/wasm" crossorigin>';
  assert.ok(html.includes(preload));
  writeFileSync(join(site, "index.html"), html.replace(preload, preload.replace("/node_modules/pubdata-policy/forms/", "/pdp/")));
  const server = await serve(site);
  try {
    const messages = [];
    assertDecides(await pageResult(server.origin, messages), "static forms/ with preload");
    assert.deepEqual(server.requested.filter((p) => p.endsWith(".wasm")), ["/pdp/forms.wasm"], "one download: the preload's");
    // The module is one script, bindForm written into it: nothing more to fetch in turn before
    // its .wasm (scripts/build-wasm).
    assert.deepEqual(server.requested.filter((p) => p.endsWith(".js")), ["/main.js", "/pdp/pubdata_policy_wasm.js"]);
    assert.deepEqual(messages.filter((m) => /preload/i.test(m)), [], "no 'preloaded but not used' warning");
  } finally {
    await server.close();
  }
});
