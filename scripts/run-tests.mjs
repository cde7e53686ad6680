#!/usr/bin/env node
// Runs every suite and ends with one line: `N passed, N failed[, N skipped]`.
//   typecheck   tsc over the whole repository (one test: passes or fails)
//   unit + api  vitest: packages/domain and packages/contracts, and apps/api against
//               PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
//   browser     Playwright on Debian's Chromium (e2e/)
// `npm test -- --only unit|api|e2e|typecheck` runs one suite.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
const wanted = (suite) => !only || only === suite;
const totals = { passed: 0, failed: 0, skipped: 0 };
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "bod-test-"));

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env }, cwd: root });
  return r.status ?? 1;
}
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

if (wanted("typecheck")) {
  console.log("\n=== typecheck (tsc -p tsconfig.json)");
  const status = run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
  totals[status === 0 ? "passed" : "failed"] += 1;
}

const vitestProjects = [];
if (wanted("unit")) vitestProjects.push("domain", "contracts");
if (wanted("api")) vitestProjects.push("api");
if (vitestProjects.length) {
  console.log(`\n=== vitest (${vitestProjects.join(", ")})`);
  const out = path.join(reports, "vitest.json");
  const status = run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...vitestProjects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const report = readJson(out);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numFailedTestSuites ?? 0) - countFailedSuitesWithFailedTests(report);
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (status !== 0 && report.numFailedTests === 0 && !report.numFailedTestSuites) totals.failed += 1;
  } else totals.failed += 1;
}

function countFailedSuitesWithFailedTests(report) {
  return (report.testResults ?? []).filter((s) => s.status === "failed" && (s.assertionResults ?? []).some((a) => a.status === "failed")).length;
}

if (wanted("e2e")) {
  console.log("\n=== browser tests (Playwright on Chromium)");
  const out = path.join(reports, "playwright.json");
  const status = run(process.execPath, ["scripts/run-e2e.mjs"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const report = readJson(out);
  if (report?.stats) {
    totals.passed += report.stats.expected;
    totals.failed += report.stats.unexpected + (report.stats.flaky ?? 0);
    totals.skipped += report.stats.skipped;
    if (status !== 0 && report.stats.unexpected === 0) totals.failed += 1;
  } else totals.failed += 1;
}

const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
console.log(`\n${summary}`);
process.exit(totals.failed > 0 ? 1 : 0);
