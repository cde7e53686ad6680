// Sales channels (stores), their settings and their connection to the store: URL, API
// credential and webhook secrets. Secrets are sealed at rest (security/secret-box.ts) and
// write-only: the API says whether they are set, never what they are. Rotating a webhook
// secret keeps the previous one valid for an overlap window. Deleting a channel is refused
// while orders came from it.
import type { TPage } from "@bod/contracts/common";
import { isStoreKind, type TChannel, type TChannelListQuery, type TUpdateChannelRequest, type ZCreateChannelRequest } from "@bod/contracts/channels";
import type { z } from "zod";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { SecretsKeyMissing, sealSecret } from "../../security/secret-box.ts";
import { enqueuePendingStreams } from "../outbox/enqueue.ts";
import { envValue } from "../../config.ts";

type ChannelRow = Awaited<ReturnType<Tx["salesChannel"]["findUniqueOrThrow"]>>;
type SecretRow = { id: string; createdAt: Date; expiresAt: Date | null };

/** Where stores send webhooks: PUBLIC_URL (the address the stores reach), else the server's own. */
export function publicBaseUrl(): string {
  return (envValue("PUBLIC_URL") ?? `http://${envValue("HOST")}:${envValue("PORT")}`).replace(/\/+$/, "");
}

const toChannel = (c: ChannelRow, secrets: SecretRow[]): TChannel => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  acceptsBackorders: c.acceptsBackorders,
  notifyOnPartialShipment: c.notifyOnPartialShipment,
  notifyCustomers: c.notifyCustomers,
  supportsOrderEdits: c.supportsOrderEdits,
  defaultWarehouseId: c.defaultWarehouseId,
  defaultFulfillmentMode: c.defaultFulfillmentMode,
  enabled: c.enabled,
  disabledReason: c.disabledReason,
  pushStock: c.pushStock,
  stockBuffer: c.stockBuffer,
  preorderCap: c.preorderCap,
  connection: {
    storeUrl: c.storeUrl,
    hasAccessToken: c.accessTokenCiphertext !== null,
    webhookSecrets: secrets.filter((s) => !s.expiresAt || s.expiresAt > new Date()).map((s) => ({ id: s.id, createdAt: iso(s.createdAt), expiresAt: s.expiresAt ? iso(s.expiresAt) : null })),
    webhookUrl: isStoreKind(c.kind) ? `${publicBaseUrl()}/api/v1/webhooks/${c.kind}/${c.id}` : null,
    storeLocationId: c.storeLocationId,
    lastReconciledAt: c.lastReconciledAt ? iso(c.lastReconciledAt) : null,
    lastReconcileError: c.reconcileError,
  },
  createdAt: iso(c.createdAt),
});

async function findChannel(tx: Tx, tenantId: string, id: string) {
  const row = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row) throw notFound("Channel");
  return row;
}

async function readSecrets(tx: Tx, tenantId: string, channelIds: string[]) {
  const rows = await tx.channelSecret.findMany({ where: { tenantId, channelId: { in: channelIds } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: { id: true, channelId: true, createdAt: true, expiresAt: true } });
  const by = new Map<string, SecretRow[]>();
  for (const r of rows) by.set(r.channelId, [...(by.get(r.channelId) ?? []), r]);
  return by;
}

async function readChannel(tx: Tx, tenantId: string, id: string): Promise<TChannel> {
  const row = await findChannel(tx, tenantId, id);
  return toChannel(row, (await readSecrets(tx, tenantId, [id])).get(id) ?? []);
}

/** The default warehouse must be one of the tenant's: another tenant's id reads as unknown. */
async function checkWarehouse(tx: Tx, tenantId: string, warehouseId: string | undefined) {
  if (!warehouseId) return;
  const found = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } });
  if (!found) throw new AppError("not_found", "Warehouse not found", [{ path: "defaultWarehouseId", message: "No such warehouse" }]);
}

function seal(value: string, path: string): string {
  try {
    return sealSecret(value);
  } catch (error) {
    if (error instanceof SecretsKeyMissing) throw new AppError("unavailable", "This server has no SECRETS_KEY configured, so store credentials cannot be saved", [{ path, message: "The server cannot store secrets" }]);
    throw error;
  }
}

export async function listChannels(ctx: RequestContext, query: TChannelListQuery): Promise<TPage<TChannel>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const rows = await tx.salesChannel.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [
          query.q ? { name: { contains: query.q, mode: "insensitive" } } : {},
          cursor ? { OR: [{ name: { gt: cursor.key } }, { name: cursor.key, id: { gt: cursor.id } }] } : {},
        ],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    const secrets = await readSecrets(tx, ctx.tenantId, rows.map((r) => r.id));
    return toPage(rows, query.limit, (c) => [c.name, c.id], (c) => toChannel(c, secrets.get(c.id) ?? []));
  });
}

export async function getChannel(ctx: RequestContext, id: string) {
  return inTenant(ctx, (tx) => readChannel(tx, ctx.tenantId, id));
}

export async function createChannel(ctx: RequestContext, input: z.output<typeof ZCreateChannelRequest>) {
  return inTenant(ctx, async (tx) => {
    await checkWarehouse(tx, ctx.tenantId, input.defaultWarehouseId);
    const { accessToken, webhookSecret, ...fields } = input;
    const row = await tx.salesChannel.create({
      data: { tenantId: ctx.tenantId, ...fields, accessTokenCiphertext: accessToken ? seal(accessToken, "accessToken") : null },
    });
    if (webhookSecret) await tx.channelSecret.create({ data: { tenantId: ctx.tenantId, channelId: row.id, ciphertext: seal(webhookSecret, "webhookSecret"), createdBy: ctx.userId } });
    return readChannel(tx, ctx.tenantId, row.id);
  });
}

export async function updateChannel(ctx: RequestContext, id: string, input: TUpdateChannelRequest) {
  return inTenant(ctx, async (tx) => {
    const before = await findChannel(tx, ctx.tenantId, id);
    await checkWarehouse(tx, ctx.tenantId, input.defaultWarehouseId);
    const { accessToken, ...fields } = input;
    const data: Record<string, unknown> = { ...fields };
    if (accessToken !== undefined) data.accessTokenCiphertext = accessToken === null ? null : seal(accessToken, "accessToken");
    if (input.enabled === true) data.disabledReason = null;
    if (input.enabled === false && !before.disabledReason) data.disabledReason = "Switched off by an admin";
    await tx.salesChannel.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data });
    // A channel that can now deliver (connected, or switched back on) sends what waited for it.
    const after = await findChannel(tx, ctx.tenantId, id);
    const couldDeliver = before.enabled && !!before.storeUrl && !!before.accessTokenCiphertext;
    const canDeliver = after.enabled && !!after.storeUrl && !!after.accessTokenCiphertext;
    if (canDeliver && !couldDeliver) await enqueuePendingStreams(tx, ctx.tenantId, id);
    return readChannel(tx, ctx.tenantId, id);
  });
}

/** A new current webhook secret; the previous current one stays valid for the overlap window. */
export async function rotateWebhookSecret(ctx: RequestContext, id: string, input: { secret: string; overlapHours: number }) {
  return inTenant(ctx, async (tx) => {
    await tx.$queryRaw`SELECT id FROM sales_channels WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    await findChannel(tx, ctx.tenantId, id);
    const until = new Date(Date.now() + input.overlapHours * 3_600_000);
    await tx.channelSecret.updateMany({ where: { tenantId: ctx.tenantId, channelId: id, OR: [{ expiresAt: null }, { expiresAt: { gt: until } }] }, data: { expiresAt: until } });
    await tx.channelSecret.create({ data: { tenantId: ctx.tenantId, channelId: id, ciphertext: seal(input.secret, "secret"), createdBy: ctx.userId } });
    return readChannel(tx, ctx.tenantId, id);
  });
}

/** Stops accepting a webhook secret now (a leaked one). */
export async function revokeWebhookSecret(ctx: RequestContext, id: string, secretId: string) {
  return inTenant(ctx, async (tx) => {
    await findChannel(tx, ctx.tenantId, id);
    const { count } = await tx.channelSecret.deleteMany({ where: { tenantId: ctx.tenantId, channelId: id, id: secretId } });
    if (count === 0) throw notFound("Webhook secret");
    return readChannel(tx, ctx.tenantId, id);
  });
}

export async function deleteChannel(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    await findChannel(tx, ctx.tenantId, id);
    const salesOrders = await tx.salesOrder.count({ where: { tenantId: ctx.tenantId, channelId: id } });
    if (salesOrders > 0) throw new AppError("conflict", "Orders came from this channel; it cannot be deleted", { salesOrders });
    await tx.salesChannel.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
