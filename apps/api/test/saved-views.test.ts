import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "./client.ts";
import { dbRows, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";

describe("saved views", () => {
  let t: TenantPair;

  beforeAll(async () => {
    t = await tenantPair();
  });

  it("saves, lists (own only) and deletes a view", async () => {
    const staff = await t.member("staff");
    const res = await staff.post("/api/v1/saved-views", { name: "Backordered by ship-by", query: "?fulfillability=backordered&sort=ship_by" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: "Backordered by ship-by", query: "fulfillability=backordered&sort=ship_by" });
    await t.owner.post("/api/v1/saved-views", { name: "Admin's view", query: "status=on_hold" });

    const mine = await staff.get("/api/v1/saved-views");
    expect(mine.body.items.map((v: { name: string }) => v.name)).toEqual(["Backordered by ship-by"]);
    expect((await t.owner.get("/api/v1/saved-views")).body.items.map((v: { name: string }) => v.name)).toEqual(["Admin's view"]);

    expect((await staff.delete(`/api/v1/saved-views/${res.body.id}`)).status).toBe(204);
    expect((await staff.get("/api/v1/saved-views")).body.items).toEqual([]);
    expect(await rowById("saved_views", res.body.id)).toEqual([]);
  });

  it("refuses a duplicate name (409) and bad input with the field named", async () => {
    const o = t.owner;
    expect((await o.post("/api/v1/saved-views", { name: "Dup", query: "" })).status).toBe(201);
    expect((await o.post("/api/v1/saved-views", { name: "Dup", query: "sort=priority" })).status).toBe(409);
    expectInvalid(await o.post("/api/v1/saved-views", { name: "", query: "" }), "name");
    expectInvalid(await o.post("/api/v1/saved-views", { name: "Bad sort", query: "sort=colour" }), "query");
    expectInvalid(await o.post("/api/v1/saved-views", { name: "Unknown", query: "nonsense=1" }), "query");
    const unknown = await o.post("/api/v1/saved-views", { name: "X", query: "", shared: true });
    expect(unknown.status).toBe(400);
    expectInvalid(await o.delete("/api/v1/saved-views/not-a-uuid"), "viewId");
  });

  it("another user's or tenant's view is a 404 and stays", async () => {
    const theirs = await t.owner.post("/api/v1/saved-views", { name: "Keep me", query: "tag=vip" });
    const manager = await t.member("manager");
    for (const client of [manager, t.outsider]) {
      const res = await client.delete(`/api/v1/saved-views/${theirs.body.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      expect((await client.get("/api/v1/saved-views")).body.items.map((v: { id: string }) => v.id)).not.toContain(theirs.body.id);
    }
    expect(await dbRows("SELECT name FROM saved_views WHERE id = $1", [theirs.body.id])).toEqual([{ name: "Keep me" }]);
  });

  it("401 without a session", async () => {
    const anon = new ApiClient();
    expect((await anon.get("/api/v1/saved-views")).status).toBe(401);
    expect((await anon.post("/api/v1/saved-views", { name: "x", query: "" })).status).toBe(401);
    expect((await anon.delete("/api/v1/saved-views/00000000-0000-4000-8000-000000000000")).status).toBe(401);
  });
});
