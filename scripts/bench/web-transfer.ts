/**
 * Bytes the orders desk's first load transfers: index.html, the entry script and everything it
 * imports statically (modulepreloads), the stylesheets, and the orders page's chunk with its
 * static imports, fetched from the API's static serving (http/web-static.ts) with and without
 * Accept-Encoding. Compares two built dist folders (before and after a change).
 *
 *   node --import tsx scripts/bench/web-transfer.ts /tmp/dist-before /tmp/dist-speed
 *
 * The last line printed is one JSON object.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import express from "express";
import { webStatic } from "../../apps/api/src/http/web-static.ts";
import { machineLine } from "./bench-db.ts";

function firstLoadFiles(dist: string): string[] {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const roots = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const ordersChunk = fs.readdirSync(path.join(dist, "assets")).find((f) => /^orders-page-.*\.js$/.test(f));
  if (ordersChunk) roots.push(`/assets/${ordersChunk}`);
  const seen = new Set<string>(["/index.html"]);
  const visit = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    if (!p.endsWith(".js")) return;
    const code = fs.readFileSync(path.join(dist, p), "utf8");
    // Static imports only (import ... from "./x.js" / import "./x.css"), not import("./x.js").
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+)["']/g)) visit(path.posix.join("/assets", m[1]!));
  };
  roots.forEach(visit);
  return [...seen];
}

function size(base: string, p: string, encoding?: string) {
  return new Promise<number>((resolve, reject) => {
    http.get(base + p, { headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => (n += c.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${p}: ${res.statusCode}`))));
    }).on("error", reject);
  });
}

async function measure(dist: string) {
  const server = express().use(webStatic(dist)).listen(0);
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const files = firstLoadFiles(dist);
  const row = { files: files.length, identity: 0, gzip: 0, br: 0 };
  for (const f of files) {
    row.identity += await size(base, f);
    row.gzip += await size(base, f, "gzip");
    row.br += await size(base, f, "gzip, deflate, br");
  }
  server.close();
  console.log(`${dist}: ${files.length} files: ${files.join(" ")}`);
  return row;
}

console.log(machineLine());
const [beforeDir, afterDir] = process.argv.slice(2);
const before = await measure(beforeDir!);
const after = await measure(afterDir!);
console.log(JSON.stringify({ ordersDeskFirstLoadBytes: { before, after } }));
