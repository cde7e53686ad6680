// The built SPA is served compressed and cached right: a fixture dist folder precompressed by the
// build's own plugin; br and gzip bodies decompress to the original, no Accept-Encoding gets the
// original; hashed /assets/ files are immutable, index.html (and the SPA fallback) no-cache;
// ETag revalidation answers 304; the security headers stay.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { precompressDir } from "../../web/precompress.ts";

const dist = fs.mkdtempSync(path.join(os.tmpdir(), "bod-dist-"));
const JS = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `order ${i}` })))};\n`;
const HTML = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${"<!-- padding -->".repeat(80)}</body></html>`;
let server: http.Server;
let base: string;

function get(urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(base + urlPath, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), HTML);
  fs.writeFileSync(path.join(dist, "assets", "index-Ab12Cd34.js"), JS);
  fs.writeFileSync(path.join(dist, "assets", "tiny-Zz99.js"), "export {};\n");
  await precompressDir(dist);
  server = createApp({ logLevel: "silent", webDist: dist }).listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe("static assets", () => {
  it("writes .br and .gz next to compressible files over 1 KB only", () => {
    expect(fs.existsSync(path.join(dist, "assets", "index-Ab12Cd34.js.br"))).toBe(true);
    expect(fs.existsSync(path.join(dist, "assets", "index-Ab12Cd34.js.gz"))).toBe(true);
    expect(fs.existsSync(path.join(dist, "assets", "tiny-Zz99.js.br"))).toBe(false);
  });

  it("answers br, gzip or identity by Accept-Encoding, each decoding to the original", async () => {
    const br = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(br.headers["content-length"])).toBeLessThan(Buffer.byteLength(JS) / 3);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(JS);

    const gz = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(JS);

    const none = await get("/assets/index-Ab12Cd34.js");
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.headers.vary).toMatch(/accept-encoding/i);
    expect(none.body.toString()).toBe(JS);

    const refused = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(JS);
  });

  it("caches hashed assets for a year, immutable, and revalidates with ETag", async () => {
    const first = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "br" });
    expect(first.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(first.headers.etag).toBeTruthy();
    const again = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "br", "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const identity = await get("/assets/index-Ab12Cd34.js");
    expect(identity.headers.etag).not.toBe(first.headers.etag);
    const small = await get("/assets/tiny-Zz99.js", { "accept-encoding": "br" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe("export {};\n");
  });

  it("serves index.html and the SPA fallback with no-cache, compressed, under the strict CSP", async () => {
    for (const p of ["/index.html", "/orders", "/orders/123/pick"]) {
      const res = await get(p, { "accept-encoding": "br" });
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["content-encoding"]).toBe("br");
      expect(zlib.brotliDecompressSync(res.body).toString()).toBe(HTML);
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
    const first = await get("/orders");
    const again = await get("/orders", { "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
  });

  it("never serves the compressed files by their own names, nor files outside the folder", async () => {
    const br = await get("/assets/index-Ab12Cd34.js.br");
    expect(br.headers["content-type"]).toMatch(/^text\/html/);
    const outside = await get("/assets/..%2f..%2fetc%2fpasswd");
    expect(outside.body.toString()).not.toContain("root:");
    const api = await get("/api/nope", { "accept-encoding": "br" });
    expect(api.status).toBe(404);
  });
});
