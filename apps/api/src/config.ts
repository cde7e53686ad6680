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
  /** Which proxies may tell the client's address in X-Forwarded-For (TRUST_PROXY); none by default. */
  trustProxy: TrustProxy;
}

/** Express's `trust proxy`: false (none), a number of hops, or addresses / subnets / loopback, linklocal, uniquelocal. */
export type TrustProxy = boolean | number | string[];

/** TRUST_PROXY: unset, "" or "false": trust no proxy; "true": every hop; a number: that many hops; else a comma-separated list. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? "";
  if (v === "" || v === "false" || v === "0") return false;
  if (v === "true") return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(",").map((s) => s.trim()).filter(Boolean);
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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
