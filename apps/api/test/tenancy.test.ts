// Switching company and the sign-in rate limit: a person who belongs to two companies works
// in one at a time and sees only that one's rows; a company they do not belong to is 404;
// repeated sign-in attempts are refused with 429 in the one error shape.
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, inviteAndAccept, signUpCompany, uniqueEmail } from "./client.ts";
import { buildProduct } from "./builders.ts";

describe("switching company", () => {
  it("a member of two companies sees each one's products only while working in it", async () => {
    const north = await signUpCompany("North Depot");
    const south = await signUpCompany("South Depot");
    const email = uniqueEmail("both");
    // a new account by North's link, then South's link accepted with that account's password
    await inviteAndAccept(north, "manager", { email, name: "Sam Both" });
    await inviteAndAccept(south, "staff", { email, name: "Ignored For An Existing Account" });
    const northProduct = await buildProduct(north);
    const southProduct = await buildProduct(south);

    const sam = new ApiClient();
    expect((await sam.post("/api/v1/auth/login", { email, password: PASSWORD })).status).toBe(200);
    const me = await sam.refresh();
    expect(me.memberships.map((m: { tenantName: string; role: string }) => [m.tenantName, m.role]).sort()).toEqual([
      ["North Depot", "manager"],
      ["South Depot", "staff"],
    ]);
    const skus = async () => (await sam.get("/api/v1/products")).body.items.map((p: { sku: string }) => p.sku);

    // signed in to the first company joined
    expect(me.tenant.id).toBe(north.tenantId);
    expect(await skus()).toEqual([northProduct.sku]);
    expect((await sam.get(`/api/v1/products/${southProduct.id}`)).status).toBe(404);

    const switched = await sam.post("/api/v1/auth/switch-tenant", { tenantId: south.tenantId });
    expect(switched.status).toBe(200);
    expect(switched.body.tenant.id).toBe(south.tenantId);
    expect(switched.body.role).toBe("staff");
    expect(await skus()).toEqual([southProduct.sku]);
    expect((await sam.get(`/api/v1/products/${northProduct.id}`)).status).toBe(404);
    // the role follows the company: staff cannot create products here
    expect((await sam.post("/api/v1/products", { sku: "SAM-1", name: "Not allowed" })).status).toBe(403);
  });

  it("refuses a company the person does not belong to with 404, and keeps the current one", async () => {
    const mine = await signUpCompany("Mine");
    const other = await signUpCompany("Other");
    const res = await mine.post("/api/v1/auth/switch-tenant", { tenantId: other.tenantId });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect((await mine.get("/api/v1/auth/me")).body.tenant.id).toBe(mine.tenantId);
    expect((await mine.post("/api/v1/auth/switch-tenant", { tenantId: "not-a-uuid" })).body.error.details[0].path).toBe("tenantId");
  });
});

describe("sign-in rate limit", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.LOGIN_RATE_LIMIT = saved.LOGIN_RATE_LIMIT;
    if (saved.LOGIN_RATE_LIMIT_PER_ADDRESS === undefined) delete process.env.LOGIN_RATE_LIMIT_PER_ADDRESS;
    else process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = saved.LOGIN_RATE_LIMIT_PER_ADDRESS;
  });

  it("refuses the attempt after the account's limit with 429, even with the right password", async () => {
    process.env.LOGIN_RATE_LIMIT = "3"; // per account
    process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = "1000"; // every test signs in from 127.0.0.1
    const admin = await signUpCompany();
    const { email } = await inviteAndAccept(admin, "staff", { name: "Lim Ited" });
    const client = new ApiClient();
    for (let i = 0; i < 3; i++) expect((await client.post("/api/v1/auth/login", { email, password: "wrong password!" })).status).toBe(401);
    const blocked = await client.post("/api/v1/auth/login", { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    expect(blocked.body.error.message).toMatch(/Too many sign-in attempts/);
    // another email from the same address is not blocked by this one's attempts
    const { email: otherEmail } = await inviteAndAccept(admin, "staff", { name: "Fine Person" });
    expect((await new ApiClient().post("/api/v1/auth/login", { email: otherEmail, password: PASSWORD })).status).toBe(200);
  });
});
