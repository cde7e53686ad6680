import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkDrift } from "../src/db/drift.ts";
import { SCHEMA_PATH, applyMigrations, listMigrations } from "../src/db/migrations.ts";
import { SERVER_URL, databaseUrl } from "./db-names.ts";

describe("migrations", () => {
  it("applied to an empty database, produce exactly schema.prisma (tables, columns, types, nullability, keys, indexes)", async () => {
    expect(await checkDrift(SERVER_URL)).toBe("");
  });

  it("the drift check notices a schema that differs from the migrations", async () => {
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8").replace("model Supplier {", "model Supplier {\n  phone String?");
    const drift = await checkDrift(SERVER_URL, schema);
    expect(drift).toMatch(/ALTER TABLE "suppliers" ADD COLUMN\s+"phone" TEXT/);
  });

  it("are recorded in _prisma_migrations like Prisma Migrate does, and a second run applies nothing", async () => {
    await withEmptyDatabase("mig1", async (client) => {
      const first = await applyMigrations(client);
      expect(first).toEqual(listMigrations().map((m) => m.name));
      expect(await applyMigrations(client)).toEqual([]);
      const { rows } = await client.query(`SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`);
      expect(rows.map((r) => r.migration_name)).toEqual(first);
      for (const [i, m] of listMigrations().entries()) {
        expect(rows[i].checksum).toBe(m.checksum);
        expect(rows[i].finished_at).toBeInstanceOf(Date);
      }
    });
  });

  it("refuse to run over a migration edited after it was applied", async () => {
    await withEmptyDatabase("mig2", async (client) => {
      const migrations = listMigrations();
      await applyMigrations(client, migrations.slice(0, 1));
      const edited = [{ ...migrations[0]!, checksum: "0".repeat(64) }, ...migrations.slice(1)];
      await expect(applyMigrations(client, edited)).rejects.toThrow(/edited after it was applied/);
    });
  });
});

async function withEmptyDatabase(suffix: string, fn: (client: pg.Client) => Promise<void>) {
  const name = `bod_test_x${suffix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
