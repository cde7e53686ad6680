// Idempotency-Key: the first result of a POST is kept; a retry with the same key and body
// gets that result back and changes nothing; the same key with another body is refused.
// The key, the operation and its stored response commit in one transaction (decision 010):
// a request that dies leaves no key and no change, so its retry runs fresh; one that committed
// left its response, which the retry gets back.
import crypto from "node:crypto";
import type { Request } from "express";
import { inRequestTransaction, pgCode, type Tx } from "../db/client.ts";
import { AppError } from "./errors.ts";
import type { RequestContext } from "./types.ts";

/** How long a retry waits for a first attempt still running before it is told to come back (409). */
export const CLAIM_WAIT_MS = 2_000;
/** Only rows left by the version before decision 010 (key and operation committed apart) can be read with this status. */
const PENDING = 0;
const LOCK_NOT_AVAILABLE = "55P03";

interface Outcome {
  status: number;
  body: unknown;
}

export async function withIdempotency(req: Request, ctx: RequestContext, run: () => Promise<Outcome>): Promise<Outcome> {
  const key = req.get("idempotency-key");
  if (!key) return run();
  if (key.length > 200) throw new AppError("invalid_input", "Idempotency-Key is longer than 200 characters");
  // Keys are per company; the caller is part of the request, so another user's key is a mismatch, never their result.
  const requestHash = crypto
    .createHash("sha256")
    .update(`${ctx.userId ?? ""} ${req.method} ${req.originalUrl.split("?")[0]} ${JSON.stringify(req.body ?? null)}`)
    .digest("hex");

  return inRequestTransaction(
    ctx,
    async (tx) => {
      const first = await claimKey(tx, ctx.tenantId, key, requestHash);
      if (first) return first;
      const outcome = await run(); // every inTenant of the handler joins this transaction
      await tx.$executeRaw`UPDATE idempotency_keys SET response_status = ${outcome.status}, response_body = ${JSON.stringify(outcome.body ?? null)}::jsonb
        WHERE tenant_id = ${ctx.tenantId}::uuid AND key = ${key}`;
      return outcome;
    },
    { lock_timeout: String(CLAIM_WAIT_MS) },
  );
}

/**
 * The same guarantee for a step a service runs on its own (one order of a batch): `key` is
 * derived by the service, `fingerprint` names what it does (whoever repeats it gets the first result); the step, the key and its result
 * commit together in one transaction, and a repeat returns the first result.
 */
export async function withDerivedIdempotencyKey<T>(ctx: RequestContext, key: string, fingerprint: string, run: () => Promise<T>): Promise<{ result: T; repeated: boolean }> {
  const requestHash = crypto.createHash("sha256").update(fingerprint).digest("hex");
  return inRequestTransaction(
    ctx,
    async (tx) => {
      const first = await claimKey(tx, ctx.tenantId, key, requestHash);
      if (first) return { result: first.body as T, repeated: true };
      const result = await run();
      await tx.$executeRaw`UPDATE idempotency_keys SET response_status = 200, response_body = ${JSON.stringify(result ?? null)}::jsonb
        WHERE tenant_id = ${ctx.tenantId}::uuid AND key = ${key}`;
      return { result, repeated: false };
    },
    { lock_timeout: String(CLAIM_WAIT_MS) },
  );
}

/**
 * Inserts the key in the request's transaction, or returns the first attempt's outcome. A first
 * attempt still running holds the key row uncommitted: the insert waits for it (at most
 * CLAIM_WAIT_MS, then 409); when it commits, its outcome is read; when it died or failed, its row
 * is gone and this attempt takes the key.
 */
async function claimKey(tx: Tx, tenantId: string, key: string, requestHash: string): Promise<Outcome | undefined> {
  let inserted: number;
  try {
    inserted = await tx.$executeRaw`INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body)
      VALUES (${tenantId}::uuid, ${key}, ${requestHash}, ${PENDING}, 'null'::jsonb) ON CONFLICT DO NOTHING`;
  } catch (error) {
    if (pgCode(error) === LOCK_NOT_AVAILABLE) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry in a moment");
    throw error;
  }
  if (inserted === 1) {
    await tx.$executeRawUnsafe("SET LOCAL lock_timeout TO DEFAULT"); // the claim waits briefly; the operation's own locks as usual
    return undefined;
  }
  const [row] = await tx.$queryRaw<{ request_hash: string; response_status: number; response_body: unknown }[]>`
    SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE tenant_id = ${tenantId}::uuid AND key = ${key}`;
  if (!row) throw new AppError("conflict", "A request with this Idempotency-Key was just finished or removed; retry");
  if (row.request_hash !== requestHash) throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different request");
  if (row.response_status === PENDING) {
    throw new AppError("conflict", "A request with this Idempotency-Key was started by an earlier version of the server and its outcome is unknown; use a new key after checking whether it took effect");
  }
  return { status: row.response_status, body: row.response_body ?? undefined };
}
