-- Channels connected to stores and background work on a Postgres job queue (docs/decisions/009).
-- Generated part first (npm run db:migration:create), then the SQL Prisma cannot express.

-- CreateEnum
CREATE TYPE "DeliveryOutcome" AS ENUM ('sent', 'already_applied', 'failed', 'throttled', 'unknown');

-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('pending', 'processed', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "BackgroundJobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- DropIndex
DROP INDEX "outbox_events_status_available_at_idx";

-- AlterTable
ALTER TABLE "outbox_events" ADD COLUMN     "channel_id" UUID,
ADD COLUMN     "order_id" UUID,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL,
ADD COLUMN     "stream" TEXT NOT NULL DEFAULT '';

-- Existing messages: their order and channel from the payload, and their stream.
UPDATE "outbox_events" e SET order_id = o.id, channel_id = o.channel_id, stream = 'order:' || o.id
FROM "sales_orders" o WHERE o.tenant_id = e.tenant_id AND o.id::text = e.payload->>'orderId';
UPDATE "outbox_events" SET stream = 'tenant:' || tenant_id WHERE stream = '';
ALTER TABLE "outbox_events" ALTER COLUMN "stream" DROP DEFAULT;

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "needs_review" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "sales_channels" ADD COLUMN     "access_token_ciphertext" TEXT,
ADD COLUMN     "disabled_reason" TEXT,
ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "inbox_draining" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_reconciled_at" TIMESTAMPTZ(3),
ADD COLUMN     "reconcile_error" TEXT,
ADD COLUMN     "notify_customers" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "preorder_cap" INTEGER,
ADD COLUMN     "push_stock" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reconcile_cursor" TIMESTAMPTZ(3),
ADD COLUMN     "stock_buffer" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "store_location_id" TEXT,
ADD COLUMN     "store_url" TEXT;

-- AlterTable
ALTER TABLE "sales_order_lines" ADD COLUMN     "external_line_id" TEXT;

-- AlterTable
ALTER TABLE "sales_orders" ADD COLUMN     "store_hold_state" JSONB,
ADD COLUMN     "store_order_name" TEXT,
ADD COLUMN     "store_updated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "outbox_deliveries" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" "DeliveryOutcome",
    "http_status" INTEGER,
    "error" TEXT,
    "retry_at" TIMESTAMPTZ(3),
    "request" JSONB,
    "response" JSONB,

    CONSTRAINT "outbox_deliveries_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "outbox_streams" (
    "tenant_id" UUID NOT NULL,
    "stream" TEXT NOT NULL,
    "leased_until" TIMESTAMPTZ(3) NOT NULL,
    "leased_by" TEXT NOT NULL,

    CONSTRAINT "outbox_streams_pkey" PRIMARY KEY ("tenant_id","stream")
);

-- CreateTable
CREATE TABLE "channel_secrets" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "channel_id" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "created_by" UUID,

    CONSTRAINT "channel_secrets_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "channel_inbox_events" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "channel_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "external_order_id" TEXT,
    "store_updated_at" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "headers" JSONB,
    "request_id" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "InboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "outcome" TEXT,
    "order_id" UUID,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "channel_inbox_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "channel_product_mappings" (
    "tenant_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "store_key" TEXT NOT NULL,
    "product_id" UUID NOT NULL,
    "store_inventory_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_product_mappings_pkey" PRIMARY KEY ("tenant_id","channel_id","store_key")
);

-- CreateTable
CREATE TABLE "stock_push_pending" (
    "tenant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_push_pending_pkey" PRIMARY KEY ("tenant_id","product_id")
);

-- CreateTable
CREATE TABLE "background_jobs" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "status" "BackgroundJobStatus" NOT NULL DEFAULT 'queued',
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER,
    "message" TEXT,
    "result" JSONB,
    "error" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "background_jobs_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "outbox_deliveries_tenant_id_event_id_attempt_idx" ON "outbox_deliveries"("tenant_id", "event_id", "attempt");

-- CreateIndex
CREATE INDEX "outbox_deliveries_tenant_id_started_at_idx" ON "outbox_deliveries"("tenant_id", "started_at");

-- CreateIndex
CREATE INDEX "channel_secrets_tenant_id_channel_id_idx" ON "channel_secrets"("tenant_id", "channel_id");

-- CreateIndex
CREATE INDEX "channel_inbox_events_tenant_id_channel_id_received_at_idx" ON "channel_inbox_events"("tenant_id", "channel_id", "received_at");

-- CreateIndex
CREATE INDEX "channel_inbox_events_tenant_id_status_received_at_idx" ON "channel_inbox_events"("tenant_id", "status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "channel_inbox_events_tenant_id_channel_id_dedupe_key_key" ON "channel_inbox_events"("tenant_id", "channel_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "channel_product_mappings_tenant_id_product_id_idx" ON "channel_product_mappings"("tenant_id", "product_id");

-- CreateIndex
CREATE INDEX "background_jobs_tenant_id_created_at_idx" ON "background_jobs"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_events_tenant_id_stream_seq_idx" ON "outbox_events"("tenant_id", "stream", "seq");

-- CreateIndex
CREATE INDEX "outbox_events_tenant_id_order_id_seq_idx" ON "outbox_events"("tenant_id", "order_id", "seq");

-- CreateIndex
CREATE INDEX "outbox_events_tenant_id_channel_id_created_at_idx" ON "outbox_events"("tenant_id", "channel_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_events_tenant_id_status_available_at_idx" ON "outbox_events"("tenant_id", "status", "available_at");

-- AddForeignKey
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_tenant_id_event_id_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "outbox_events"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_secrets" ADD CONSTRAINT "channel_secrets_tenant_id_channel_id_fkey" FOREIGN KEY ("tenant_id", "channel_id") REFERENCES "sales_channels"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_inbox_events" ADD CONSTRAINT "channel_inbox_events_tenant_id_channel_id_fkey" FOREIGN KEY ("tenant_id", "channel_id") REFERENCES "sales_channels"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_product_mappings" ADD CONSTRAINT "channel_product_mappings_tenant_id_channel_id_fkey" FOREIGN KEY ("tenant_id", "channel_id") REFERENCES "sales_channels"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_product_mappings" ADD CONSTRAINT "channel_product_mappings_tenant_id_product_id_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "background_jobs" ADD CONSTRAINT "background_jobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------- written by hand

ALTER TABLE "sales_channels" ADD CONSTRAINT "sales_channels_stock_check" CHECK (stock_buffer >= 0 AND (preorder_cap IS NULL OR preorder_cap >= 0));

-- Deliverable messages across tenants, for the sweeper (app_outbox_streams_due below).
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("available_at") WHERE status = 'pending';
-- What a channel's inbox drain takes next.
CREATE INDEX "channel_inbox_events_pending_idx" ON "channel_inbox_events" ("tenant_id", "channel_id", "received_at") WHERE status = 'pending';
-- A store's order by its id, for webhooks and polls.
CREATE INDEX "channel_inbox_events_order_idx" ON "channel_inbox_events" ("tenant_id", "channel_id", "external_order_id", "received_at");

-- Row-level security for the new tenant tables (decision 003).
ALTER TABLE "outbox_deliveries" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_deliveries" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "outbox_streams" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_streams" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "channel_secrets" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "channel_secrets" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "channel_inbox_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "channel_inbox_events" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "channel_product_mappings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "channel_product_mappings" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "stock_push_pending" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_push_pending" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "background_jobs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "background_jobs" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON "outbox_deliveries", "outbox_streams", "channel_secrets", "channel_inbox_events",
  "channel_product_mappings", "stock_push_pending", "background_jobs" TO bod_app;
GRANT USAGE ON SEQUENCE "outbox_events_seq_seq" TO bod_app;

-- ---------------------------------------------------------------- the job queue
-- The queue is graphile-worker's, in its own schema `graphile_worker` (installed by its own
-- migrations before these: apps/api/src/jobs/schema.ts). Its tables hold no tenant rows and
-- are not visible to bod_app; bod_app enqueues only through app_enqueue_job, which checks
-- that the job is for the transaction's tenant.

-- Workers alive, for taking over the jobs of a worker that died (apps/api/src/jobs/runner.ts).
CREATE SCHEMA IF NOT EXISTS bod_queue;
CREATE TABLE bod_queue.workers (
  worker_id    text PRIMARY KEY,
  pool_id      text NOT NULL,
  host         text NOT NULL,
  pid          int NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON bod_queue.workers (heartbeat_at);

-- Enqueue a job in the caller's transaction (a rolled-back change enqueues nothing).
-- With a key, jobs coalesce: while a job with the key waits (not yet running), nothing is
-- added — it will see this change too — except that a sooner `run_at` moves it forward; while
-- it runs, a new one is added, so a change made during a run is never missed. Returns the new
-- (or moved) job's id, or null when coalesced.
CREATE FUNCTION app_enqueue_job(task text, payload jsonb, job_key text DEFAULT NULL, run_at timestamptz DEFAULT now(), max_attempts int DEFAULT 25)
RETURNS bigint LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  job_id bigint;
  waiting_run_at timestamptz;
BEGIN
  IF (payload->>'tenantId') IS DISTINCT FROM app_current_tenant()::text THEN
    RAISE EXCEPTION 'a job must be for the transaction''s tenant' USING ERRCODE = '42501';
  END IF;
  IF job_key IS NOT NULL THEN
    SELECT j.run_at INTO waiting_run_at FROM graphile_worker._private_jobs j
    WHERE j.key = job_key AND j.locked_at IS NULL AND j.attempts < j.max_attempts;
    IF FOUND AND waiting_run_at <= run_at THEN
      RETURN NULL;
    END IF;
  END IF;
  SELECT j.id INTO job_id FROM graphile_worker.add_job(task, payload::json, job_key := job_key, run_at := run_at, max_attempts := max_attempts,
    job_key_mode := CASE WHEN waiting_run_at IS NULL THEN 'preserve_run_at' ELSE 'replace' END) j;
  RETURN job_id;
END $$;
REVOKE ALL ON FUNCTION app_enqueue_job(text, jsonb, text, timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_enqueue_job(text, jsonb, text, timestamptz, int) TO bod_app;

-- The queue's health for /api/health (no tenant data).
CREATE FUNCTION app_queue_stats(OUT waiting bigint, OUT running bigint, OUT failed bigint, OUT oldest_waiting_seconds double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now()),
         count(*) FILTER (WHERE locked_at IS NOT NULL),
         count(*) FILTER (WHERE attempts >= max_attempts AND last_error IS NOT NULL),
         coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())), 0)::double precision
  INTO waiting, running, failed, oldest_waiting_seconds
  FROM graphile_worker._private_jobs;
END $$;
REVOKE ALL ON FUNCTION app_queue_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_queue_stats() TO bod_app;

-- A webhook names only its channel: what verifying it needs, before any tenant is set — the
-- channel's tenant, kind, whether it is on, its store URL and the webhook secrets it accepts now
-- (sealed with SECRETS_KEY; the signature, checked next with them, is what authenticates the request).
CREATE FUNCTION app_webhook_channel(channel uuid, OUT tenant_id uuid, OUT kind text, OUT enabled boolean, OUT store_url text, OUT secrets text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.tenant_id, c.kind::text, c.enabled, c.store_url,
    coalesce(array_agg(s.ciphertext) FILTER (WHERE s.id IS NOT NULL), '{}')
  FROM sales_channels c
  LEFT JOIN channel_secrets s ON s.tenant_id = c.tenant_id AND s.channel_id = c.id AND (s.expires_at IS NULL OR s.expires_at > now())
  WHERE c.id = channel
  GROUP BY c.tenant_id, c.id
$$;
REVOKE ALL ON FUNCTION app_webhook_channel(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_webhook_channel(uuid) TO bod_app;

-- A channel's inbox has a drain job, without making writers queue on one row: `inbox_draining`
-- says one exists. Writers hold a shared advisory lock on the channel's inbox until they commit;
-- the drain takes it exclusively for its last look (apps/api/src/features/integrations/inbox-drain.ts),
-- so it cannot finish while a message it has not seen is being stored. Only the writer that finds
-- the flag down raises it and enqueues the job. Runs as the caller, under row-level security.
CREATE FUNCTION app_ensure_inbox_drain(p_tenant uuid, p_channel uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('inbox:' || p_tenant || ':' || p_channel, 0));
  UPDATE sales_channels SET inbox_draining = true WHERE tenant_id = p_tenant AND id = p_channel AND NOT inbox_draining;
  IF FOUND THEN
    PERFORM app_enqueue_job('inbox_drain', jsonb_build_object('tenantId', p_tenant, 'channelId', p_channel), NULL, now(), 1000);
  END IF;
END $$;

-- Stores a store's message in the inbox once (its dedupe key) and makes sure it will be drained:
-- one statement, so a webhook is acknowledged after one round trip. Returns the new row's id,
-- null for a duplicate. Runs as the caller, under row-level security (the tenant must be set).
CREATE FUNCTION app_store_inbox_message(p_tenant uuid, p_channel uuid, p_source text, p_topic text, p_dedupe text, p_external text, p_updated timestamptz,
  p_payload jsonb, p_headers jsonb, p_request text, p_status text, p_error text, p_outcome text) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE v_id uuid;
BEGIN
  INSERT INTO channel_inbox_events (tenant_id, channel_id, source, topic, dedupe_key, external_order_id, store_updated_at, payload, headers, request_id, status, last_error, outcome)
  VALUES (p_tenant, p_channel, p_source, p_topic, p_dedupe, p_external, p_updated, p_payload, p_headers, p_request, p_status::"InboxStatus", p_error, p_outcome)
  ON CONFLICT (tenant_id, channel_id, dedupe_key) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NOT NULL AND p_status = 'pending' THEN
    PERFORM app_ensure_inbox_drain(p_tenant, p_channel);
  END IF;
  RETURN v_id;
END $$;
GRANT EXECUTE ON FUNCTION app_ensure_inbox_drain(uuid, uuid), app_store_inbox_message(uuid, uuid, text, text, text, text, timestamptz, jsonb, jsonb, text, text, text, text) TO bod_app;

-- Scheduled work across tenants lists only ids; each job then runs under its tenant.
CREATE FUNCTION app_channels_to_reconcile(every interval) RETURNS TABLE (tenant_id uuid, channel_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT tenant_id, id FROM sales_channels
  WHERE enabled AND kind IN ('shopify', 'woocommerce') AND store_url IS NOT NULL AND access_token_ciphertext IS NOT NULL
    AND (last_reconciled_at IS NULL OR last_reconciled_at < now() - every)
$$;
REVOKE ALL ON FUNCTION app_channels_to_reconcile(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_channels_to_reconcile(interval) TO bod_app;

CREATE FUNCTION app_outbox_streams_due(older_than interval) RETURNS TABLE (tenant_id uuid, stream text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT e.tenant_id, e.stream FROM outbox_events e
  WHERE e.status = 'pending' AND e.available_at < now() - older_than
    AND NOT EXISTS (SELECT 1 FROM outbox_streams s WHERE s.tenant_id = e.tenant_id AND s.stream = e.stream AND s.leased_until > now())
  LIMIT 1000
$$;
REVOKE ALL ON FUNCTION app_outbox_streams_due(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_outbox_streams_due(interval) TO bod_app;

-- A dead worker's delivery leases end at once (the worker that takes over its jobs calls this).
CREATE FUNCTION app_release_stream_leases(worker_ids text[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE outbox_streams SET leased_until = now() WHERE leased_by = ANY(worker_ids) AND leased_until > now()
$$;
REVOKE ALL ON FUNCTION app_release_stream_leases(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_release_stream_leases(text[]) TO bod_app;

-- Every outbox message enqueues its stream's delivery, in the transaction that wrote it.
CREATE FUNCTION outbox_events_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM app_enqueue_job('outbox_deliver', jsonb_build_object('tenantId', NEW.tenant_id, 'stream', NEW.stream),
    'outbox:' || NEW.tenant_id || ':' || NEW.stream);
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_events_enqueue AFTER INSERT ON "outbox_events" FOR EACH ROW EXECUTE FUNCTION outbox_events_enqueue();

-- Stock push: a change of free stock (on hand − allocated) of a product marks it for the next
-- push to the company's stores, and enqueues the push (coalesced per company, 2 s later) when
-- the product was not marked yet. Runs only for companies with a channel that takes stock.
CREATE FUNCTION stock_levels_mark_push() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t uuid := app_current_tenant();
  marked int;
BEGIN
  IF t IS NULL OR NOT EXISTS (SELECT 1 FROM sales_channels WHERE tenant_id = t AND push_stock AND enabled) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    WITH ins AS (
      INSERT INTO stock_push_pending (tenant_id, product_id)
      SELECT DISTINCT n.tenant_id, n.product_id FROM new_rows n JOIN old_rows o USING (tenant_id, warehouse_id, product_id)
      WHERE n.tenant_id = t AND n.on_hand - n.allocated <> o.on_hand - o.allocated
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*) INTO marked FROM ins;
  ELSE
    WITH ins AS (
      INSERT INTO stock_push_pending (tenant_id, product_id)
      SELECT DISTINCT n.tenant_id, n.product_id FROM new_rows n WHERE n.tenant_id = t AND n.on_hand - n.allocated <> 0
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*) INTO marked FROM ins;
  END IF;
  IF marked > 0 THEN
    PERFORM app_enqueue_job('stock_push', jsonb_build_object('tenantId', t), 'stock-push:' || t, now() + interval '2 seconds');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stock_levels_mark_push_update AFTER UPDATE ON "stock_levels" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_levels_mark_push();
CREATE TRIGGER stock_levels_mark_push_insert AFTER INSERT ON "stock_levels" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stock_levels_mark_push();
