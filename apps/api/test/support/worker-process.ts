// A job worker in its own process for tests that kill it (SIGKILL): the product's runner and
// tasks against DATABASE_URL (bod_app) and MIGRATION_DATABASE_URL (owner), fast heartbeat.
import { pino } from "pino";
import { openDb, setDb } from "../../src/db/client.ts";
import { startJobWorker } from "../../src/jobs/runner.ts";
import { taskList } from "../../src/jobs/tasks.ts";
import { configureSecretsKey, parseSecretsKey } from "../../src/security/secret-box.ts";
import { releaseStreamLeases } from "../../src/features/integrations/delivery.ts";

async function main() {
  configureSecretsKey(parseSecretsKey(process.env.SECRETS_KEY!));
  setDb(openDb(process.env.DATABASE_URL!, { max: 4 }));
  await startJobWorker({
    connectionString: process.env.MIGRATION_DATABASE_URL!,
    tasks: taskList,
    onTakeover: releaseStreamLeases,
    concurrency: 1,
    logger: pino({ level: "silent" }),
    logLevel: "error",
    heartbeatMs: 300,
    staleAfterMs: 2_000,
  });
  console.log("worker ready");
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
