import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZInt } from "./common.ts";

/** Stores with an API Backorder Desk speaks (shopify, woocommerce); the others are fed through the API or CSV. */
export const ZChannelKind = z.enum(["shopify", "woocommerce", "amazon", "ebay", "manual"]);
export type TChannelKind = z.infer<typeof ZChannelKind>;
export const STORE_KINDS = ["shopify", "woocommerce"] as const satisfies readonly TChannelKind[];
export const isStoreKind = (kind: TChannelKind): kind is (typeof STORE_KINDS)[number] => (STORE_KINDS as readonly string[]).includes(kind);

export const ZFulfillmentMode = z.enum(["ship_partial", "ship_complete"]);
export type TFulfillmentMode = z.infer<typeof ZFulfillmentMode>;

/** A webhook secret as the API shows it: never its value. */
export const ZWebhookSecretInfo = z.object({
  id: ZId,
  createdAt: z.string(),
  /** null: the current secret; otherwise still accepted until then (rotation overlap). */
  expiresAt: z.string().nullable(),
});

/** How the channel is connected to its store. Secrets are write-only: only whether they are set. */
export const ZChannelConnection = z.object({
  storeUrl: z.string().nullable(),
  hasAccessToken: z.boolean(),
  webhookSecrets: z.array(ZWebhookSecretInfo),
  /** Where the store sends its webhooks (null for channels without a store API). */
  webhookUrl: z.string().nullable(),
  storeLocationId: z.string().nullable(),
  /** When the store was last asked for its changed orders… */
  lastReconciledAt: z.string().nullable(),
  /** …and why that poll failed (null: it worked, or none yet). */
  lastReconcileError: z.string().nullable(),
});

export const ZChannel = z.object({
  id: ZId,
  name: z.string(),
  kind: ZChannelKind,
  acceptsBackorders: z.boolean(),
  notifyOnPartialShipment: z.boolean(),
  /** false: customers are never notified of shipments through this channel, not even the last one. */
  notifyCustomers: z.boolean(),
  supportsOrderEdits: z.boolean(),
  defaultWarehouseId: ZId,
  /** null: new orders take the company's default mode (settings). */
  defaultFulfillmentMode: ZFulfillmentMode.nullable(),
  /** false: webhooks are refused and nothing is sent to the store (`disabledReason` says why). */
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  /** Available stock per SKU is pushed to the store after it changes. */
  pushStock: z.boolean(),
  /** Units held back from every pushed quantity. */
  stockBuffer: ZInt,
  /** Preorder SKUs: at most this many unpromised restock units are offered on top of free stock (null: all). */
  preorderCap: ZInt.nullable(),
  connection: ZChannelConnection,
  createdAt: z.string(),
});
export type TChannel = z.infer<typeof ZChannel>;

const ZStoreUrl = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .transform((u) => u.replace(/\/+$/, ""));
/** A store API credential: Shopify's Admin API access token, or WooCommerce's `consumer_key:consumer_secret`. */
const ZAccessToken = z.string().trim().min(8).max(500);
const ZSecret = z.string().min(8).max(500);
const ZStockCount = ZInt.min(0).max(1_000_000);

const channelFields = {
  name: z.string().trim().min(1).max(100),
  kind: ZChannelKind,
  acceptsBackorders: z.boolean(),
  notifyOnPartialShipment: z.boolean(),
  notifyCustomers: z.boolean(),
  supportsOrderEdits: z.boolean(),
  defaultWarehouseId: ZId,
  defaultFulfillmentMode: ZFulfillmentMode.nullable(),
  enabled: z.boolean(),
  pushStock: z.boolean(),
  stockBuffer: ZStockCount,
  preorderCap: ZStockCount.nullable(),
  storeUrl: ZStoreUrl.nullable(),
  /** Write-only; null clears it. */
  accessToken: ZAccessToken.nullable(),
  storeLocationId: z.string().trim().min(1).max(200).nullable(),
};

export const ZCreateChannelRequest = z
  .object({
    ...channelFields,
    acceptsBackorders: channelFields.acceptsBackorders.default(true),
    notifyOnPartialShipment: channelFields.notifyOnPartialShipment.default(true),
    notifyCustomers: channelFields.notifyCustomers.default(true),
    /** true: orders are edited in the store and arrive as store updates (Shopify, WooCommerce); false: edited in Backorder Desk. */
    supportsOrderEdits: channelFields.supportsOrderEdits.default(false),
    defaultFulfillmentMode: channelFields.defaultFulfillmentMode.default(null),
    enabled: channelFields.enabled.default(true),
    pushStock: channelFields.pushStock.default(false),
    stockBuffer: channelFields.stockBuffer.default(0),
    preorderCap: channelFields.preorderCap.default(null),
    storeUrl: channelFields.storeUrl.default(null),
    accessToken: channelFields.accessToken.default(null),
    storeLocationId: channelFields.storeLocationId.default(null),
    /** Write-only: the first webhook secret (Shopify's app client secret or the store's webhook signing key; WooCommerce's webhook secret). */
    webhookSecret: ZSecret.optional(),
  })
  .strict();
export type TCreateChannelRequest = z.input<typeof ZCreateChannelRequest>;

export const ZUpdateChannelRequest = z.object(channelFields).partial().strict();
export type TUpdateChannelRequest = z.infer<typeof ZUpdateChannelRequest>;

/** A new current webhook secret; the previous one is still accepted for `overlapHours` (0: not at all). */
export const ZRotateWebhookSecretRequest = z
  .object({
    secret: ZSecret,
    overlapHours: ZInt.min(0).max(720).default(24),
  })
  .strict();
export type TRotateWebhookSecretRequest = z.input<typeof ZRotateWebhookSecretRequest>;

/** `q` matches the name. Sorted by name. */
export const ZChannelListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TChannelListQuery = z.infer<typeof ZChannelListQuery>;
export const ZChannelPage = ZPage(ZChannel);
