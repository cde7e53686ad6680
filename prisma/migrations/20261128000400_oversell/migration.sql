-- Oversold by accident: money on orders, itemised refunds, and conflicts from store updates.
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateEnum
CREATE TYPE "RefundKind" AS ENUM ('order_cancelled', 'units_cancelled', 'exchange', 'manual');

-- Money on orders, as the channel reported it
ALTER TABLE "sales_orders"
  ADD COLUMN "shipping_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "tax_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "paid_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "refunded_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "amount_due_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "store_update_hash" TEXT;

-- Orders imported before: paid what their lines were worth; refunded what their refunds say.
UPDATE "sales_orders" o SET
  "refunded_cents" = COALESCE((SELECT sum(r.amount_cents) FROM "refunds" r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.id), 0),
  "paid_cents" = GREATEST(
    COALESCE((SELECT sum(l.quantity_ordered::bigint * l.unit_price_cents) FROM "sales_order_lines" l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id), 0),
    COALESCE((SELECT sum(r.amount_cents) FROM "refunds" r WHERE r.tenant_id = o.tenant_id AND r.order_id = o.id), 0));

-- Refunds: what kind, the shipping and tax parts, and the outbox event that asks the channel
ALTER TABLE "refunds"
  ADD COLUMN "kind" "RefundKind" NOT NULL DEFAULT 'manual',
  ADD COLUMN "shipping_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "tax_cents" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "outbox_event_id" UUID;

-- CreateTable
CREATE TABLE "refund_lines" (
    "tenant_id" UUID NOT NULL,
    "refund_id" UUID NOT NULL,
    "line_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,

    CONSTRAINT "refund_lines_pkey" PRIMARY KEY ("tenant_id","refund_id","line_id")
);

-- CreateTable
CREATE TABLE "order_conflicts" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" UUID,

    CONSTRAINT "order_conflicts_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "refund_lines_tenant_id_line_id_idx" ON "refund_lines"("tenant_id", "line_id");

-- CreateIndex
CREATE INDEX "order_conflicts_tenant_id_order_id_idx" ON "order_conflicts"("tenant_id", "order_id");

-- AddForeignKey
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_tenant_id_refund_id_fkey" FOREIGN KEY ("tenant_id", "refund_id") REFERENCES "refunds"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_tenant_id_line_id_fkey" FOREIGN KEY ("tenant_id", "line_id") REFERENCES "sales_order_lines"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_conflicts" ADD CONSTRAINT "order_conflicts_tenant_id_order_id_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "sales_orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Guards the database keeps itself: money is never negative, and refunds never exceed what was paid.
ALTER TABLE "sales_orders" ADD CONSTRAINT "sales_orders_money_check" CHECK (
  shipping_cents >= 0 AND tax_cents >= 0 AND paid_cents >= 0 AND amount_due_cents >= 0
  AND refunded_cents >= 0 AND refunded_cents <= paid_cents);
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_parts_check" CHECK (shipping_cents >= 0 AND tax_cents >= 0 AND shipping_cents + tax_cents <= amount_cents);
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_amounts_check" CHECK (quantity >= 0 AND amount_cents > 0);

-- Row-level security and grants, as for every tenant-owned table (20261128000100_guards_and_rls).
ALTER TABLE "refund_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "refund_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "order_conflicts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_conflicts" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "refund_lines", "order_conflicts" TO bod_app;
