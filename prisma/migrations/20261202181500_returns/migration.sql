-- Returns (RMA-… per company, docs/decisions/018): a return of shipped units of one order, its
-- lines per order line and condition (authorised and received so far), and its receipts. Restocked
-- units are ledger movements; damaged and quarantined units are kept only in return_receipt_lines,
-- never on hand. Generated from schema.prisma by the schema engine; the checks and RLS are by hand.

-- CreateEnum
CREATE TYPE "ReturnStatus" AS ENUM ('open', 'partially_received', 'received', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "ReturnReason" AS ENUM ('damaged_in_transit', 'defective', 'wrong_item', 'not_as_described', 'no_longer_needed', 'other');

-- CreateEnum
CREATE TYPE "ReturnCondition" AS ENUM ('restock', 'damaged', 'quarantine');

-- CreateTable
CREATE TABLE "returns" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "status" "ReturnStatus" NOT NULL DEFAULT 'open',
    "reason" "ReturnReason" NOT NULL,
    "note" TEXT,
    "refund_id" UUID,
    "exchange_order_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "returns_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "return_lines" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "return_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "condition" "ReturnCondition" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantity_received" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "return_lines_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "return_receipts" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "return_id" UUID NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "return_receipts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "return_receipt_lines" (
    "tenant_id" UUID NOT NULL,
    "receipt_id" UUID NOT NULL,
    "return_line_id" UUID NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "condition" "ReturnCondition" NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "return_receipt_lines_pkey" PRIMARY KEY ("tenant_id","receipt_id","return_line_id")
);

-- CreateIndex
CREATE INDEX "returns_tenant_id_order_id_idx" ON "returns"("tenant_id", "order_id");

-- CreateIndex
CREATE INDEX "returns_tenant_id_created_at_id_idx" ON "returns"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "returns_tenant_id_number_key" ON "returns"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "return_lines_tenant_id_order_line_id_idx" ON "return_lines"("tenant_id", "order_line_id");

-- CreateIndex
CREATE UNIQUE INDEX "return_lines_tenant_id_return_id_order_line_id_condition_key" ON "return_lines"("tenant_id", "return_id", "order_line_id", "condition");

-- CreateIndex
CREATE INDEX "return_receipts_tenant_id_return_id_idx" ON "return_receipts"("tenant_id", "return_id");

-- CreateIndex
CREATE INDEX "return_receipt_lines_tenant_id_warehouse_id_product_id_cond_idx" ON "return_receipt_lines"("tenant_id", "warehouse_id", "product_id", "condition");

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "sales_orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_tenant_id_return_id_fkey" FOREIGN KEY ("tenant_id", "return_id") REFERENCES "returns"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_tenant_id_order_line_id_fkey" FOREIGN KEY ("tenant_id", "order_line_id") REFERENCES "sales_order_lines"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipts" ADD CONSTRAINT "return_receipts_tenant_id_return_id_fkey" FOREIGN KEY ("tenant_id", "return_id") REFERENCES "returns"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipt_lines" ADD CONSTRAINT "return_receipt_lines_tenant_id_receipt_id_fkey" FOREIGN KEY ("tenant_id", "receipt_id") REFERENCES "return_receipts"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_receipt_lines" ADD CONSTRAINT "return_receipt_lines_tenant_id_return_line_id_fkey" FOREIGN KEY ("tenant_id", "return_line_id") REFERENCES "return_lines"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema cannot express.
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_quantity_check" CHECK (quantity > 0 AND quantity_received >= 0 AND quantity_received <= quantity);
ALTER TABLE "return_receipt_lines" ADD CONSTRAINT "return_receipt_lines_quantity_check" CHECK (quantity > 0);
ALTER TABLE "returns" ADD CONSTRAINT "returns_closed_check" CHECK ((status IN ('closed', 'cancelled')) = (closed_at IS NOT NULL));

ALTER TABLE "returns" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "returns" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "return_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "return_receipts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_receipts" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "return_receipt_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "return_receipt_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "returns", "return_lines", "return_receipts", "return_receipt_lines" TO bod_app;
