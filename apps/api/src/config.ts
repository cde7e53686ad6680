// Configuration from the environment, read once.
export interface Config {
  port: number;
  host: string;
  /** Server database; when absent the product runs on embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  isProduction: boolean;
  logLevel: string;
  sessionDays: number;
  /** Serve the built SPA from this folder (apps/web/dist) when it exists. */
  webDist: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? ".data/pglite",
    isProduction: env.NODE_ENV === "production",
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    sessionDays: Number(env.SESSION_DAYS ?? 14),
    webDist: env.WEB_DIST ?? "apps/web/dist",
  };
}
