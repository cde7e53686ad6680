// A fuzzer generated from the OpenAPI document (in the manner of schemathesis): every operation,
// its path, query and body built from the document's schemas by fast-check (fuzz/arbitrary.ts),
// valid or broken, with headers clients get wrong (charsets, encodings, content types), sent
// over real HTTP as signed-in users of several roles. For every answer it asserts:
//   - never a 5xx;
//   - every error is the one error shape (ZErrorResponse), and none is a value the contracts let
//     through for the database to refuse ("database_refused": a contract gap to close);
//   - a refused write (4xx) changed nothing: the fingerprint of every row of the company, the
//     users, companies and queued jobs is the same before and after.
// Used by fuzz.test.ts (a few thousand requests in `npm test`) and scripts/fuzz.ts (`npm run fuzz`).
import http from "node:http";
import zlib from "node:zlib";
import fc from "fast-check";
import pg from "pg";
import { ZErrorResponse } from "@bod/contracts/common";
import { fuzzValue, NASTY_STRINGS, valid, type JsonSchema, type Known } from "./arbitrary.ts";

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

export interface FuzzClient {
  name: string;
  headers(): Record<string, string>;
  /** Signs in again after an answer of 401 (a request may end the client's own session). */
  refresh(): Promise<void>;
}

export interface FuzzOptions {
  baseUrl: string;
  document: OpenApiDocument;
  clients: FuzzClient[];
  known: Known;
  /** Fingerprint of everything a refused write must leave alone. */
  fingerprint: () => Promise<string>;
  requests: number;
  seed: number;
  /** Operations not to call (`POST /api/v1/auth/logout`). */
  skip?: (method: string, path: string) => boolean;
  log?: (line: string) => void;
}

export interface FuzzFailure {
  index: number;
  why: string;
  request: { client: string; method: string; path: string; headers: Record<string, string>; body: string };
  status: number;
  response: string;
}

export interface FuzzReport {
  requests: number;
  operations: number;
  byStatus: Record<string, number>;
  writesRefused: number;
  operationsReached2xx: number;
  /** Operations no request got a 2xx from (the generator did not get past their checks). */
  unreached: string[];
  failures: FuzzFailure[];
  ms: number;
}

interface BuiltRequest {
  client: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  bodyText: string;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content["application/json"]?.schema });
    }
  }
  return ops;
}

const HEADER_TRICKS: fc.Arbitrary<"none" | "charset" | "text" | "form" | "gzip-real" | "gzip-fake" | "unknown-encoding" | "truncated" | "no-type" | "nasty-key"> = fc.oneof(
  { weight: 30, arbitrary: fc.constant("none" as const) },
  { weight: 6, arbitrary: fc.constantFrom("charset" as const, "text" as const, "form" as const, "gzip-real" as const, "gzip-fake" as const, "unknown-encoding" as const, "truncated" as const, "no-type" as const, "nasty-key" as const) },
);

function requestArbitrary(op: Operation, clients: number, known: Known): fc.Arbitrary<BuiltRequest> {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  // A bare `{id}` takes its kind from the segment before it: /warehouses/{id} → warehouseId.
  const segments = op.path.split("/");
  const kindOf = (p: Parameter) => {
    if (p.name !== "id") return p.name;
    const before = segments[segments.indexOf("{id}") - 1] ?? "";
    const singular = before.replace(/ies$/, "y").replace(/s$/, "");
    return singular.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) + "Id";
  };
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 6, arbitrary: valid(p.schema, known, known[kindOf(p)] ? kindOf(p) : p.name).map((v) => pct(String(v))) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)).map(pct) },
      { weight: 1, arbitrary: fc.constantFrom("%ZZ", "%E0%A4%A", "%00", "..%2F..", "%2e%2e", "a%2Fb", "%C0%AF") },
    );
  // Each query parameter is sent now and then, nearly always valid: a list has many, and one broken one refuses the request.
  const query = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fc.option(fuzzValue(p.schema, known, 8), { freq: 2 })])), { requiredKeys: [] });
  const body = op.body ? fuzzValue(op.body, known) : fc.constant(undefined);
  return fc.record({
    // The first client (the admin) most often: it may call everything, so its requests get past the role checks.
    client: fc.oneof({ weight: clients, arbitrary: fc.constant(0) }, { weight: clients - 1, arbitrary: fc.nat({ max: clients - 1 }) }),
    params: fc.tuple(...pathParams.map(pathValue)),
    query,
    body,
    trick: HEADER_TRICKS,
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom("x".repeat(201), "key with spaces", "ünïcode")), { freq: 3 }),
  }).map(({ client, params, query, body, trick, idempotencyKey }) => {
    let i = 0;
    const path = op.path.replace(/\{(\w+)\}/g, () => params[i++] ?? "x");
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v) qs.append(k, typeof item === "object" ? JSON.stringify(item) : String(item));
      else qs.append(k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
    }
    const headers: Record<string, string> = {};
    let text = op.body || op.method !== "GET" ? JSON.stringify(body ?? {}) : "";
    let bytes: Buffer | undefined = op.method === "GET" || op.method === "DELETE" ? undefined : Buffer.from(text, "utf8");
    if (bytes) headers["content-type"] = "application/json";
    if (idempotencyKey && op.method !== "GET") headers["idempotency-key"] = idempotencyKey;
    if (bytes) {
      switch (trick) {
        case "charset":
          headers["content-type"] = "application/json; charset=iso-8859-1";
          break;
        case "text":
          headers["content-type"] = "text/plain";
          break;
        case "form":
          headers["content-type"] = "application/x-www-form-urlencoded";
          bytes = Buffer.from("a=1&b[c]=2");
          text = "a=1&b[c]=2";
          break;
        case "gzip-real":
          headers["content-encoding"] = "gzip";
          bytes = zlib.gzipSync(bytes);
          break;
        case "gzip-fake":
          headers["content-encoding"] = "gzip";
          break;
        case "unknown-encoding":
          headers["content-encoding"] = "zstd-x";
          break;
        case "truncated":
          bytes = bytes.subarray(0, Math.max(0, bytes.length - 2));
          text = text.slice(0, -2);
          break;
        case "no-type":
          delete headers["content-type"];
          break;
        case "nasty-key":
          headers["idempotency-key"] = "k".repeat(300);
          break;
      }
    }
    return { client, method: op.method, path: qs.size ? `${path}?${qs}` : path, headers, body: bytes, bodyText: text.slice(0, 2000) };
  });
}

/** Percent-encodes the UTF-8 bytes of `s` (encodeURIComponent throws on an unpaired surrogate). */
const pct = (s: string) => [...Buffer.from(s, "utf8")].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

function send(baseUrl: string, req: BuiltRequest, auth: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { ...auth, ...req.headers, ...(req.body ? { "content-length": String(req.body.length) } : {}) }, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    r.on("timeout", () => r.destroy(new Error("request timed out after 60 s")));
    r.on("error", reject);
    if (req.body) r.write(req.body);
    r.end();
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const ops = operationsOf(options.document).filter((op) => !options.skip?.(op.method, op.path));
  const arbitraries = ops.map((op) => requestArbitrary(op, options.clients.length, options.known));
  const report: FuzzReport = { requests: 0, operations: ops.length, byStatus: {}, writesRefused: 0, operationsReached2xx: 0, unreached: [], failures: [], ms: 0 };
  const reached = new Set<number>();
  const lastRefusal = new Map<number, string>();
  const CHUNK = 200;
  for (let start = 0; start < options.requests; start += CHUNK) {
    const n = Math.min(CHUNK, options.requests - start);
    // Operations in turn, so each gets its share; the values are seeded per chunk.
    const picks = fc.sample(fc.nat({ max: ops.length - 1 }), { seed: options.seed + start, numRuns: n });
    for (let j = 0; j < n; j++) {
      const index = start + j;
      const opIndex = (picks[j]! + index) % ops.length;
      const [req] = fc.sample(arbitraries[opIndex]!, { seed: options.seed * 7919 + index, numRuns: 1 });
      const built = req!;
      const client = options.clients[built.client]!;
      const isWrite = built.method !== "GET";
      const before = isWrite ? await options.fingerprint() : "";
      let res: { status: number; text: string };
      try {
        res = await send(options.baseUrl, built, client.headers());
      } catch (error) {
        res = { status: 0, text: String(error) };
      }
      report.requests++;
      const klass = res.status === 0 ? "no answer" : `${Math.floor(res.status / 100)}xx`;
      report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
      const fail = (why: string) => {
        options.log?.(`failure at ${index}: ${why}: ${built.method} ${built.path} → ${res.status} ${res.text.slice(0, 300)}`);
        report.failures.push({
          index,
          why,
          request: { client: client.name, method: built.method, path: built.path, headers: built.headers, body: built.bodyText },
          status: res.status,
          response: res.text.slice(0, 1000),
        });
      };
      if (klass === "no answer" || res.status >= 500) fail(`answered ${klass}`);
      else if (res.status >= 400) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(res.text);
        } catch {
          parsed = undefined;
        }
        const shape = ZErrorResponse.safeParse(parsed);
        if (!shape.success) fail("error not in the one error shape");
        else if (Array.isArray(shape.data.error.details) && shape.data.error.details.some((d: any) => d?.code === "database_refused")) fail("a value the contract allowed was refused by the database");
        if (isWrite) {
          report.writesRefused++;
          if ((await options.fingerprint()) !== before) fail("a refused write changed data");
        }
        if (process.env.FUZZ_DEBUG === "why") lastRefusal.set(opIndex, `${res.status} ${res.text.slice(0, 300)} <= ${built.bodyText.slice(0, 300)}`);
        if (res.status === 401) {
          if (process.env.FUZZ_DEBUG) options.log?.(`401 for ${client.name} at ${index}: ${built.method} ${built.path} ${res.text.slice(0, 200)}`);
          await client.refresh();
        }
      } else reached.add(opIndex);
      if (report.failures.length >= 50) break;
    }
    options.log?.(`${report.requests} requests, ${report.failures.length} failures, ${reached.size}/${ops.length} operations answered 2xx`);
    if (report.failures.length >= 50) break;
  }
  report.operationsReached2xx = reached.size;
  report.unreached = ops.filter((_op, i) => !reached.has(i)).map((op) => `${op.method} ${op.path}`);
  if (process.env.FUZZ_DEBUG === "why") for (const [i, why] of lastRefusal) if (!reached.has(i)) options.log?.(`${ops[i]!.method} ${ops[i]!.path}: ${why}`);
  report.ms = Math.round(performance.now() - started);
  return report;
}

/**
 * Fingerprint of every row version of one company (tables with a tenant_id), of the users and companies,
 * and of the job queue; sessions, API tokens' last use and sign-in attempts are left out (a
 * refused sign-in is allowed to count itself).
 */
export async function companyFingerprint(pool: pg.Pool, tenantId: string, exclude: string[] = []): Promise<() => Promise<string>> {
  const { rows } = await pool.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const skipped = new Set(["sessions", "api_tokens", ...exclude]);
  const tables = rows.map((r) => r.table_name).filter((t) => !skipped.has(t) && !/sign_in|login_attempt/.test(t));
  // Rows and the sum of their xmin: an insert or update writes a row version with a new xmin, a delete changes the count.
  const parts = tables.map((t) => `(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "${t}" WHERE tenant_id = $1)`);
  parts.push(`(SELECT count(*)::text FROM users)`, `(SELECT count(*)::text FROM tenants)`);
  const { rows: jobs } = await pool.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'graphile_worker' AND table_name = '_private_jobs'`);
  if (jobs.length) parts.push(`(SELECT count(*)::text FROM graphile_worker._private_jobs)`);
  const sql = `SELECT concat_ws('|', ${parts.join(", ")}) AS f`;
  return async () => (await pool.query<{ f: string }>(sql, [tenantId])).rows[0]!.f;
}
