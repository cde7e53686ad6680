// npm run fuzz: the OpenAPI fuzzer (apps/api/test/fuzz/fuzzer.ts) at length, against a fresh
// database on the local PostgreSQL server and the app in this process (connected as bod_app).
//   npm run fuzz -- --requests 100000 --seed 1
// Prints progress, then the failures (each with its request), then a JSON last line. Exits 1 on any failure.
import type { AddressInfo } from "node:net";
import pg from "pg";
import { migrateDatabase } from "../apps/api/src/db/migrations.ts";
import { openDb, setDb } from "../apps/api/src/db/client.ts";
import { createApp } from "../apps/api/src/app.ts";
import { buildOpenApi } from "../apps/api/src/openapi.ts";
import { configureSecretsKey, parseSecretsKey } from "../apps/api/src/security/secret-box.ts";
import { companyFingerprint, runFuzz, type OpenApiDocument } from "../apps/api/test/fuzz/fuzzer.ts";
import { prepareFuzzCompany } from "../apps/api/test/fuzz/company.ts";
import { machineLine, withDatabase } from "./bench/bench-db.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg("requests", 100_000);
const SEED = arg("seed", Date.now() % 1_000_000);
const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// The fuzz signs in again after requests that end its sessions; failed sign-ins must not lock it out.
process.env.LOGIN_RATE_LIMIT ??= "1000000";

console.log(machineLine());
const database = `bod_fuzz_${process.pid}`;
const server = new pg.Client({ connectionString: withDatabase(SERVER, "postgres") });
await server.connect();
await server.query(`CREATE DATABASE "${database}"`);
let exitCode = 1;
try {
  await migrateDatabase(withDatabase(SERVER, database));
  const handle = openDb(withDatabase(SERVER, database, "bod_app"), { max: 10 });
  setDb(handle);
  configureSecretsKey(parseSecretsKey("66757a7a696e67206b657920666f72206261636b6f72646572206465736b2121"));
  const http = createApp({ logLevel: "silent" }).listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const superuser = new pg.Pool({ connectionString: withDatabase(SERVER, database), max: 2 });
  const company = await prepareFuzzCompany(baseUrl, superuser, { orders: 200 });
  console.log(`fuzzing ${REQUESTS.toLocaleString("en")} requests, seed ${SEED}`);
  const report = await runFuzz({
    baseUrl,
    document: buildOpenApi() as unknown as OpenApiDocument,
    clients: company.clients,
    known: company.known,
    fingerprint: await companyFingerprint(superuser, company.tenantId),
    requests: REQUESTS,
    seed: SEED,
    skip: (method, path) => method === "POST" && path === "/api/v1/auth/logout",
    log: (line) => console.log(line),
  });
  for (const f of report.failures) console.log(JSON.stringify(f));
  console.log(`operations that never answered 2xx: ${report.unreached.join(", ") || "none"}`);
  console.log(
    JSON.stringify({
      requests: report.requests,
      seed: SEED,
      operations: report.operations,
      operations_reached_2xx: report.operationsReached2xx,
      failures: report.failures.length,
      five_xx: Object.entries(report.byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0),
      refused_writes_checked: report.writesRefused,
      by_status: report.byStatus,
      requests_per_s: Math.round((report.requests / report.ms) * 1000),
      seconds: Math.round(report.ms / 1000),
    }),
  );
  exitCode = report.failures.length ? 1 : 0;
  await new Promise((resolve) => http.close(resolve));
  await superuser.end();
  await handle.close();
} finally {
  await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await server.end();
}
process.exit(exitCode);
