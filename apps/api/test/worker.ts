// Job workers for API tests: the product's worker (jobs/runner.ts, the real graphile-worker)
// against the test file's database, with a fast heartbeat so a killed worker's jobs are taken
// over in seconds. Also a worker in a child process, for tests that kill one with SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import type { TaskList } from "graphile-worker";
import { startJobWorker, type JobWorker } from "../src/jobs/runner.ts";
import { taskList } from "../src/jobs/tasks.ts";
import { testEnv } from "./env.ts";
import { releaseStreamLeases } from "../src/features/integrations/delivery.ts";

const running = new Set<JobWorker>();
const children = new Set<ChildProcess>();

export async function startTestWorker(options: { tasks?: TaskList; concurrency?: number } = {}): Promise<JobWorker> {
  const worker = await startJobWorker({
    connectionString: testEnv.ownerDatabaseUrl,
    tasks: { ...taskList, ...options.tasks },
    onTakeover: releaseStreamLeases,
    concurrency: options.concurrency ?? 2,
    logger: pino({ level: "silent" }),
    logLevel: "error",
    heartbeatMs: 300,
    staleAfterMs: 2_000,
  });
  running.add(worker);
  const stop = worker.stop.bind(worker);
  worker.stop = async () => {
    running.delete(worker);
    await stop();
  };
  return worker;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** A worker in its own process (apps/api/test/support/worker-process.ts), to be killed for real. Resolves once it runs jobs. */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/api/test/support/worker-process.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testEnv.appDatabaseUrl, MIGRATION_DATABASE_URL: testEnv.ownerDatabaseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker process did not start: ${output}`)), 30_000);
    child.stdout!.on("data", (d) => {
      output += d;
      if (output.includes("worker ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (d) => (output += d));
    child.on("exit", (code) => reject(new Error(`worker process exited (${code}): ${output}`)));
  });
  return child;
}

export async function stopTestWorkers() {
  for (const c of children) c.kill("SIGKILL");
  await Promise.all([...running].map((w) => w.stop()));
}

/** Waits until `check` returns something truthy (polling), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
