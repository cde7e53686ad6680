// Tenant settings: the company name and the allocation policy. Changing the policy
// recomputes every open order in the same transaction.
import type { TSettings, TUpdateSettingsRequest } from "@bod/contracts/settings";
import { LONG_TX_MS, inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recomputeTenant } from "../allocation/recompute.ts";

type TenantRow = { id: string; name: string; slug: string; allocationPolicy: TSettings["allocationPolicy"]; defaultFulfillmentMode: TSettings["defaultFulfillmentMode"] };
const toSettings = (t: TenantRow): TSettings => ({ tenantId: t.id, name: t.name, slug: t.slug, allocationPolicy: t.allocationPolicy, defaultFulfillmentMode: t.defaultFulfillmentMode });

async function findTenant(tx: Tx, tenantId: string) {
  const row = await tx.tenant.findUnique({ where: { id: tenantId } });
  if (!row) throw notFound("Company");
  return row;
}

export async function getSettings(ctx: RequestContext) {
  return inTenant(ctx, async (tx) => toSettings(await findTenant(tx, ctx.tenantId)));
}

export async function updateSettings(ctx: RequestContext, input: TUpdateSettingsRequest) {
  return inTenant(ctx, async (tx) => {
    // Lock the tenant row: two policy changes at once recompute one after the other.
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    const before = await findTenant(tx, ctx.tenantId);
    const after = await tx.tenant.update({ where: { id: ctx.tenantId }, data: input });
    if (after.allocationPolicy !== before.allocationPolicy) await recomputeTenant(tx, ctx.tenantId);
    return toSettings(after);
  }, { timeoutMs: LONG_TX_MS }); // a policy change recomputes the whole company (a minute or more at a million orders)
}
