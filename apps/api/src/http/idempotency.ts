// Idempotency-Key: the first result of a POST is kept; a retry with the same key and body
// gets that result back and changes nothing; the same key with another body is refused.
import crypto from "node:crypto";
import type { Request } from "express";
import { inTenant } from "../db/client.ts";
import { AppError } from "./errors.ts";
import type { RequestContext } from "./types.ts";

const PENDING = 0;
interface Outcome {
  status: number;
  body: unknown;
}

export async function withIdempotency(req: Request, ctx: RequestContext, run: () => Promise<Outcome>): Promise<Outcome> {
  const key = req.get("idempotency-key");
  if (!key) return run();
  if (key.length > 200) throw new AppError("invalid_input", "Idempotency-Key is longer than 200 characters");
  const requestHash = crypto.createHash("sha256").update(`${req.method} ${req.originalUrl.split("?")[0]} ${JSON.stringify(req.body ?? null)}`).digest("hex");
  const scope = { tenantId: ctx.tenantId, userId: ctx.userId };

  const claimed = await inTenant(scope, async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO idempotency_keys (tenant_id, key, request_hash, response_status, response_body)
      VALUES (${ctx.tenantId}::uuid, ${key}, ${requestHash}, ${PENDING}, 'null'::jsonb) ON CONFLICT DO NOTHING`;
    if (inserted === 1) return undefined;
    return tx.idempotencyKey.findUnique({ where: { tenantId_key: { tenantId: ctx.tenantId, key } } });
  });
  if (claimed) {
    if (claimed.requestHash !== requestHash) throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different request");
    if (claimed.responseStatus === PENDING) throw new AppError("conflict", "A request with this Idempotency-Key is still in progress");
    return { status: claimed.responseStatus, body: claimed.responseBody ?? undefined };
  }
  try {
    const outcome = await run();
    await inTenant(scope, (tx) =>
      tx.idempotencyKey.update({
        where: { tenantId_key: { tenantId: ctx.tenantId, key } },
        data: { responseStatus: outcome.status, responseBody: (outcome.body ?? null) as any },
      }),
    );
    return outcome;
  } catch (error) {
    // Nothing was changed (every write runs in one transaction that failed): free the key for a retry.
    await inTenant(scope, (tx) => tx.idempotencyKey.delete({ where: { tenantId_key: { tenantId: ctx.tenantId, key } } })).catch(() => {});
    throw error;
  }
}
