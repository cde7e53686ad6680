#!/usr/bin/env node
// Run by the Dockerfile after `npm ci --omit=dev`. npm still installs packages the lockfile marks
// `devOptional` (dev dependencies that are also *optional peers* of a production one: the Prisma
// CLI, TypeScript and what they pull in, ~150 MB, as optional peers of @prisma/client). The built
// server never loads them (apps/api/test/compiled-server.test.ts checks what it imports), so they
// are removed here. Platform binaries that are optional dependencies (argon2's) are `optional`,
// not `devOptional`, and stay.
import fs from "node:fs";
import path from "node:path";

const root = process.argv[2] ?? process.cwd();
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
let removed = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.devOptional || !location.includes("node_modules/")) continue;
  const dir = path.join(root, location);
  if (fs.existsSync(dir)) {
    fs.rmSync(dir, { recursive: true, force: true });
    removed++;
  }
}
console.log(`removed ${removed} dev-only optional peer packages`);
