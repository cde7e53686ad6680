// The company a fuzz run works in: a small generated tenant (warehouses, products, suppliers,
// channels, orders in every state, POs, staged orders), its users signed in by role plus an API
// token, and the ids the fuzzer draws path parameters and fields from.
import type pg from "pg";
import { generateTenant } from "../../src/demo/generate.ts";
import type { Known } from "./arbitrary.ts";
import type { FuzzClient } from "./fuzzer.ts";

export interface FuzzCompany {
  tenantId: string;
  clients: FuzzClient[];
  known: Known;
}

const PASSWORD = "fuzz-company-password";

async function signIn(baseUrl: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`fuzz sign-in ${email}: ${login.status} ${await login.text()}`);
  const cookie = /bod_session=[^;]*/.exec(login.headers.get("set-cookie") ?? "")![0];
  const me = await (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie } })).json();
  return { cookie, csrf: me.csrfToken };
}

function sessionClient(baseUrl: string, name: string, email: string, first: { cookie: string; csrf: string }): FuzzClient {
  let session = first;
  return {
    name,
    headers: () => ({ cookie: session.cookie, "x-csrf-token": session.csrf }),
    async refresh() {
      session = await signIn(baseUrl, email).catch(() => session);
    },
  };
}

export async function prepareFuzzCompany(baseUrl: string, superuser: pg.Pool, options: { orders?: number; seed?: number } = {}): Promise<FuzzCompany> {
  const domain = `fuzz-${Date.now().toString(36)}.backorder.test`;
  const tenant = await generateTenant({ tenantName: "Fuzz Outfitters", emailDomain: domain, password: PASSWORD, orders: options.orders ?? 80, products: 40, warehouses: 2, suppliers: 3, days: 20, seed: options.seed ?? 7 });
  const byRole = new Map(tenant.users.map((u) => [u.role, u]));
  const clients: FuzzClient[] = [];
  for (const role of ["admin", "manager", "staff"]) {
    const user = byRole.get(role)!;
    clients.push(sessionClient(baseUrl, role, user.email, await signIn(baseUrl, user.email)));
  }
  const admin = clients[0]!;
  const created = await fetch(`${baseUrl}/api/v1/api-tokens`, { method: "POST", headers: { ...admin.headers(), "content-type": "application/json" }, body: JSON.stringify({ name: "fuzz integration", role: "manager" }) });
  if (created.status !== 201) throw new Error(`fuzz token: ${created.status} ${await created.text()}`);
  const token = (await created.json()).secret as string;
  clients.push({ name: "token", headers: () => ({ authorization: `Bearer ${token}` }), refresh: async () => {} });
  // Open invitations, so the invitation endpoints with an id are reached (docs/decisions/011).
  for (const who of ["invitee-one", "invitee-two"]) {
    const invited = await fetch(`${baseUrl}/api/v1/invitations`, { method: "POST", headers: { ...admin.headers(), "content-type": "application/json" }, body: JSON.stringify({ email: `${who}@${domain}`, role: "staff" }) });
    if (invited.status !== 201) throw new Error(`fuzz invitation: ${invited.status} ${await invited.text()}`);
  }

  const ids = async (sql: string) => (await superuser.query<{ v: string }>(sql, [tenant.tenantId])).rows.map((r) => r.v);
  const known: Known = {
    warehouseId: await ids(`SELECT id::text v FROM warehouses WHERE tenant_id = $1`),
    locationId: await ids(`SELECT id::text v FROM locations WHERE tenant_id = $1 LIMIT 20`),
    containerId: await ids(`SELECT id::text v FROM containers WHERE tenant_id = $1 LIMIT 20`),
    productId: await ids(`SELECT id::text v FROM products WHERE tenant_id = $1 LIMIT 40`),
    supplierId: await ids(`SELECT id::text v FROM suppliers WHERE tenant_id = $1`),
    channelId: await ids(`SELECT id::text v FROM sales_channels WHERE tenant_id = $1`),
    orderId: await ids(`SELECT id::text v FROM sales_orders WHERE tenant_id = $1 ORDER BY id LIMIT 40`),
    lineId: await ids(`SELECT id::text v FROM sales_order_lines WHERE tenant_id = $1 ORDER BY id LIMIT 60`),
    shipmentId: await ids(`SELECT id::text v FROM shipments WHERE tenant_id = $1 LIMIT 20`),
    poId: await ids(`SELECT id::text v FROM purchase_orders WHERE tenant_id = $1`),
    purchaseOrderId: await ids(`SELECT id::text v FROM purchase_orders WHERE tenant_id = $1`),
    purchaseOrderLineId: await ids(`SELECT id::text v FROM purchase_order_lines WHERE tenant_id = $1 LIMIT 40`),
    allocationId: await ids(`SELECT id::text v FROM allocations WHERE tenant_id = $1 AND quantity > 0 LIMIT 20`),
    conflictId: await ids(`SELECT id::text v FROM order_conflicts WHERE tenant_id = $1 LIMIT 20`),
    secretId: await ids(`SELECT id::text v FROM channel_secrets WHERE tenant_id = $1 LIMIT 20`),
    externalId: await ids(`SELECT external_id v FROM sales_orders WHERE tenant_id = $1 AND external_id IS NOT NULL LIMIT 20`),
    sku: await ids(`SELECT sku v FROM products WHERE tenant_id = $1 LIMIT 40`),
    barcode: await ids(`SELECT barcode v FROM products WHERE tenant_id = $1 AND barcode IS NOT NULL LIMIT 20`),
    code: await ids(`SELECT code v FROM warehouses WHERE tenant_id = $1 UNION ALL SELECT code FROM locations WHERE tenant_id = $1 LIMIT 20`),
    apiTokenId: await ids(`SELECT id::text v FROM api_tokens WHERE tenant_id = $1 AND name <> 'fuzz integration'`),
    outboxId: await ids(`SELECT id::text v FROM outbox_events WHERE tenant_id = $1 LIMIT 20`),
    inboxId: await ids(`SELECT id::text v FROM channel_inbox_events WHERE tenant_id = $1 LIMIT 20`),
    jobId: await ids(`SELECT id::text v FROM background_jobs WHERE tenant_id = $1 LIMIT 20`),
    invitationId: await ids(`SELECT id::text v FROM invitations WHERE tenant_id = $1 LIMIT 20`).catch(() => []),
    tag: ["PRIORITY", "fuzz", "VIP"],
    // Only the purchaser is offered as a member to change or remove: the clients above stay signed in.
    userId: [byRole.get("purchaser")!.id],
    tenantId: [],
  };
  known.id = [...known.channelId!, ...known.orderId!.slice(0, 10), ...known.productId!.slice(0, 10)];
  known.anyId = [...known.id, ...known.lineId!.slice(0, 10), ...known.warehouseId!];
  for (const [k, v] of Object.entries(known)) if (!v.length) delete known[k];
  return { tenantId: tenant.tenantId, clients, known };
}
