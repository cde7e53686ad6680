import { defineConfig } from "@playwright/test";
import { APP_DATABASE_URL, BASE_URL, E2E_PORT, OWNER_DATABASE_URL } from "./support/env.ts";

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // On GitHub (CI=true) also an HTML report, which the workflow keeps as an artifact.
  reporter: [["list"], ["json"], ...(process.env.CI ? ([["html", { outputFolder: "../playwright-report", open: "never" }]] as const) : [])],
  outputDir: "../test-results",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node --import tsx apps/api/src/server.ts",
    cwd: "..",
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(E2E_PORT),
      DATABASE_URL: APP_DATABASE_URL,
      MIGRATION_DATABASE_URL: OWNER_DATABASE_URL,
      SEED_DEMO: "false",
      LOGIN_RATE_LIMIT: "1000",
      LOG_LEVEL: "warn",
      // Seals store credentials saved in browser tests (a fixed, test-only key).
      SECRETS_KEY: "7465737420736563726574206b657920666f72206261636b6f72646572206473",
      PUBLIC_URL: BASE_URL,
      ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
    },
  },
});
