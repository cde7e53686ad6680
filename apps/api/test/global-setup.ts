// Once per test run: a template database with every migration applied. Each test file
// clones it (CREATE DATABASE ... TEMPLATE), which takes well under a second. Names carry
// this run's process id, so runs on the same server do not disturb each other.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/db/migrations.ts";
import { SERVER_URL, databaseUrl } from "./db-names.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

const template = `bod_test_tpl_${process.pid}`;

export default async function setup(project: TestProject) {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect().catch((error) => {
    throw new Error(`API tests need PostgreSQL at ${SERVER_URL} (set TEST_DATABASE_URL): ${error.message}`);
  });
  await dropLeftovers(admin);
  await admin.query(`CREATE DATABASE ${template}`);
  await migrateDatabase(databaseUrl(template));
  await admin.end();
  project.provide("templateDatabase", template);

  return async () => {
    const a = new pg.Client({ connectionString: SERVER_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await a.end();
  };
}

/** Databases of test runs that were killed: their process is gone. */
async function dropLeftovers(admin: pg.Client) {
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^bod_test_(f|tpl_)[0-9]+'`);
  for (const { datname } of rows) {
    const pid = Number(/^bod_test_(?:f|tpl_)(\d+)/.exec(datname)![1]);
    if (!isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
