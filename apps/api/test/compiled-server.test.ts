// The production build: scripts/build-server.mjs compiles the entries to apps/api/dist, and these
// run with plain `node` (no TypeScript loader), as the Docker image runs them:
// - the built code imports only production dependencies of apps/api (the image installs no others);
// - migrate.js applies every migration to an empty database, then finds nothing to do;
// - server.js answers /api/health, signs a user in (Prisma client, argon2), serves /metrics, and
//   exits 0 on SIGTERM; a bad variable exits 2 naming it; worker.js joins the queue and leaves it.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, uniqueEmail } from "./client.ts";
import { callApi, killApiProcesses, serverCommand, startApiProcess, workerUntilSigterm } from "./api-process.ts";
import { testEnv } from "./env.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const dist = path.join(root, "apps/api/dist");

beforeAll(() => {
  const build = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, encoding: "utf8" });
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
  expect(build.stdout).toMatch(/^server built: apps\/api\/dist/);
}, 60_000);
afterAll(killApiProcesses);

/** Runs a built entry to its end with `env` on top of a clean environment (PATH only). */
function runBuilt(entry: string, env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...serverCommand("compiled", entry), ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

describe("the compiled server", () => {
  it("has every entry as JavaScript and imports only apps/api's production dependencies", () => {
    for (const entry of ["server", "worker", "migrate", "check-allocations"]) expect(fs.existsSync(path.join(dist, `${entry}.js`))).toBe(true);
    const imported: string[] = JSON.parse(fs.readFileSync(path.join(dist, "external-imports.json"), "utf8"));
    const dependencies = Object.keys(JSON.parse(fs.readFileSync(path.join(root, "apps/api/package.json"), "utf8")).dependencies);
    expect(imported).toEqual(expect.arrayContaining(["express", "pg", "graphile-worker", "@prisma/client/runtime/client"]));
    expect(imported.map(packageOf).filter((p) => !dependencies.includes(p))).toEqual([]);
    // Our own code is inside the bundle: no import of a workspace package or a .ts file is left.
    const code = fs.readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(dist, f), "utf8")).join("\n");
    expect(code).not.toMatch(/from\s*["'](@bod\/|[^"']+\.ts["'])/);
  });

  it("--help names the built command and every variable; a bad value exits 2 with one line naming it", async () => {
    const help = await runBuilt("server", {}, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: node apps/api/dist/server.js");
    expect(help.stdout).toMatch(/^  DATABASE_URL /m);
    const bad = await runBuilt("server", { PORT: "abc" });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('config: PORT must be a whole number 1-65535 (got "abc")');
    const worker = await runBuilt("worker", {});
    expect(worker.code).not.toBe(0);
    expect(worker.stderr).toContain("DATABASE_URL");
    expect(worker.stderr).not.toMatch(/^\s+at /m);
  });

  it("migrate.js applies every migration to an empty database, then finds nothing to do", async () => {
    const name = `bod_compiled_migrate_${process.pid}`;
    await testEnv.superuser.query(`DROP DATABASE IF EXISTS ${name}`);
    await testEnv.superuser.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(testEnv.ownerDatabaseUrl);
      url.pathname = `/${name}`;
      const migrations = fs.readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      const first = await runBuilt("migrate", { MIGRATION_DATABASE_URL: url.toString() });
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout.trim()).toBe(`migrations applied: ${migrations.join(", ")}`);
      const again = await runBuilt("migrate", { DATABASE_URL: url.toString() });
      expect(again).toMatchObject({ code: 0, stdout: "database is up to date\n" });
      const unreachable = await runBuilt("migrate", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(/^✖ migrations failed: /);
      expect(unreachable.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await testEnv.superuser.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 60_000);

  it("server.js answers /api/health, signs in, serves /metrics and exits 0 on SIGTERM", async () => {
    const token = "compiled-metrics-token-0123456789";
    const api = await startApiProcess({ build: "compiled", env: { METRICS_TOKEN: token } });
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });

    const email = uniqueEmail("compiled");
    const admin = new ApiClient();
    expect((await admin.post("/api/v1/auth/signup", { companyName: "Compiled Co", name: "Ada Admin", email, password: PASSWORD })).status).toBe(201);
    const me = await callApi(api.url, admin, "GET", "/api/v1/auth/me");
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(email);
    const login = await fetch(`${api.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(login.status).toBe(200); // argon2's native module loads from the built code
    expect(login.headers.get("set-cookie")).toMatch(/bod_session=/);

    const metrics = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^bod_http_requests_total\{[^}]*route="[^"]*\/auth\/login"[^}]*status="200"[^}]*\} 1$/m);

    api.child.kill("SIGTERM");
    expect(await api.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("worker.js joins the job queue and leaves it on SIGTERM", async () => {
    const run = await workerUntilSigterm("compiled");
    expect(run.rowsWhileRunning).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(run.output).toContain("SIGTERM: letting running jobs finish");
    expect(run.rowsAfter).toBe(0);
  }, 60_000);
});
