// (npm run db:migrate, which applies pending migrations, is apps/api/src/migrate.ts.)
// npm run db:migration:create NAME   write the next migration from a change to schema.prisma
// npm run db:drift                   check that the migrations produce exactly schema.prisma
//
// `create` and `drift` need a PostgreSQL server for a scratch database
// (DEV_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "./migrations.ts";
import { checkDrift, diffMigrationsToSchema } from "./drift.ts";

const DEV_URL = process.env.DEV_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function create(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Usage: npm run db:migration:create -- <snake_case_name>");
  const sql = await diffMigrationsToSchema(DEV_URL);
  if (!sql) {
    console.log("schema.prisma matches the migrations: nothing to create");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql — review it, add any SQL Prisma cannot express (checks, RLS), then run npm run db:migrate`);
}

async function drift() {
  const problems = await checkDrift(DEV_URL);
  if (problems) {
    console.error("DRIFT between prisma/migrations and prisma/schema.prisma:\n" + problems);
    process.exitCode = 1;
  } else console.log("no drift: the migrations produce exactly schema.prisma");
}

const [command, arg] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { create: () => create(arg), drift };
const run = command ? commands[command] : undefined;
if (!run) {
  console.error("usage: migrate-cli.ts create <name> | drift");
  process.exit(2);
}
run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
