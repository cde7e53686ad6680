// Once per test run: a template database with every migration applied. Each test file
// clones it (CREATE DATABASE ... TEMPLATE), which takes well under a second.
import pg from "pg";
import { applyMigrations } from "../src/db/migrations.ts";
import { SERVER_URL, TEMPLATE_DB, databaseUrl } from "./db-names.ts";

export default async function setup() {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect().catch((error) => {
    throw new Error(`API tests need PostgreSQL at ${SERVER_URL} (set TEST_DATABASE_URL): ${error.message}`);
  });
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const template = new pg.Client({ connectionString: databaseUrl(TEMPLATE_DB) });
  await template.connect();
  await applyMigrations(template);
  await template.end();
  // Leftovers of runs that were killed
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'bod_test_f%'`);
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.end();
}
