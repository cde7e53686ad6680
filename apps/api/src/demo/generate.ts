// Generates a tenant with realistic, deterministic data (planTenant) and writes it in bulk,
// one transaction per phase, as the API role with the tenant set (row-level security applies).
// Then the engine computes the stored fulfillability (recomputeTenant) and the allocation
// check confirms it. Scales to a million orders (benchmarks) as well as 2,000 (the demo).
import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import { checkAllocations, type AllocationCheck } from "../features/allocation/check.ts";
import { recomputeTenant } from "../features/allocation/recompute.ts";
import { inTenantPhase, insertRows } from "./bulk.ts";
import { planTenant, type PlanOptions } from "./plan.ts";
import type { Table } from "./table.ts";

export const DEMO_ROLES = ["admin", "manager", "staff", "purchaser"] as const;

export interface GenerateTenantOptions extends Partial<PlanOptions> {
  /** users are `<role>@<emailDomain>`; existing users with those emails are reused (and keep their password) */
  emailDomain?: string;
  password?: string;
  slug?: string;
  /** rows per INSERT */
  batchSize?: number;
  /** run the allocation check at the end (default true) */
  verify?: boolean;
  log?: (line: string) => void;
}

export interface GeneratedTenant {
  tenantId: string;
  tenantName: string;
  users: { role: string; email: string; id: string }[];
  rows: Record<string, number>;
  statuses: Record<string, number>;
  /** open orders per stored fulfillability, after the engine ran */
  fulfillability: Record<string, number>;
  check?: AllocationCheck;
  /** the hot SKUs' open PO lines (benchmarks) */
  hotSupply: ReturnType<typeof planTenant>["hotSupply"];
  timingsMs: Record<string, number>;
}

export const DEFAULT_SIZE = { orders: 2_000, products: 300, warehouses: 2, suppliers: 8, days: 60 };

export async function generateTenant(options: GenerateTenantOptions = {}): Promise<GeneratedTenant> {
  const log = options.log ?? (() => {});
  const tenantName = options.tenantName ?? "Demo Outfitters";
  const base = tenantName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "tenant";
  const slug = options.slug ?? `${base}-${crypto.randomBytes(3).toString("hex")}`;
  const emailDomain = options.emailDomain ?? `${base}.backorder.test`;
  const password = options.password ?? "demo-password";
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await fn();
    timings[name] = Math.round(performance.now() - t0);
    log(`${name}: ${(timings[name]! / 1000).toFixed(1)} s`);
    return result;
  };

  const plan = await time("plan", async () =>
    planTenant({
      tenantName,
      seed: options.seed ?? 20240601,
      now: options.now ?? Math.floor(Date.now() / 3_600_000) * 3_600_000,
      orders: options.orders ?? DEFAULT_SIZE.orders,
      products: options.products ?? DEFAULT_SIZE.products,
      warehouses: options.warehouses ?? DEFAULT_SIZE.warehouses,
      suppliers: options.suppliers ?? DEFAULT_SIZE.suppliers,
      days: options.days ?? DEFAULT_SIZE.days,
      openOnly: options.openOnly ?? false,
      hotProducts: options.hotProducts ?? [],
      events: options.events ?? true,
    }),
  );
  log(`planned ${plan.orders.length.toLocaleString("en")} orders, ${plan.lines.length.toLocaleString("en")} lines, ${plan.movements.length.toLocaleString("en")} movements`);

  const tenantId = crypto.randomUUID();
  const ins = { batchSize: options.batchSize ?? 20_000, log };
  const passwordHash = await hash(password);

  // Phase 1: the company, its people, places, catalogue and channels
  const users = await time("catalogue", () =>
    inTenantPhase(tenantId, async (tx) => {
      await tx.$executeRaw`INSERT INTO tenants (id, name, slug) VALUES (${tenantId}::uuid, ${tenantName}, ${slug})`;
      const emails = DEMO_ROLES.map((r) => `${r}@${emailDomain}`);
      const names = ["Ada Admin", "Max Manager", "Sam Staff", "Pat Purchaser"];
      await tx.$executeRaw`
        INSERT INTO users (email, name, password_hash)
        SELECT e, n, ${passwordHash} FROM unnest(${emails}::text[], ${names}::text[]) AS v(e, n)
        ON CONFLICT (email) DO NOTHING`;
      const found = await tx.$queryRaw<{ id: string; email: string }[]>`SELECT id::text, email FROM users WHERE email = ANY(${emails}::text[])`;
      const users = DEMO_ROLES.map((role, i) => ({ role, email: emails[i]!, id: found.find((u) => u.email === emails[i])!.id }));
      await tx.$executeRaw`
        INSERT INTO memberships (tenant_id, user_id, role)
        SELECT ${tenantId}::uuid, u, r::"Role" FROM unnest(${users.map((u) => u.id)}::uuid[], ${users.map((u) => u.role)}::text[]) AS v(u, r)`;
      const warehouses = tableOf(plan.warehouses);
      await insertRows(tx, "warehouses", tenantId, warehouses, { id: "uuid", code: "text", name: "text" });
      await insertRows(tx, "locations", tenantId, plan.locations, { id: "uuid", warehouse_id: "uuid", code: "text", kind: "enum:LocationKind" });
      await insertRows(tx, "containers", tenantId, plan.containers, { id: "uuid", location_id: "uuid", code: "text" });
      await insertRows(tx, "suppliers", tenantId, tableOf(plan.suppliers), { id: "uuid", name: "text", email: "text" });
      await insertRows(tx, "products", tenantId, plan.products, { id: "uuid", sku: "text", name: "text", barcode: "text", is_preorder: "bool", restock_date: "date", restock_quantity: "int" }, ins);
      await insertRows(tx, "product_suppliers", tenantId, plan.productSuppliers, {
        product_id: "uuid", supplier_id: "uuid", unit_cost_cents: "int", lead_time_days: "int", min_order_qty: "int", case_pack: "int", is_preferred: "bool",
      }, ins);
      // Every product has a bin (pick location) in every warehouse: the pick locations in code order, dealt round by SKU.
      await tx.$executeRaw`
        INSERT INTO product_locations (tenant_id, warehouse_id, product_id, location_id)
        SELECT ${tenantId}::uuid, l.warehouse_id, p.id, l.id
        FROM (SELECT id, row_number() OVER (ORDER BY sku) - 1 AS n FROM products WHERE tenant_id = ${tenantId}::uuid) p
        JOIN (SELECT id, warehouse_id, row_number() OVER (PARTITION BY warehouse_id ORDER BY code) - 1 AS k, count(*) OVER (PARTITION BY warehouse_id) AS c
              FROM locations WHERE tenant_id = ${tenantId}::uuid AND kind = 'pick') l ON l.k = p.n % l.c`;
      await insertRows(tx, "sales_channels", tenantId, tableOf(plan.channels), {
        id: "uuid", name: "text", kind: "enum:ChannelKind", accepts_backorders: "bool", notify_on_partial_shipment: "bool", supports_order_edits: "bool",
        default_warehouse_id: "uuid", default_fulfillment_mode: "enum:FulfillmentMode",
      });
      const counters = { sales_order: plan.orders.length, shipment: plan.shipments.length, purchase_order: plan.purchaseOrders.length };
      await tx.$executeRaw`
        INSERT INTO tenant_counters (tenant_id, name, value)
        SELECT ${tenantId}::uuid, n, v FROM unnest(${Object.keys(counters)}::text[], ${Object.values(counters)}::bigint[]) AS c(n, v)`;
      return users;
    }),
  );

  // Phase 2: orders, their lines (with the rank keys copied on) and timeline
  await time("orders", () =>
    inTenantPhase(tenantId, async (tx) => {
      await insertRows(tx, "sales_orders", tenantId, plan.orders, {
        id: "uuid", number: "text", channel_id: "uuid", external_id: "text", warehouse_id: "uuid", customer_name: "text", customer_email: "text",
        shipping_address: "text", order_date: "ts", ship_by: "ts", priority: "int", status: "enum:OrderStatus", fulfillment_mode: "enum:FulfillmentMode",
        fulfillability: "enum:Fulfillability", tags: "tags", shipping_cents: "int", tax_cents: "int", paid_cents: "int",
      }, ins);
      await insertRows(tx, "sales_order_lines", tenantId, plan.lines, {
        id: "uuid", order_id: "uuid", line_no: "int", product_id: "uuid", warehouse_id: "uuid", quantity_ordered: "int", quantity_shipped: "int",
        quantity_cancelled: "int", unit_price_cents: "int", is_active: "bool", rank_priority: "int", rank_ship_by: "ts", rank_order_date: "ts",
      }, ins);
      await insertRows(tx, "order_events", tenantId, plan.events, { id: "uuid", order_id: "uuid", type: "text", message: "text", created_at: "ts" }, ins);
    }),
  );

  // Phase 3: stock through the ledger (opening receipts, adjustments, shipments, the PO receipt), shipments and purchasing
  await time("stock and purchasing", () =>
    inTenantPhase(tenantId, async (tx) => {
      await insertRows(tx, "shipments", tenantId, plan.shipments, { id: "uuid", order_id: "uuid", number: "text", carrier: "text", tracking_number: "text", created_at: "ts" }, ins);
      await insertRows(tx, "shipment_lines", tenantId, plan.shipmentLines, { shipment_id: "uuid", line_id: "uuid", quantity: "int" }, ins);
      await insertRows(tx, "purchase_orders", tenantId, plan.purchaseOrders, {
        id: "uuid", number: "text", supplier_id: "uuid", warehouse_id: "uuid", status: "enum:PurchaseOrderStatus", expected_date: "date", notes: "text", created_at: "ts",
      }, ins);
      await insertRows(tx, "purchase_order_lines", tenantId, plan.poLines, { id: "uuid", purchase_order_id: "uuid", product_id: "uuid", quantity_ordered: "int", quantity_received: "int", unit_cost_cents: "int" }, ins);
      await insertRows(tx, "purchase_order_line_links", tenantId, plan.poLinks, { purchase_order_line_id: "uuid", sales_order_line_id: "uuid", quantity: "int" }, ins);
      await insertRows(tx, "receipts", tenantId, plan.receipts, { id: "uuid", purchase_order_id: "uuid", created_at: "ts" }, ins);
      await insertRows(tx, "receipt_lines", tenantId, plan.receiptLines, { receipt_id: "uuid", purchase_order_line_id: "uuid", quantity: "int" }, ins);
      await insertRows(tx, "stock_movements", tenantId, plan.movements, {
        id: "uuid", warehouse_id: "uuid", product_id: "uuid", kind: "enum:MovementKind", quantity: "int", reason: "text", cause_type: "text", cause_id: "uuid", created_at: "ts",
      }, ins);
      // the cached levels equal the ledger sums, written with the ledger
      await insertRows(tx, "stock_levels", tenantId, plan.stockLevels, { warehouse_id: "uuid", product_id: "uuid", on_hand: "int" }, ins);
    }),
  );

  // Phase 4: the engine allocates stock by rank and stores fulfillability and projected dates
  const recomputed = await time("recompute", () => inTenantPhase(tenantId, (tx) => recomputeTenant(tx, tenantId)));
  log(`recompute wrote ${recomputed.linesWritten.toLocaleString("en")} lines, ${recomputed.changed.length.toLocaleString("en")} orders changed fulfillability`);

  const fulfillability = await inTenantPhase(tenantId, async (tx) => {
    const rows = await tx.$queryRaw<{ f: string; n: bigint }[]>`
      SELECT fulfillability::text AS f, count(*) AS n FROM sales_orders
      WHERE tenant_id = ${tenantId}::uuid AND status IN ('open', 'partially_shipped') GROUP BY 1`;
    return Object.fromEntries(rows.map((r) => [r.f ?? "none", Number(r.n)]));
  });
  log(`open orders by fulfillability: ${JSON.stringify(fulfillability)}`);

  let check: AllocationCheck | undefined;
  if (options.verify !== false) {
    check = await time("allocation check", () => inTenantPhase(tenantId, (tx) => checkAllocations(tx, tenantId)));
    if (!check.ok) throw new Error(`generated tenant fails the allocation check: ${JSON.stringify(check).slice(0, 2_000)}`);
  }

  return {
    tenantId,
    tenantName,
    users,
    rows: {
      orders: plan.orders.length, lines: plan.lines.length, products: plan.products.length, movements: plan.movements.length, shipments: plan.shipments.length,
      purchaseOrders: plan.purchaseOrders.length, links: plan.poLinks.length, events: plan.events.length,
    },
    statuses: plan.statusCounts,
    fulfillability,
    check,
    hotSupply: plan.hotSupply,
    timingsMs: timings,
  };
}

function tableOf<R extends Record<string, unknown>>(rows: R[]) {
  const names = Object.keys(rows[0] ?? {}) as (keyof R)[];
  const columns = Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])])) as unknown as { [K in keyof R]: R[K][] };
  return { columns, length: rows.length } as Table<R>;
}
