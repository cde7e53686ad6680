// Every order endpoint, table-driven: 401 without sign-in, 403 for a role without the right,
// 404 for another tenant's order with the stored row unchanged, 409 for a stale version.
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, ApiClient, signUpCompany } from "./client.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { buildProduct } from "./builders.ts";

type Shop = Awaited<ReturnType<typeof buildShop>>;
interface Ctx {
  shop: Shop;
  orderId: string;
  lineId: string;
  allocationId: string;
  otherProductId: string;
}
interface Call {
  name: string;
  method: "get" | "post" | "patch" | "delete";
  path: (c: Ctx) => string;
  body?: (c: Ctx) => Record<string, unknown>;
  /** A signed-in role that must get 403. */
  forbidden?: "staff" | "purchaser";
  /** Takes `version`: a stale one is 409. */
  versioned?: boolean;
}

const calls: Call[] = [
  { name: "detail", method: "get", path: (c) => `/api/v1/orders/${c.orderId}` },
  { name: "edit", method: "patch", path: (c) => `/api/v1/orders/${c.orderId}`, body: () => ({ version: 1, customerName: "X" }), forbidden: "staff", versioned: true },
  { name: "hold", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/hold`, body: () => ({ reason: "x" }), forbidden: "staff", versioned: true },
  { name: "release", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/release`, body: () => ({}), forbidden: "staff", versioned: true },
  { name: "priority", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/priority`, body: () => ({ priority: 9, reason: "x" }), forbidden: "staff", versioned: true },
  { name: "cancel", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/cancel`, body: () => ({ reason: "x" }), forbidden: "staff", versioned: true },
  { name: "cancel line", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/lines/${c.lineId}/cancel`, body: () => ({ quantity: 1, reason: "x" }), forbidden: "staff", versioned: true },
  {
    name: "exchange",
    method: "post",
    path: (c) => `/api/v1/orders/${c.orderId}/exchange`,
    body: (c) => ({ lineId: c.lineId, quantity: 1, newProductId: c.otherProductId, reason: "x" }),
    forbidden: "staff",
    versioned: true,
  },
  { name: "tags", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/tags`, body: () => ({ add: ["x"] }), versioned: true },
  { name: "notes", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/notes`, body: () => ({ body: "x" }) },
  { name: "allocate", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/allocations`, body: (c) => ({ lines: [{ lineId: c.lineId, quantity: 1 }] }), forbidden: "purchaser", versioned: true },
  { name: "release allocation", method: "delete", path: (c) => `/api/v1/orders/${c.orderId}/allocations/${c.allocationId}`, forbidden: "purchaser" },
  { name: "ship", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/shipments`, body: () => ({}), forbidden: "purchaser", versioned: true },
  { name: "outbox", method: "get", path: (c) => `/api/v1/orders/${c.orderId}/outbox` },
];

function send(client: ApiClient, call: Call, c: Ctx, body = call.body?.(c)) {
  if (call.method === "get" || call.method === "delete") return client[call.method](call.path(c));
  return client[call.method](call.path(c), body);
}

describe("order endpoints guard themselves", () => {
  let c: Ctx;
  let outsider: ApiClient;
  let roles: Record<"staff" | "purchaser", ApiClient>;

  beforeAll(async () => {
    const shop = await buildShop(3);
    const other = await buildProduct(shop.admin);
    const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const allocated = await shop.staff.post(`/api/v1/orders/${order.id}/allocations`, { lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
    c = { shop, orderId: order.id, lineId: order.lines[0]!.id, allocationId: allocated.body.allocations[0].id, otherProductId: other.id };
    outsider = await signUpCompany("Outsider Ltd");
    roles = { staff: shop.staff, purchaser: await addMember(shop.admin, "purchaser") };
  });

  it.each(calls)("$name: 401 without sign-in, 404 for another tenant with the order unchanged", async (call) => {
    const before = await orderRow(c.orderId);
    expect((await send(new ApiClient(), call, c)).status).toBe(401);
    const res = await send(outsider, call, c);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(await orderRow(c.orderId)).toEqual(before);
  });

  it.each(calls.filter((x) => x.forbidden))("$name: 403 for $forbidden", async (call) => {
    const before = await orderRow(c.orderId);
    const res = await send(roles[call.forbidden!], call, c);
    expect(res.status).toBe(403);
    expect(await orderRow(c.orderId)).toEqual(before);
  });

  it.each(calls.filter((x) => x.versioned))("$name: 409 stale_version for an old version", async (call) => {
    const before = await orderRow(c.orderId);
    const res = await send(c.shop.admin, call, c, { ...call.body?.(c), version: before.version + 5 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("stale_version");
    expect(await orderRow(c.orderId)).toEqual(before);
  });

  it.each(calls.filter((x) => x.body))("$name: 400 naming an unknown field", async (call) => {
    const res = await send(c.shop.admin, call, c, { ...call.body?.(c), surprise: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/surprise/);
  });
});
