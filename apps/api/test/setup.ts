// Per test file: its own database cloned from the migrated template, the API connected to
// it as the application role (bod_app: not a superuser, not the owner, so row-level
// security applies), and the app listening on a free port.
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { openDb, setDb, type DbHandle } from "../src/db/client.ts";
import { createApp } from "../src/app.ts";
import { configureSecretsKey, parseSecretsKey } from "../src/security/secret-box.ts";
import { SERVER_URL, databaseUrl } from "./db-names.ts";
import { testEnv } from "./env.ts";
import { stopTestWorkers } from "./worker.ts";

const name = `bod_test_f${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
let handle: DbHandle;
let server: ReturnType<ReturnType<typeof createApp>["listen"]>;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE ${inject("templateDatabase")}`);
  await admin.end();
  handle = openDb(databaseUrl(name, "bod_app"), { max: 10 });
  setDb(handle);
  testEnv.superuser = new pg.Pool({ connectionString: databaseUrl(name), max: 4 });
  testEnv.superuser.on("error", () => {}); // an idle connection dropped at teardown is not a test failure
  testEnv.appDatabaseUrl = databaseUrl(name, "bod_app");
  testEnv.ownerDatabaseUrl = databaseUrl(name);
  configureSecretsKey(parseSecretsKey(process.env.SECRETS_KEY ?? "00".repeat(32)));
  server = createApp({ logLevel: (process.env.TEST_LOG_LEVEL as "silent") ?? "silent" }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  testEnv.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stopTestWorkers();
  await new Promise((resolve) => server?.close(resolve));
  await handle?.close();
  await testEnv.superuser?.end();
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  // Ended pools close their sockets asynchronously; a connection still closing when FORCE
  // terminates it reports "terminating connection" as an uncaught error. Wait for them first.
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});
