// Plans a tenant's demo data in memory, column-wise, from a seed: catalogue, stock (as a
// ledger), channels, orders with lines, shipments, purchase orders with links and a receipt.
// Pure: no database. generate.ts writes the plan and lets the engine compute fulfillability.
//
// Stock is sized so that all three fulfillability states occur among open orders: products
// fall in three classes — in stock (A: stock covers the open demand), scarce (B: covers part
// of it) and out of stock (C, with the preorder products) — and each open order draws its
// lines from the classes that give it a target state (about 50% fulfillable, 20% partially
// fulfillable, 30% backordered). The engine, not the plan, decides the stored result.
import { Faker, en } from "@faker-js/faker";
import { createRandom, ean13, type Random } from "./random.ts";
import { Table } from "./table.ts";

export interface PlanOptions {
  tenantName: string;
  seed: number;
  /** epoch ms all dates are relative to (same seed + same `now` = same data) */
  now: number;
  orders: number;
  products: number;
  warehouses: number;
  suppliers: number;
  /** orders are spread over this many days before `now` */
  days: number;
  /** every order open (benchmarks); otherwise a realistic mix of statuses */
  openOnly: boolean;
  /** extra products with no stock, each with this many single-line open orders and an open PO line (benchmarks) */
  hotProducts: { waitingLines: number }[];
  /** write the orders' timeline (imported, shipped, held, cancelled) */
  events: boolean;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CLASS_A = 0, CLASS_B = 1, CLASS_C = 2, CLASS_HOT = 3;
type Status = "open" | "on_hold" | "partially_shipped" | "shipped" | "cancelled";
type Target = "fulfillable" | "partially_fulfillable" | "backordered";

export type WarehouseRow = { id: string; code: string; name: string };
export type ChannelRow = {
  id: string; name: string; kind: "shopify" | "amazon" | "ebay"; accepts_backorders: boolean; notify_on_partial_shipment: boolean;
  supports_order_edits: boolean; default_warehouse_id: string; default_fulfillment_mode: "ship_partial" | "ship_complete";
};
export type SupplierRow = { id: string; name: string; email: string };

export function planTenant(o: PlanOptions) {
  const rnd = createRandom(o.seed);
  const faker = new Faker({ locale: [en] });
  faker.seed(o.seed);
  const now = Math.floor(o.now / 1000) * 1000;
  const pad = (n: number, w: number) => String(n).padStart(w, "0");

  // ------------------------------------------------------------ places
  const WAREHOUSE_NAMES = ["Main warehouse", "East fulfilment centre", "North depot", "South depot", "West depot"];
  const warehouses: WarehouseRow[] = Array.from({ length: o.warehouses }, (_, w) => ({
    id: rnd.uuid(),
    code: ["MAIN", "EAST", "NORTH", "SOUTH", "WEST"][w] ?? `WH${w + 1}`,
    name: `${WAREHOUSE_NAMES[w] ?? `Warehouse ${w + 1}`} — ${faker.location.city()}`,
  }));
  const locations = new Table<{ id: string; warehouse_id: string; code: string; kind: string }>(["id", "warehouse_id", "code", "kind"]);
  const containers = new Table<{ id: string; location_id: string; code: string }>(["id", "location_id", "code"]);
  let tote = 0;
  for (const w of warehouses) {
    for (let i = 1; i <= 12; i++) locations.push({ id: rnd.uuid(), warehouse_id: w.id, code: `A-${pad(Math.ceil(i / 4), 2)}-${pad(((i - 1) % 4) + 1, 2)}`, kind: "pick" });
    for (let i = 1; i <= 4; i++) locations.push({ id: rnd.uuid(), warehouse_id: w.id, code: `BULK-${pad(i, 2)}`, kind: "bulk" });
    for (let i = 1; i <= 2; i++) {
      const id = rnd.uuid();
      locations.push({ id, warehouse_id: w.id, code: `STAGE-${pad(i, 2)}`, kind: "staging" });
      for (let c = 0; c < 3; c++) containers.push({ id: rnd.uuid(), location_id: id, code: `TOTE-${w.code}-${pad(++tote, 3)}` });
    }
    locations.push({ id: rnd.uuid(), warehouse_id: w.id, code: "RECV-01", kind: "receiving" });
  }

  // ------------------------------------------------------------ catalogue
  const suppliers: SupplierRow[] = [];
  const supplierNames = new Set<string>();
  while (suppliers.length < o.suppliers) {
    let name = faker.company.name();
    if (supplierNames.has(name)) name = `${name} ${suppliers.length + 1}`;
    supplierNames.add(name);
    const domain = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    suppliers.push({ id: rnd.uuid(), name, email: `orders@${domain}.example` });
  }

  const products = new Table<{ id: string; sku: string; name: string; barcode: string; is_preorder: boolean; restock_date: number | null; restock_quantity: number | null }>(
    ["id", "sku", "name", "barcode", "is_preorder", "restock_date", "restock_quantity"],
  );
  const productSuppliers = new Table<{ product_id: string; supplier_id: string; unit_cost_cents: number; lead_time_days: number; min_order_qty: number; case_pack: number; is_preferred: boolean }>(
    ["product_id", "supplier_id", "unit_cost_cents", "lead_time_days", "min_order_qty", "case_pack", "is_preferred"],
  );
  const DEPARTMENTS = ["TNT", "BAG", "JKT", "BTS", "LMP", "STV", "CUP", "RPE", "MAP", "SOX"];
  const P = o.products + o.hotProducts.length;
  const productClass = new Uint8Array(P);
  const priceCents = new Int32Array(P);
  const preferredSupplier = new Int32Array(P).fill(-1);
  const casePack = new Int32Array(P).fill(1);
  const minOrder = new Int32Array(P).fill(1);
  const leadTime = new Int32Array(P).fill(14);
  const costCents = new Int32Array(P);
  // Product names: faker's commerce words, cycled with a model number so they stay unique-ish at 20,000 SKUs.
  const namePool = Array.from({ length: Math.min(P, 2_000) }, () => faker.commerce.productName());
  for (let p = 0; p < P; p++) {
    const hot = p >= o.products;
    const isPreorder = !hot && rnd.chance(0.05);
    products.push({
      id: rnd.uuid(),
      sku: hot ? `HOT-${pad(p - o.products + 1, 5)}` : `${DEPARTMENTS[p % DEPARTMENTS.length]}-${pad(10_000 + p, 6)}`,
      name: hot ? `Bench hot item ${p - o.products + 1}` : p < namePool.length ? namePool[p]! : `${namePool[p % namePool.length]} Mk ${Math.floor(p / namePool.length) + 1}`,
      barcode: ean13(`20${pad(p + 1, 10)}`),
      is_preorder: isPreorder,
      restock_date: isPreorder ? now + rnd.int(14, 60) * DAY : null,
      restock_quantity: isPreorder ? rnd.int(2, 20) * 10 : null,
    });
    priceCents[p] = rnd.int(4, 300) * 100 - 1;
    costCents[p] = Math.max(50, Math.round(priceCents[p]! * (0.35 + rnd.next() * 0.2)));
    productClass[p] = hot ? CLASS_HOT : isPreorder ? CLASS_C : 0;
    // 1 to 3 suppliers; one of them preferred for ~95% of products
    const count = Math.min(o.suppliers, rnd.weighted([1, 2, 3], [6, 3, 1]));
    const first = rnd.int(0, o.suppliers - 1);
    const preferredPick = hot || rnd.chance(0.95) ? 0 : -1;
    for (let k = 0; k < count; k++) {
      const s = (first + k) % o.suppliers;
      const pack = rnd.weighted([1, 6, 12, 24], [4, 3, 2, 1]);
      const terms = {
        product_id: products.columns.id[p]!,
        supplier_id: suppliers[s]!.id,
        unit_cost_cents: k === 0 ? costCents[p]! : Math.round(costCents[p]! * (1 + rnd.next() * 0.25)),
        lead_time_days: rnd.int(5, 45),
        min_order_qty: rnd.weighted([1, pack, pack * 2], [3, 2, 1]),
        case_pack: pack,
        is_preferred: k === preferredPick,
      };
      productSuppliers.push(terms);
      if (k === 0) {
        preferredSupplier[p] = s;
        casePack[p] = terms.case_pack;
        minOrder[p] = terms.min_order_qty;
        leadTime[p] = terms.lead_time_days;
      }
    }
  }
  // Classes for the rest: 60% in stock, 10% scarce, 30% out of stock (preorders already out)
  const regular = rnd.shuffle(Array.from({ length: o.products }, (_, p) => p).filter((p) => productClass[p] !== CLASS_C));
  const wantC = Math.max(0, Math.round(o.products * 0.3) - (o.products - regular.length));
  regular.forEach((p, i) => {
    productClass[p] = i < wantC ? CLASS_C : i < wantC + Math.round(o.products * 0.1) ? CLASS_B : CLASS_A;
  });
  const byClass: number[][] = [[], [], [], []];
  for (let p = 0; p < P; p++) byClass[productClass[p]!]!.push(p);
  const anyRegular = Array.from({ length: o.products }, (_, p) => p);
  // popularity skew inside a list: low positions are picked more often
  const pickFrom = (list: number[]) => list[Math.floor(list.length * Math.pow(rnd.next(), 1.4))]!;

  // ------------------------------------------------------------ channels
  const wh = (i: number) => warehouses[Math.min(i, warehouses.length - 1)]!.id;
  const channels: ChannelRow[] = [
    { id: rnd.uuid(), name: "Shopify web store", kind: "shopify", accepts_backorders: true, notify_on_partial_shipment: true, supports_order_edits: true, default_warehouse_id: wh(0), default_fulfillment_mode: "ship_partial" },
    { id: rnd.uuid(), name: "Amazon marketplace", kind: "amazon", accepts_backorders: false, notify_on_partial_shipment: false, supports_order_edits: false, default_warehouse_id: wh(1), default_fulfillment_mode: "ship_complete" },
    { id: rnd.uuid(), name: "eBay store", kind: "ebay", accepts_backorders: true, notify_on_partial_shipment: true, supports_order_edits: false, default_warehouse_id: wh(0), default_fulfillment_mode: "ship_partial" },
  ];
  const channelWarehouse = channels.map((c) => warehouses.findIndex((w) => w.id === c.default_warehouse_id));

  // ------------------------------------------------------------ customers (a pool: customers come back)
  const customers = Array.from({ length: Math.max(1, Math.min(o.orders, 5_000)) }, () => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "") + `@${rnd.pick(["example.com", "example.net", "example.org"])}`,
      address: `${faker.location.streetAddress()}, ${faker.location.city()} ${faker.location.zipCode()}`,
    };
  });

  // ------------------------------------------------------------ orders, lines, shipments
  const orders = new Table<{
    id: string; number: string; channel_id: string; external_id: string; warehouse_id: string; customer_name: string; customer_email: string;
    shipping_address: string; order_date: number; ship_by: number | null; priority: number; status: Status; fulfillment_mode: string;
    fulfillability: string | null; tags: string; shipping_cents: number; tax_cents: number; paid_cents: number;
  }>(["id", "number", "channel_id", "external_id", "warehouse_id", "customer_name", "customer_email", "shipping_address", "order_date", "ship_by", "priority", "status", "fulfillment_mode", "fulfillability", "tags", "shipping_cents", "tax_cents", "paid_cents"]);
  const lines = new Table<{
    id: string; order_id: string; line_no: number; product_id: string; warehouse_id: string; quantity_ordered: number; quantity_shipped: number;
    quantity_cancelled: number; unit_price_cents: number; is_active: boolean; rank_priority: number; rank_ship_by: number | null; rank_order_date: number;
  }>(["id", "order_id", "line_no", "product_id", "warehouse_id", "quantity_ordered", "quantity_shipped", "quantity_cancelled", "unit_price_cents", "is_active", "rank_priority", "rank_ship_by", "rank_order_date"]);
  const lineOrder: number[] = []; // order index per line
  const lineKey: number[] = []; // key index (warehouse * P + product) per line
  const shipments = new Table<{ id: string; order_id: string; number: string; carrier: string; tracking_number: string; created_at: number }>(["id", "order_id", "number", "carrier", "tracking_number", "created_at"]);
  const shipmentLines = new Table<{ shipment_id: string; line_id: string; quantity: number }>(["shipment_id", "line_id", "quantity"]);
  const movements = new Table<{ id: string; warehouse_id: string; product_id: string; kind: string; quantity: number; reason: string | null; cause_type: string | null; cause_id: string | null; created_at: number }>(
    ["id", "warehouse_id", "product_id", "kind", "quantity", "reason", "cause_type", "cause_id", "created_at"],
  );
  const events = new Table<{ id: string; order_id: string; type: string; message: string; created_at: number }>(["id", "order_id", "type", "message", "created_at"]);

  const K = o.warehouses * P;
  const openDemand = new Float64Array(K);
  const shippedOut = new Float64Array(K);
  const externalSeq = [1000, 3_000_000, 100_000];
  const CARRIERS = ["DHL", "UPS", "DPD", "Royal Mail", "FedEx"];
  const statusCounts: Record<Status, number> = { open: 0, on_hold: 0, partially_shipped: 0, shipped: 0, cancelled: 0 };

  const externalId = (c: number) => {
    const n = ++externalSeq[c]!;
    if (channels[c]!.kind === "shopify") return `#${n}`;
    if (channels[c]!.kind === "amazon") return `302-${pad(n, 7)}-${pad((n * 7919) % 10_000_000, 7)}`;
    return `${pad(n % 100, 2)}-${pad(n, 5)}-${pad((n * 104_729) % 100_000, 5)}`;
  };
  const quantity = () => rnd.weighted([1, 2, 3, 4, 5], [70, 18, 6, 4, 2]);

  const addOrder = (spec: { channel: number; orderDate: number; status: Status; target: Target | null; lineProducts: number[]; shipBy: number | null; priority: number }) => {
    const index = orders.length;
    const id = rnd.uuid();
    const w = channelWarehouse[spec.channel]!;
    const customer = rnd.pick(customers);
    const active = spec.status === "open" || spec.status === "partially_shipped";
    orders.push({
      id,
      number: `SO-${pad(index + 1, 6)}`,
      channel_id: channels[spec.channel]!.id,
      external_id: externalId(spec.channel),
      warehouse_id: warehouses[w]!.id,
      customer_name: customer.name,
      customer_email: customer.email,
      shipping_address: customer.address,
      order_date: spec.orderDate,
      ship_by: spec.shipBy,
      priority: spec.priority,
      status: spec.status,
      fulfillment_mode: rnd.chance(0.05) ? "ship_complete" : channels[spec.channel]!.default_fulfillment_mode,
      // What the engine finds when nothing is allocated; recompute rewrites the orders that get stock.
      fulfillability: active ? "backordered" : null,
      tags: rnd.chance(0.04) ? "vip" : rnd.chance(0.03) ? "gift" : "",
      shipping_cents: 0, // money: set once the lines are known (below)
      tax_cents: 0,
      paid_cents: 0,
    });
    statusCounts[spec.status]++;
    if (o.events) events.push({ id: rnd.uuid(), order_id: id, type: "imported", message: `Imported from ${channels[spec.channel]!.name}`, created_at: spec.orderDate });

    const shippedAt = Math.min(spec.orderDate + rnd.int(2, 60) * HOUR, now - HOUR);
    let shipment: string | undefined;
    if (spec.status === "shipped" || spec.status === "partially_shipped") {
      shipment = rnd.uuid();
      shipments.push({ id: shipment, order_id: id, number: `SH-${pad(shipments.length + 1, 6)}`, carrier: rnd.pick(CARRIERS), tracking_number: String(rnd.int(100_000_000, 999_999_999)) + String(rnd.int(1000, 9999)), created_at: shippedAt });
      if (o.events) events.push({ id: rnd.uuid(), order_id: id, type: "shipped", message: spec.status === "shipped" ? "Shipped in full" : "Shipped in part", created_at: shippedAt });
    }
    if (o.events && spec.status === "on_hold") events.push({ id: rnd.uuid(), order_id: id, type: "held", message: "Held: customer asked to wait for one complete shipment", created_at: spec.orderDate + HOUR });
    if (o.events && spec.status === "cancelled") events.push({ id: rnd.uuid(), order_id: id, type: "cancelled", message: "Cancelled at the customer's request", created_at: spec.orderDate + 2 * HOUR });

    let linesCents = 0;
    spec.lineProducts.forEach((p, i) => {
      const lineId = rnd.uuid();
      const ordered = quantity();
      // partially shipped: the first line left in full, the rest waits
      const shipped = spec.status === "shipped" || (spec.status === "partially_shipped" && i === 0) ? ordered : 0;
      const cancelled = spec.status === "cancelled" ? ordered : 0;
      const key = w * P + p;
      const remaining = ordered - shipped - cancelled;
      const isActive = active && remaining > 0;
      lines.push({
        id: lineId, order_id: id, line_no: i + 1, product_id: products.columns.id[p]!, warehouse_id: warehouses[w]!.id,
        quantity_ordered: ordered, quantity_shipped: shipped, quantity_cancelled: cancelled, unit_price_cents: priceCents[p]!,
        is_active: isActive, rank_priority: spec.priority, rank_ship_by: spec.shipBy, rank_order_date: spec.orderDate,
      });
      lineOrder.push(index);
      lineKey.push(key);
      if (isActive) openDemand[key] = openDemand[key]! + remaining;
      linesCents += ordered * priceCents[p]!;
      if (shipped > 0) {
        shippedOut[key] = shippedOut[key]! + shipped;
        shipmentLines.push({ shipment_id: shipment!, line_id: lineId, quantity: shipped });
        movements.push({ id: rnd.uuid(), warehouse_id: warehouses[w]!.id, product_id: products.columns.id[p]!, kind: "shipment", quantity: -shipped, reason: null, cause_type: "shipment", cause_id: shipment!, created_at: shippedAt });
      }
    });
    // Money as the channel reported it: every third order paid shipping, every other one tax
    // (by index, so the random stream, and with it the rest of the plan, stays the same).
    const shippingCents = index % 3 === 0 ? 495 : 0;
    const taxCents = index % 2 === 0 ? Math.round(linesCents * 0.08) : 0;
    orders.columns.shipping_cents[index] = shippingCents;
    orders.columns.tax_cents[index] = taxCents;
    orders.columns.paid_cents[index] = linesCents + shippingCents + taxCents;
    return index;
  };

  const distinct = (count: number, draw: (i: number) => number) => {
    const chosen: number[] = [];
    for (let i = 0, tries = 0; chosen.length < count && tries < count * 20; tries++) {
      const p = draw(i);
      if (!chosen.includes(p)) {
        chosen.push(p);
        i++;
      }
    }
    return chosen;
  };
  const fromA = () => (rnd.chance(0.1) && byClass[CLASS_B]!.length ? pickFrom(byClass[CLASS_B]!) : pickFrom(byClass[CLASS_A]!));

  for (let i = 0; i < o.orders; i++) {
    const age = rnd.next() * o.days;
    const orderDate = Math.floor((now - age * DAY) / 1000) * 1000;
    const channel = rnd.weighted([0, 1, 2], [5, 3, 2]);
    let status: Status = "open";
    if (!o.openOnly) {
      const r = rnd.next();
      if (r < 0.03) status = "cancelled";
      else if (r < (age > 10 ? 0.75 : age > 3 ? 0.35 : 0.08)) status = "shipped";
      else if (rnd.chance(0.04)) status = "on_hold";
      else if (rnd.chance(0.07)) status = "partially_shipped";
    }
    let lineCount = rnd.weighted([1, 2, 3, 4], [55, 25, 12, 8]);
    let products: number[];
    let target: Target | null = null;
    if (status === "open" || status === "partially_shipped") {
      target = rnd.weighted<Target>(["fulfillable", "partially_fulfillable", "backordered"], [55, 18, 27]);
      if (target === "partially_fulfillable") lineCount = Math.max(2, lineCount);
      const waiting = target === "fulfillable" ? distinct(lineCount, fromA)
        : target === "backordered" ? distinct(lineCount, () => pickFrom(byClass[CLASS_C]!))
        : distinct(lineCount, (j) => (j === 0 ? pickFrom(byClass[CLASS_C]!) : fromA()));
      // a partially shipped order first shipped one in-stock line
      products = status === "partially_shipped" ? [...distinct(1, () => pickFrom(byClass[CLASS_A]!)).filter((p) => !waiting.includes(p)), ...waiting] : waiting;
      if (products.length < 2 && status === "partially_shipped") status = "open";
    } else {
      products = distinct(lineCount, () => pickFrom(anyRegular));
    }
    const shipBy = rnd.chance(0.85) ? orderDate + rnd.int(1, 7) * DAY : null;
    const priority = rnd.chance(0.95) ? 0 : rnd.int(1, 3);
    addOrder({ channel, orderDate, status, target, lineProducts: products, shipBy, priority });
  }
  // benchmark hot spots: many single-line open orders on one SKU with no stock
  const hot: { productIndex: number; warehouseIndex: number; firstOrder: number; orders: number }[] = [];
  o.hotProducts.forEach((h, k) => {
    const p = o.products + k;
    const firstOrder = orders.length;
    for (let i = 0; i < h.waitingLines; i++) {
      const orderDate = Math.floor((now - rnd.next() * o.days * DAY) / 1000) * 1000;
      addOrder({ channel: 0, orderDate, status: "open", target: "backordered", lineProducts: [p], shipBy: rnd.chance(0.85) ? orderDate + rnd.int(1, 7) * DAY : null, priority: rnd.chance(0.95) ? 0 : rnd.int(1, 3) });
    }
    hot.push({ productIndex: p, warehouseIndex: channelWarehouse[0]!, firstOrder, orders: h.waitingLines });
  });

  // ------------------------------------------------------------ purchase orders (open, some linked to waiting lines; one partly received)
  const purchaseOrders = new Table<{ id: string; number: string; supplier_id: string; warehouse_id: string; status: string; expected_date: number; notes: string | null; created_at: number }>(
    ["id", "number", "supplier_id", "warehouse_id", "status", "expected_date", "notes", "created_at"],
  );
  const poLines = new Table<{ id: string; purchase_order_id: string; product_id: string; quantity_ordered: number; quantity_received: number; unit_cost_cents: number }>(
    ["id", "purchase_order_id", "product_id", "quantity_ordered", "quantity_received", "unit_cost_cents"],
  );
  const poLinks = new Table<{ purchase_order_line_id: string; sales_order_line_id: string; quantity: number }>(["purchase_order_line_id", "sales_order_line_id", "quantity"]);
  const receipts = new Table<{ id: string; purchase_order_id: string; created_at: number }>(["id", "purchase_order_id", "created_at"]);
  const receiptLines = new Table<{ receipt_id: string; purchase_order_line_id: string; quantity: number }>(["receipt_id", "purchase_order_line_id", "quantity"]);
  const receivedIn = new Float64Array(K);
  const roundUp = (q: number, p: number) => Math.max(minOrder[p]!, Math.ceil(q / casePack[p]!) * casePack[p]!);

  // out-of-stock keys with waiting demand, grouped by (warehouse, preferred supplier)
  const groups = new Map<string, number[]>();
  for (const p of byClass[CLASS_C]!) {
    if (preferredSupplier[p]! < 0) continue;
    for (let w = 0; w < o.warehouses; w++) {
      if (openDemand[w * P + p]! <= 0) continue;
      const g = `${w}|${preferredSupplier[p]}`;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(p);
    }
  }
  const poCount = Math.max(3, Math.round(o.products / 60));
  const groupList = rnd.shuffle([...groups.entries()]).slice(0, poCount);
  const linkedKeys = new Map<number, { poLine: string; left: number; tag: string }>();
  groupList.forEach(([g, list], n) => {
    const [w, s] = g.split("|").map(Number) as [number, number];
    const id = rnd.uuid();
    const number = `PO-${pad(purchaseOrders.length + 1, 6)}`;
    const partlyReceived = n === 0;
    const chosen = rnd.shuffle(list.slice()).slice(0, rnd.int(2, 6));
    const lead = Math.max(...chosen.map((p) => leadTime[p]!));
    const createdAt = now - rnd.int(1, 10) * DAY;
    purchaseOrders.push({ id, number, supplier_id: suppliers[s]!.id, warehouse_id: warehouses[w]!.id, status: partlyReceived ? "partially_received" : "ordered", expected_date: createdAt + lead * DAY, notes: n % 2 ? null : "Raised from the backorder report", created_at: createdAt });
    const receiptId = partlyReceived ? rnd.uuid() : undefined;
    if (receiptId) receipts.push({ id: receiptId, purchase_order_id: id, created_at: now - 2 * HOUR });
    chosen.forEach((p, i) => {
      const key = w * P + p;
      const ordered = roundUp(openDemand[key]!, p);
      const lineId = rnd.uuid();
      const received = receiptId && i % 2 === 0 ? Math.max(1, Math.floor(ordered / 3)) : 0;
      poLines.push({ id: lineId, purchase_order_id: id, product_id: products.columns.id[p]!, quantity_ordered: ordered, quantity_received: received, unit_cost_cents: costCents[p]! });
      if (received > 0) {
        receiptLines.push({ receipt_id: receiptId!, purchase_order_line_id: lineId, quantity: received });
        receivedIn[key] = receivedIn[key]! + received;
        movements.push({ id: rnd.uuid(), warehouse_id: warehouses[w]!.id, product_id: products.columns.id[p]!, kind: "receipt", quantity: received, reason: `Receipt against ${number}`, cause_type: "receipt", cause_id: receiptId!, created_at: now - 2 * HOUR });
      }
      if (rnd.chance(0.7)) linkedKeys.set(key, { poLine: lineId, left: ordered - received, tag: `PO#${number}` });
    });
  });
  // links: the waiting lines of a linked key, in plan order, while the PO line still has room
  if (linkedKeys.size) {
    for (let l = 0; l < lines.length; l++) {
      const link = lines.columns.is_active[l] ? linkedKeys.get(lineKey[l]!) : undefined;
      if (!link || link.left <= 0) continue;
      const q = lines.columns.quantity_ordered[l]! - lines.columns.quantity_shipped[l]!;
      if (q > link.left) continue;
      link.left -= q;
      poLinks.push({ purchase_order_line_id: link.poLine, sales_order_line_id: lines.columns.id[l]!, quantity: q });
      const oi = lineOrder[l]!;
      const tags = orders.columns.tags[oi]!;
      if (!tags.split(",").includes(link.tag)) orders.columns.tags[oi] = tags ? `${tags},${link.tag}` : link.tag;
    }
  }
  // the hot SKUs each get one open PO line (what the engine benchmark receives against)
  const hotSupply = hot.map((h, k) => {
    const id = rnd.uuid();
    const lineId = rnd.uuid();
    const number = `PO-${pad(purchaseOrders.length + 1, 6)}`;
    purchaseOrders.push({ id, number, supplier_id: suppliers[preferredSupplier[h.productIndex]!]!.id, warehouse_id: warehouses[h.warehouseIndex]!.id, status: "ordered", expected_date: now + 14 * DAY, notes: "Benchmark supply", created_at: now - DAY });
    poLines.push({ id: lineId, purchase_order_id: id, product_id: products.columns.id[h.productIndex]!, quantity_ordered: h.orders * 10, quantity_received: 0, unit_cost_cents: costCents[h.productIndex]! });
    return { purchaseOrderId: id, purchaseOrderLineId: lineId, number, productId: products.columns.id[h.productIndex]!, warehouseId: warehouses[h.warehouseIndex]!.id, waitingLines: h.orders };
  });

  // ------------------------------------------------------------ stock, through the ledger
  const stockLevels = new Table<{ warehouse_id: string; product_id: string; on_hand: number }>(["warehouse_id", "product_id", "on_hand"]);
  const opening = now - (o.days + 2) * DAY;
  for (let w = 0; w < o.warehouses; w++) {
    for (let p = 0; p < P; p++) {
      const key = w * P + p;
      const demand = openDemand[key]!;
      const cls = productClass[p]!;
      const available = cls === CLASS_A ? demand + (rnd.chance(0.3) ? 0 : rnd.int(1, 25)) : cls === CLASS_B ? Math.floor(demand * (0.3 + rnd.next() * 0.4)) : 0;
      const onHand = available + receivedIn[key]!;
      let openingQty = onHand + shippedOut[key]! - receivedIn[key]!;
      const warehouseId = warehouses[w]!.id;
      const productId = products.columns.id[p]!;
      let adjustment = 0;
      if (openingQty > 5 && rnd.chance(0.1)) {
        adjustment = rnd.chance(0.6) ? -rnd.int(1, 3) : rnd.int(1, 3);
        openingQty -= adjustment;
      }
      if (openingQty > 0) movements.push({ id: rnd.uuid(), warehouse_id: warehouseId, product_id: productId, kind: "receipt", quantity: openingQty, reason: "Opening stock", cause_type: null, cause_id: null, created_at: opening });
      if (adjustment) {
        movements.push({ id: rnd.uuid(), warehouse_id: warehouseId, product_id: productId, kind: "adjustment", quantity: adjustment, reason: adjustment < 0 ? "Damaged in handling" : "Cycle count: found on the shelf", cause_type: null, cause_id: null, created_at: now - rnd.int(1, o.days) * DAY });
      }
      stockLevels.push({ warehouse_id: warehouseId, product_id: productId, on_hand: onHand });
    }
  }

  return {
    now, warehouses, locations, containers, suppliers, products, productSuppliers, channels, orders, lines, shipments, shipmentLines, movements, events,
    stockLevels, purchaseOrders, poLines, poLinks, receipts, receiptLines, hotSupply, statusCounts,
  };
}

export type TenantPlan = ReturnType<typeof planTenant>;
