-- Kits and bundles (docs/decisions/021): a kit product lists its components; an order line for
-- a kit is one sales_order_kits row and one ordinary sales_order_lines row per (flattened)
-- component, each carrying the kit it belongs to and how many units of it one kit takes. The
-- engine allocates the component lines and counts whole kits only. Written by hand
-- (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateTable
CREATE TABLE "product_components" (
    "tenant_id" UUID NOT NULL,
    "kit_product_id" UUID NOT NULL,
    "component_product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "product_components_pkey" PRIMARY KEY ("tenant_id","kit_product_id","component_product_id")
);

-- CreateTable
CREATE TABLE "sales_order_kits" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_cents" INTEGER NOT NULL,
    "external_line_id" TEXT,

    CONSTRAINT "sales_order_kits_pkey" PRIMARY KEY ("tenant_id","id")
);

-- AlterTable
ALTER TABLE "sales_order_lines" ADD COLUMN "kit_id" UUID,
ADD COLUMN "per_kit" INTEGER;

-- CreateIndex
CREATE INDEX "product_components_tenant_id_component_product_id_idx" ON "product_components"("tenant_id", "component_product_id");

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_kits_tenant_id_order_id_position_key" ON "sales_order_kits"("tenant_id", "order_id", "position");

-- CreateIndex
CREATE INDEX "sales_order_lines_tenant_id_kit_id_idx" ON "sales_order_lines"("tenant_id", "kit_id");

-- AddForeignKey
ALTER TABLE "product_components" ADD CONSTRAINT "product_components_tenant_id_kit_product_id_fkey" FOREIGN KEY ("tenant_id", "kit_product_id") REFERENCES "products"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "product_components" ADD CONSTRAINT "product_components_tenant_id_component_product_id_fkey" FOREIGN KEY ("tenant_id", "component_product_id") REFERENCES "products"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sales_order_kits" ADD CONSTRAINT "sales_order_kits_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "sales_orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "sales_order_kits" ADD CONSTRAINT "sales_order_kits_tenant_id_product_id_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_tenant_id_kit_id_fkey" FOREIGN KEY ("tenant_id", "kit_id") REFERENCES "sales_order_kits"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The API validates these; the tables keep any writer to the same rules. A kit's component
-- line moves in whole kits only: ordered, shipped and cancelled are multiples of per_kit.
ALTER TABLE "product_components" ADD CONSTRAINT "product_components_values_check" CHECK (
  "quantity" BETWEEN 1 AND 10000 AND "kit_product_id" <> "component_product_id"
);
ALTER TABLE "sales_order_kits" ADD CONSTRAINT "sales_order_kits_values_check" CHECK (
  "quantity" >= 1 AND "unit_price_cents" >= 0
);
ALTER TABLE "sales_order_lines" ADD CONSTRAINT "sales_order_lines_whole_kits_check" CHECK (
  ("kit_id" IS NULL AND "per_kit" IS NULL)
  OR ("kit_id" IS NOT NULL AND "per_kit" >= 1
      AND "quantity_ordered" % "per_kit" = 0 AND "quantity_shipped" % "per_kit" = 0 AND "quantity_cancelled" % "per_kit" = 0)
);

-- Which keys hold waiting kit components (allocation/scope.ts widens a recompute through them).
CREATE INDEX "sales_order_lines_active_kit_keys_idx" ON "sales_order_lines" ("tenant_id", "warehouse_id", "product_id") WHERE "kit_id" IS NOT NULL AND "is_active";

ALTER TABLE "product_components" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "product_components" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "product_components" TO bod_app;

ALTER TABLE "sales_order_kits" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sales_order_kits" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "sales_order_kits" TO bod_app;
