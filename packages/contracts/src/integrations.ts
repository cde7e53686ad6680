// Messages to and from stores: the outbox (what Backorder Desk tells a store, and every
// delivery attempt), the inbox (what stores told it: webhooks and reconciliation polls), and
// background jobs a person waits for (whole-company recomputes).
import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZInt } from "./common.ts";

/** `failed`: gave up (dead letter); later messages of its order wait until it is retried or discarded. */
export const ZOutboxStatus = z.enum(["pending", "delivered", "failed", "skipped", "discarded"]);
export type TOutboxStatus = z.infer<typeof ZOutboxStatus>;
export const ZDeliveryOutcome = z.enum(["sent", "already_applied", "failed", "throttled", "unknown"]);
export type TDeliveryOutcome = z.infer<typeof ZDeliveryOutcome>;

export const ZDeliveryAttempt = z.object({
  id: ZId,
  attempt: ZInt,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** null while the attempt runs; `unknown` when its worker died before it finished. */
  outcome: ZDeliveryOutcome.nullable(),
  httpStatus: ZInt.nullable(),
  error: z.string().nullable(),
  retryAt: z.string().nullable(),
  request: z.unknown(),
  response: z.unknown(),
});
export type TDeliveryAttempt = z.infer<typeof ZDeliveryAttempt>;

export const ZOutboxEvent = z.object({
  id: ZId,
  seq: ZInt,
  stream: z.string(),
  orderId: ZId.nullable(),
  orderNumber: z.string().nullable(),
  channelId: ZId.nullable(),
  channelName: z.string().nullable(),
  type: z.string(),
  payload: z.unknown(),
  status: ZOutboxStatus,
  attempts: ZInt,
  /** When the next attempt may run (pending), in the future while backing off. */
  availableAt: z.string(),
  lastError: z.string().nullable(),
  /** How it ended, in words (what the store answered, or why nothing was sent). */
  outcome: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type TOutboxEvent = z.infer<typeof ZOutboxEvent>;
export const ZOutboxEventDetail = ZOutboxEvent.extend({ deliveries: z.array(ZDeliveryAttempt) });
export type TOutboxEventDetail = z.infer<typeof ZOutboxEventDetail>;
export const ZOutboxEventList = z.object({ items: z.array(ZOutboxEventDetail) });
export const ZOutboxEventPage = ZPage(ZOutboxEvent);

export const ZOutboxListQuery = ZPageQuery.extend({
  channelId: ZId.optional(),
  status: ZOutboxStatus.optional(),
  type: z.string().trim().min(1).max(100).optional(),
  orderId: ZId.optional(),
}).strict();
export type TOutboxListQuery = z.infer<typeof ZOutboxListQuery>;

export const ZInboxStatus = z.enum(["pending", "processed", "ignored", "failed"]);
export type TInboxStatus = z.infer<typeof ZInboxStatus>;

export const ZInboxEvent = z.object({
  id: ZId,
  channelId: ZId,
  channelName: z.string(),
  /** webhook | poll */
  source: z.string(),
  topic: z.string(),
  externalOrderId: z.string().nullable(),
  storeUpdatedAt: z.string().nullable(),
  receivedAt: z.string(),
  status: ZInboxStatus,
  attempts: ZInt,
  lastError: z.string().nullable(),
  outcome: z.string().nullable(),
  orderId: ZId.nullable(),
  orderNumber: z.string().nullable(),
  processedAt: z.string().nullable(),
});
export type TInboxEvent = z.infer<typeof ZInboxEvent>;
export const ZInboxEventDetail = ZInboxEvent.extend({ payload: z.unknown(), headers: z.unknown() });
export type TInboxEventDetail = z.infer<typeof ZInboxEventDetail>;
export const ZInboxEventPage = ZPage(ZInboxEvent);
export const ZInboxListQuery = ZPageQuery.extend({
  channelId: ZId.optional(),
  status: ZInboxStatus.optional(),
  topic: z.string().trim().min(1).max(100).optional(),
}).strict();
export type TInboxListQuery = z.infer<typeof ZInboxListQuery>;

/** Counts per channel for the Integrations screen's summary. */
export const ZIntegrationSummary = z.object({
  channels: z.array(
    z.object({
      channelId: ZId,
      name: z.string(),
      kind: z.string(),
      enabled: z.boolean(),
      connected: z.boolean(),
      outbox: z.object({ pending: ZInt, failed: ZInt, deliveredLastDay: ZInt }),
      inbox: z.object({ pending: ZInt, failed: ZInt, receivedLastDay: ZInt }),
      lastReconciledAt: z.string().nullable(),
      lastReconcileError: z.string().nullable(),
    }),
  ),
});
export type TIntegrationSummary = z.infer<typeof ZIntegrationSummary>;

export const ZBackgroundJobStatus = z.enum(["queued", "running", "succeeded", "failed"]);
export const ZBackgroundJob = z.object({
  id: ZId,
  kind: z.string(),
  status: ZBackgroundJobStatus,
  progressDone: ZInt,
  progressTotal: ZInt.nullable(),
  message: z.string().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TBackgroundJob = z.infer<typeof ZBackgroundJob>;
/** The answer (202) of a request whose work runs on the job queue. */
export const ZQueuedJobResponse = z.object({ job: ZBackgroundJob });
export type TQueuedJobResponse = z.infer<typeof ZQueuedJobResponse>;
