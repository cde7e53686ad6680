// The soak's company, made through the real API like a customer's: an admin, managers and staff
// (each a client with its own session), two warehouses with pick and staging locations and
// totes, a small catalogue (few SKUs, so random operations meet on the same keys), suppliers with
// terms, stock, ordered POs, channels (one ship-complete) and multi-line orders with shipping and
// tax. Used by `npm run soak` (scripts/soak.ts) and apps/api/test/soak.test.ts.
import type { TChannel } from "@bod/contracts/channels";
import type { TProduct } from "@bod/contracts/products";
import type { TContainer, TLocation, TWarehouse } from "@bod/contracts/warehouses";
import { addMember, signUpCompany, type ApiClient } from "../client.ts";
import { buildChannel, buildContainer, buildLocation, buildProduct, buildStock, buildSupplier, buildSupplierTerms, buildWarehouse } from "../builders.ts";
import type { Random } from "./random.ts";

export interface SoakWarehouse {
  warehouse: TWarehouse;
  pick: TLocation;
  staging: TLocation;
  containers: TContainer[];
  channels: TChannel[];
}

export interface SoakCompany {
  tenantId: string;
  admin: ApiClient;
  /** Every client that runs operations (the admin first), with its role. */
  clients: { client: ApiClient; role: "admin" | "manager" | "staff" }[];
  warehouses: SoakWarehouse[];
  products: TProduct[];
  supplierIds: string[];
  /** Orders and POs the operations pick from (grows as operations create more). */
  orderIds: string[];
  purchaseOrderIds: string[];
}

export interface SoakCompanyOptions {
  clients: number;
  products: number;
  orders: number;
  purchaseOrders: number;
}

/** Runs `fn` over `items` with at most `width` at a time (setup is many small requests). */
export async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Order lines: one to three distinct products, 1–3 units each. */
export function randomOrderLines(rnd: Random, products: TProduct[]) {
  const n = rnd.int(1, 3);
  const chosen = new Set<TProduct>();
  while (chosen.size < n) chosen.add(rnd.pick(products));
  return [...chosen].map((p) => ({ productId: p.id, quantity: rnd.int(1, 3), unitPriceCents: rnd.pick([500, 1250, 1999, 4000]) }));
}

export function newOrderBody(rnd: Random, company: SoakCompany) {
  const wh = rnd.pick(company.warehouses);
  return {
    channelId: rnd.pick(wh.channels).id,
    customerName: `Soak customer ${rnd.int(1, 9999)}`,
    lines: randomOrderLines(rnd, company.products),
    priority: rnd.int(-2, 2),
    shippingCents: rnd.pick([0, 499, 999]),
    taxCents: rnd.pick([0, 120, 350]),
    ...(rnd.chance(0.4) ? { shipBy: new Date(Date.now() + rnd.int(-3, 20) * 86_400_000).toISOString() } : {}),
  };
}

export function newPurchaseOrderBody(rnd: Random, company: SoakCompany) {
  const products = new Set<TProduct>();
  const n = rnd.int(1, 4);
  while (products.size < n) products.add(rnd.pick(company.products));
  return {
    supplierId: rnd.pick(company.supplierIds),
    warehouseId: rnd.pick(company.warehouses).warehouse.id,
    expectedDate: isoInDays(rnd.int(2, 30)),
    lines: [...products].map((p) => ({ productId: p.id, quantity: rnd.int(5, 30), unitCostCents: 700 })),
  };
}

export async function setupSoakCompany(rnd: Random, options: SoakCompanyOptions, log: (s: string) => void = () => {}): Promise<SoakCompany> {
  const admin = await signUpCompany("Soak Supplies");
  const clients: SoakCompany["clients"] = [{ client: admin, role: "admin" }];
  for (let i = 1; i < options.clients; i++) {
    const role = i % 2 === 1 ? "manager" : "staff";
    clients.push({ client: await addMember(admin, role), role });
  }

  const warehouses: SoakWarehouse[] = [];
  for (let w = 0; w < 2; w++) {
    const warehouse = await buildWarehouse(admin);
    const pick = await buildLocation(admin, { warehouseId: warehouse.id, kind: "pick" });
    const staging = await buildLocation(admin, { warehouseId: warehouse.id, kind: "staging" });
    const containers: TContainer[] = [];
    for (let c = 0; c < 6; c++) containers.push(await buildContainer(admin, { locationId: staging.id }));
    const channels = [
      await buildChannel(admin, { defaultWarehouseId: warehouse.id }),
      await buildChannel(admin, { defaultWarehouseId: warehouse.id, defaultFulfillmentMode: "ship_complete" }),
    ];
    warehouses.push({ warehouse, pick, staging, containers, channels });
  }

  const supplierIds = [(await buildSupplier(admin)).id, (await buildSupplier(admin)).id];
  const products: TProduct[] = [];
  await inParallel(
    Array.from({ length: options.products }, (_, i) => i),
    4,
    async () => {
      const p = await buildProduct(admin);
      products.push(p);
      for (const s of supplierIds) await buildSupplierTerms(admin, p.id, s, { isPreferred: s === supplierIds[0] });
    },
  );
  products.sort((a, b) => a.sku.localeCompare(b.sku));
  const stock = warehouses.flatMap((w) => products.map((p) => ({ warehouseId: w.warehouse.id, productId: p.id, quantity: rnd.int(0, 12) }))).filter((s) => s.quantity > 0);
  await inParallel(stock, 4, async (s) => void (await buildStock(admin, { ...s, reason: "soak opening stock" })));
  log(`company: ${clients.length} clients, ${warehouses.length} warehouses, ${products.length} products, ${stock.length} stocked keys`);

  const company: SoakCompany = { tenantId: admin.tenantId!, admin, clients, warehouses, products, supplierIds, orderIds: [], purchaseOrderIds: [] };
  const orderBodies = Array.from({ length: options.orders }, () => newOrderBody(rnd, company));
  await inParallel(orderBodies, 4, async (body) => {
    const res = await admin.post("/api/v1/orders", body);
    if (res.status !== 201) throw new Error(`soak order: ${res.status} ${JSON.stringify(res.body)}`);
    company.orderIds.push(res.body.id);
  });
  const poBodies = Array.from({ length: options.purchaseOrders }, () => newPurchaseOrderBody(rnd, company));
  await inParallel(poBodies, 2, async (body) => {
    const res = await admin.post("/api/v1/purchase-orders", body);
    if (res.status !== 201) throw new Error(`soak purchase order: ${res.status} ${JSON.stringify(res.body)}`);
    company.purchaseOrderIds.push(res.body.id);
  });
  log(`company: ${company.orderIds.length} orders, ${company.purchaseOrderIds.length} purchase orders`);
  return company;
}
