#!/usr/bin/env node
// Builds the demo into js-demo/dist/: the pages' sources (js-demo/src/), the package's
// `web` target (wasm/pkg-web/, from scripts/build-wasm) under dist/pkg/ for the playground,
// its build without the authoring calls as the npm package has it (wasm/npm/forms/: forms.wasm
// and the worker entry) under dist/pkg-forms/ for the forms, and lite.html: the forms page
// on the package's module without built-in packs (wasm/npm/lite/lite.wasm, under
// dist/pkg-lite/) with every jurisdiction's compiled pack (wasm/npm/packs/, under
// dist/packs/), the scenario
// files (tests/vectors/) under dist/vectors/ with an index, `vectors/index.json`
// ({ jurisdiction: [file name, …] }), and each pack's coverage matrix with the regulation
// texts it classifies (policies/<jurisdiction>/coverage.json and *.txt) under
// dist/coverage/ with the same kind of index, for the playground page to fetch from the
// same origin; and the playground's editor (js-demo/editor/, CodeMirror from the root
// package.json's devDependencies) bundled by esbuild into one module, dist/editor.js, with
// the licences of what it holds in dist/editor.licenses.txt. Nothing is fetched: dist/ is
// what `node js-demo/serve.mjs` serves, and what could be copied to any static host.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { buildSync, transformSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

/**
 * Builds into `out` (default js-demo/dist); returns the files written, relative to it.
 * `minify`: as a site would serve them (bench/run builds the demo the phone profile loads
 * so), the forms page's script bundled with what it imports into one module, and every
 * other script and style sheet minified in place.
 */
export function build(out = join(here, "dist"), { minify = false } = {}) {
  // Absolute, as esbuild names the files it bundles: bundleForms tells the package's files
  // from the forms by their folder (bench/run passes a relative one).
  out = resolve(out);
  // The playground's full web build; the forms' build as the npm package has it (forms/:
  // forms.wasm, the worker entry), from scripts/build-npm.
  const packages = { pkg: [join(root, "wasm", "pkg-web"), "pubdata_policy_wasm_bg.wasm"], "pkg-forms": [join(root, "wasm", "npm", "forms"), "forms.wasm"] };
  for (const [pkg, wasm] of Object.values(packages)) {
    const glue = join(pkg, "pubdata_policy_wasm.js");
    if (!existsSync(glue) || !existsSync(join(pkg, wasm))) {
      throw new Error(`no web package in ${relative(process.cwd(), pkg) || pkg}: run scripts/build-wasm first`);
    }
    if (!/export \{[^}]*\bas bindForm\b|export function bindForm\b/.test(readFileSync(glue, "utf8"))) {
      throw new Error(`the web package in ${pkg} has no bindForm: it is older than wasm/src/form.rs; run scripts/build-wasm`);
    }
  }
  rmSync(out, { recursive: true, force: true });
  cpSync(join(here, "src"), out, { recursive: true });
  for (const [dir, [pkg, wasm]] of Object.entries(packages)) {
    mkdirSync(join(out, dir), { recursive: true });
    for (const name of ["pubdata_policy_wasm.js", wasm, "pubdata_policy_wasm.d.ts", "snippets", "worker.js", "worker.d.ts", "engine-worker.js"]) {
      if (existsSync(join(pkg, name))) cpSync(join(pkg, name), join(out, dir, name), { recursive: true });
    }
  }
  writeLite(out);
  bundleEditor(join(out, "editor.js"));
  copyVectors(join(root, "tests", "vectors"), join(out, "vectors"));
  copyCoverage(join(root, "policies"), join(out, "coverage"));
  const files = listFiles(out);
  if (minify) {
    // editor.js is already one minified bundle; app.js becomes one here, and each form it
    // loads later another.
    const bundled = [join(out, "editor.js"), ...bundleForms(join(out, "app.js"), Object.keys(packages).map((dir) => join(out, dir)))];
    files.filter((f) => /\.(js|css)$/.test(f) && !bundled.includes(f)).forEach(minifyFile);
  }
  return files.map((f) => relative(out, f)).sort();
}

/**
 * lite.html: index.html on `pubdata-policy/lite`, marked so for app.js and preloading
 * lite.wasm instead; beside it the module and the packs, as the npm package has them.
 */
function writeLite(out) {
  const npm = join(root, "wasm", "npm");
  if (!existsSync(join(npm, "lite", "lite.wasm")) || !existsSync(join(npm, "packs"))) {
    throw new Error("no wasm/npm/lite/lite.wasm or wasm/npm/packs/: run scripts/build-wasm first");
  }
  mkdirSync(join(out, "pkg-lite"));
  cpSync(join(npm, "lite", "lite.wasm"), join(out, "pkg-lite", "lite.wasm"));
  cpSync(join(npm, "packs"), join(out, "packs"), { recursive: true });
  let lite = readFileSync(join(out, "index.html"), "utf8");
  for (const [from, to] of [['<html lang="zh-CN">', '<html lang="zh-CN" data-module="lite">'], ['href="pkg-forms/forms.wasm"', 'href="pkg-lite/lite.wasm"']]) {
    if (!lite.includes(from)) throw new Error(`src/index.html has no ${from}, which lite.html changes`);
    lite = lite.replace(from, to);
  }
  writeFileSync(join(out, "lite.html"), lite);
}

/**
 * The forms page's script and the modules it imports (the package's script and its form
 * binding, the sharing form, the words), minified into one module in its place: a phone on
 * a slow link otherwise fetched them a round trip after another, and one file compresses
 * better than seven (BENCHMARKS.md). What it imports dynamically stays a file of its own,
 * fetched when needed: the forms not on show, each bundled in its place too, and the
 * package's worker entry, left as the package has it in one of `packageDirs` (it starts its
 * worker from the file beside it). Returns the files bundled.
 */
function bundleForms(entry, packageDirs) {
  const options = { bundle: true, format: "esm", minify: true, target: "es2022", charset: "utf8", logLevel: "warning" };
  const { metafile } = buildSync({ ...options, entryPoints: [entry], outfile: entry, write: false, metafile: true, logLevel: "silent" });
  const later = Object.values(metafile.inputs).flatMap((input) => input.imports).filter((i) => i.kind === "dynamic-import");
  buildSync({ ...options, entryPoints: [entry], outfile: entry, allowOverwrite: true, external: later.map((i) => i.original) });
  const forms = [...new Set(later.map((i) => resolve(i.path)))].filter((path) => !packageDirs.some((dir) => path.startsWith(`${dir}${sep}`)));
  for (const path of forms) buildSync({ ...options, entryPoints: [path], outfile: path, allowOverwrite: true });
  return [entry, ...forms];
}

/**
 * A script (an ES module) or a style sheet, minified in place. `charset: "utf8"` (here and in
 * the bundle): the Chinese words stay UTF-8, 3 bytes a character, where esbuild's default
 * escapes each as `\uXXXX` (the forms page's bundle: 19,532 B of Brotli against 20,138).
 */
function minifyFile(path) {
  const loader = path.endsWith(".css") ? "css" : "js";
  const { code } = transformSync(readFileSync(path, "utf8"), {
    loader, minify: true, target: "es2022", charset: "utf8", format: loader === "js" ? "esm" : undefined, sourcefile: path,
  });
  writeFileSync(path, code);
}

/**
 * The editor and the parts of CodeMirror it uses, as one minified ES module; beside it the
 * licence of each npm package bundled (their MIT notices travel with the copy).
 */
function bundleEditor(outfile) {
  const { metafile } = buildSync({
    entryPoints: [join(here, "editor", "editor.js")], outfile, bundle: true, format: "esm", minify: true,
    target: "es2022", legalComments: "none", metafile: true, logLevel: "warning",
  });
  const packages = new Set(Object.keys(metafile.inputs)
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter(Boolean));
  const notices = [...packages].sort().map((name) => {
    const dir = join(root, "node_modules", name);
    const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    return `${name}@${version} (${license})\n\n${file ? readFileSync(join(dir, file), "utf8").trim() : license}\n`;
  });
  writeFileSync(join(dirname(outfile), "editor.licenses.txt"),
    `What editor.js bundles, with each package's licence.\n\n${notices.join(`\n${"-".repeat(72)}\n\n`)}`);
}

/** Each jurisdiction's scenario files, and the index of them. */
function copyVectors(from, to) {
  const index = {};
  for (const j of readdirSync(from).sort()) {
    if (!statSync(join(from, j)).isDirectory()) continue;
    const files = readdirSync(join(from, j)).filter((f) => f.endsWith(".json")).sort();
    mkdirSync(join(to, j), { recursive: true });
    for (const f of files) cpSync(join(from, j, f), join(to, j, f));
    index[j] = files;
  }
  writeFileSync(join(to, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
}

/**
 * Each pack's `coverage.json` and regulation texts (`*.txt`), and the index of them: what
 * the playground hands `Engine.coverage` beside the edited policies.
 */
function copyCoverage(from, to) {
  const index = {};
  for (const j of readdirSync(from).sort()) {
    if (!existsSync(join(from, j, "coverage.json"))) continue;
    const files = readdirSync(join(from, j)).filter((f) => f === "coverage.json" || f.endsWith(".txt")).sort();
    mkdirSync(join(to, j), { recursive: true });
    for (const f of files) cpSync(join(from, j, f), join(to, j, f));
    index[j] = files;
  }
  writeFileSync(join(to, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const minify = args.includes("--minify");
    const out = args.find((a) => a !== "--minify") ?? join(here, "dist");
    const files = build(out, { minify });
    const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
    console.log(`js-demo: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, in ${relative(process.cwd(), out) || out}`);
  } catch (e) {
    console.error(`js-demo: ${e.message}`);
    process.exit(1);
  }
}
