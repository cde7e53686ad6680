// The OpenAPI fuzzer (fuzz/fuzzer.ts) in `npm test`: a few thousand generated requests against
// every operation of the document; `npm run fuzz` runs 100,000 (FUZZ_REQUESTS, FUZZ_SEED).
import { beforeAll, expect, it } from "vitest";
import { buildOpenApi } from "../src/openapi.ts";
import { companyFingerprint, runFuzz, type OpenApiDocument } from "./fuzz/fuzzer.ts";
import { prepareFuzzCompany, type FuzzCompany } from "./fuzz/company.ts";
import { testEnv } from "./env.ts";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
let company: FuzzCompany;

beforeAll(async () => {
  company = await prepareFuzzCompany(testEnv.baseUrl, testEnv.superuser);
});

it(`${REQUESTS} generated requests: no 5xx, the one error shape, refused writes change nothing`, { timeout: 600_000 }, async () => {
  const report = await runFuzz({
    baseUrl: testEnv.baseUrl,
    document: buildOpenApi() as unknown as OpenApiDocument,
    clients: company.clients,
    known: company.known,
    fingerprint: await companyFingerprint(testEnv.superuser, company.tenantId),
    requests: REQUESTS,
    seed: SEED,
    log: process.env.FUZZ_DEBUG ? (line) => console.log(line) : undefined,
    // Signing out ends the session the other requests use; it has its own tests.
    skip: (method, path) => method === "POST" && path === "/api/v1/auth/logout",
  });
  const summary = { requests: report.requests, operations: report.operations, reached2xx: report.operationsReached2xx, byStatus: report.byStatus, ms: report.ms, unreached: report.unreached };
  expect(report.failures, `${JSON.stringify(summary)}\n${JSON.stringify(report.failures.slice(0, 10), null, 1)}`).toEqual([]);
  // The generator must get past validation on many operations, or the run proves little (about 60 % answer 2xx at least once).
  expect(report.operationsReached2xx / report.operations, JSON.stringify(summary)).toBeGreaterThan(0.5);
});
