-- Ship-complete orders (issue 6): staging as hard allocation, fulfillment mode defaults.
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- AlterTable: the tenant's default fulfillment mode, used when a channel sets none.
ALTER TABLE "tenants" ADD COLUMN "default_fulfillment_mode" "FulfillmentMode" NOT NULL DEFAULT 'ship_partial';

-- AlterTable: a channel's mode may defer to the tenant's (null). Existing channels keep theirs.
ALTER TABLE "sales_channels" ALTER COLUMN "default_fulfillment_mode" DROP NOT NULL,
ALTER COLUMN "default_fulfillment_mode" DROP DEFAULT;

-- AlterTable: transfers record where units left and arrived (stock levels stay per warehouse and SKU).
ALTER TABLE "stock_movements" ADD COLUMN "from_location_id" UUID,
ADD COLUMN "to_location_id" UUID,
ADD COLUMN "container_id" UUID;

-- A transfer moves units inside one warehouse: it names at least one place.
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_places_check"
  CHECK (kind <> 'transfer' OR from_location_id IS NOT NULL OR to_location_id IS NOT NULL OR container_id IS NOT NULL);

-- CreateIndex
CREATE INDEX "stock_movements_tenant_id_container_id_idx" ON "stock_movements"("tenant_id", "container_id");

-- CreateIndex: the orders list's `mode` filter.
CREATE INDEX "sales_orders_tenant_id_fulfillment_mode_order_date_id_idx" ON "sales_orders"("tenant_id", "fulfillment_mode", "order_date", "id");

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_from_location_id_fkey" FOREIGN KEY ("tenant_id", "from_location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_to_location_id_fkey" FOREIGN KEY ("tenant_id", "to_location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_tenant_id_container_id_fkey" FOREIGN KEY ("tenant_id", "container_id") REFERENCES "containers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
