// The API server in its own process (apps/api/src/server.ts, the production entry) on the test
// file's database, for tests that kill it with SIGKILL mid-request; and a client that talks to it
// with a test user's session (sessions live in PostgreSQL, so the in-process app's sign-ins work there).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiClient, ApiResponse } from "./client.ts";
import { testEnv } from "./env.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const running = new Set<ChildProcess>();
let started = 0;

export interface ApiProcess {
  url: string;
  /** The process's `application_name` on PostgreSQL: its backends are found by it. */
  applicationName: string;
  child: ChildProcess;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, resolved once the process is gone (its backends may outlive it while they wait on a lock). */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The server's command line: the TypeScript source through tsx, or the compiled output of scripts/build-server.mjs. */
export function serverCommand(build: "source" | "compiled" = "source", entry = "server"): string[] {
  return build === "compiled" ? [path.join(root, `apps/api/dist/${entry}.js`)] : ["--import", "tsx", path.join(root, `apps/api/src/${entry}.ts`)];
}

/** Starts the server (no worker, no demo data) and resolves once /api/health answers 200. */
export async function startApiProcess(options: { port?: number; env?: Record<string, string>; build?: "source" | "compiled" } = {}): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const applicationName = `bod-api-process-${process.pid}-${++started}`;
  const databaseUrl = new URL(testEnv.appDatabaseUrl);
  databaseUrl.searchParams.set("application_name", applicationName);
  const child = spawn(process.execPath, serverCommand(options.build), {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl.toString(),
      MIGRATION_DATABASE_URL: testEnv.ownerDatabaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      WORKER_IN_PROCESS: "false",
      LOG_LEVEL: "silent",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const exited = ended.then(() => undefined);
  void exited.then(() => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`API process exited (${child.exitCode ?? child.signalCode}): ${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`API process did not answer /api/health in 30 s: ${output}`);
    }
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    applicationName,
    child,
    output: () => output,
    exited: ended,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Kills every API process still running (for afterAll). */
export async function killApiProcesses() {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }),
  );
}

/** The process's database backends (after a kill they end once they notice their client is gone). */
export async function backendsOf(applicationName: string): Promise<{ pid: number; state: string | null; wait_event_type: string | null; in_transaction: boolean }[]> {
  const { rows } = await testEnv.superuser.query(
    `SELECT pid, state, wait_event_type, xact_start IS NOT NULL AS in_transaction FROM pg_stat_activity WHERE application_name = $1`,
    [applicationName],
  );
  return rows;
}

/** A request to the API process as `client` (its session cookie and CSRF token, or its Bearer token). Rejects when no answer came. */
export async function callApi<T = any>(
  url: string,
  client: ApiClient,
  method: string,
  pathname: string,
  body?: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<ApiResponse<T>> {
  const h: Record<string, string> = { ...headers };
  if (body !== undefined) h["content-type"] = "application/json";
  if (client.cookie) h.cookie = client.cookie;
  if (client.csrfToken && method !== "GET") h["x-csrf-token"] = client.csrfToken;
  if (client.bearer) h.authorization = `Bearer ${client.bearer}`;
  const res = await fetch(url + pathname, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * Starts a job worker process (source or compiled) on the test database, checks it joined the
 * queue's worker list, sends SIGTERM, and resolves with its exit code, what it printed, and how
 * many worker-list rows it left behind.
 */
export async function workerUntilSigterm(build: "source" | "compiled"): Promise<{ code: number | null; output: string; rowsWhileRunning: number; rowsAfter: number }> {
  const child = spawn(process.execPath, serverCommand(build, "worker"), {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: testEnv.appDatabaseUrl, MIGRATION_DATABASE_URL: testEnv.ownerDatabaseUrl, LOG_LEVEL: "silent", WORKER_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  const rows = async () => (await testEnv.superuser.query(`SELECT count(*)::int AS n FROM bod_queue.workers WHERE pid = $1`, [child.pid])).rows[0].n as number;
  for (let i = 0; i < 300 && !output.includes("job worker running") && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  if (!output.includes("job worker running")) {
    child.kill("SIGKILL");
    throw new Error(`the worker did not start: ${output}`);
  }
  const rowsWhileRunning = await rows();
  child.kill("SIGTERM");
  const code = await exited;
  return { code, output, rowsWhileRunning, rowsAfter: await rows() };
}
