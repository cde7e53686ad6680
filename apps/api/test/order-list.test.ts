import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, addMember, signUpCompany, type ApiResponse } from "./client.ts";
import { buildChannel, buildProduct, buildWarehouse } from "./builders.ts";
import { dbRows, expectInvalid } from "./guards.ts";
import { insertListOrder, type ListOrderInput } from "./order-list-fixtures.ts";

const DAY = 86_400_000;
const base = new Date("2026-02-01T00:00:00Z").getTime();

interface Made {
  id: string;
  orderDate: Date;
  shipBy: Date | null;
  priority: number;
}

async function walk(client: ApiClient, query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res: ApiResponse = await client.get(`/api/v1/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.items.map((i: { id: string }) => i.id));
    cursor = res.body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error("too many pages");
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

describe("orders list: keyset pagination over ~120 orders with ties and missing ship-by", () => {
  let admin: ApiClient;
  let orders: Made[];
  let backordered: Set<string>;

  beforeAll(async () => {
    admin = await signUpCompany("Pager Co");
    const channel = await buildChannel(admin);
    orders = [];
    backordered = new Set();
    for (let i = 0; i < 120; i++) {
      const orderDate = new Date(base + Math.floor(i / 6) * DAY); // six orders share each date
      const shipBy = i % 3 === 0 ? null : new Date(base + (10 + (i % 7)) * DAY); // a third undated, many equal ship-by dates
      const priority = i % 4;
      const fulfillability = i % 2 === 0 ? "backordered" : "fulfillable";
      const id = await insertListOrder({ tenantId: admin.tenantId!, channelId: channel.id, warehouseId: channel.defaultWarehouseId, orderDate, shipBy, priority, fulfillability });
      if (fulfillability === "backordered") backordered.add(id);
      orders.push({ id, orderDate, shipBy, priority });
    }
  });

  const byDate = (a: Made, b: Made) => cmp(a.orderDate.getTime(), b.orderDate.getTime()) || cmp(a.id, b.id);
  const byShipBy = (dir: 1 | -1) => (a: Made, b: Made) => {
    if ((a.shipBy === null) !== (b.shipBy === null)) return a.shipBy === null ? 1 : -1; // undated last either way
    return dir * (cmp(a.shipBy?.getTime() ?? 0, b.shipBy?.getTime() ?? 0) || cmp(a.id, b.id));
  };
  const byPriority = (a: Made, b: Made) => cmp(b.priority, a.priority) || byDate(a, b);

  const cases: [string, (a: Made, b: Made) => number][] = [
    ["sort=order_date", byDate],
    ["sort=order_date&dir=desc", (a, b) => -byDate(a, b)],
    ["sort=ship_by", byShipBy(1)],
    ["sort=ship_by&dir=desc", byShipBy(-1)],
    ["sort=priority", byPriority],
    ["sort=priority&dir=asc", (a, b) => -byPriority(a, b)],
  ];
  for (const [query, order] of cases) {
    it(`${query}: every order once, in order, across pages of 7`, async () => {
      const ids = await walk(admin, query, 7);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...orders].sort(order).map((o) => o.id));
    });
  }

  it("a filtered list (backordered, by ship-by) pages the same way", async () => {
    const ids = await walk(admin, "fulfillability=backordered&sort=ship_by", 9);
    expect(ids).toEqual(orders.filter((o) => backordered.has(o.id)).sort(byShipBy(1)).map((o) => o.id));
  });

  it("several statuses are merged in sort order", async () => {
    await dbRows(`UPDATE sales_orders SET status = 'on_hold', fulfillability = NULL WHERE id = ANY($1::uuid[])`, [orders.filter((_, i) => i % 5 === 0).map((o) => o.id)]);
    const ids = await walk(admin, "status=open,on_hold&sort=order_date&dir=desc", 11);
    expect(ids).toEqual([...orders].sort((a, b) => -byDate(a, b)).map((o) => o.id));
    const openOnly = await walk(admin, "status=open", 50);
    expect(openOnly.length).toBe(120 - 24);
  });

  it("refuses a cursor of another sort or a made-up one, naming cursor", async () => {
    const first = await admin.get("/api/v1/orders?sort=order_date&limit=5");
    expectInvalid(await admin.get(`/api/v1/orders?sort=ship_by&limit=5&cursor=${first.body.nextCursor}`), "cursor");
    expectInvalid(await admin.get(`/api/v1/orders?cursor=not-a-cursor`), "cursor");
  });
});

describe("orders list: filters, rows, validation, tenancy", () => {
  let admin: ApiClient;
  let outsider: ApiClient;
  let ids: Record<string, string>;
  let outsiderOrder: string;
  let w2: string;
  let c2: string;

  beforeAll(async () => {
    admin = await signUpCompany("Filter Co");
    outsider = await signUpCompany("Other Co");
    const c1 = await buildChannel(admin, { name: "Main Shop" });
    const w1 = c1.defaultWarehouseId;
    w2 = (await buildWarehouse(admin)).id;
    c2 = (await buildChannel(admin, { kind: "amazon", defaultWarehouseId: w2 })).id;
    const p1 = await buildProduct(admin, { sku: "WIDGET-1" });
    const p2 = await buildProduct(admin, { sku: "GADGET-2" });
    const now = Date.now();
    const o = (overrides: Partial<ListOrderInput>) => insertListOrder({ tenantId: admin.tenantId!, channelId: c1.id, warehouseId: w1, ...overrides });
    ids = {
      fulfillable: await o({ fulfillability: "fulfillable", customerName: "Zed Alpha", number: "SO-1001", externalId: "SHOP-77", lines: [{ productId: p1.id, quantity: 3 }, { productId: p2.id, quantity: 4, shipped: 1 }], tags: ["vip"], orderDate: new Date("2025-12-01T10:00:00Z") }),
      partial: await o({ fulfillability: "partially_fulfillable", status: "partially_shipped", customerName: "Mary Smith", number: "SO-1002", lines: [{ productId: p2.id, quantity: 2 }], orderDate: new Date("2025-12-05T10:00:00Z") }),
      backordered: await o({ fulfillability: "backordered", customerName: "Bob Jones", number: "SO-2001", shipBy: new Date(now - DAY), tags: ["rush", "vip"], orderDate: new Date("2025-12-10T10:00:00Z") }),
      held: await o({ status: "on_hold", fulfillability: null, customerName: "Held Person", number: "SO-2002", shipBy: new Date(now - 2 * DAY), orderDate: new Date("2025-12-15T10:00:00Z") }),
      shipped: await o({ status: "shipped", fulfillability: null, customerName: "Shipped Person", number: "SO-2003", shipBy: new Date(now - DAY), orderDate: new Date("2025-12-20T10:00:00Z") }),
      today: await o({ fulfillability: "fulfillable", customerName: "Today Person", number: "SO-3001", shipBy: new Date(Math.floor(now / DAY) * DAY + DAY - 1000), orderDate: new Date("2025-12-21T10:00:00Z") }),
      nextWeek: await o({ fulfillability: "fulfillable", customerName: "Week Person", number: "SO-3002", shipBy: new Date(Math.floor(now / DAY) * DAY + 5 * DAY), orderDate: new Date("2025-12-22T10:00:00Z") }),
      later: await o({ fulfillability: "fulfillable", customerName: "Later Person", number: "SO-3003", shipBy: new Date(now + 30 * DAY), orderDate: new Date("2025-12-23T10:00:00Z") }),
      otherPlace: await insertListOrder({ tenantId: admin.tenantId!, channelId: c2, warehouseId: w2, fulfillability: "backordered", customerName: "Other Place", number: "SO-4001", orderDate: new Date("2025-12-24T10:00:00Z") }),
    };
    const oc = await buildChannel(outsider);
    outsiderOrder = await insertListOrder({ tenantId: outsider.tenantId!, channelId: oc.id, warehouseId: oc.defaultWarehouseId, fulfillability: "fulfillable", customerName: "Zed Alpha", number: "SO-1001", tags: ["vip"] });
  });

  async function list(query: string): Promise<string[]> {
    const res = await admin.get(`/api/v1/orders?limit=200&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items.map((i: { id: string }) => i.id);
  }
  async function expectFilter(query: string, must: string[], mustNot: string[]) {
    const got = await list(query);
    for (const k of must) expect(got, `${query} must include ${k}`).toContain(ids[k]);
    for (const k of mustNot) expect(got, `${query} must exclude ${k}`).not.toContain(ids[k]);
  }

  it("returns the row shape with channel, overdue flag and line totals; oldest first by default", async () => {
    const res = await admin.get("/api/v1/orders?limit=200");
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(Object.values(ids));
    const row = res.body.items[0];
    expect(row).toMatchObject({ number: "SO-1001", externalId: "SHOP-77", customerName: "Zed Alpha", status: "open", fulfillability: "fulfillable", tags: ["vip"], isOverdue: false, version: 1 });
    expect(row.channel).toMatchObject({ name: "Main Shop", kind: "shopify" });
    expect(row.linesSummary).toEqual({ lineCount: 2, unitCount: 7, remainingUnits: 6 });
    const overdue = res.body.items.find((i: { id: string }) => i.id === ids.backordered);
    expect(overdue.isOverdue).toBe(true);
    expect(res.body.items.find((i: { id: string }) => i.id === ids.shipped).isOverdue).toBe(false);
  });

  it("filters by fulfillability (open orders only)", async () => {
    await expectFilter("fulfillability=fulfillable", ["fulfillable", "today"], ["partial", "backordered", "held", "shipped"]);
    await expectFilter("fulfillability=partially_fulfillable", ["partial"], ["fulfillable", "backordered"]);
    await expectFilter("fulfillability=backordered", ["backordered", "otherPlace"], ["fulfillable", "held"]);
    await expectFilter("fulfillability=backordered&status=partially_shipped", [], ["backordered"]);
    expect(await list("fulfillability=fulfillable&status=shipped")).toEqual([]);
  });

  it("filters by status, channel, warehouse, tag and sku", async () => {
    await expectFilter("status=on_hold,shipped", ["held", "shipped"], ["fulfillable", "partial"]);
    await expectFilter(`channelId=${c2}`, ["otherPlace"], ["fulfillable"]);
    await expectFilter(`warehouseId=${w2}`, ["otherPlace"], ["backordered"]);
    await expectFilter("tag=rush", ["backordered"], ["fulfillable"]);
    await expectFilter("tag=vip", ["backordered", "fulfillable"], ["partial"]);
    await expectFilter("sku=GADGET-2", ["fulfillable", "partial"], ["backordered"]);
    await expectFilter("sku=WIDGET-1", ["fulfillable"], ["partial"]);
    expect(await list("sku=NO-SUCH")).toEqual([]);
  });

  it("filters by ship-by (overdue, today, this week) and order date range", async () => {
    await expectFilter("shipBy=overdue", ["backordered", "held"], ["shipped", "today", "later", "fulfillable"]);
    await expectFilter("shipBy=today", ["today"], ["nextWeek", "backordered"]);
    await expectFilter("shipBy=this_week", ["today", "nextWeek"], ["later", "backordered"]);
    await expectFilter("orderDateFrom=2025-12-05&orderDateTo=2025-12-10", ["partial", "backordered"], ["fulfillable", "held"]);
    await expectFilter("orderDateFrom=2025-12-20T10:00:00Z", ["shipped", "otherPlace"], ["held"]);
  });

  it("searches order number, external id and customer name by prefix, case-insensitively", async () => {
    await expectFilter("q=so-100", ["fulfillable", "partial"], ["backordered"]);
    await expectFilter("q=shop-7", ["fulfillable"], ["partial"]);
    await expectFilter("q=bob", ["backordered"], ["fulfillable"]);
    await expectFilter("q=smi", ["partial"], ["backordered"]); // a word of the name
    await expectFilter("q=%25", [], ["fulfillable", "partial", "backordered"]); // % is literal
  });

  it("never shows another tenant's orders", async () => {
    expect(await list("")).not.toContain(outsiderOrder);
    expect(await list("q=Zed")).not.toContain(outsiderOrder);
    expect(await list("tag=vip")).not.toContain(outsiderOrder);
    const theirs = await outsider.get("/api/v1/orders?limit=200");
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual([outsiderOrder]);
  });

  it("refuses bad input with the field named", async () => {
    expectInvalid(await admin.get("/api/v1/orders?sort=customer"), "sort");
    expectInvalid(await admin.get("/api/v1/orders?dir=up"), "dir");
    expectInvalid(await admin.get("/api/v1/orders?orderDateFrom=2026-13-45"), "orderDateFrom");
    expectInvalid(await admin.get("/api/v1/orders?orderDateFrom=2026-02-01&orderDateTo=2026-01-01"), "orderDateTo");
    expectInvalid(await admin.get("/api/v1/orders?limit=201"), "limit");
    expectInvalid(await admin.get("/api/v1/orders?limit=0"), "limit");
    expectInvalid(await admin.get("/api/v1/orders?status=open,lost"), "status.1");
    expectInvalid(await admin.get("/api/v1/orders?fulfillability=maybe"), "fulfillability");
    expectInvalid(await admin.get("/api/v1/orders?shipBy=yesterday"), "shipBy");
    expectInvalid(await admin.get("/api/v1/orders?channelId=nope"), "channelId");
    const unknown = await admin.get("/api/v1/orders?colour=red");
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain("colour");
    expectInvalid(await admin.get("/api/v1/orders/counts?fulfillability=fulfillable"), "");
  });

  it("answers 401 without a session on every endpoint", async () => {
    const anon = new ApiClient();
    for (const [method, path] of [
      ["GET", "/api/v1/orders"],
      ["GET", "/api/v1/orders/counts"],
      ["GET", "/api/v1/orders/export.csv"],
      ["POST", "/api/v1/orders/export.csv"],
      ["POST", "/api/v1/orders/bulk"],
    ] as const) {
      const res = await anon.request(method, path, method === "POST" ? { orderIds: [ids.fulfillable!] } : undefined);
      expect(res.status, path).toBe(401);
    }
  });

  it("any signed-in role reads the list", async () => {
    const purchaser = await addMember(admin, "purchaser");
    const res = await purchaser.get("/api/v1/orders?fulfillability=backordered");
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(ids.backordered);
  });

  describe("CSV export", () => {
    it("streams the filtered list with a header row, and never another tenant's orders", async () => {
      const res = await admin.get("/api/v1/orders/export.csv?fulfillability=backordered");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/csv/);
      const lines = (res.body as string).trim().split("\r\n");
      expect(lines[0]).toBe("number,external_id,channel,customer,order_date,ship_by,overdue,priority,status,fulfillability,projected_date,tags,lines,units,remaining_units");
      expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["SO-2001", "SO-4001"]);
      expect(lines[1]).toContain("rush;vip");
      const all = await admin.get("/api/v1/orders/export.csv");
      expect((all.body as string).trim().split("\r\n")).toHaveLength(1 + Object.keys(ids).length);
      expect(all.body).not.toContain(outsiderOrder);
    });

    it("exports a selection; another tenant's ids are left out", async () => {
      const res = await admin.post("/api/v1/orders/export.csv", { orderIds: [ids.partial, ids.held, outsiderOrder] });
      expect(res.status).toBe(200);
      const lines = (res.body as string).trim().split("\r\n");
      expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["SO-1002", "SO-2002"]);
      expectInvalid(await admin.post("/api/v1/orders/export.csv", { orderIds: [] }), "orderIds");
      expectInvalid(await admin.post("/api/v1/orders/export.csv", { orderIds: ["x"] }), "orderIds.0");
      expectInvalid(await admin.get("/api/v1/orders/export.csv?sort=nope"), "sort");
    });

    it("quotes commas and neutralises formulas", async () => {
      const channel = await buildChannel(admin);
      const id = await insertListOrder({ tenantId: admin.tenantId!, channelId: channel.id, warehouseId: channel.defaultWarehouseId, customerName: '=HYPERLINK("x"), Inc', number: "SO-CSV" });
      const res = await admin.post("/api/v1/orders/export.csv", { orderIds: [id] });
      expect(res.body).toContain(`"'=HYPERLINK(""x""), Inc"`);
    });
  });
});
