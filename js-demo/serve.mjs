#!/usr/bin/env node
// A static file server for the demo, with no dependency: `node js-demo/serve.mjs [DIR]`
// serves DIR (default js-demo/dist) on http://127.0.0.1:PORT/ and prints the URL. PORT
// comes from the environment (0 picks a free port); without it, 8080, or a free port when
// 8080 is taken. Only GET and HEAD, only files
// under DIR, never a directory listing. The tests import `serveStatic` to serve their pages.

import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".cedar": "text/plain; charset=utf-8",
};

/**
 * Starts serving `root`; resolves to `{ server, url }` once listening. `allow`, when
 * given, lists the URL path prefixes that may be served (anything else is 404).
 */
export function serveStatic({ root, port = 0, host = "127.0.0.1", allow, index = "index.html" }) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += index;
    if (allow !== undefined && !allow.some((p) => path.startsWith(p))) {
      res.writeHead(404).end();
      return;
    }
    const file = resolve(join(base, path));
    const type = TYPES[extname(file)];
    if ((file !== base && !file.startsWith(base + sep)) || type === undefined) {
      res.writeHead(404).end();
      return;
    }
    let size;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error("not a file");
      size = stat.size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": type,
      "content-length": size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { port: actual } = server.address();
      resolvePromise({ server, url: `http://${host}:${actual}/` });
    });
  });
}

const here = dirname(fileURLToPath(import.meta.url));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(here, "dist");
  try {
    statSync(join(root, "index.html"));
  } catch {
    console.error(`serve: no ${join(root, "index.html")}; build the demo first (node js-demo/build.mjs)`);
    process.exit(1);
  }
  const given = process.env.PORT !== undefined && process.env.PORT !== "";
  const port = given ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, not \`${process.env.PORT}\``);
    process.exit(1);
  }
  serveStatic({ root, port })
    .catch((e) => {
      if (given || e.code !== "EADDRINUSE") throw e;
      return serveStatic({ root, port: 0 });
    })
    .then(({ url }) => {
      console.log(`pubdata-policy demo: ${url}  (Ctrl-C stops it)`);
    })
    .catch((e) => {
      const hint = e.code === "EADDRINUSE" ? `; try PORT=0 for a free port, or another PORT` : "";
      console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}${hint}`);
      process.exit(1);
    });
}
