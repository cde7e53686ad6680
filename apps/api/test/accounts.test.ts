// Accounts (docs/decisions/011): sign-up is one transaction; no answer says whether an email
// has an account; new passwords follow the policy; answers that carry secrets are not cached.
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, signUpCompany, uniqueEmail } from "./client.ts";
import { dbRows, expectInvalid } from "./guards.ts";
import { testEnv } from "./env.ts";

const userRows = (email: string) => dbRows("SELECT id, email, name FROM users WHERE email = $1", [email.toLowerCase()]);
const tenantCount = async () => Number((await dbRows("SELECT count(*)::int AS n FROM tenants"))[0]!.n);
const signUp = (client: ApiClient, body: Record<string, string>) => client.post("/api/v1/auth/signup", body);

describe("sign-up is one transaction", () => {
  it("a sign-up that fails after the user row is written leaves no row, and the email can sign up again", async () => {
    const email = uniqueEmail("atomic");
    // The database stops the sign-up between its user row and its company: a lock holds the
    // company insert, and the backend waiting on it is cancelled (a connection lost mid-request).
    const blocker = await testEnv.superuser.connect();
    let res;
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE tenants IN SHARE MODE");
      const pending = signUp(new ApiClient(), { companyName: "Halfway Co", name: "Hal Fway", email, password: PASSWORD });
      const waiting = await waitFor(async () => {
        const { rows } = await testEnv.superuser.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO%tenants%'`,
        );
        return rows[0]?.pid as number | undefined;
      });
      // The user row was written before the company, in the same transaction: not visible, not committed.
      expect(await userRows(email)).toEqual([]);
      await testEnv.superuser.query("SELECT pg_cancel_backend($1)", [waiting]);
      res = await pending;
    } finally {
      await blocker.query("ROLLBACK");
      blocker.release();
    }
    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(500);
    expect(await userRows(email)).toEqual([]);
    expect(await dbRows("SELECT 1 FROM tenants WHERE name = 'Halfway Co'")).toEqual([]);

    const again = new ApiClient();
    expect((await signUp(again, { companyName: "Second Try Co", name: "Hal Fway", email, password: PASSWORD })).status).toBe(201);
    expect((await again.refresh()).tenant.name).toBe("Second Try Co");
  });
});

describe("sign-up does not tell whether an email has an account", () => {
  it("with an existing email and another password: the same answer as a success, nothing created, no session", async () => {
    const owner = await signUpCompany("Owner Account Co");
    const email: string = (await owner.get("/api/v1/auth/me")).body.user.email;
    const fresh = await signUp(new ApiClient(), { companyName: "Fresh Co", name: "Fresh Person", email: uniqueEmail("fresh"), password: PASSWORD });
    const before = { tenants: await tenantCount(), users: await userRows(email) };

    const probe = new ApiClient();
    const res = await signUp(probe, { companyName: "Probe Co", name: "Someone Else", email: email.toUpperCase(), password: "another long passphrase 42" });
    expect(res.status).toBe(fresh.status);
    expect(res.body).toEqual(fresh.body);
    expect(res.headers.get("cache-control")).toBe(fresh.headers.get("cache-control"));
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await probe.get("/api/v1/auth/me")).status).toBe(401);
    expect({ tenants: await tenantCount(), users: await userRows(email) }).toEqual(before);
    // The account is untouched: its own password still signs in, to its own company only.
    const back = new ApiClient();
    expect((await back.post("/api/v1/auth/login", { email, password: PASSWORD })).status).toBe(200);
    expect((await back.refresh()).memberships.map((m: { tenantName: string }) => m.tenantName)).toEqual(["Owner Account Co"]);
  });

  it("with an existing email and that account's password: a new company for the account, signed in to it", async () => {
    const owner = await signUpCompany("First Company");
    const me = (await owner.get("/api/v1/auth/me")).body;
    const client = new ApiClient();
    const res = await signUp(client, { companyName: "Second Company", name: "Name Ignored", email: me.user.email, password: PASSWORD });
    expect(res.status).toBe(201);
    const now = await client.refresh();
    expect(now.user).toEqual(me.user);
    expect(now.tenant.name).toBe("Second Company");
    expect(now.role).toBe("admin");
    expect(now.memberships.map((m: { tenantName: string }) => m.tenantName)).toEqual(["First Company", "Second Company"]);
  });
});

describe("password policy for new passwords", () => {
  it("refuses short, common and personal passwords with 400 naming the field and why", async () => {
    const client = new ApiClient();
    const body = (password: string) => ({ companyName: "Northwind Trading", name: "Ada Lovelace", email: uniqueEmail("pw"), password });
    const short = await signUp(client, body("short pass"));
    expectInvalid(short, "password");
    expect(short.body.error.details[0].message).toMatch(/at least 12 characters/);
    for (const [password, why] of [
      ["password1234", /commonly used password/],
      ["qwertyuiop12", /commonly used password|keyboard/],
      ["aaaaaaaaaaaaaaaa", /repeats/],
      ["northwind trading", /name, email or company/],
    ] as const) {
      const res = await signUp(client, body(password));
      expectInvalid(res, "password");
      expect(res.body.error.details.find((d: { path: string }) => d.path === "password").message, password).toMatch(why);
    }
    expect(await dbRows("SELECT 1 FROM tenants WHERE name = 'Northwind Trading'")).toEqual([]);
    expect((await signUp(client, body("maple tractor orbit lantern"))).status).toBe(201);
  });

  it("does not affect signing in with a password set before it", async () => {
    const admin = await signUpCompany();
    const email = uniqueEmail("legacy");
    const [user] = await dbRows("INSERT INTO users (email, name, password_hash) VALUES ($1, 'Old Timer', $2) RETURNING id", [email, await hash("password1")]);
    await dbRows("INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'staff')", [admin.tenantId, user!.id]);
    const client = new ApiClient();
    expect((await client.post("/api/v1/auth/login", { email, password: "password1" })).status).toBe(200);
    expect((await client.refresh()).role).toBe("staff");
  });
});

describe("sign-in does not tell either", () => {
  it("a wrong password takes about as long for an unknown email as for an account (the password is checked either way)", async () => {
    const admin = await signUpCompany();
    const email: string = (await admin.get("/api/v1/auth/me")).body.user.email;
    const timed = async (e: string) => {
      const started = performance.now();
      const res = await new ApiClient().post("/api/v1/auth/login", { email: e, password: "not the password at all" });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe("Wrong email or password");
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed(email));
      unknown.push(await timed(uniqueEmail("nobody")));
    }
    // Without the check an unknown email answers in a few milliseconds, an account in tens (argon2).
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe("answers that carry secrets are not cached", () => {
  it("sign-up, sign-in, /auth/me and switching company answer Cache-Control: no-store", async () => {
    const client = new ApiClient();
    const email = uniqueEmail("cache");
    const signup = await signUp(client, { companyName: "Cache Co", name: "C", email, password: PASSWORD });
    expect(signup.headers.get("cache-control")).toBe("no-store");
    const login = await new ApiClient().post("/api/v1/auth/login", { email, password: PASSWORD });
    expect(login.headers.get("cache-control")).toBe("no-store");
    const me = await client.get("/api/v1/auth/me");
    expect(me.body.csrfToken).toBeTruthy();
    expect(me.headers.get("cache-control")).toBe("no-store");
    const wrong = await new ApiClient().post("/api/v1/auth/login", { email, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("cache-control")).toBe("no-store");
    await client.refresh();
    const switched = await client.post("/api/v1/auth/switch-tenant", { tenantId: client.tenantId });
    expect(switched.headers.get("cache-control")).toBe("no-store");
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
