import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (`prisma generate`). Migrations are applied by
// apps/api/src/db/migrate-cli.ts (see docs/decisions/002-migrations-without-native-engine.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
