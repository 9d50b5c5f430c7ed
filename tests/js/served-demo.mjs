// The demo (js-demo/) built into a temporary folder, served from 127.0.0.1, and a headless
// Chromium page that records its errors: what demo.test.mjs and playground.test.mjs share.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

import { build } from "../../js-demo/build.mjs";
import { serveStatic } from "../../js-demo/serve.mjs";
import { launchChromium } from "./chromium.mjs";

/**
 * `{ page, url, root, errors, close }`: `root` is the build's folder; `errors` collects
 * uncaught exceptions and console errors (empty it between tests); `close` stops the
 * browser and the server and removes the build. `minify`: the build's scripts and style
 * sheets minified (`build`'s option), as bench/ serves the demo. `relativeOut`: the build
 * is given its folder relative to the working directory, as bench/run gives it.
 */
export async function servedDemo(prefix, { minify = false, relativeOut = false } = {}) {
  const out = mkdtempSync(join(tmpdir(), prefix));
  let served, browser;
  const close = async () => {
    await browser?.close();
    await new Promise((r) => (served ? served.server.close(r) : r()));
    rmSync(out, { recursive: true, force: true });
  };
  try {
    build(relativeOut ? relative(process.cwd(), out) : out, { minify });
    served = await serveStatic({ root: out });
    browser = await launchChromium({ locale: "zh-CN" });
  } catch (e) {
    await close();
    throw e;
  }
  const errors = [];
  browser.page.on("pageerror", (e) => errors.push(String(e)));
  browser.page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return { page: browser.page, url: served.url, root: out, errors, close };
}
