// Configuration from the environment: one zod schema with every variable the web server and the
// worker read, each with its default and what it means. The process entries (start-config.ts)
// parse it whole once at start and stop on a bad value; each module reads its own variable
// through the same schema (`envValue`), so defaults and meanings live here alone. A few are read
// per call (sign-in limits, lock waits, the webhook cache) so a test can change them.
import { z } from "zod";
import { parseSecretsKey } from "./security/secret-box.ts";

/** A value the schema refused: `message` is the one line the process prints before it stops. */
export class ConfigError extends Error {}

interface VarSpec<T> {
  description: string;
  /** How the default reads in --help and the README ("none" when unset means off). */
  shownDefault: string;
  /** What a good value looks like, for the error line: "PORT must be <expects>". */
  expects: string;
  parse: (raw: string) => T | undefined;
  fallback: T;
}

function variable<T>(spec: VarSpec<T>) {
  const schema = z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === "") return spec.fallback;
      const value = spec.parse(raw.trim());
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: spec.expects });
        return z.NEVER;
      }
      return value;
    })
    .describe(spec.description);
  return Object.assign(schema, { spec });
}

function wholeNumber(description: string, fallback: number, min = 1, max?: number) {
  const expects = max === undefined ? `a whole number of ${min} or more` : `a whole number ${min}-${max}`;
  return variable<number>({
    description,
    shownDefault: String(fallback),
    expects,
    fallback,
    parse: (raw) => {
      if (!/^\d+$/.test(raw)) return undefined;
      const n = Number(raw);
      return n >= min && (max === undefined || n <= max) && Number.isSafeInteger(n) ? n : undefined;
    },
  });
}

function flag(description: string, fallback: boolean) {
  return variable<boolean>({
    description,
    shownDefault: String(fallback),
    expects: "true or false",
    fallback,
    parse: (raw) => ({ true: true, false: false, "1": true, "0": false, yes: true, no: false })[raw.toLowerCase()],
  });
}

function text<T extends string | undefined>(description: string, fallback: T, shownDefault = fallback ?? "none") {
  return variable<string | T>({ description, shownDefault, expects: "text", fallback, parse: (raw) => raw });
}

function oneOf<const V extends readonly string[]>(description: string, values: V, fallback: V[number] | undefined, shownDefault?: string) {
  return variable<V[number] | undefined>({
    description,
    shownDefault: shownDefault ?? fallback ?? "none",
    expects: `one of ${values.join(", ")}`,
    fallback,
    parse: (raw) => (values as readonly string[]).includes(raw) ? (raw as V[number]) : undefined,
  });
}

function databaseUrl(description: string, shownDefault: string) {
  return variable<string | undefined>({
    description,
    shownDefault,
    expects: "a postgres:// or postgresql:// URL",
    fallback: undefined,
    parse: (raw) => (/^postgres(ql)?:\/\//.test(raw) && URL.canParse(raw) ? raw : undefined),
  });
}

function secretsKey(description: string) {
  return variable<string | undefined>({
    description,
    shownDefault: "none",
    expects: "32 bytes, written as 64 hex digits or base64 (openssl rand -hex 32)",
    fallback: undefined,
    parse: (raw) => {
      try {
        parseSecretsKey(raw);
        return raw;
      } catch {
        return undefined;
      }
    },
  });
}

export const ZEnv = z.object({
  PORT: wholeNumber("Port the API and the SPA are served on (one port).", 3000, 1, 65535),
  HOST: text("Address the web server listens on (0.0.0.0 for every interface).", "127.0.0.1"),
  DATABASE_URL: databaseUrl("PostgreSQL the app uses. Every transaction runs as the bod_app role with row-level security, whoever connects. Unset: an embedded PGlite database under DATA_DIR (npm start only; npm run worker needs a server).", "none (embedded)"),
  MIGRATION_DATABASE_URL: databaseUrl("Connection as the tables' owner, for migrations at start and the job queue, when DATABASE_URL connects as bod_app.", "DATABASE_URL"),
  DATA_DIR: text("Folder of the embedded database and its secrets key file (when DATABASE_URL is unset).", ".data/pglite"),
  NODE_ENV: oneOf("development, production or test: production runs Express and libraries in production mode; test makes the logs silent unless LOG_LEVEL is set.", ["development", "production", "test"] as const, undefined, "none"),
  LOG_LEVEL: oneOf("pino log level (JSON lines on stdout).", ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const, undefined, "info (silent when NODE_ENV=test)"),
  SESSION_DAYS: wholeNumber("Days a sign-in session lasts.", 14, 1, 3650),
  WEB_DIST: text("Folder of the built SPA, served with an index.html fallback when it exists.", "apps/web/dist"),
  WORKER_CONCURRENCY: wholeNumber("Jobs one worker process runs at once (1 on the embedded database).", 4, 1, 1000),
  WORKER_IN_PROCESS: flag("The web process runs a job worker too (npm start); false when workers run apart (npm run worker).", true),
  SECRETS_KEY: secretsKey("Key that seals store credentials at rest (openssl rand -hex 32). Required on a server database once a channel has credentials (the process refuses to start without it); the embedded database keeps a key file beside its data."),
  SECRETS_KEY_PREVIOUS: secretsKey("The key being rotated out: values sealed with it are still read (docs/operations.md)."),
  DB_POOL_MAX: wholeNumber("Connections of one process to a PostgreSQL server (the embedded database uses 2, taking turns on its one session).", 10, 1, 1000),
  TRUST_PROXY: text("Which proxies may name the client's address in X-Forwarded-For (Express trust proxy): loopback, addresses or subnets (comma-separated), a hop count, or true. Leave it unset unless a proxy in front overwrites that header: otherwise anyone can choose their address, and the per-address sign-in limit means nothing.", undefined),
  SEED_DEMO: flag("Create the demo company when the database has no company yet (false: never).", true),
  PUBLIC_URL: variable<string | undefined>({
    description: "The address stores reach this server at; the webhook URLs shown on channels start with it.",
    shownDefault: "http://HOST:PORT",
    expects: "an http:// or https:// URL",
    fallback: undefined,
    parse: (raw) => (/^https?:\/\//.test(raw) && URL.canParse(raw) ? raw : undefined),
  }),
  COOKIE_SECURE: flag("Session cookies only over HTTPS (set true behind TLS).", false),
  LOGIN_RATE_LIMIT: wholeNumber("Failed sign-in attempts per account (email) per 15 minutes, counted in the database so every API process shares them (docs/decisions/011).", 10),
  LOGIN_RATE_LIMIT_PER_ADDRESS: variable<number | undefined>({
    description: "Failed sign-in attempts, and sign-ups, per client address per 15 minutes.",
    shownDefault: "3 × LOGIN_RATE_LIMIT",
    expects: "a whole number of 1 or more",
    fallback: undefined,
    parse: (raw) => (/^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined),
  }),
  WORKER_HEARTBEAT_MS: wholeNumber("How often a worker reports itself alive (ms).", 5_000),
  WORKER_STALE_AFTER_MS: wholeNumber("A worker silent this long (ms) is presumed dead and its jobs go to others.", 30_000),
  OUTBOX_MAX_ATTEMPTS: wholeNumber("Attempts to deliver a message to a store before it is dead (failed).", 8),
  OUTBOX_BACKOFF_MS: wholeNumber("First wait after a failed delivery (ms); each next one is three times longer, at most an hour.", 5_000),
  INBOX_BATCH: wholeNumber("Store webhook messages applied in one transaction.", 200),
  INBOX_GATHER_MS: wholeNumber("Wait after a batch that was not full before the next (ms).", 50, 0),
  STORE_TIMEOUT_MS: wholeNumber("Timeout of one call to a store's API (ms).", 15_000),
  RECONCILE_EVERY_MINUTES: wholeNumber("How often each connected store is asked for orders changed since the last poll (minutes).", 5),
  WEBHOOK_CHANNEL_CACHE_MS: wholeNumber("How long a channel looked up for a webhook is cached (ms; 0: no cache).", 5_000, 0),
  COMPANY_LOCK_WAIT_MS: wholeNumber("How long a write (or a policy change) waits for a whole-company recompute of its company before it answers 503 with Retry-After (ms; docs/decisions/012).", 10_000),
  METRICS_TOKEN: variable<string | undefined>({
    description: "Bearer token that /metrics asks for. Unset: /metrics answers 404.",
    shownDefault: "none (no /metrics)",
    expects: "at least 16 characters with no spaces",
    fallback: undefined,
    parse: (raw) => (raw.length >= 16 && !/\s/.test(raw) ? raw : undefined),
  }),
  SHUTDOWN_TIMEOUT_MS: wholeNumber("On SIGTERM, how long requests in flight may finish before their connections are closed (ms).", 25_000),
});

export type TEnv = z.output<typeof ZEnv>;
export type EnvName = keyof TEnv;

function firstProblem(error: z.ZodError, env: NodeJS.ProcessEnv): ConfigError {
  const issue = error.issues[0]!;
  const name = String(issue.path[0]);
  const raw = env[name];
  return new ConfigError(`config: ${name} must be ${issue.message}${raw === undefined ? "" : ` (got ${JSON.stringify(raw)})`}`);
}

/** Every variable, parsed; a bad one throws ConfigError with the line to print. */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): TEnv {
  const result = ZEnv.safeParse(env);
  if (!result.success) throw firstProblem(result.error, env);
  return result.data;
}

/** One variable, parsed now with its schema (a module's own setting; a bad one throws ConfigError). */
export function envValue<K extends EnvName>(name: K, env: NodeJS.ProcessEnv = process.env): TEnv[K] {
  const result = ZEnv.shape[name].safeParse(env[name]);
  if (!result.success) throw new ConfigError(`config: ${name} must be ${result.error.issues[0]!.message} (got ${JSON.stringify(env[name])})`);
  return result.data as TEnv[K];
}

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
  seedDemo: boolean;
  /** /metrics answers only with this Bearer token; undefined: no /metrics (404). */
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
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

/** The configuration of a web or worker process; a bad value throws ConfigError. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    isProduction: e.NODE_ENV === "production",
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    sessionDays: e.SESSION_DAYS,
    webDist: e.WEB_DIST,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerInProcess: e.WORKER_IN_PROCESS,
    secretsKey: e.SECRETS_KEY,
    secretsKeyPrevious: e.SECRETS_KEY_PREVIOUS,
    dbPoolMax: e.DB_POOL_MAX,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO,
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

type AnyVar = ReturnType<typeof variable<unknown>>;
const variables = () => Object.entries(ZEnv.shape).map(([name, schema]) => ({ name, spec: (schema as unknown as AnyVar).spec }));

/** `--help`: every variable with its default and meaning. */
export function configHelp(command: string): string {
  const lines = [`Usage: ${command}`, "", "Configured by environment variables (defaults in brackets):", ""];
  const width = Math.max(...variables().map((v) => v.name.length));
  for (const { name, spec } of variables()) lines.push(`  ${name.padEnd(width)}  ${spec.description} [${spec.shownDefault}]`);
  return lines.join("\n");
}

/** The README's configuration table (a test keeps the README equal to it; npm run docs:config writes it). */
export function configTable(): string {
  const rows = variables().map(({ name, spec }) => `| \`${name}\` | ${spec.shownDefault.replace(/\|/g, "\\|")} | ${spec.description.replace(/\|/g, "\\|")}${spec.expects === "text" ? "" : ` Must be ${spec.expects}.`} |`);
  return ["| variable | default | meaning |", "| --- | --- | --- |", ...rows].join("\n");
}

const TABLE_START = "<!-- config-table:start -->";
const TABLE_END = "<!-- config-table:end -->";

/** The text between the README's markers; undefined when they are missing. */
export function readmeConfigTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  return start < 0 || end < start ? undefined : readme.slice(start + TABLE_START.length, end).trim();
}

export function replaceConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} markers`);
  return readme.slice(0, start + TABLE_START.length) + "\n" + table + "\n" + readme.slice(end);
}
