-- The short lines of a key (active, allocated below what remains), in rank order: what a
-- receipt reads to hand new units out (features/allocation/increase.ts) without reading the
-- lines that are already fully allocated. Partial, so Prisma's schema does not describe it.
CREATE INDEX "sales_order_lines_short_idx" ON "sales_order_lines" ("tenant_id", "warehouse_id", "product_id", "rank_priority" DESC, "rank_ship_by", "rank_order_date", "order_id", "id")
  WHERE "is_active" AND "quantity_allocated" < "quantity_ordered" - "quantity_shipped" - "quantity_cancelled";
