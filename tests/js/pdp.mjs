// The pdp binary as `cargo test --workspace` builds it (the same command, so nothing is
// rebuilt; scripts/test runs it before scripts/test-wasm), for the suites that compare the
// package with the command line. PDP_BIN names another binary.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

import { root } from "./vectors.mjs";

export function pdpBinary() {
  if (process.env.PDP_BIN) return process.env.PDP_BIN;
  const out = execFileSync("cargo", ["test", "--workspace", "--locked", "--no-run", "--message-format=json"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 });
  const bin = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))
    .find((m) => m.reason === "compiler-artifact" && m.target?.name === "pdp" && m.target.kind.includes("bin") && !m.profile.test);
  assert.ok(bin?.executable, "cargo test --workspace --no-run built no pdp binary");
  return bin.executable;
}
