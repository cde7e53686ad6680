// `npm run worker`: job workers alone, against DATABASE_URL (run any number of them, on any
// host). The embedded database belongs to `npm start`'s one process, which runs its own worker.
import { readConfig } from "./config.ts";
import { fail, openDatabase, startWorkers } from "./boot.ts";

const config = readConfig();
if (!config.databaseUrl) fail("npm run worker needs DATABASE_URL (npm start runs a worker beside the embedded database by itself)");
const db = await openDatabase(config);
const worker = await startWorkers(config, db);
console.log(`job worker running (${config.workerConcurrency} at a time); Ctrl-C stops it after the running jobs finish`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
