// Debian's chromium driven by playwright-core, started as browser.test.mjs starts it: a
// fresh temporary profile, headless, no sandbox, no background traffic. For the form
// binding's and the demo's suites. PDP_CHROMIUM names another binary.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync",
];

/** `{ context, page, close }`: a persistent context on a new profile, and its first page. */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "pdp-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.PDP_CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      ...options,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}
