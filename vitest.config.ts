import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "domain", include: ["packages/domain/src/**/*.test.ts"], environment: "node" } },
      { test: { name: "contracts", include: ["packages/contracts/src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "api",
          include: ["apps/api/test/**/*.test.ts"],
          environment: "node",
          globalSetup: ["apps/api/test/global-setup.ts"],
          setupFiles: ["apps/api/test/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          env: {
            NODE_ENV: "test",
            LOGIN_RATE_LIMIT: "1000",
            // Sealing store credentials in tests (a fixed, test-only key).
            SECRETS_KEY: "7465737420736563726574206b657920666f72206261636b6f72646572206473",
            // Short timeouts so failure paths run in seconds.
            STORE_TIMEOUT_MS: "3000",
            OUTBOX_BACKOFF_MS: "200",
            OUTBOX_MAX_ATTEMPTS: "4",
            // Tests change secrets and switch channels off between webhooks: no lookup cache.
            WEBHOOK_CHANNEL_CACHE_MS: "0",
          },
        },
      },
    ],
  },
});
