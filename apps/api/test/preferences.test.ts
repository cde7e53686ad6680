// GET/PUT /api/v1/me/preferences/:key: a user's own settings, checked per key, never another's.
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, ApiClient } from "./client.ts";
import { dbRows, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";

const GRID = "/api/v1/me/preferences/orders-grid";
const layout = { order: ["number", "customer", "channel"], hidden: ["tags", "projected"], widths: { customer: 240 } };

describe("user preferences", () => {
  let t: TenantPair;

  beforeAll(async () => {
    t = await tenantPair();
  });

  it("is null until saved, then answers what was saved, replaced whole on the next PUT", async () => {
    const staff = await t.member("staff");
    const before = await staff.get(GRID);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toEqual({ key: "orders-grid", value: null, updatedAt: null });

    const put = await staff.put(GRID, { value: layout });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.value).toEqual(layout);
    expect((await staff.get(GRID)).body.value).toEqual(layout);

    const next = { order: [], hidden: ["warehouse"], widths: {} };
    expect((await staff.put(GRID, { value: next })).status).toBe(200);
    expect((await staff.get(GRID)).body.value).toEqual(next);
  });

  it("one user's preferences never show for another user of the same company or of another company", async () => {
    const a = await addMember(t.owner, "manager");
    const b = await addMember(t.owner, "manager");
    expect((await a.put(GRID, { value: layout })).status).toBe(200);
    expect((await b.get(GRID)).body.value).toBeNull();
    expect((await t.outsider.get(GRID)).body.value).toBeNull();

    // Their own writes land on their own rows; a's row is unchanged.
    const snapshot = () => dbRows("SELECT value FROM user_preferences WHERE user_id = $1", [a.userId]);
    const aBefore = await snapshot();
    expect(aBefore).toEqual([{ value: layout }]);
    expect((await b.put(GRID, { value: { order: [], hidden: ["channel"], widths: {} } })).status).toBe(200);
    expect((await t.outsider.put(GRID, { value: { order: [], hidden: ["customer"], widths: {} } })).status).toBe(200);
    expect(await snapshot()).toEqual(aBefore);
    expect((await a.get(GRID)).body.value).toEqual(layout);
    expect((await b.get(GRID)).body.value.hidden).toEqual(["channel"]);
    expect((await t.outsider.get(GRID)).body.value.hidden).toEqual(["customer"]);
  });

  it("refuses values that do not fit the key's schema (400 naming the field), and unknown keys; nothing is written", async () => {
    const staff = await t.member("staff");
    await staff.put(GRID, { value: layout });
    expectInvalid(await staff.put(GRID, { value: { ...layout, hidden: ["number"] } }), "value.hidden");
    expectInvalid(await staff.put(GRID, { value: { ...layout, order: ["number", "number"] } }), "value.order");
    expectInvalid(await staff.put(GRID, { value: { ...layout, order: ["colour"] } }), "value.order.0");
    expectInvalid(await staff.put(GRID, { value: { ...layout, widths: { customer: 5 } } }), "value.widths.customer");
    expectInvalid(await staff.put(GRID, { value: { ...layout, widths: { customer: 1e9 } } }), "value.widths.customer");
    expectInvalid(await staff.put(GRID, { value: { ...layout, extra: 1 } }), "value");
    expectInvalid(await staff.put(GRID, { value: "wide" }), "value");
    expectInvalid(await staff.put(GRID, {}), "value");
    expectInvalid(await staff.put(GRID, { value: layout, other: 1 }), "");
    expectInvalid(await staff.put("/api/v1/me/preferences/theme", { value: {} }), "key");
    expectInvalid(await staff.get("/api/v1/me/preferences/theme"), "key");
    expect((await staff.get(GRID)).body.value).toEqual(layout);
  });

  it("401 without a session", async () => {
    const anon = new ApiClient();
    expect((await anon.get(GRID)).status).toBe(401);
    expect((await anon.put(GRID, { value: layout })).status).toBe(401);
  });
});
