-- Reorder points per (warehouse, SKU): the backorder report buys before orders wait
-- (docs/decisions/019). Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateTable
CREATE TABLE "reorder_points" (
    "tenant_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "reorder_point" INTEGER NOT NULL,
    "reorder_quantity" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "window_days" INTEGER,
    "safety_stock" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "reorder_points_pkey" PRIMARY KEY ("tenant_id","warehouse_id","product_id")
);

-- CreateIndex
CREATE INDEX "reorder_points_tenant_id_product_id_idx" ON "reorder_points"("tenant_id", "product_id");

-- AddForeignKey
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_tenant_id_warehouse_id_fkey" FOREIGN KEY ("tenant_id", "warehouse_id") REFERENCES "warehouses"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_tenant_id_product_id_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The API validates these; the table keeps any writer to the same rules.
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_values_check" CHECK (
  "reorder_point" >= 0 AND "reorder_point" <= 10000000 AND "reorder_quantity" >= 1 AND "reorder_quantity" <= 10000000
  AND "source" IN ('manual', 'suggested')
  AND ("window_days" IS NULL OR "window_days" BETWEEN 1 AND 730)
  AND ("safety_stock" IS NULL OR "safety_stock" BETWEEN 0 AND 10000000)
);

ALTER TABLE "reorder_points" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "reorder_points" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "reorder_points" TO bod_app;
