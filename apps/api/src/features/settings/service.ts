// Tenant settings: the company name, its currency and the allocation policy. Changing the policy queues a
// recompute of every open order on the job queue (features/background-jobs).
import type { TSettings, TUpdateSettingsRequest, TUpdateSettingsResponse } from "@bod/contracts/settings";
import { inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { queueRecompute } from "../background-jobs/service.ts";
import { holdCompanyLock } from "../allocation/company-lock.ts";

type TenantRow = { id: string; name: string; slug: string; allocationPolicy: TSettings["allocationPolicy"]; defaultFulfillmentMode: TSettings["defaultFulfillmentMode"]; currency: string };
const toSettings = (t: TenantRow): TSettings => ({ tenantId: t.id, name: t.name, slug: t.slug, allocationPolicy: t.allocationPolicy, defaultFulfillmentMode: t.defaultFulfillmentMode, currency: t.currency });

async function findTenant(tx: Tx, tenantId: string) {
  const row = await tx.tenant.findUnique({ where: { id: tenantId } });
  if (!row) throw notFound("Company");
  return row;
}

export async function getSettings(ctx: RequestContext) {
  return inTenant(ctx, async (tx) => toSettings(await findTenant(tx, ctx.tenantId)));
}

/**
 * A policy change queues a whole-company recompute (it takes a minute or more at a million
 * orders) in the same transaction; until it has run, each write recomputes its own keys under
 * the new policy, so every promise stays consistent.
 */
export async function updateSettings(ctx: RequestContext, input: TUpdateSettingsRequest): Promise<TUpdateSettingsResponse> {
  return inTenant(ctx, async (tx) => {
    // NO KEY: writers' foreign-key checks (FOR KEY SHARE on the tenant row) do not wait for it.
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${ctx.tenantId}::uuid FOR NO KEY UPDATE`;
    const before = await findTenant(tx, ctx.tenantId);
    // A policy change takes the company's lock exclusively (decision 012): writers in flight finish
    // under the old policy, later ones compute their lock scope under the new one.
    if (input.allocationPolicy !== undefined && input.allocationPolicy !== before.allocationPolicy) await holdCompanyLock(tx, ctx.tenantId, "bounded");
    const after = await tx.tenant.update({ where: { id: ctx.tenantId }, data: input });
    const recomputeJob = after.allocationPolicy !== before.allocationPolicy ? await queueRecompute(tx, ctx, `allocation policy changed to ${after.allocationPolicy}`) : null;
    return { ...toSettings(after), recomputeJob };
  });
}
