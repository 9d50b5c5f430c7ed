// The `web` package in headless Chromium gives the native engine's answer, field for field,
// for every scenario vector, and a structured error for bad input: a page served from
// 127.0.0.1 imports the package, Playwright drives Debian's chromium.
//
// PDP_CHROMIUM names another browser binary (default /usr/bin/chromium).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";

import { chromium } from "playwright-core";

import { comparable } from "./calls.mjs";
import { assertBoundary, native, parityCalls, root } from "./vectors.mjs";

const served = ["/wasm/pkg-web/", "/tests/js/page.html", "/tests/js/calls.mjs"];
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

let server, context, page, profile;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const ext = path.slice(path.lastIndexOf("."));
    if (!served.some((p) => path.startsWith(p) || path === p) || types[ext] === undefined) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(root, path));
      res.writeHead(200, { "content-type": types[ext] }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  profile = mkdtempSync(join(tmpdir(), "pdp-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PDP_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync",
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/tests/js/page.html`);
  await page.waitForFunction(() => window.pdpReady !== undefined, null, { timeout: 60_000 });
  const ready = await page.evaluate(() => window.pdpReady);
  assert.equal(ready, "ready", `the page did not load the package: ${ready} ${errors.join("; ")}`);
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("in Chromium, every vector case gives the native verdict, error or share status", async () => {
  const calls = parityCalls();
  const inputs = calls.map(({ id, jurisdiction, call, arg }) => ({ id, jurisdiction, call, arg }));
  const answers = await page.evaluate((c) => window.runCalls(c), inputs);
  assert.equal(answers.length, calls.length);
  const differ = [];
  calls.forEach((c, i) => {
    try {
      assert.deepStrictEqual(comparable(answers[i]), comparable(c.want));
    } catch (e) {
      differ.push(`${c.id}\n${e.message}`);
    }
  });
  assert.equal(differ.length, 0, `${differ.length} of ${calls.length} calls differ:\n${differ.join("\n\n")}`);
});

test("in Chromium, the built-in jurisdictions are the native ones", async () => {
  const nat = native();
  const built = Object.entries(nat.jurisdictions).filter(([, j]) => j.error === undefined).map(([id]) => id);
  const got = await page.evaluate(() => window.jurisdictions());
  assert.deepEqual([...got].sort(), built.sort());
});

test("in Chromium, bad input is a structured error with its field, never a trap", async () => {
  assertBoundary(await page.evaluate(() => window.runBoundaryCases()));
});
