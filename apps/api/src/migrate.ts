// Applies pending migrations (prisma/migrations) to MIGRATION_DATABASE_URL, or DATABASE_URL when
// that is unset, then exits: `npm run db:migrate`, and the one-shot `migrate` service of
// docker-compose.yml (`node apps/api/dist/migrate.js`). The web server and the worker also
// migrate at start; running this first lets a deploy fail before any process is replaced.
import { config } from "./start-config.ts";
import { fail } from "./boot.ts";
import { migrateDatabase } from "./db/migrations.ts";

const url = config.migrationDatabaseUrl ?? config.databaseUrl;
if (!url) fail("migrations need DATABASE_URL or MIGRATION_DATABASE_URL (npm start migrates its embedded database itself)");
try {
  const applied = await migrateDatabase(url);
  console.log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database is up to date");
} catch (error) {
  fail(`migrations failed: ${(error as Error).message}`);
}
