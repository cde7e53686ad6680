-- Pick lists and batch picking (docs/decisions/015): a product's bin per warehouse, pick lists
-- (PL-… per company), the orders on a list (open on one list at most), what to pick per order
-- line with the bin as it was, and the scans recorded (one row per client scan id).
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateEnum
CREATE TYPE "PickListStatus" AS ENUM ('open', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "PickListOrderState" AS ENUM ('open', 'shipped', 'released');

-- CreateTable
CREATE TABLE "product_locations" (
    "tenant_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_locations_pkey" PRIMARY KEY ("tenant_id","warehouse_id","product_id")
);

-- CreateTable
CREATE TABLE "pick_lists" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "status" "PickListStatus" NOT NULL DEFAULT 'open',
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" UUID,

    CONSTRAINT "pick_lists_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pick_list_orders" (
    "tenant_id" UUID NOT NULL,
    "pick_list_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "state" "PickListOrderState" NOT NULL DEFAULT 'open',
    "shipment_id" UUID,
    "note" TEXT,

    CONSTRAINT "pick_list_orders_pkey" PRIMARY KEY ("tenant_id","pick_list_id","order_id")
);

-- CreateTable
CREATE TABLE "pick_list_lines" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pick_list_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "location_id" UUID,
    "location_code" TEXT,
    "quantity" INTEGER NOT NULL,
    "picked" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "pick_list_lines_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pick_list_scans" (
    "tenant_id" UUID NOT NULL,
    "pick_list_id" UUID NOT NULL,
    "scan_id" TEXT NOT NULL,
    "line_id" UUID NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pick_list_scans_pkey" PRIMARY KEY ("tenant_id","pick_list_id","scan_id")
);

-- CreateIndex
CREATE INDEX "product_locations_tenant_id_location_id_idx" ON "product_locations"("tenant_id", "location_id");

-- CreateIndex
CREATE INDEX "pick_lists_tenant_id_status_created_at_idx" ON "pick_lists"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "pick_lists_tenant_id_number_key" ON "pick_lists"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "pick_list_orders_tenant_id_order_id_idx" ON "pick_list_orders"("tenant_id", "order_id");

-- CreateIndex
CREATE UNIQUE INDEX "pick_list_lines_tenant_id_pick_list_id_line_id_key" ON "pick_list_lines"("tenant_id", "pick_list_id", "line_id");

-- AddForeignKey
ALTER TABLE "product_locations" ADD CONSTRAINT "product_locations_tenant_id_warehouse_id_fkey" FOREIGN KEY ("tenant_id", "warehouse_id") REFERENCES "warehouses"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_locations" ADD CONSTRAINT "product_locations_tenant_id_product_id_fkey" FOREIGN KEY ("tenant_id", "product_id") REFERENCES "products"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "product_locations" ADD CONSTRAINT "product_locations_tenant_id_location_id_fkey" FOREIGN KEY ("tenant_id", "location_id") REFERENCES "locations"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_lists" ADD CONSTRAINT "pick_lists_tenant_id_warehouse_id_fkey" FOREIGN KEY ("tenant_id", "warehouse_id") REFERENCES "warehouses"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_orders" ADD CONSTRAINT "pick_list_orders_tenant_id_pick_list_id_fkey" FOREIGN KEY ("tenant_id", "pick_list_id") REFERENCES "pick_lists"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_orders" ADD CONSTRAINT "pick_list_orders_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "sales_orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_tenant_id_pick_list_id_order_id_fkey" FOREIGN KEY ("tenant_id", "pick_list_id", "order_id") REFERENCES "pick_list_orders"("tenant_id", "pick_list_id", "order_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_tenant_id_line_id_fkey" FOREIGN KEY ("tenant_id", "line_id") REFERENCES "sales_order_lines"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pick_list_scans" ADD CONSTRAINT "pick_list_scans_tenant_id_pick_list_id_fkey" FOREIGN KEY ("tenant_id", "pick_list_id") REFERENCES "pick_lists"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema cannot express.
ALTER TABLE "pick_list_lines" ADD CONSTRAINT "pick_list_lines_quantity_check" CHECK (quantity > 0 AND picked >= 0 AND picked <= quantity);
ALTER TABLE "pick_lists" ADD CONSTRAINT "pick_lists_closed_check" CHECK ((status = 'open') = (closed_at IS NULL));
ALTER TABLE "pick_list_scans" ADD CONSTRAINT "pick_list_scans_scan_id_check" CHECK (length(scan_id) BETWEEN 1 AND 100);
-- An order is open on one pick list at most: two lists made at once serialize here.
CREATE UNIQUE INDEX "pick_list_orders_one_open_idx" ON "pick_list_orders" ("tenant_id", "order_id") WHERE state = 'open';

ALTER TABLE "product_locations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "product_locations" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "pick_lists" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_lists" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "pick_list_orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_list_orders" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "pick_list_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_list_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "pick_list_scans" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pick_list_scans" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "product_locations", "pick_lists", "pick_list_orders", "pick_list_lines", "pick_list_scans" TO bod_app;
