// Applies the SQL migrations in prisma/migrations in order and records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so the ordinary Prisma CLI
// sees the same history. Works on a PostgreSQL server and on embedded PGlite alike.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { installJobQueueSchema } from "../jobs/schema.ts";

/**
 * The repository (or image) root: the nearest folder above this module holding
 * prisma/migrations. Found by looking up rather than by a fixed depth, so the same code works
 * from apps/api/src/db under tsx and bundled into apps/api/dist by scripts/build-server.mjs.
 */
export const ROOT_DIR = findRoot(path.dirname(fileURLToPath(import.meta.url)));
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "prisma/migrations"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no prisma/migrations folder above ${from}`);
  }
}
export const SCHEMA_PATH = path.join(ROOT_DIR, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT_DIR, "prisma/migrations");

/** The little of a pg client the runner needs (pg.Client, pg.PoolClient or PGlite). */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  exec?(sql: string): Promise<unknown>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it keeps two processes from migrating the same database at once.
const ADVISORY_LOCK_KEY = 72707369;

async function runScript(db: SqlRunner, sql: string) {
  if (db.exec) await db.exec(sql);
  else await db.query(sql);
}

/** Applies pending migrations; returns the names applied. Refuses to run over an edited or failed one. */
export async function applyMigrations(db: SqlRunner, migrations = listMigrations()): Promise<string[]> {
  await db.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  try {
    await db.query(CREATE_TABLE);
    const { rows } = await db.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
    const applied = new Map<string, { checksum: string; finished: boolean }>();
    for (const r of rows) {
      if (r.rolled_back_at) continue;
      if (!r.finished_at) throw new Error(`Migration ${r.migration_name} failed earlier; fix the database and mark it resolved before migrating again.`);
      applied.set(r.migration_name, { checksum: r.checksum, finished: true });
    }
    const done: string[] = [];
    for (const m of migrations) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied (checksum differs).`);
        continue;
      }
      const id = crypto.randomUUID();
      await db.query("BEGIN");
      try {
        await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`, [id, m.checksum, m.name]);
        await runScript(db, m.sql);
        await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await db.query("COMMIT");
      } catch (error) {
        await db.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
  }
}

/**
 * Everything a database needs, connected as the tables' owner: the job queue's own schema
 * (graphile-worker's migrations), then ours. Returns the names of our migrations applied.
 */
export async function migrateDatabase(connectionString: string): Promise<string[]> {
  await installJobQueueSchema(connectionString);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await applyMigrations(client);
  } finally {
    await client.end();
  }
}
