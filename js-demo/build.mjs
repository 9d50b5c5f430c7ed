#!/usr/bin/env node
// Builds the demo into js-demo/dist/: the page's sources (js-demo/src/) and the package's
// `web` target (wasm/pkg-web/, from scripts/build-wasm) under dist/pkg/. Nothing else is
// fetched or generated: dist/ is what `node js-demo/serve.mjs` serves, and what could be
// copied to any static host.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

/** Builds into `out` (default js-demo/dist); returns the files written, relative to it. */
export function build(out = join(here, "dist")) {
  const pkg = join(root, "wasm", "pkg-web");
  const glue = join(pkg, "pubdata_policy_wasm.js");
  if (!existsSync(glue) || !existsSync(join(pkg, "pubdata_policy_wasm_bg.wasm"))) {
    throw new Error(`no web package in ${relative(process.cwd(), pkg) || pkg}: run scripts/build-wasm first`);
  }
  if (!/export \{[^}]*\bas bindForm\b|export function bindForm\b/.test(readFileSync(glue, "utf8"))) {
    throw new Error(`the web package in ${pkg} has no bindForm: it is older than wasm/src/form.rs; run scripts/build-wasm`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "pkg"), { recursive: true });
  cpSync(join(here, "src"), out, { recursive: true });
  for (const name of ["pubdata_policy_wasm.js", "pubdata_policy_wasm_bg.wasm", "pubdata_policy_wasm.d.ts", "snippets"]) {
    if (existsSync(join(pkg, name))) cpSync(join(pkg, name), join(out, "pkg", name), { recursive: true });
  }
  return listFiles(out).map((f) => relative(out, f)).sort();
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = process.argv[2] ?? join(here, "dist");
    const files = build(out);
    const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
    console.log(`js-demo: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${relative(process.cwd(), out) || out}`);
  } catch (e) {
    console.error(`js-demo: ${e.message}`);
    process.exit(1);
  }
}
