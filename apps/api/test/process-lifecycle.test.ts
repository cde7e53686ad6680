// The production entries as processes (node --import tsx apps/api/src/server.ts / worker.ts):
// - configuration: --help lists every variable and exits 0; a bad or missing value exits 2 with
//   one line naming the variable and no stack trace; the README's table is the schema's;
// - graceful shutdown: SIGTERM during a slow request (a sign-in waiting on a row lock this test
//   holds in PostgreSQL; no test-only route) stops new connections, lets the request finish with
//   its 200, and exits 0; past SHUTDOWN_TIMEOUT_MS the request's connection is closed instead; a
//   second signal exits at once.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { configTable, readConfig, readmeConfigTable, ZEnv, ConfigError, envValue } from "../src/config.ts";
import { ApiClient, PASSWORD, uniqueEmail } from "./client.ts";
import { backendsOf, killApiProcesses, startApiProcess, workerUntilSigterm, type ApiProcess } from "./api-process.ts";
import { testEnv } from "./env.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
afterAll(killApiProcesses);

/** Runs an entry to its end with `env` on top of a clean environment (PATH only). */
function runEntry(entry: "server.ts" | "worker.ts", env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/api/src", entry), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const NAMES = Object.keys(ZEnv.shape);

describe("configuration", () => {
  it("--help lists every variable with its default, for the server and the worker, and exits 0", async () => {
    for (const entry of ["server.ts", "worker.ts"] as const) {
      const res = await runEntry(entry, {}, ["--help"]);
      expect(res.code).toBe(0);
      for (const name of NAMES) expect(res.stdout).toMatch(new RegExp(`^  ${name} .*\\[.+\\]$`, "m"));
    }
    expect(NAMES).toEqual(expect.arrayContaining(["PORT", "DATABASE_URL", "SECRETS_KEY", "METRICS_TOKEN", "SHUTDOWN_TIMEOUT_MS", "WORKER_STALE_AFTER_MS"]));
  });

  it.each([
    ["server.ts", { PORT: "abc" }, 'config: PORT must be a whole number 1-65535 (got "abc")'],
    ["server.ts", { PORT: "70000" }, "PORT must be a whole number 1-65535"],
    ["server.ts", { DATABASE_URL: "localhost:5432/bod" }, "config: DATABASE_URL must be a postgres:// or postgresql:// URL"],
    ["server.ts", { SECRETS_KEY: "too-short" }, "config: SECRETS_KEY must be 32 bytes"],
    ["server.ts", { WORKER_IN_PROCESS: "maybe" }, 'config: WORKER_IN_PROCESS must be true or false (got "maybe")'],
    ["server.ts", { LOG_LEVEL: "loud" }, "config: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent"],
    ["worker.ts", { OUTBOX_MAX_ATTEMPTS: "0" }, "config: OUTBOX_MAX_ATTEMPTS must be a whole number of 1 or more"],
    ["worker.ts", { METRICS_TOKEN: "short" }, "config: METRICS_TOKEN must be at least 16 characters"],
  ] as const)("%s with %j exits 2 with one line naming the variable", async (entry, env, line) => {
    const res = await runEntry(entry, env);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toContain(line);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(res.stdout).toBe("");
  });

  it("the worker without DATABASE_URL stops with one line", async () => {
    const res = await runEntry("worker.ts", {});
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("DATABASE_URL");
    expect(res.stderr).not.toMatch(/^\s+at /m);
  });

  it("keeps each module's default and reads a variable per call where tests change it", () => {
    const c = readConfig({});
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", dataDir: ".data/pglite", sessionDays: 14, workerConcurrency: 4, workerInProcess: true, dbPoolMax: 10, seedDemo: true, trustProxy: false, shutdownTimeoutMs: 25_000, metricsToken: undefined, logLevel: "info" });
    expect(readConfig({ NODE_ENV: "test" }).logLevel).toBe("silent");
    expect(readConfig({ DATABASE_URL: "postgres://a@h/db" }).migrationDatabaseUrl).toBe("postgres://a@h/db");
    expect(readConfig({ SEED_DEMO: "false", WORKER_IN_PROCESS: "false" })).toMatchObject({ seedDemo: false, workerInProcess: false });
    expect(envValue("COMPANY_LOCK_WAIT_MS", {})).toBe(10_000);
    expect(envValue("WEBHOOK_CHANNEL_CACHE_MS", { WEBHOOK_CHANNEL_CACHE_MS: "0" })).toBe(0);
    expect(envValue("LOGIN_RATE_LIMIT_PER_ADDRESS", {})).toBeUndefined();
    expect(() => envValue("SESSION_DAYS", { SESSION_DAYS: "two weeks" })).toThrow(ConfigError);
  });

  it("the README's configuration table is the schema's (npm run docs:config writes it)", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readmeConfigTable(readme)).toBe(configTable());
    for (const name of NAMES) expect(configTable()).toContain(`| \`${name}\` |`);
  });
});

describe("graceful shutdown", () => {
  async function signedUpEmail() {
    const email = uniqueEmail("shutdown");
    const client = new ApiClient();
    expect((await client.post("/api/v1/auth/signup", { companyName: "Shutdown Co", name: "Sam", email, password: PASSWORD })).status).toBe(201);
    // A first sign-in writes the throttle rows the slow one will wait on.
    expect((await new ApiClient().post("/api/v1/auth/login", { email, password: PASSWORD })).status).toBe(200);
    return email;
  }

  /** Holds every sign-in throttle row locked until the returned function is called. */
  async function holdSignInRows(): Promise<{ release(): Promise<void> }> {
    const client: pg.PoolClient = await testEnv.superuser.connect();
    await client.query("BEGIN");
    await client.query("SELECT key FROM sign_in_throttle FOR UPDATE");
    return {
      async release() {
        await client.query("COMMIT");
        client.release();
      },
    };
  }

  async function waitForLockWait(api: ApiProcess) {
    for (let i = 0; i < 100; i++) {
      if ((await backendsOf(api.applicationName)).some((b) => b.wait_event_type === "Lock")) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the request never waited on the lock");
  }

  const login = (api: ApiProcess, email: string) =>
    fetch(`${api.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });

  it("SIGTERM during a slow request: no new connections, the request gets its 200, the process exits 0", async () => {
    const email = await signedUpEmail();
    const api = await startApiProcess();
    const lock = await holdSignInRows();
    let released = false;
    try {
      const slow = login(api, email);
      await waitForLockWait(api);
      api.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      expect(api.child.exitCode).toBeNull(); // still finishing the request
      await expect(fetch(`${api.url}/api/health`)).rejects.toThrow(); // no longer accepting
      await lock.release();
      released = true;
      const res = await slow;
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toMatch(/bod_session=[^;]+/); // signed in: the request ran to its end
      const started = Date.now();
      expect(await api.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(api.output()).toContain("SIGTERM: finishing requests in flight");
    } finally {
      if (!released) await lock.release();
    }
  });

  it("past SHUTDOWN_TIMEOUT_MS the request's connection is closed and the process still ends; a second signal ends it at once", async () => {
    const email = await signedUpEmail();
    const lock = await holdSignInRows();
    try {
      const api = await startApiProcess({ env: { SHUTDOWN_TIMEOUT_MS: "500" } });
      const slow = login(api, email).then((r) => r.status, (e: Error) => e);
      await waitForLockWait(api);
      const signalled = Date.now();
      api.child.kill("SIGTERM");
      expect(await slow).toBeInstanceOf(Error); // the connection was closed under it
      const end = await api.exited;
      expect(Date.now() - signalled).toBeLessThan(10_000);
      // Its database session still waited on the lock, so the pool could not close: the process left without it (1).
      expect(end).toEqual({ code: 1, signal: null });
      expect(api.output()).toContain("requests still running after 500 ms");
      expect(api.output()).toContain("exiting without waiting for it");

      const second = await startApiProcess();
      const waiting = login(second, email).catch(() => undefined);
      await waitForLockWait(second);
      second.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      expect(second.child.exitCode).toBeNull();
      const again = Date.now();
      second.child.kill("SIGTERM");
      expect(await second.exited).toEqual({ code: 1, signal: null });
      expect(Date.now() - again).toBeLessThan(2_000);
      expect(second.output()).toContain("SIGTERM again: exiting now");
      await waiting;
    } finally {
      await lock.release();
    }
  });

  it("a worker on SIGTERM stops taking jobs, leaves the worker list and exits 0", async () => {
    const run = await workerUntilSigterm("source");
    expect(run.rowsWhileRunning).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(run.output).toContain("SIGTERM: letting running jobs finish");
    expect(run.rowsAfter).toBe(0);
  });
});
