import { describe, expect, it } from "vitest";
import { ApiClient, addMember, inviteAndAccept, signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";

const membership = (tenantId: string, userId: string) => dbRows("SELECT tenant_id, user_id, role FROM memberships WHERE tenant_id = $1 AND user_id = $2", [tenantId, userId]);

describe("users (members of the company)", () => {
  it("lists members who joined by invitation, page by page, and gets one", async () => {
    const admin = await signUpCompany();
    const joined = await inviteAndAccept(admin, "manager", { name: "New Bie" });
    const list = await admin.get("/api/v1/users");
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: any) => m.userId).sort()).toEqual([admin.userId, joined.client.userId].sort());
    const page = await admin.get("/api/v1/users?limit=1");
    expect(page.body.items).toHaveLength(1);
    expect((await admin.get(`/api/v1/users?limit=1&cursor=${page.body.nextCursor}`)).body.items).toHaveLength(1);
    const one = await admin.get(`/api/v1/users/${joined.client.userId}`);
    expect(one.body).toMatchObject({ userId: joined.client.userId, email: joined.email, name: "New Bie", role: "manager" });
  });

  it("changes a member's role and removes a member, but not the admin's own", async () => {
    const admin = await signUpCompany();
    const staff = await addMember(admin, "staff");
    const changed = await admin.patch(`/api/v1/users/${staff.userId}`, { role: "purchaser" });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe("purchaser");
    expect(await membership(admin.tenantId!, staff.userId!)).toEqual([{ tenant_id: admin.tenantId, user_id: staff.userId, role: "purchaser" }]);
    expect((await staff.refresh()).role).toBe("purchaser");

    const demote = await admin.patch(`/api/v1/users/${admin.userId}`, { role: "staff" });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe("rule_violation");
    const removeSelf = await admin.delete(`/api/v1/users/${admin.userId}`);
    expect(removeSelf.status).toBe(422);
    expect(await membership(admin.tenantId!, admin.userId!)).toEqual([{ tenant_id: admin.tenantId, user_id: admin.userId, role: "admin" }]);

    expect((await admin.delete(`/api/v1/users/${staff.userId}`)).status).toBe(204);
    expect(await membership(admin.tenantId!, staff.userId!)).toEqual([]);
    expect((await staff.get("/api/v1/products")).status).toBe(401);
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.patch(`/api/v1/users/${admin.userId}`, { role: "boss" }), "role");
    expectInvalid(await admin.patch(`/api/v1/users/nope`, { role: "staff" }), "userId");
    expectInvalid(await admin.delete(`/api/v1/users/nope`), "userId");
    expectInvalid(await admin.get(`/api/v1/users?limit=x`), "limit");
  });
});

describe("API tokens", () => {
  it("creates a token shown once, which works as a Bearer token until revoked", async () => {
    const admin = await signUpCompany();
    const created = await admin.post("/api/v1/api-tokens", { name: "Shopify sync", role: "staff" });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(new RegExp(`^bod_${admin.tenantId!.replaceAll("-", "")}_[A-Za-z0-9_-]{40,}$`));
    const [row] = await dbRows("SELECT token_hash FROM api_tokens WHERE id = $1", [created.body.id]);
    expect(row!.token_hash).not.toContain(secret.slice(-20));

    const bot = new ApiClient();
    bot.bearer = secret;
    const read = await bot.get("/api/v1/products");
    expect(read.status).toBe(200);
    // The token's role applies: staff may not write products.
    expect((await bot.post("/api/v1/products", { sku: "BOT-1", name: "x" })).status).toBe(403);

    const list = await admin.get("/api/v1/api-tokens");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: "Shopify sync", role: "staff", revokedAt: null });
    expect(list.body.items[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(-20));
    expect(list.body.items[0].secret).toBeUndefined();

    expect((await admin.delete(`/api/v1/api-tokens/${created.body.id}`)).status).toBe(204);
    const refused = await bot.get("/api/v1/products");
    expect(refused.status).toBe(401);
    expect((await admin.get("/api/v1/api-tokens")).body.items[0].revokedAt).not.toBeNull();
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.post("/api/v1/api-tokens", { name: "", role: "staff" }), "name");
    expectInvalid(await admin.post("/api/v1/api-tokens", { name: "x", role: "root" }), "role");
    expect((await admin.post("/api/v1/api-tokens", { name: "x", role: "staff", expires: 1 })).status).toBe(400);
    expectInvalid(await admin.delete("/api/v1/api-tokens/nope"), "id");
    expectInvalid(await admin.get("/api/v1/api-tokens?cursor=%%%"), "cursor");
  });
});

interface Fixture {
  tenants: TenantPair;
  memberId: string;
  tokenId: string;
}
const memberRow = (f: Fixture) => membership(f.tenants.owner.tenantId!, f.memberId);
const tokenRow = (f: Fixture) => dbRows("SELECT id, name, role, revoked_at FROM api_tokens WHERE id = $1", [f.tokenId]);

describeGuards<Fixture>(
  "users and API tokens: guards",
  async () => {
    const tenants = await tenantPair();
    const member = await tenants.member("purchaser");
    const token = await tenants.owner.post("/api/v1/api-tokens", { name: "t", role: "staff" });
    return { tenants, memberId: member.userId!, tokenId: token.body.id };
  },
  [
    { name: "GET /users", call: (c) => c.get("/api/v1/users"), deniedRole: "manager" },
    { name: "GET /users/:userId", call: (c, f) => c.get(`/api/v1/users/${f.memberId}`), deniedRole: "manager", outsider: true, snapshot: memberRow },
    { name: "PATCH /users/:userId", call: (c, f) => c.patch(`/api/v1/users/${f.memberId}`, { role: "admin" }), deniedRole: "manager", outsider: true, snapshot: memberRow },
    { name: "DELETE /users/:userId", call: (c, f) => c.delete(`/api/v1/users/${f.memberId}`), deniedRole: "manager", outsider: true, snapshot: memberRow },
    { name: "GET /api-tokens", call: (c) => c.get("/api/v1/api-tokens"), deniedRole: "manager" },
    { name: "POST /api-tokens", call: (c) => c.post("/api/v1/api-tokens", { name: "x", role: "admin" }), deniedRole: "manager" },
    { name: "DELETE /api-tokens/:id", call: (c, f) => c.delete(`/api/v1/api-tokens/${f.tokenId}`), deniedRole: "manager", outsider: true, snapshot: tokenRow },
  ],
);
