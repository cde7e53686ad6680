// Configuration from the environment, read once.
export interface Config {
  port: number;
  host: string;
  /** Server database; when absent the product runs on embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** The tables' owner, for migrations and the job queue's own schema (defaults to databaseUrl). */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  isProduction: boolean;
  logLevel: string;
  sessionDays: number;
  /** Serve the built SPA from this folder (apps/web/dist) when it exists. */
  webDist: string;
  /** Jobs one worker process runs at once. */
  workerConcurrency: number;
  /** The web process also runs a worker (npm start); `npm run worker` runs workers alone. */
  workerInProcess: boolean;
  /** Key that seals store credentials at rest (64 hex digits or base64 of 32 bytes). */
  secretsKey: string | undefined;
  secretsKeyPrevious: string | undefined;
  dbPoolMax: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? ".data/pglite",
    isProduction: env.NODE_ENV === "production",
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    sessionDays: Number(env.SESSION_DAYS ?? 14),
    webDist: env.WEB_DIST ?? "apps/web/dist",
    workerConcurrency: Number(env.WORKER_CONCURRENCY ?? 4),
    workerInProcess: env.WORKER_IN_PROCESS !== "false",
    secretsKey: env.SECRETS_KEY || undefined,
    secretsKeyPrevious: env.SECRETS_KEY_PREVIOUS || undefined,
    dbPoolMax: Number(env.DB_POOL_MAX ?? 10),
  };
}
