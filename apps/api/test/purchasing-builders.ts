// Builders for purchasing tests: a company with a purchaser and staff, one warehouse, a
// channel on it, a supplier; products with terms; orders dated N days ago; purchase orders.
import { addMember, signUpCompany, type ApiClient } from "./client.ts";
import { buildChannel, buildProduct, buildStock, buildSupplier, buildSupplierTerms, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { testEnv } from "./env.ts";

export const daysAgo = (days: number, hours = 1) => new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
export const inDays = (days: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export async function buildPurchasingShop() {
  const admin = await signUpCompany();
  const purchaser = await addMember(admin, "purchaser");
  const staff = await addMember(admin, "staff");
  const warehouse = await buildWarehouse(admin);
  const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id });
  const supplier = await buildSupplier(admin);
  /** A product with `stock` on hand here and, unless `terms: null`, terms with the supplier (preferred). */
  const product = async (stock = 0, terms: Parameters<typeof buildSupplierTerms>[3] | null = {}, overrides: Parameters<typeof buildProduct>[1] = {}) => {
    const p = await buildProduct(admin, overrides);
    if (stock) await buildStock(admin, { warehouseId: warehouse.id, productId: p.id, quantity: stock });
    if (terms) await buildSupplierTerms(admin, p.id, supplier.id, { isPreferred: true, ...terms });
    return p;
  };
  const order = (lines: { productId: string; quantity: number }[], rest: { orderDate?: string; priority?: number; shipBy?: string } = {}) =>
    buildOrder(admin, { channelId: channel.id, ...rest, lines });
  const po = async (lines: { productId: string; quantity: number; unitCostCents?: number }[], rest: Record<string, unknown> = {}, client: ApiClient = purchaser) => {
    const res = await client.post("/api/v1/purchase-orders", { supplierId: supplier.id, warehouseId: warehouse.id, lines, ...rest });
    if (res.status !== 201) throw new Error(`build PO: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { admin, purchaser, staff, warehouse, channel, supplier, product, order, po };
}

export async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await testEnv.superuser.query(text, params)).rows as T[];
}

/** Stored state of a PO past the API, for "unchanged" checks. */
export async function poRow(poId: string) {
  const [row] = await sql(
    `SELECT po.status::text, po.version, po.expected_date::text, po.notes,
       (SELECT json_agg(json_build_object('ordered', l.quantity_ordered, 'received', l.quantity_received) ORDER BY l.id) FROM purchase_order_lines l WHERE l.tenant_id = po.tenant_id AND l.purchase_order_id = po.id) AS lines,
       (SELECT count(*)::int FROM receipts r WHERE r.tenant_id = po.tenant_id AND r.purchase_order_id = po.id) AS receipts,
       (SELECT count(*)::int FROM purchase_order_line_links k JOIN purchase_order_lines l ON l.tenant_id = k.tenant_id AND l.id = k.purchase_order_line_id WHERE l.purchase_order_id = po.id) AS links
     FROM purchase_orders po WHERE po.id = $1`,
    [poId],
  );
  return row;
}

export async function onHand(warehouseId: string, productId: string): Promise<number> {
  const [row] = await sql<{ on_hand: number }>(`SELECT on_hand FROM stock_levels WHERE warehouse_id = $1 AND product_id = $2`, [warehouseId, productId]);
  return row?.on_hand ?? 0;
}
