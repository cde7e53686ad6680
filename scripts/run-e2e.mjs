#!/usr/bin/env node
// Browser tests: makes sure Debian's Chromium is there (Playwright's own browser download
// does not work everywhere), builds the SPA, prepares an empty database, runs Playwright.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env }, cwd: root });
  return r.status ?? 1;
}

if (!fs.existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is not installed at ${CHROMIUM}. Install it once with:\n  sudo apt-get update && sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary)`);
    process.exit(1);
  }
  console.log("→ installing Debian's chromium (apt-get)");
  if (run("apt-get", ["update", "-qq"]) !== 0 || run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" }) !== 0) {
    console.error("Could not install chromium with apt-get");
    process.exit(1);
  }
}

// E2E_DIST builds the SPA into another folder, so runs side by side do not rebuild each other's.
const dist = process.env.E2E_DIST ?? "apps/web/dist";
if (!fs.existsSync(path.join(dist, "index.html")) || process.env.E2E_REBUILD !== "false") {
  const outDir = path.resolve(root, dist);
  if (run("npm", ["run", "build", "-w", "@bod/web", "--", "--outDir", outDir, "--emptyOutDir"]) !== 0) process.exit(1);
}
process.env.WEB_DIST = path.resolve(root, dist);
if (run(process.execPath, ["--import", "tsx", "e2e/support/prepare-db.ts"]) !== 0) process.exit(1);
process.exit(run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", "--config", "e2e/playwright.config.ts", ...process.argv.slice(2)]));
