-- Guards the database can keep itself, row-level security, and the API's role.
-- Written by hand: Prisma's schema cannot express check constraints, policies or grants.

-- The API connects as (or switches to) this role: not a superuser, not the tables' owner,
-- so the policies below apply to everything it does.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bod_app') THEN
    CREATE ROLE bod_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The tenant of the current transaction: set by the API with set_config('app.tenant_id', id, true).
CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
-- The signed-in user, for the few reads that cross tenants (a user's own memberships).
CREATE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- Quantities and money
ALTER TABLE "sales_order_lines"
  ADD CONSTRAINT "sales_order_lines_quantities_check" CHECK (
    quantity_ordered > 0 AND quantity_shipped >= 0 AND quantity_cancelled >= 0
    AND quantity_shipped + quantity_cancelled <= quantity_ordered
    AND quantity_hard_allocated >= 0 AND quantity_allocated >= quantity_hard_allocated
    AND quantity_allocated <= quantity_ordered - quantity_shipped - quantity_cancelled
    AND unit_price_cents >= 0);
ALTER TABLE "stock_levels"
  ADD CONSTRAINT "stock_levels_quantities_check" CHECK (on_hand >= 0 AND allocated >= 0 AND allocated <= on_hand);
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_quantity_check" CHECK (quantity <> 0);
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_quantity_check" CHECK (quantity > 0);
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_quantity_check" CHECK (quantity > 0);
ALTER TABLE "purchase_order_lines"
  ADD CONSTRAINT "purchase_order_lines_quantities_check" CHECK (quantity_ordered > 0 AND quantity_received >= 0 AND unit_cost_cents >= 0);
ALTER TABLE "purchase_order_line_links" ADD CONSTRAINT "purchase_order_line_links_quantity_check" CHECK (quantity > 0);
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_quantity_check" CHECK (quantity > 0);
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_check" CHECK (amount_cents > 0);
ALTER TABLE "product_suppliers"
  ADD CONSTRAINT "product_suppliers_terms_check" CHECK (unit_cost_cents >= 0 AND lead_time_days >= 0 AND min_order_qty >= 1 AND case_pack >= 1);
ALTER TABLE "products" ADD CONSTRAINT "products_restock_check" CHECK (restock_quantity IS NULL OR restock_quantity >= 0);

-- The ledger is append-only, for everyone.
CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'stock_movements is append-only'; END $$;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();

-- Row-level security: a second wall behind the API's own tenant scoping.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenants"
  USING (id = app_current_tenant()
         OR id IN (SELECT tenant_id FROM memberships WHERE user_id = app_current_user()))
  WITH CHECK (id = app_current_tenant());
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "memberships"
  USING (tenant_id = app_current_tenant() OR user_id = app_current_user())
  WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "api_tokens" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "api_tokens" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "tenant_counters" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant_counters" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "warehouses" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "warehouses" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "locations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "locations" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "containers" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "containers" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "products" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "products" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "suppliers" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "suppliers" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "product_suppliers" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "product_suppliers" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "sales_channels" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sales_channels" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "stock_levels" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_levels" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "stock_movements" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "stock_movements" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "sales_orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sales_orders" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "sales_order_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sales_order_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "allocations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "allocations" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "shipments" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipments" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "shipment_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "shipment_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "refunds" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "refunds" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "order_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_events" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "purchase_orders" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "purchase_orders" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "purchase_order_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "purchase_order_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "purchase_order_line_links" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "purchase_order_line_links" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "receipts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "receipts" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "receipt_lines" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "receipt_lines" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "outbox_events" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "idempotency_keys" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "saved_views" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "saved_views" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "order_notes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "order_notes" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());


GRANT USAGE ON SCHEMA public TO bod_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO bod_app;
REVOKE UPDATE, DELETE ON "stock_movements" FROM bod_app;
REVOKE ALL ON "_prisma_migrations" FROM bod_app;
GRANT EXECUTE ON FUNCTION app_current_tenant(), app_current_user() TO bod_app;
