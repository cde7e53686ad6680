-- Orders list search (number, external id or customer, by prefix) at scale. Under row-level
-- security PostgreSQL may not use an index for a non-leakproof operator such as ILIKE before
-- the policy has filtered the rows, so the trigram index on sales_orders went unused and a
-- search that matches little read the whole table. This function runs as the tables' owner
-- (not subject to the policies), reads the trigram index, and keeps to the transaction's
-- tenant itself. The API then fetches the page by id (uuid equality is leakproof).
-- `p` is a LIKE pattern, already escaped by the caller; at most `lim` ids are returned.
CREATE FUNCTION search_order_ids(p text, lim int) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM sales_orders
  WHERE tenant_id = app_current_tenant()
    AND (number ILIKE p OR external_id ILIKE p OR customer_name ILIKE p OR customer_name ILIKE '% ' || p)
  LIMIT lim
$$;
REVOKE ALL ON FUNCTION search_order_ids(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_order_ids(text, int) TO bod_app;
