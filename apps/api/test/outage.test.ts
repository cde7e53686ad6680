// The database out of reach: requests answer 503 `unavailable` with Retry-After, quickly;
// /api/health answers within a second whatever the database does; when the database is back
// the same process serves again without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, setDb, type DbHandle } from "../src/db/client.ts";
import { ApiClient, signUpCompany } from "./client.ts";
import { testEnv } from "./env.ts";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.ts";

let proxy: TcpProxy;
let handle: DbHandle;
let admin: ApiClient;

beforeAll(async () => {
  const direct = new URL(testEnv.appDatabaseUrl);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(testEnv.appDatabaseUrl);
  viaProxy.port = String(proxy.port);
  // This file's app now reaches the database only through the proxy.
  handle = openDb(viaProxy.toString(), { max: 4 });
  setDb(handle);
  admin = await signUpCompany("Outage Co");
});

afterAll(async () => {
  proxy.set("open");
  await handle?.close();
  await proxy?.close();
});

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

function expectUnavailable(res: { status: number; body: any; headers: Headers }) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.body.error.code).toBe("unavailable");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
}

describe("database unreachable", () => {
  it("reads and writes answer 503 with Retry-After in a few seconds, health in under one; all recover without a restart", async () => {
    expect((await admin.get("/api/v1/warehouses")).status).toBe(200);
    proxy.set("refuse");
    const read = await timed(() => admin.get("/api/v1/warehouses"));
    expectUnavailable(read.value);
    expect(read.ms).toBeLessThan(5_000);
    const write = await timed(() => admin.post("/api/v1/warehouses", { code: "DOWN", name: "Written while down" }));
    expectUnavailable(write.value);
    const signIn = await new ApiClient().post("/api/v1/auth/login", { email: "nobody@example.test", password: "whatever password" });
    expectUnavailable(signIn);
    const health = await timed(() => fetch(`${testEnv.baseUrl}/api/health`));
    expect(health.value.status).toBe(503);
    expect(health.ms).toBeLessThan(1_000);

    proxy.set("open");
    expect((await admin.get("/api/v1/warehouses")).status).toBe(200);
    expect((await admin.post("/api/v1/warehouses", { code: "UP", name: "Written after" })).status).toBe(201);
    const { rows } = await testEnv.superuser.query(`SELECT code FROM warehouses WHERE code IN ('DOWN', 'UP')`);
    expect(rows.map((r) => r.code)).toEqual(["UP"]);
    expect((await fetch(`${testEnv.baseUrl}/api/health`)).status).toBe(200);
  });
});

describe("database frozen", () => {
  it("health answers 503 within a second, again and again, and ok once the database moves again", async () => {
    expect((await fetch(`${testEnv.baseUrl}/api/health`)).status).toBe(200);
    proxy.set("freeze");
    for (let i = 0; i < 5; i++) {
      const health = await timed(() => fetch(`${testEnv.baseUrl}/api/health`));
      expect(health.value.status).toBe(503);
      expect(await health.value.json()).toMatchObject({ database: "timeout" });
      expect(health.ms).toBeLessThan(1_000);
    }
    const stuck = admin.get("/api/v1/warehouses");
    await new Promise((r) => setTimeout(r, 300));
    proxy.set("open");
    expect((await stuck).status).toBe(200);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await fetch(`${testEnv.baseUrl}/api/health`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});
