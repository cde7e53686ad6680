// Bulk writes for demo and benchmark data: one `INSERT ... SELECT FROM unnest(...)` per batch
// of rows (tens of thousands), inside a transaction run as the API role with the tenant set,
// so row-level security checks every row exactly as it does for the API.
import { db, type Tx } from "../db/client.ts";
import type { Table } from "./table.ts";

/**
 * How a column is sent and written: `uuid`, `text`, `int`, `bool` as they are; `ts` and
 * `date` are epoch ms; `enum:Name` is text cast to the enum; `tags` is comma-joined text.
 */
export type ColumnType = "uuid" | "text" | "int" | "bool" | "ts" | "date" | "tags" | `enum:${string}`;

const ARRAY_TYPE: Record<string, string> = { uuid: "uuid[]", text: "text[]", int: "int[]", bool: "boolean[]", ts: "float8[]", date: "float8[]", tags: "text[]" };

function expression(name: string, type: ColumnType): string {
  const v = `v."${name}"`;
  if (type === "ts") return `to_timestamp(${v} / 1000.0)`;
  if (type === "date") return `(to_timestamp(${v} / 1000.0) AT TIME ZONE 'UTC')::date`;
  if (type === "tags") return `coalesce(string_to_array(nullif(${v}, ''), ','), '{}')`;
  if (type.startsWith("enum:")) return `${v}::"${type.slice(5)}"`;
  return v;
}

export interface InsertOptions {
  batchSize?: number;
  log?: (line: string) => void;
}

/** Inserts every row of `data` into `table` for the tenant, in batches; returns the row count. */
export async function insertRows<R extends Record<string, unknown>>(
  tx: Tx,
  table: string,
  tenantId: string,
  data: Table<R>,
  types: { [K in keyof R]: ColumnType },
  options: InsertOptions = {},
): Promise<number> {
  const names = Object.keys(types) as (keyof R & string)[];
  const arrayParams = names.map((n, i) => `$${i + 2}::${ARRAY_TYPE[types[n]] ?? "text[]"}`);
  const sql =
    `INSERT INTO "${table}" (tenant_id, ${names.map((n) => `"${n}"`).join(", ")}) ` +
    `SELECT $1::uuid, ${names.map((n) => expression(n, types[n])).join(", ")} ` +
    `FROM unnest(${arrayParams.join(", ")}) AS v(${names.map((n) => `"${n}"`).join(", ")})`;
  const batch = options.batchSize ?? 20_000;
  const started = performance.now();
  let reported = 0;
  for (let from = 0; from < data.length; from += batch) {
    const to = Math.min(data.length, from + batch);
    await tx.$executeRawUnsafe(sql, tenantId, ...names.map((n) => data.columns[n].slice(from, to)));
    const seconds = (performance.now() - started) / 1000;
    if (options.log && data.length > batch && (seconds - reported >= 5 || to === data.length)) {
      reported = seconds;
      options.log(`  ${table}: ${to.toLocaleString("en")} / ${data.length.toLocaleString("en")} rows (${Math.round(to / seconds).toLocaleString("en")} rows/s)`);
    }
  }
  return data.length;
}

/**
 * One phase of a bulk load in one transaction, as the API role with the tenant set (what
 * `inTenant` does), but with a timeout fit for millions of rows.
 */
export async function inTenantPhase<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, timeoutMs = 3_600_000): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', '', true)`;
      await tx.$executeRawUnsafe("SET LOCAL ROLE bod_app");
      return fn(tx);
    },
    { maxWait: 60_000, timeout: timeoutMs },
  );
}
