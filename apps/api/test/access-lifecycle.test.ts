// Tokens and sessions die with the membership or role that granted them: an API token works only
// while its creator is a member, with the lesser of its role and the creator's current role; a
// session acts with its user's current role and ends with the membership (docs/decisions/011).
import { describe, expect, it } from "vitest";
import { ApiClient, inviteAndAccept, signUpCompany } from "./client.ts";
import { dbRows } from "./guards.ts";

async function tokenOf(creator: ApiClient, role: string) {
  const res = await creator.post("/api/v1/api-tokens", { name: `${role} token`, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const bot = new ApiClient();
  bot.bearer = res.body.secret;
  return { bot, id: res.body.id as string, created: res };
}

describe("API tokens die with their creator's membership", () => {
  it("after its creator is removed, a token reads nothing and mints nothing", async () => {
    const owner = await signUpCompany("Token Co");
    const second = await inviteAndAccept(owner, "admin");
    const { bot, id } = await tokenOf(second.client, "admin");
    expect((await bot.get("/api/v1/users")).status).toBe(200);

    expect((await owner.delete(`/api/v1/users/${second.client.userId}`)).status).toBe(204);
    const read = await bot.get("/api/v1/users");
    expect(read.status).toBe(401);
    expect(read.body.error.code).toBe("unauthenticated");
    const mint = await bot.post("/api/v1/api-tokens", { name: "escape hatch", role: "admin" });
    expect(mint.status).toBe(401);
    expect(await dbRows("SELECT name FROM api_tokens WHERE tenant_id = $1 ORDER BY created_at", [owner.tenantId])).toEqual([{ name: "admin token" }]);
    // The list says so.
    const listed = (await owner.get("/api/v1/api-tokens")).body.items.find((t: { id: string }) => t.id === id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it("without its creator's membership a token is refused even if nobody revoked it", async () => {
    const owner = await signUpCompany("Direct Co");
    const second = await inviteAndAccept(owner, "admin");
    const { bot, id } = await tokenOf(second.client, "manager");
    expect((await bot.get("/api/v1/products")).status).toBe(200);
    // The membership goes by another path than removeMember (a company-level cleanup, a script).
    await dbRows("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2", [owner.tenantId, second.client.userId]);
    expect(await dbRows("SELECT revoked_at FROM api_tokens WHERE id = $1", [id])).toEqual([{ revoked_at: null }]);
    expect((await bot.get("/api/v1/products")).status).toBe(401);
  });

  it("after its creator is demoted, a token acts with the lesser role", async () => {
    const owner = await signUpCompany("Demotion Co");
    const second = await inviteAndAccept(owner, "admin");
    const adminToken = await tokenOf(second.client, "admin");
    const staffToken = await tokenOf(second.client, "staff");
    const purchaserToken = await tokenOf(second.client, "purchaser");
    expect((await adminToken.bot.get("/api/v1/users")).status).toBe(200);

    expect((await owner.patch(`/api/v1/users/${second.client.userId}`, { role: "manager" })).status).toBe(200);
    // admin token → manager: no users, no new tokens, but what a manager may do
    expect((await adminToken.bot.get("/api/v1/users")).status).toBe(403);
    expect((await adminToken.bot.post("/api/v1/api-tokens", { name: "escalate", role: "admin" })).status).toBe(403);
    expect((await adminToken.bot.get("/api/v1/auth/me")).body.role).toBe("manager");
    expect((await adminToken.bot.post("/api/v1/products", { sku: `DEMOTED-${Date.now()}`, name: "Made as manager" })).status).toBe(201);
    // a staff token stays staff
    expect((await staffToken.bot.get("/api/v1/auth/me")).body.role).toBe("staff");

    expect((await owner.patch(`/api/v1/users/${second.client.userId}`, { role: "staff" })).status).toBe(200);
    expect((await adminToken.bot.get("/api/v1/auth/me")).body.role).toBe("staff");
    // purchaser and staff do not cover each other: the purchaser token acts as neither
    expect((await purchaserToken.bot.get("/api/v1/products")).status).toBe(401);

    expect((await owner.patch(`/api/v1/users/${second.client.userId}`, { role: "admin" })).status).toBe(200);
    expect((await adminToken.bot.get("/api/v1/users")).status).toBe(200);
    expect((await purchaserToken.bot.get("/api/v1/auth/me")).body.role).toBe("purchaser");
  });

  it("the answer that carries the secret is not cached", async () => {
    const owner = await signUpCompany();
    const { created } = await tokenOf(owner, "staff");
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect((await owner.get("/api/v1/api-tokens")).headers.get("cache-control")).toBeNull();
  });
});

describe("sessions follow the membership", () => {
  it("a demoted member's session acts with the new role at once", async () => {
    const owner = await signUpCompany("Session Co");
    const manager = await inviteAndAccept(owner, "manager");
    expect((await manager.client.post("/api/v1/products", { sku: `MGR-${Date.now()}`, name: "As manager" })).status).toBe(201);
    expect((await owner.patch(`/api/v1/users/${manager.client.userId}`, { role: "staff" })).status).toBe(200);
    expect((await manager.client.post("/api/v1/products", { sku: `STAFF-${Date.now()}`, name: "As staff" })).status).toBe(403);
    expect((await manager.client.get("/api/v1/auth/me")).body.role).toBe("staff");
    expect((await owner.patch(`/api/v1/users/${manager.client.userId}`, { role: "admin" })).status).toBe(200);
    expect((await manager.client.get("/api/v1/users")).status).toBe(200);
  });

  it("a removed member's session in that company ends; their session in another company does not", async () => {
    const north = await signUpCompany("North Session Co");
    const south = await signUpCompany("South Session Co");
    const person = await inviteAndAccept(north, "manager");
    const inSouth = await inviteAndAccept(south, "staff", { email: person.email });
    expect((await north.delete(`/api/v1/users/${person.client.userId}`)).status).toBe(204);
    expect((await person.client.get("/api/v1/products")).status).toBe(401);
    expect((await inSouth.client.get("/api/v1/auth/me")).body.tenant.id).toBe(south.tenantId);
    expect(await dbRows("SELECT tenant_id FROM sessions WHERE user_id = $1", [person.client.userId])).toEqual([{ tenant_id: south.tenantId }]);
  });
});
