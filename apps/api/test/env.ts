import type pg from "pg";

/** Set by setup.ts for the current test file. */
export const testEnv = {
  baseUrl: "",
  appDatabaseUrl: "",
  /** The test database as its owner (a superuser): the job queue's connection. */
  ownerDatabaseUrl: "",
  /** A superuser pool on the test database, for assertions that must see past the API (rows unchanged, ledger sums). */
  superuser: undefined as unknown as pg.Pool,
};
