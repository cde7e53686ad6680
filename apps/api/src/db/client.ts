// The Prisma client and the tenant-scoped transaction every service runs in.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "../generated/prisma/client.ts";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

export interface DbHandle {
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** `max` 1 for embedded PGlite, which serves one connection at a time. */
export function openDb(connectionString: string, options: { max?: number } = {}): DbHandle {
  // A connection not had in 10 s (the database does not answer, or every connection is busy that
  // long; the same as a transaction's maxWait) is reported (503) rather than waited for without
  // end; keep-alive finds connections a vanished server left half-open.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: TX_OPTIONS.maxWait, keepAlive: true });
  pool.on("error", () => {}); // a broken idle client is dropped by the pool; queries report their own errors
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

let current: DbHandle | undefined;
export function setDb(handle: DbHandle) {
  current = handle;
}
/** The handle `db()` uses now (tests swap it for one on another database and back). */
export const currentDb = (): DbHandle | undefined => current;
/** The app pool's connections now (for /metrics): open, idle, and callers waiting for one. */
export function poolCounts(): { total: number; idle: number; waiting: number } | undefined {
  return current && { total: current.pool.totalCount, idle: current.pool.idleCount, waiting: current.pool.waitingCount };
}
export function db(): PrismaClient {
  if (!current) throw new Error("database not opened");
  return current.prisma;
}

const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };
/** For the few whole-company operations (recompute every allocation, change the allocation policy). */
export const LONG_TX_MS = 15 * 60_000;

/**
 * Runs `fn` in one transaction as the API's database role (`bod_app`, not a superuser and
 * not the tables' owner), with the tenant (and user) set for row-level security.
 */
export async function inTenant<T>(scope: { tenantId: string; userId?: string | null }, fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const joined = requestTransaction.getStore();
  if (joined?.open) return joinRequestTransaction(joined, scope, fn, options);
  const txOptions = options.timeoutMs ? { ...TX_OPTIONS, timeout: options.timeoutMs } : TX_OPTIONS;
  return retryOnDeadlock(() =>
    db().$transaction(async (tx) => {
      // One round trip: the tenant, the user and the role (set_config('role', …, true) is SET LOCAL ROLE).
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('role', 'bod_app', true)`;
      return fn(tx);
    }, txOptions),
  );
}

/** A request transaction's backend ends itself when its client has sent nothing for this long (a host gone silent). */
export const REQUEST_TX_IDLE_MS = 10_000;

interface RequestTransaction {
  tx: Tx;
  tenantId: string;
  userId: string;
  /** False once the request's function returned: a promise it left behind opens its own transaction. */
  open: boolean;
  /** The first error of a joined call: the request transaction then cannot commit, even if the caller caught it. */
  failure?: { error: unknown };
}
const requestTransaction = new AsyncLocalStorage<RequestTransaction>();

/**
 * One transaction for a whole request (an Idempotency-Key's claim, the operation, its stored
 * response; http/idempotency.ts): every `inTenant` called inside `fn` runs in it instead of
 * opening its own, so all of it commits once or not at all. A deadlock or serialization failure
 * anywhere in it re-runs `fn` whole. `settings` are set for the transaction with the tenant (one
 * round trip), and the backend ends the transaction by itself once its client has been silent
 * for REQUEST_TX_IDLE_MS (a process that died without closing its socket).
 */
export async function inRequestTransaction<T>(scope: { tenantId: string; userId?: string | null }, fn: (tx: Tx) => Promise<T>, settings: Record<string, string> = {}): Promise<T> {
  const config = { idle_in_transaction_session_timeout: String(REQUEST_TX_IDLE_MS), ...settings };
  const names = Object.keys(config);
  const values = Object.values(config);
  return retryOnDeadlock(() =>
    db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId}, true), set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('role', 'bod_app', true),
        (SELECT count(set_config(n, v, true)) FROM unnest(${names}::text[], ${values}::text[]) AS s(n, v))`;
      const store: RequestTransaction = { tx, tenantId: scope.tenantId, userId: scope.userId ?? "", open: true };
      try {
        const result = await requestTransaction.run(store, () => fn(tx));
        if (store.failure) throw store.failure.error;
        return result;
      } finally {
        store.open = false;
      }
    }, TX_OPTIONS),
  );
}

async function joinRequestTransaction<T>(joined: RequestTransaction, scope: { tenantId: string; userId?: string | null }, fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number }): Promise<T> {
  if (scope.tenantId !== joined.tenantId || (scope.userId ?? "") !== joined.userId) throw new Error("inTenant for another tenant or user inside a request transaction");
  if (options.timeoutMs) throw new Error("a long transaction cannot run inside a request transaction");
  try {
    return await fn(joined.tx);
  } catch (error) {
    joined.failure ??= { error };
    throw error;
  }
}

const RETRYABLE = new Set(["40P01", "40001"]); // deadlock detected, serialization failure
const ATTEMPTS = 4;
/** Transactions of this process PostgreSQL aborted as a deadlock (40P01) or serialization failure (40001), retried or not (the soak and tests read it). */
export const transactionAborts: Record<string, number> = {};

/**
 * Writers lock stock keys in one fixed order, but the engine's writes to order rows of
 * different keys can still meet in another order; PostgreSQL then aborts one transaction.
 * It changed nothing, so it is run again (a few times, with jitter).
 */
async function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = pgCode(error) ?? ((error as any)?.code === "P2034" ? "40001" : ""); // P2034: Prisma's "write conflict or deadlock"
      if (!RETRYABLE.has(code)) throw error;
      transactionAborts[code] = (transactionAborts[code] ?? 0) + 1;
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** The SQLSTATE of a database error, however Prisma's adapter wrapped it. */
export function pgCode(error: any): string | undefined {
  // Prisma reports a raw query's failure as its own P2010 (a model query's deadlock as P2034), with
  // PostgreSQL's code in the adapter's cause: a Prisma code is never the SQLSTATE, though it looks like one.
  const code = error?.meta?.driverAdapterError?.cause?.originalCode ?? (typeof error?.clientVersion === "string" ? undefined : error?.code) ?? error?.cause?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * For the few reads and writes that come before a tenant is known (sign-in, sign-up,
 * sessions): runs as `bod_app` with only the user set, so tenant rows stay hidden except
 * the user's own memberships and tenants.
 */
export async function asUser<T>(userId: string | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', '', true), set_config('app.user_id', ${userId ?? ""}, true), set_config('role', 'bod_app', true)`;
    return fn(tx);
  }, TX_OPTIONS);
}

/**
 * Positional-parameter SQL, for the few hot paths that talk to PostgreSQL through
 * node-postgres directly (a store webhook's acknowledgement): Prisma adds about a millisecond
 * of CPU to every statement, which at hundreds of webhooks a second on two cores is the whole
 * budget. Services on Prisma pass their `tx` through `sqlOf`.
 */
export type SqlExec = <R = any>(sql: string, params?: unknown[]) => Promise<R[]>;
export const sqlOf = (tx: Tx | SqlExec): SqlExec => (typeof tx === "function" ? tx : (sql, params = []) => tx.$queryRawUnsafe(sql, ...params));

/** A connection of the app's pool for `fn` (node-postgres, no Prisma; no transaction unless `fn` opens one). */
export async function withPoolClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  if (!current) throw new Error("database not opened");
  const client = await current.pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/**
 * Row ids of a small batch update (`UPDATE t SET … FROM unnest(…) v WHERE t.id = v.id`) as an index
 * condition, `AND <column> = ANY(ids)`. Without it the planner, which cannot see how long the
 * arrays are, may hash every row of the tenant to join 200 values (300 ms instead of 10 on an
 * inbox of 25,000 messages). A large batch (a whole-tenant recompute) is left to that hash join,
 * which is then the right plan.
 */
export function pinnedToIds(column: string, ids: readonly string[]): Prisma.Sql {
  return ids.length <= PINNED_IDS_MAX ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${[...ids]}::uuid[])` : Prisma.empty;
}
const PINNED_IDS_MAX = 5_000;

// ---------------------------------------------------------------- the request's own transaction

/**
 * A request's transaction on one connection of the app's pool, through node-postgres (no
 * Prisma: its interactive transaction costs about 1.5 ms of CPU, the whole budget of a read).
 * Authentication opens it (http/auth.ts: BEGIN, then one statement that resolves the session or
 * token and sets the tenant, the user and the `bod_app` role for the transaction, so row-level
 * security applies to what follows), and an endpoint that only reads (`requestRead` in
 * http/endpoint.ts) runs its statements in it through `readInTenant`: the request is one
 * transaction. Every other endpoint ends it before its handler, which then opens its own.
 */
export class RequestSql {
  private client: pg.PoolClient | undefined;
  tenantId = "";
  userId = "";
  private constructor(client: pg.PoolClient) {
    this.client = client;
  }

  /**
   * A connection of the app's pool with a transaction begun on it. `first`, when given, is sent
   * with the BEGIN in one round trip (simple query protocol, so it takes no parameters: only for
   * SQL whose every literal the caller built from checked characters); its rows are returned.
   */
  static async begin(first?: string): Promise<{ sql: RequestSql; rows: any[] }> {
    if (!current) throw new Error("database not opened");
    const client = await current.pool.connect();
    // A checked-out client whose connection drops emits "error" (the pool listens only on idle
    // ones): unheard, it would end the process. The next query on it fails, and end() drops it.
    client.on("error", ignoreError);
    try {
      const results: any = await client.query(first ? `BEGIN; ${first}` : "BEGIN");
      return { sql: new RequestSql(client), rows: first ? results[1].rows : [] };
    } catch (error) {
      client.off("error", ignoreError);
      client.release(error as Error);
      throw error;
    }
  }

  get isOpen(): boolean {
    return this.client !== undefined;
  }

  /** Positional-parameter SQL in the transaction; a `prepared` one is planned once per connection. */
  readonly exec: ReadExec = async (sql, params = []) => {
    if (!this.client) throw new Error("the request's transaction has ended");
    const running = this.client.query(typeof sql === "string" ? { text: sql, values: params } : { ...sql, values: params });
    this.running = running.catch(() => {});
    return (await running).rows;
  };
  /** The statement in flight: ending waits for it (a client gone mid-request closes the response while the handler reads). */
  private running: Promise<unknown> = Promise.resolve();

  /** Commits (or rolls back) and gives the connection back; a second call does nothing. */
  async end(commit = true): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    try {
      await this.running;
      await client.query(commit ? "COMMIT" : "ROLLBACK");
      client.off("error", ignoreError);
      client.release();
    } catch (error) {
      client.off("error", ignoreError);
      client.release(error as Error); // a connection whose transaction state is unknown is not reused
      if (commit) throw error;
    }
  }
}
const ignoreError = () => {};

/**
 * A statement that fixed text, prepared once per connection under `name` and then run without
 * parsing or planning (PostgreSQL keeps a generic plan once it is no worse than the custom ones).
 * For short statements whose plan does not depend on the values (lookups by key).
 */
export interface PreparedStatement {
  name: string;
  text: string;
}
export const prepared = (name: string, text: string): PreparedStatement => ({ name, text });
/** SqlExec that also runs prepared statements (node-postgres only). */
export type ReadExec = <R = any>(sql: string | PreparedStatement, params?: unknown[]) => Promise<R[]>;

const requestSql = new AsyncLocalStorage<RequestSql>();
/** Runs `fn` (the rest of the request) with `store` as the request's transaction. */
export const withRequestSql = <T>(store: RequestSql, fn: () => T): T => requestSql.run(store, fn);
/** The request's transaction while it is open. */
export const openRequestSql = (): RequestSql | undefined => {
  const store = requestSql.getStore();
  return store?.isOpen ? store : undefined;
};

/**
 * Reads as `bod_app` with the tenant (and user) set, through node-postgres: in the request's
 * transaction when authentication left it open for this tenant and user, else in a transaction of
 * its own (BEGIN, the settings, `fn`, COMMIT). For reads only; writes go through `inTenant`.
 */
export async function readInTenant<T>(scope: { tenantId: string; userId?: string | null }, fn: (sql: ReadExec) => Promise<T>): Promise<T> {
  const joined = openRequestSql();
  if (joined) {
    if (scope.tenantId !== joined.tenantId || (scope.userId ?? "") !== joined.userId) throw new Error("readInTenant for another tenant or user inside the request's transaction");
    return fn(joined.exec);
  }
  const { sql: own } = await RequestSql.begin();
  try {
    await own.exec(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true), set_config('role', 'bod_app', true)`, [scope.tenantId, scope.userId ?? ""]);
    const result = await fn(own.exec);
    await own.end(true);
    return result;
  } finally {
    await own.end(false);
  }
}
