import { describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, signUpCompany, uniqueEmail } from "./client.ts";

describe("sign up, sign in, sign out", () => {
  it("creates a company and its admin, and signs in", async () => {
    const admin = await signUpCompany("Northwind Trading");
    const me = await admin.get("/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.role).toBe("admin");
    expect(me.body.tenant.name).toBe("Northwind Trading");
    expect(me.body.csrfToken.length).toBeGreaterThan(10);
  });

  it("refuses a bad email with the field named", async () => {
    const client = new ApiClient();
    const bad = await client.post("/api/v1/auth/signup", { companyName: "X Co", name: "X", email: "not-an-email", password: PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(bad.body.error.details.map((d: any) => d.path)).toContain("email");
  });

  it("refuses unknown fields", async () => {
    const res = await new ApiClient().post("/api/v1/auth/login", { email: uniqueEmail(), password: "x", admin: true });
    expect(res.status).toBe(400);
  });

  it("signs in with the right password only, and signs out", async () => {
    const email = uniqueEmail();
    const first = new ApiClient();
    await first.post("/api/v1/auth/signup", { companyName: "Login Co", name: "L", email, password: PASSWORD });

    const wrong = await new ApiClient().post("/api/v1/auth/login", { email, password: "wrong password!" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthenticated");

    const client = new ApiClient();
    expect((await client.post("/api/v1/auth/login", { email: email.toUpperCase(), password: PASSWORD })).status).toBe(200);
    await client.refresh();
    expect((await client.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await client.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("answers 401 without a session and 403 for a write without the CSRF token", async () => {
    expect((await new ApiClient().get("/api/v1/auth/me")).status).toBe(401);
    const admin = await signUpCompany();
    admin.csrfToken = undefined;
    const res = await admin.post("/api/v1/auth/logout");
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/CSRF/);
  });

  it("errors share one shape with a request id, and unknown API routes are 404", async () => {
    const res = await new ApiClient().get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "not_found" });
    expect(res.body.error.requestId).toBeTruthy();
  });
});
