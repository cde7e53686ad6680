// The classes of malformed input that once answered 500: each must get a clear 4xx in the
// one error shape and change nothing. The fuzzer (fuzz.test.ts) covers the rest at random.
import http from "node:http";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ZErrorResponse } from "@bod/contracts/common";
import { ApiClient, signUpCompany } from "./client.ts";
import { dbRows } from "./guards.ts";
import { testEnv } from "./env.ts";

interface Raw {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
}

/** A request exactly as written: no URL normalisation, any header, any bytes. */
function raw(client: ApiClient, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Raw> {
  const url = new URL(testEnv.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          ...(client.cookie ? { cookie: client.cookie } : {}),
          ...(client.csrfToken && method !== "GET" ? { "x-csrf-token": client.csrfToken } : {}),
          ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: any = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function expectRefused(res: Raw | { status: number; body: any }, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(ZErrorResponse.safeParse(res.body).success, JSON.stringify(res.body)).toBe(true);
  if (code) expect(res.body.error.code).toBe(code);
}

const json = { "content-type": "application/json" };
let admin: ApiClient;
let warehouseId: string;
let productId: string;

async function counts() {
  const [row] = await dbRows(
    `SELECT (SELECT count(*) FROM warehouses) w, (SELECT count(*) FROM products) p, (SELECT count(*) FROM stock_movements) m,
            (SELECT coalesce(sum(on_hand), 0) FROM stock_levels) s, (SELECT count(*) FROM sales_orders) o, (SELECT count(*) FROM users) u`,
  );
  return row;
}

beforeAll(async () => {
  admin = await signUpCompany("Boundaries Co");
  const wh = await admin.post("/api/v1/warehouses", { code: "MAIN", name: "Main" });
  warehouseId = wh.body.id;
  const p = await admin.post("/api/v1/products", { sku: "SKU-1", name: "Thing" });
  productId = p.body.id;
});

describe("text the database cannot store", () => {
  it("a NUL byte in a query, a path or a body field is 400 naming the field, and changes nothing", async () => {
    const before = await counts();
    expectRefused(await admin.get("/api/v1/products?q=%00"), 400, "invalid_input");
    expectRefused(await raw(admin, "GET", "/api/v1/warehouses/%00"), 400, "invalid_input");
    const res = await admin.post("/api/v1/warehouses", { code: "A\u0000B", name: "x" });
    expectRefused(res, 400, "invalid_input");
    expect(res.body.error.details.map((d: any) => d.path)).toContain("code");
    expectRefused(await admin.post("/api/v1/stock/adjustments", { warehouseId, productId, quantity: 5, reason: "a\u0000b" }), 400, "invalid_input");
    expect(await counts()).toEqual(before);
  });

  it("a lone surrogate or bytes that are not UTF-8 are 400", async () => {
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", '{"code":"X\\ud800","name":"x"}', json), 400, "invalid_input");
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", Buffer.from([0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), json), 400, "invalid_input");
  });

  it("bad percent-encoding in a path is 400", async () => {
    expectRefused(await raw(admin, "GET", "/api/v1/warehouses/%ZZ"), 400, "invalid_input");
    expectRefused(await raw(admin, "PATCH", "/api/v1/products/%E0%A4%A", '{"name":"x"}', json), 400, "invalid_input");
  });
});

describe("request bodies", () => {
  it("an unsupported charset is 415", async () => {
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", '{"code":"C1","name":"x"}', { "content-type": "application/json; charset=iso-8859-1" }), 415);
  });

  it("a body that is not JSON is 415", async () => {
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", "code=C1&name=x", { "content-type": "application/x-www-form-urlencoded" }), 415);
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", '{"code":"C1","name":"x"}', { "content-type": "text/plain" }), 415);
  });

  it("an unknown Content-Encoding is 415; gzip that is not gzip is 400; real gzip is read", async () => {
    const body = '{"code":"GZ","name":"Gzipped"}';
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", body, { ...json, "content-encoding": "zstd-unknown" }), 415);
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", body, { ...json, "content-encoding": "gzip" }), 400, "invalid_input");
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", body, { ...json, "content-encoding": "br" }), 400, "invalid_input");
    const ok = await raw(admin, "POST", "/api/v1/warehouses", zlib.gzipSync(body), { ...json, "content-encoding": "gzip" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it("a body over the limit is 413", async () => {
    const big = JSON.stringify({ code: "BIG", name: "x".repeat(3 * 1024 * 1024) });
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", big, json), 413);
  });

  it("a request line over Node's header limit is 431 in the one error shape", async () => {
    const res = await raw(admin, "GET", `/api/v1/products?q=${"y".repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(ZErrorResponse.safeParse(res.body).success, JSON.stringify(res.body)).toBe(true);
  });

  it("malformed JSON is 400", async () => {
    expectRefused(await raw(admin, "POST", "/api/v1/warehouses", '{"code":', json), 400, "invalid_input");
  });
});

describe("numbers the columns cannot hold", () => {
  it("integers at or above 2^31 are 400 naming the field, and change nothing", async () => {
    const before = await counts();
    const res = await admin.post("/api/v1/stock/adjustments", { warehouseId, productId, quantity: 2147483648, reason: "count" });
    expectRefused(res, 400, "invalid_input");
    expect(res.body.error.details.map((d: any) => d.path)).toContain("quantity");
    expectRefused(await admin.patch(`/api/v1/products/${productId}`, { priceCents: 2147483648 }), 400, "invalid_input");
    expectRefused(await admin.get("/api/v1/products?limit=2147483648"), 400, "invalid_input");
    expect(await counts()).toEqual(before);
  });
});

describe("dates no warehouse means", () => {
  it("year 0 in a list filter is 400 naming the field (found by the fuzzer: the database refused it)", async () => {
    for (const q of ["orderDateFrom=0000-01-01", "orderDateTo=0001-06-30T00:00:00Z", "orderDateFrom=1899-12-31"]) {
      const res = await admin.get(`/api/v1/orders?${q}`);
      expectRefused(res, 400, "invalid_input");
      expect(res.body.error.details.map((d: any) => d.path).join(), q).toMatch(/orderDate(From|To)/);
    }
    expect((await admin.get("/api/v1/orders?orderDateFrom=1900-01-01&orderDateTo=9999-12-31")).status).toBe(200);
  });

  it("an order dated year 0 is 400 naming orderDate, and nothing is created", async () => {
    const channel = await admin.post("/api/v1/channels", { name: "Dated", kind: "manual", defaultWarehouseId: warehouseId });
    const before = await counts();
    const res = await admin.post("/api/v1/orders", { channelId: channel.body.id, customerName: "Time Traveller", orderDate: "0000-03-01T00:00:00Z", lines: [{ productId, quantity: 1, unitPriceCents: 100 }] });
    expectRefused(res, 400, "invalid_input");
    expect(res.body.error.details.map((d: any) => d.path)).toContain("orderDate");
    expect(await counts()).toEqual(before);
  });
});

describe("sums the columns cannot hold", () => {
  it("stock that would pass 2^31 − 1 on hand is 422 and changes nothing (found by the fuzzer)", async () => {
    expect((await admin.post("/api/v1/stock/adjustments", { warehouseId, productId, quantity: 2147483637, reason: "count" })).status).toBe(201);
    const before = await counts();
    const res = await admin.post("/api/v1/stock/adjustments", { warehouseId, productId, quantity: 100, reason: "count" });
    expectRefused(res, 422, "rule_violation");
    expect(await counts()).toEqual(before);
    expect((await admin.post("/api/v1/stock/adjustments", { warehouseId, productId, quantity: -2147483637, reason: "count" })).status).toBe(201);
  });

  it("an order whose total passes 2^31 − 1 cents is 400 naming lines, and nothing is created", async () => {
    const channel = await admin.post("/api/v1/channels", { name: "Manual", kind: "manual", defaultWarehouseId: warehouseId });
    const before = await counts();
    const res = await admin.post("/api/v1/orders", { channelId: channel.body.id, customerName: "Big Spender", lines: [{ productId, quantity: 2_000_000, unitPriceCents: 2_000 }] });
    expectRefused(res, 400, "invalid_input");
    expect(res.body.error.details.map((d: any) => d.path)).toContain("lines");
    expect(await counts()).toEqual(before);
  });

  it("lists and reports that add up past 2^31 − 1 units still answer (found by the fuzzer: the backorder report summed into integers)", async () => {
    const channel = await admin.post("/api/v1/channels", { name: "Free samples", kind: "manual", defaultWarehouseId: warehouseId });
    for (const n of [1, 2]) {
      const created = await admin.post("/api/v1/orders", { channelId: channel.body.id, customerName: `Sampler ${n}`, lines: [{ productId, quantity: 2_000_000_000, unitPriceCents: 0 }] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    for (const path of ["/api/v1/reports/backorders", "/api/v1/reports/backorders/summary", "/api/v1/reports/backorders.csv", "/api/v1/orders", "/api/v1/orders/counts"]) {
      const res = await admin.get(path);
      expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    }
    const report = await admin.get("/api/v1/reports/backorders");
    expect(report.body.items.find((r: any) => r.productId === productId)?.demand).toBe(4_000_000_000);
  });
});

describe("cursors", () => {
  const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
  const lists = ["/api/v1/products", "/api/v1/warehouses", "/api/v1/suppliers", "/api/v1/channels", "/api/v1/users", "/api/v1/api-tokens", "/api/v1/purchase-orders", "/api/v1/stock", "/api/v1/stock/movements", "/api/v1/orders"];
  it.each(lists)("a forged cursor on %s is 400 naming cursor unless it is one the list could have made", async (list) => {
    for (const values of [["\u0000", "00000000-0000-4000-8000-000000000000"], [true, false], [1e308, "x"], [null, null, null], { sort: "order_date" }, "not json"]) {
      const res = await admin.get(`${list}?cursor=${forged(values)}`);
      expectRefused(res, 400, "invalid_input");
      expect(res.body.error.details.map((d: any) => d.path)).toContain("cursor");
    }
    // Shaped like a cursor of a text-sorted list: a page after "" (or 400 where the key is a timestamp), never a 5xx.
    const shaped = await admin.get(`${list}?cursor=${forged(["", "00000000-0000-4000-8000-000000000000"])}`);
    expect([200, 400], JSON.stringify(shaped.body)).toContain(shaped.status);
    const garbage = await raw(admin, "GET", `${list}?cursor=%%%`);
    expect(garbage.status).toBe(400);
  });
});
