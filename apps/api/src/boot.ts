// What the web server and the worker process both do at start: open the database (a server, or
// the embedded one), migrate it, set up the secrets key, and start job workers.
import pg from "pg";
import { pino } from "pino";
import type { Config } from "./config.ts";
import { openDb, setDb, type DbHandle } from "./db/client.ts";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./db/embedded.ts";
import { migrateDatabase } from "./db/migrations.ts";
import { startJobWorker, type JobWorker } from "./jobs/runner.ts";
import { crontab, taskList } from "./jobs/tasks.ts";
import { configureSecretsKey, localSecretsKey, parseSecretsKey } from "./security/secret-box.ts";
import { releaseStreamLeases } from "./features/integrations/delivery.ts";

export interface Database {
  handle: DbHandle;
  embedded: EmbeddedDatabase | undefined;
  /** The owner's connection string (migrations, the job queue). */
  ownerUrl: string;
  migrationsApplied: string[];
  close(): Promise<void>;
}

/** Stops the process with one clear line (no stack trace) when the configuration cannot work. */
export function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

export async function openDatabase(config: Config): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  const ownerUrl = embedded ? url : (config.migrationDatabaseUrl ?? url);
  const migrationsApplied = await migrateDatabase(ownerUrl);
  const handle = openDb(url, { max: embedded ? 2 : config.dbPoolMax });
  setDb(handle);
  await setUpSecrets(config, ownerUrl, !!embedded);
  return {
    handle,
    embedded,
    ownerUrl,
    migrationsApplied,
    async close() {
      await handle.close();
      await embedded?.stop();
    },
  };
}

/**
 * The key that seals store credentials: SECRETS_KEY; on the embedded database a key file
 * beside its data when none is set. A server database with stored credentials and no key
 * cannot work: the process stops and says so.
 */
async function setUpSecrets(config: Config, ownerUrl: string, embedded: boolean) {
  let current: Buffer | undefined;
  try {
    current = config.secretsKey ? parseSecretsKey(config.secretsKey) : embedded ? localSecretsKey(config.dataDir) : undefined;
    configureSecretsKey(current, config.secretsKeyPrevious ? parseSecretsKey(config.secretsKeyPrevious, "SECRETS_KEY_PREVIOUS") : undefined);
  } catch (error) {
    fail((error as Error).message);
  }
  if (current) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM sales_channels WHERE access_token_ciphertext IS NOT NULL) + (SELECT count(*) FROM channel_secrets) AS n`,
    );
    if (Number(rows[0]!.n) > 0) fail(`SECRETS_KEY is not set, but ${rows[0]!.n} store credential(s) are stored sealed with it: set SECRETS_KEY to the key they were saved with`);
  } finally {
    await client.end();
  }
}

export async function startWorkers(config: Config, db: Database): Promise<JobWorker> {
  return startJobWorker({
    connectionString: db.ownerUrl,
    tasks: taskList,
    onTakeover: releaseStreamLeases,
    crontab,
    concurrency: db.embedded ? 1 : config.workerConcurrency,
    embedded: !!db.embedded,
    logLevel: config.logLevel === "silent" ? "error" : config.logLevel,
    logger: pino({ level: config.logLevel }),
  });
}
