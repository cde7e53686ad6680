// Sign-in attempts are limited per client address and per account, counted in the database so
// several API processes share the count; X-Forwarded-For says nothing unless TRUST_PROXY
// trusts the proxy that sent it (docs/decisions/011).
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { parseTrustProxy, readConfig } from "../src/config.ts";
import { sweepSignInThrottle } from "../src/features/auth/sign-in-throttle.ts";
import { ApiClient, PASSWORD, signUpCompany, uniqueEmail } from "./client.ts";
import { dbRows } from "./guards.ts";
import { testEnv } from "./env.ts";

const saved = { perAccount: process.env.LOGIN_RATE_LIMIT, perAddress: process.env.LOGIN_RATE_LIMIT_PER_ADDRESS };
function setLimits(perAccount: number, perAddress: number) {
  process.env.LOGIN_RATE_LIMIT = String(perAccount);
  process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = String(perAddress);
}
beforeEach(async () => {
  // Every test signs in from 127.0.0.1: each starts with no attempts counted.
  await dbRows("DELETE FROM sign_in_throttle");
});
afterEach(() => {
  process.env.LOGIN_RATE_LIMIT = saved.perAccount;
  if (saved.perAddress === undefined) delete process.env.LOGIN_RATE_LIMIT_PER_ADDRESS;
  else process.env.LOGIN_RATE_LIMIT_PER_ADDRESS = saved.perAddress;
});

const servers: { close(cb: () => void): void }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});
/** A second API process's worth: another app on the same database, with its own options. */
async function anotherApp(options: Parameters<typeof createApp>[0] = {}) {
  const server = createApp({ logLevel: "silent", ...options }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function login(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ email, password }) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe("sign-in limit per address", () => {
  it("refuses an address after its failed attempts across many emails, with Retry-After; a rotating X-Forwarded-For is not honoured by default", async () => {
    setLimits(100, 5);
    for (let i = 0; i < 5; i++) {
      const res = await login(testEnv.baseUrl, uniqueEmail(`guess${i}`), "wrong password!", { "x-forwarded-for": `203.0.113.${i + 1}` });
      expect(res.status).toBe(401);
    }
    const blocked = await login(testEnv.baseUrl, uniqueEmail("guess-next"), "wrong password!", { "x-forwarded-for": "198.51.100.77" });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
  });

  it("honours X-Forwarded-For only from a proxy TRUST_PROXY names", async () => {
    setLimits(100, 2);
    const behindProxy = await anotherApp({ trustProxy: parseTrustProxy("loopback") });
    for (let i = 0; i < 4; i++) {
      // each attempt comes from another client behind the trusted proxy: none reaches the limit of 2
      expect((await login(behindProxy, uniqueEmail(`p${i}`), "wrong password!", { "x-forwarded-for": `203.0.113.${i + 1}` })).status).toBe(401);
    }
    expect((await login(behindProxy, uniqueEmail("p-again"), "wrong password!", { "x-forwarded-for": "203.0.113.1" })).status).toBe(401);
    expect((await login(behindProxy, uniqueEmail("p-third"), "wrong password!", { "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
  });

  it("counts sign-ups against the address even when they succeed", async () => {
    setLimits(100, 2);
    const body = () => ({ companyName: "Spree Co", name: "S", email: uniqueEmail("spree"), password: PASSWORD });
    expect((await new ApiClient().post("/api/v1/auth/signup", body())).status).toBe(201);
    expect((await new ApiClient().post("/api/v1/auth/signup", body())).status).toBe(201);
    const third = await new ApiClient().post("/api/v1/auth/signup", body());
    expect(third.status).toBe(429);
  });
});

describe("sign-in limit per account", () => {
  it("is shared by every API process (counted in the database), and a success is not counted", async () => {
    setLimits(3, 100);
    const admin = await signUpCompany();
    const email: string = (await admin.get("/api/v1/auth/me")).body.user.email;
    const other = await anotherApp();
    expect((await login(testEnv.baseUrl, email, PASSWORD)).status).toBe(200); // not held against the account
    expect((await login(testEnv.baseUrl, email, "wrong password!")).status).toBe(401);
    expect((await login(other, email, "wrong password!")).status).toBe(401);
    expect((await login(testEnv.baseUrl, email, "wrong password!")).status).toBe(401);
    expect((await login(other, email, PASSWORD)).status).toBe(429);
    expect((await login(testEnv.baseUrl, email, PASSWORD)).status).toBe(429);
    // Keys are hashes: neither the address nor the email is stored.
    const keys = (await dbRows("SELECT key FROM sign_in_throttle")).map((r) => String(r.key));
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });

  it("a burst of parallel guesses gets no more tries than the limit", async () => {
    setLimits(4, 100);
    const email = uniqueEmail("burst");
    const statuses = await Promise.all(Array.from({ length: 12 }, () => login(testEnv.baseUrl, email, "wrong password!").then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8);
  });

  it("windows that are over are swept away", async () => {
    setLimits(3, 100);
    await login(testEnv.baseUrl, uniqueEmail("old"), "wrong password!");
    await dbRows("UPDATE sign_in_throttle SET window_started_at = now() - interval '16 minutes'");
    await login(testEnv.baseUrl, uniqueEmail("new"), "wrong password!");
    expect(await sweepSignInThrottle()).toBe(1); // the old account's window; the address's restarted
    expect(await dbRows("SELECT attempts FROM sign_in_throttle ORDER BY attempts")).toEqual([{ attempts: 1 }, { attempts: 1 }]);
  });
});

describe("TRUST_PROXY", () => {
  it("is off unless set; takes true, a hop count, or a list of addresses and names", () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
  });
});
