// Load test of `pdp serve` on loopback: 50 concurrent clients POST /v1/check for at most
// 20,000 requests or 30 seconds (whichever ends first), then requests/s and latency
// percentiles; the server is stopped with SIGTERM and the log must hold one record per
// answered request.
//
//   cargo build -p pdp && node bench/serve-load.mjs        # PDP=path/to/pdp for another build
//   CLIENTS=50 REQUESTS=20000 DURATION=30 LOG=sqlite:/tmp/x.db node bench/serve-load.mjs
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pdp = process.env.PDP ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug", "pdp");
const clients = Number(process.env.CLIENTS ?? 50);
const limit = Number(process.env.REQUESTS ?? 20000);
const seconds = Number(process.env.DURATION ?? 30);
const dir = mkdtempSync(join(tmpdir(), "pdp-load-"));
const log = process.env.LOG ?? `sqlite:${join(dir, "log.db")}`;

const server = spawn(pdp, ["serve", "--listen", "127.0.0.1:0", "--log", log, "--max-concurrent", "256"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [first] = await once(server.stdout, "data");
const base = String(first).match(/http:\/\/(127\.0\.0\.1:\d+)/)?.[0];
if (!base) throw new Error(`no address in: ${first}`);

const request = (n) =>
  JSON.stringify({
    jurisdiction: "ganzi", kind: "share", date: "2026-09-28",
    requester: { id: `load-${n}`, type: "department", name: "州卫生健康委员会" },
    resource: { id: "pop-basic", name: "人口基础信息", sharing: "conditional" },
    application: { purpose: "duty", scenario: "医保待遇资格核验", needBasis: "《社会保险法》",
                   businessGoal: "资格核验", securityMeasures: "专线访问", commitment: true },
  });

const latencies = [];
let next = 0, failed = 0;
const started = performance.now();
const until = started + seconds * 1000;
async function client() {
  while (next < limit && performance.now() < until) {
    const n = next++;
    const t = performance.now();
    const res = await fetch(`${base}/v1/check`, { method: "POST", body: request(n),
                                                  headers: { "content-type": "application/json" } });
    const body = await res.json();
    if (res.status === 200 && body.outcome === "review") latencies.push(performance.now() - t);
    else failed++;
  }
}
await Promise.all(Array.from({ length: clients }, client));
const elapsed = (performance.now() - started) / 1000;

server.kill("SIGTERM");
await once(server, "exit");
const records = JSON.parse(execFileSync(pdp, ["log", "--log", log, "--limit", "0", "--format", "json"],
                                        { maxBuffer: 1 << 30 }));
rmSync(dir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
console.log(`pdp serve, ${clients} clients on loopback, log ${log.split(":")[0]}: ${latencies.length} answered ` +
            `(${failed} failed) in ${elapsed.toFixed(1)} s`);
console.log(`  ${(latencies.length / elapsed).toFixed(0)} requests/s; latency ms p50 ${pct(50)}, p90 ${pct(90)}, ` +
            `p99 ${pct(99)}, max ${pct(100)}`);
console.log(`  log: ${records.length} records for ${latencies.length + failed} requests`);
if (records.length < latencies.length) {
  console.error("answered requests are missing from the log");
  process.exit(1);
}
