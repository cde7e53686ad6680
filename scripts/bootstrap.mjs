#!/usr/bin/env node
// The entry point of `npm start` and `npm test`. Dependency-free on purpose: it runs before
// node_modules exists. It installs what is missing (npm ci when node_modules is absent or
// older than the lockfile), generates the Prisma client, builds (the SPA, and for `start` the server: production runs the
// compiled apps/api/dist/server.js, not TypeScript), then starts or tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const mode = process.argv[2] ?? "start";

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...options.env }, cwd: root });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${status})`);
    process.exit(status);
  }
}
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
function newestMtime(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : mtime(p));
  }
  return newest;
}

export function ensureDependencies() {
  const installed = path.join(root, "node_modules/.package-lock.json");
  if (!fs.existsSync(installed) || mtime(installed) < mtime(path.join(root, "package-lock.json"))) {
    console.log("→ installing dependencies (npm ci)");
    must("npm", ["ci", "--no-audit", "--no-fund"], { env: { SCARF_ANALYTICS: "false" } });
  }
  const client = path.join(root, "apps/api/src/generated/prisma/client.ts");
  if (mtime(client) < mtime(path.join(root, "prisma/schema.prisma"))) {
    console.log("→ generating the Prisma client");
    must(process.execPath, ["scripts/prisma-generate.mjs"]);
  }
}

export function buildWeb() {
  const dist = path.join(root, "apps/web/dist/index.html");
  const sources = Math.max(newestMtime(path.join(root, "apps/web/src")), mtime(path.join(root, "apps/web/index.html")), newestMtime(path.join(root, "packages/contracts/src")));
  if (mtime(dist) < sources) {
    console.log("→ building the web app");
    must("npm", ["run", "build", "-w", "@bod/web"]);
  }
}

/** Compiles the API (scripts/build-server.mjs) when its sources changed since the last build. */
export function buildServer() {
  const built = path.join(root, "apps/api/dist/server.js");
  const sources = Math.max(newestMtime(path.join(root, "apps/api/src")), ...["domain", "contracts"].map((p) => newestMtime(path.join(root, `packages/${p}/src`))));
  if (mtime(built) < sources) {
    console.log("→ building the server");
    must(process.execPath, ["scripts/build-server.mjs"]);
  }
}

ensureDependencies();
if (mode === "start") {
  buildWeb();
  buildServer();
  must(process.execPath, ["apps/api/dist/server.js"], { env: { NODE_ENV: process.env.NODE_ENV ?? "production" } });
} else if (mode === "dev") {
  must(process.execPath, ["--import", "tsx", "--watch", "apps/api/src/server.ts"]);
} else if (mode === "test") {
  must(process.execPath, ["scripts/run-tests.mjs", ...process.argv.slice(3)]);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
