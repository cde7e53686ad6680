// Who is asking is read afresh on every request, in one statement, inside the request's one
// transaction (http/auth.ts, db/client.ts RequestSql): a role change, a removed membership or a
// deleted session counts on the very next request, also on the endpoints that read in that
// transaction (GET /orders, GET /auth/me); an API token's last use is written at most once a
// minute; and such a request is one transaction, counted by PostgreSQL itself.
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { currentDb, openDb, readInTenant, setDb } from "../src/db/client.ts";
import { ApiClient, inviteAndAccept, signUpCompany } from "./client.ts";
import { SERVER_URL, databaseUrl } from "./db-names.ts";
import { dbRows } from "./guards.ts";

async function tokenOf(creator: ApiClient, role: string) {
  const res = await creator.post("/api/v1/api-tokens", { name: `${role} token`, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const bot = new ApiClient();
  bot.bearer = res.body.secret;
  return { bot, id: res.body.id as string };
}

describe("the principal of every request is read afresh", () => {
  it("a role change shows on the very next request, in the request's own transaction too", async () => {
    const owner = await signUpCompany("Role Change Co");
    const member = await inviteAndAccept(owner, "staff");
    expect((await member.client.get("/api/v1/auth/me")).body.role).toBe("staff");
    expect((await member.client.get("/api/v1/users")).status).toBe(403);

    expect((await owner.patch(`/api/v1/users/${member.client.userId}`, { role: "admin" })).status).toBe(200);
    expect((await member.client.get("/api/v1/auth/me")).body.role).toBe("admin");
    expect((await member.client.get("/api/v1/users")).status).toBe(200);

    await dbRows("UPDATE memberships SET role = 'purchaser' WHERE tenant_id = $1 AND user_id = $2", [owner.tenantId, member.client.userId]);
    const me = await member.client.get("/api/v1/auth/me");
    expect(me.body.role).toBe("purchaser");
    expect(me.body.memberships).toEqual([{ tenantId: owner.tenantId, tenantName: "Role Change Co", role: "purchaser" }]);
    expect((await member.client.get("/api/v1/users")).status).toBe(403);
  });

  it("a removed membership ends the session on the next request, the orders list and auth/me included", async () => {
    const owner = await signUpCompany("Removal Co");
    const member = await inviteAndAccept(owner, "manager");
    expect((await member.client.get("/api/v1/orders")).status).toBe(200);
    await dbRows("DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2", [owner.tenantId, member.client.userId]);
    for (const path of ["/api/v1/orders", "/api/v1/auth/me", "/api/v1/products"]) {
      const res = await member.client.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
  });

  it("a session deleted (signed out elsewhere) or expired is refused on the next request", async () => {
    const owner = await signUpCompany("Revocation Co");
    const second = await inviteAndAccept(owner, "staff");
    expect((await second.client.get("/api/v1/orders")).status).toBe(200);
    await dbRows("DELETE FROM sessions WHERE user_id = $1", [second.client.userId]);
    expect((await second.client.get("/api/v1/orders")).status).toBe(401);
    expect((await second.client.get("/api/v1/auth/me")).status).toBe(401);

    expect((await owner.get("/api/v1/orders")).status).toBe(200);
    await dbRows("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [owner.userId]);
    expect((await owner.get("/api/v1/orders")).status).toBe(401);
  });

  it("a revoked token is refused on the next request", async () => {
    const owner = await signUpCompany("Token Revocation Co");
    const { bot, id } = await tokenOf(owner, "manager");
    expect((await bot.get("/api/v1/orders")).status).toBe(200);
    expect((await owner.delete(`/api/v1/api-tokens/${id}`)).status).toBe(204);
    expect((await bot.get("/api/v1/orders")).status).toBe(401);
    expect((await bot.get("/api/v1/auth/me")).status).toBe(401);
  });

  it("CSRF still applies to a session's writes; a wrong one changes nothing", async () => {
    const owner = await signUpCompany("Csrf Co");
    const csrf = owner.csrfToken;
    owner.csrfToken = "wrong";
    const res = await owner.post("/api/v1/products", { sku: "CSRF-1", name: "Refused" });
    expect(res.status).toBe(403);
    expect(await dbRows("SELECT sku FROM products WHERE tenant_id = $1", [owner.tenantId])).toEqual([]);
    owner.csrfToken = csrf;
    expect((await owner.post("/api/v1/products", { sku: "CSRF-1", name: "Made" })).status).toBe(201);
  });
});

describe("an API token's last use", () => {
  it("is written at most once a minute", async () => {
    const owner = await signUpCompany("Last Used Co");
    const { bot, id } = await tokenOf(owner, "admin");
    const lastUsed = async () => (await dbRows("SELECT last_used_at FROM api_tokens WHERE id = $1", [id]))[0]!.last_used_at as Date | null;
    expect(await lastUsed()).toBeNull();

    expect((await bot.get("/api/v1/orders")).status).toBe(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect((await bot.get("/api/v1/orders")).status).toBe(200);
    expect((await bot.get("/api/v1/products")).status).toBe(200);
    expect(await lastUsed()).toEqual(first); // the second and third request wrote nothing

    // Older than a minute: the next request notes it again.
    await dbRows("UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE id = $1", [id]);
    const aged = await lastUsed();
    expect((await bot.get("/api/v1/auth/me")).status).toBe(200);
    const noted = await lastUsed();
    expect(noted!.getTime()).toBeGreaterThan(aged!.getTime() + 60_000);
    // 59 seconds old: left alone.
    await dbRows("UPDATE api_tokens SET last_used_at = now() - interval '59 seconds' WHERE id = $1", [id]);
    const recent = await lastUsed();
    expect((await bot.get("/api/v1/orders")).status).toBe(200);
    expect(await lastUsed()).toEqual(recent);
  });

  it("does not make concurrent requests of one token wait for each other", async () => {
    const owner = await signUpCompany("Concurrent Token Co");
    const { bot, id } = await tokenOf(owner, "admin");
    const answers = await Promise.all(Array.from({ length: 8 }, () => bot.get("/api/v1/orders")));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect((await dbRows("SELECT last_used_at FROM api_tokens WHERE id = $1", [id]))[0]!.last_used_at).toBeInstanceOf(Date);
  });
});

describe("the request's transaction", () => {
  it("reads as bod_app with the request's tenant and user set (row-level security stays on)", async () => {
    const owner = await signUpCompany("Wall Co");
    const rows = await readInTenant({ tenantId: owner.tenantId!, userId: owner.userId }, (sql) =>
      sql<{ who: string; tenant: string; user_id: string }>(`SELECT current_user AS who, current_setting('app.tenant_id') AS tenant, current_setting('app.user_id') AS user_id`),
    );
    expect(rows).toEqual([{ who: "bod_app", tenant: owner.tenantId, user_id: owner.userId }]);
  });

  it("is one transaction for GET /orders, /orders/counts and /auth/me, by session and by token (PostgreSQL's own count)", async () => {
    // A database of its own, so that nothing else commits there; a pool of one connection, closed
    // after each batch so that the backend reports its counts (xact_commit + xact_rollback) as it exits.
    const name = `${inject("templateDatabase")}_tx_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE ${inject("templateDatabase")}`);
    const original = currentDb()!;
    const counted = async () => Number((await admin.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`, [name])).rows[0].n);
    async function batch(run: () => Promise<void>): Promise<number> {
      const before = await counted();
      const handle = openDb(databaseUrl(name, "bod_app"), { max: 1 });
      setDb(handle);
      try {
        await run();
      } finally {
        setDb(original);
        await handle.close();
      }
      for (let i = 0; i < 200; i++) {
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      let after = await counted();
      for (let settled = false; !settled; ) {
        await new Promise((r) => setTimeout(r, 100));
        const again = await counted();
        settled = again === after;
        after = again;
      }
      return after - before;
    }
    try {
      let owner!: ApiClient;
      let bot!: ApiClient;
      await batch(async () => {
        owner = await signUpCompany("Counted Co");
        bot = (await tokenOf(owner, "admin")).bot;
      });
      /** Transactions per request: the difference of a batch of 30 and one of 10 (what a connection costs cancels out). */
      async function perRequest(request: () => Promise<unknown>): Promise<number> {
        const repeat = (n: number) => async () => {
          for (let i = 0; i < n; i++) await request();
        };
        // Autovacuum may visit the database during a batch; it only ever adds, so the least of three tries is the request's own.
        const tries: number[] = [];
        for (let t = 0; t < 3; t++) tries.push(((await batch(repeat(30))) - (await batch(repeat(10)))) / 20);
        return Math.min(...tries);
      }
      const ok = (res: { status: number }) => expect(res.status).toBe(200);
      expect(await perRequest(async () => ok(await owner.get("/api/v1/orders?fulfillability=backordered")))).toBe(1);
      expect(await perRequest(async () => ok(await owner.get("/api/v1/auth/me")))).toBe(1);
      expect(await perRequest(async () => ok(await owner.get("/api/v1/orders/counts")))).toBe(1);
      expect(await perRequest(async () => ok(await bot.get("/api/v1/orders")))).toBe(1);
      // An endpoint served through Prisma: the principal's transaction, then the service's own.
      expect(await perRequest(async () => ok(await owner.get("/api/v1/products")))).toBe(2);
    } finally {
      setDb(original);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
