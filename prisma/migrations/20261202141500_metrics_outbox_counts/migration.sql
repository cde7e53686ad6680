-- /metrics (apps/api/src/metrics/metrics.ts): the outbox's trouble across every company, as two
-- counts and nothing else. bod_app sees outbox rows only with a tenant set (row-level security,
-- decision 003); a scrape belongs to no tenant, so it reads through this function, as the tables'
-- owner, like app_queue_stats() does for the job queue. No tenant id or row leaves it.
--   failing: messages still to be delivered whose last attempt failed (backing off, retried later);
--   dead:    messages that gave up after the last attempt (status failed: a person retries or discards them).
CREATE INDEX "outbox_events_failed_idx" ON "outbox_events" ("tenant_id") WHERE status = 'failed';

CREATE FUNCTION app_outbox_stats(OUT failing bigint, OUT dead bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT (SELECT count(*) FROM outbox_events WHERE status = 'pending' AND attempts > 0),
         (SELECT count(*) FROM outbox_events WHERE status = 'failed')
$$;
REVOKE ALL ON FUNCTION app_outbox_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_outbox_stats() TO bod_app;
