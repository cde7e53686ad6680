-- The dashboard's shortfall trend: the backorder report's totals per warehouse and day, written
-- by the hourly shortfall_snapshots job (one upsert per warehouse; the day's last run stands).
-- Table and keys generated from schema.prisma by Prisma's schema engine; row-level security,
-- grants and the tenant list for the scheduled job written by hand.

-- CreateTable
CREATE TABLE "shortfall_snapshots" (
    "tenant_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "units_short" BIGINT NOT NULL,
    "net_to_buy" BIGINT NOT NULL,
    "skus_short" INTEGER NOT NULL,
    "backordered_orders" INTEGER NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shortfall_snapshots_pkey" PRIMARY KEY ("tenant_id","day","warehouse_id")
);

-- AddForeignKey
ALTER TABLE "shortfall_snapshots" ADD CONSTRAINT "shortfall_snapshots_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shortfall_snapshots" ADD CONSTRAINT "shortfall_snapshots_tenant_id_warehouse_id_fkey" FOREIGN KEY ("tenant_id", "warehouse_id") REFERENCES "warehouses"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "shortfall_snapshots" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shortfall_snapshots" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "shortfall_snapshots" TO bod_app;

-- Scheduled work across tenants lists only ids; each job then runs under its tenant.
CREATE FUNCTION app_tenants_for_snapshots() RETURNS TABLE (tenant_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM tenants ORDER BY id
$$;
REVOKE ALL ON FUNCTION app_tenants_for_snapshots() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_tenants_for_snapshots() TO bod_app;
