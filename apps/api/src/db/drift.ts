// Applies every migration to a new, empty database and asks Prisma's schema engine for
// the SQL that would take it to schema.prisma. Any SQL at all is drift: tables, columns,
// types, nullability, defaults, keys, foreign keys or indexes that differ.
import pg from "pg";
import { applyMigrations } from "./migrations.ts";
import { openSchemaEngine } from "./schema-engine.ts";

/** Returns "" when there is no drift, else the SQL that would fix it. */
export function checkDrift(serverUrl: string, schemaText?: string): Promise<string> {
  return diffMigrationsToSchema(serverUrl, schemaText);
}

/**
 * The SQL from what the migrations build (applied by our runner to a scratch database on the
 * server) to schema.prisma. Used for the drift check and to write the next migration. The
 * schema engine's own migration replay cannot be used: it splits SQL on semicolons and breaks
 * on the `DO $$ … $$` blocks of the row-level-security migration.
 */
export async function diffMigrationsToSchema(serverUrl: string, schemaText?: string): Promise<string> {
  const name = `drift_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await applyMigrations(client);
    } finally {
      await client.end();
    }
    const engine = await openSchemaEngine(url.toString(), schemaText);
    try {
      return await engine.diffDatabaseToSchema();
    } finally {
      engine.free();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
