// `npm run worker`: job workers alone, against DATABASE_URL (run any number of them, on any
// host). The embedded database belongs to `npm start`'s one process, which runs its own worker.
import { config } from "./start-config.ts";
import { fail, openDatabase, startWorkers } from "./boot.ts";

if (!config.databaseUrl) fail("npm run worker needs DATABASE_URL (npm start runs a worker beside the embedded database by itself)");
const db = await openDatabase(config);
const worker = await startWorkers(config, db);
console.log(`job worker running (${config.workerConcurrency} at a time); Ctrl-C stops it after the running jobs finish`);

// SIGTERM (or Ctrl-C): no new jobs, running ones finish (or are released: jobs/runner.ts), the
// pool closes, exit 0. A second signal exits at once.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal}: letting running jobs finish, then stopping`);
  await worker.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
