// The WooCommerce REST API v3 order endpoints of the fake: GET/PUT /orders/:id, GET /orders
// (modified_after, dates_are_gmt, orderby, order, per_page, page, status, … with X-WP-Total,
// X-WP-TotalPages and Link), /orders/:id/notes (type any|customer|internal) and
// /orders/:id/refunds with wc_create_refund's rules: the amount may not exceed what is left to
// refund, and a gateway that cannot refund makes the refund fail with HTTP 500 (as WooCommerce
// answers), leaving nothing behind.
import { decimal2, parseCents } from "./money.ts";
import { noteJson, orderJson, refundJson, type WooSite } from "./woocommerce-json.ts";
import { ParamChecker, wpError, type WpError } from "./woocommerce-params.ts";
import { WOO_STATUSES, type WooOrder, type WooOrderStatus, type WooStore } from "./woocommerce-state.ts";

export type Permission = "list" | "view" | "create" | "edit" | "batch" | "delete";

export interface WooRequest {
  method: string;
  query: Record<string, unknown>;
  body: Record<string, any>;
}

export interface WooAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface WooHooks {
  /** An order was created or changed (webhooks: order.created / order.updated). */
  orderChanged(orderId: number, event: "created" | "updated"): void;
  productChanged(productId: number): void;
}

export interface WooRoute {
  methods: string[];
  pattern: RegExp;
  permission: (method: string) => Permission;
  run: (m: RegExpExecArray, req: WooRequest) => WooAnswer | WpError;
}

const EDITABLE = ["POST", "PUT", "PATCH"];
const ORDERBY = ["date", "id", "include", "title", "slug", "modified"] as const;

/** A collection page with WordPress's paging headers. */
export function collection<T>(site: WooSite, path: string, query: Record<string, unknown>, items: T[], page: number, perPage: number, offset: number | undefined, json: (t: T) => unknown): WooAnswer {
  const start = offset ?? (page - 1) * perPage;
  const total = items.length;
  const pages = Math.ceil(total / perPage);
  const base = new URL(`${site.url}/wp-json/wc/v3${path}`);
  for (const [k, v] of Object.entries(query)) if (typeof v === "string") base.searchParams.set(k, v);
  const link = (p: number) => {
    const u = new URL(base);
    u.searchParams.set("page", String(p));
    return u.toString();
  };
  const links = [...(page > 1 ? [`<${link(Math.min(page - 1, pages))}>; rel="prev"`] : []), ...(pages > page ? [`<${link(page + 1)}>; rel="next"`] : [])];
  return {
    status: 200,
    body: items.slice(start, start + perPage).map(json),
    headers: { "X-WP-Total": String(total), "X-WP-TotalPages": String(pages), ...(links.length ? { Link: links.join(", ") } : {}) },
  };
}

const invalidOrder = (status = 404) => wpError("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", status);

function listOrders(store: WooStore, site: WooSite, req: WooRequest): WooAnswer | WpError {
  const p = new ParamChecker(req.query);
  const page = p.integer("page", { min: 1, fallback: 1 })!;
  const perPage = p.integer("per_page", { min: 1, max: 100, fallback: 10 })!;
  const offset = p.integer("offset", { min: 0 });
  const order = p.oneOf("order", ["asc", "desc"] as const, "desc");
  const orderby = p.oneOf("orderby", ORDERBY, "date");
  const gmt = p.boolean("dates_are_gmt", false);
  const after = p.dateTime("after");
  const before = p.dateTime("before");
  const modifiedAfter = p.dateTime("modified_after");
  const modifiedBefore = p.dateTime("modified_before");
  const statuses = p.list("status", ["any", ...WOO_STATUSES]) ?? ["any"];
  const include = p.ids("include");
  const exclude = p.ids("exclude");
  const search = p.string("search");
  const customer = p.integer("customer", { min: 0 });
  const product = p.integer("product", { min: 0 });
  const bad = p.error();
  if (bad) return bad;
  // WP_Date_Query compares the value's wall clock (its offset is not applied) with the local or GMT column, strictly.
  const wall = (d: Date) => d.getTime() + (gmt ? 0 : site.offsetMinutes * 60_000);
  const matches = (o: WooOrder) =>
    (statuses.includes("any") ? o.status !== "trash" && o.status !== "checkout-draft" : statuses.includes(o.status)) &&
    (after === undefined || wall(o.dateCreated) > after) &&
    (before === undefined || wall(o.dateCreated) < before) &&
    (modifiedAfter === undefined || wall(o.dateModified) > modifiedAfter) &&
    (modifiedBefore === undefined || wall(o.dateModified) < modifiedBefore) &&
    (!include?.length || include.includes(o.id)) &&
    (!exclude?.length || !exclude.includes(o.id)) &&
    (customer === undefined || o.customerId === customer) &&
    (product === undefined || o.lineItems.some((l) => l.productId === product)) &&
    (!search || [o.billing.first_name, o.billing.last_name, o.billing.email ?? "", String(o.id), ...o.lineItems.map((l) => l.name)].some((v) => v.toLowerCase().includes(search.toLowerCase())));
  const key = (o: WooOrder): number => (orderby === "modified" ? o.dateModified.getTime() : orderby === "date" ? o.dateCreated.getTime() : orderby === "include" ? (include?.indexOf(o.id) ?? 0) : o.id);
  const sign = order === "asc" ? 1 : -1;
  const items = [...store.orders.values()].filter(matches).sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
  return collection(site, "/orders", req.query, items, page, perPage, offset, (o) => orderJson(store, site, o));
}

function updateOrder(store: WooStore, site: WooSite, hooks: WooHooks, id: number, body: Record<string, any>): WooAnswer | WpError {
  const order = store.orders.get(id);
  if (!order) return invalidOrder(400);
  if (body.status !== undefined && !WOO_STATUSES.includes(body.status)) {
    const message = `status is not one of ${WOO_STATUSES.slice(0, -1).join(", ")}, and ${WOO_STATUSES[WOO_STATUSES.length - 1]}.`;
    return wpError("rest_invalid_param", "Invalid parameter(s): status", 400, { params: { status: message }, details: { status: { code: "rest_not_in_enum", message, data: null } } });
  }
  if (body.billing && typeof body.billing === "object") order.billing = { ...order.billing, ...body.billing };
  if (body.shipping && typeof body.shipping === "object") order.shipping = { ...order.shipping, ...body.shipping };
  if (typeof body.customer_note === "string") order.customerNote = body.customer_note;
  if (typeof body.transaction_id === "string") order.transactionId = body.transaction_id;
  store.touch(order);
  if (body.set_paid === true && !order.datePaid) store.setStatus(order, order.lineItems.length ? "processing" : "completed");
  if (body.status !== undefined) store.setStatus(order, body.status as WooOrderStatus);
  hooks.orderChanged(order.id, "updated");
  return { status: 200, body: orderJson(store, site, order) };
}

function createNote(store: WooStore, site: WooSite, orderId: number, body: Record<string, any>): WooAnswer | WpError {
  if (body.id) return wpError("woocommerce_rest_order_note_exists", "Cannot create existing order_note.", 400);
  if (typeof body.note !== "string" || body.note === "") return wpError("rest_missing_callback_param", "Missing parameter(s): note", 400, { params: ["note"] });
  const order = store.orders.get(orderId);
  if (!order) return wpError("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
  const customerNote = body.customer_note === true || body.customer_note === "true" || body.customer_note === 1;
  const note = store.addNote(order.id, body.note, customerNote, body.added_by_user ? "API user" : "WooCommerce");
  return { status: 201, body: noteJson(site, note), headers: { Location: `${site.url}/wp-json/wc/v3/orders/${order.id}/notes/${note.id}` } };
}

function createRefund(store: WooStore, site: WooSite, hooks: WooHooks, orderId: number, body: Record<string, any>): WooAnswer | WpError {
  const order = store.orders.get(orderId);
  if (!order) return wpError("woocommerce_rest_invalid_order_id", "Invalid order ID.", 404);
  const lines: { orderItemId: number; quantity: number; refundTotalCents: number }[] = [];
  for (const l of Array.isArray(body.line_items) ? body.line_items : []) {
    const item = order.lineItems.find((x) => x.id === Number(l.id));
    if (!item) continue; // wc_create_refund skips items that are not on the order
    lines.push({ orderItemId: item.id, quantity: Number(l.quantity ?? 0), refundTotalCents: parseCents(l.refund_total ?? 0) ?? 0 });
  }
  const amountGiven = body.amount !== undefined && body.amount !== null && body.amount !== "";
  const amount = amountGiven ? Number(body.amount) : lines.reduce((s, l) => s + l.refundTotalCents, 0) / 100;
  if (!Number.isFinite(amount)) return wpError("rest_invalid_param", "Invalid parameter(s): amount", 400, { params: { amount: "amount is not of type string." } });
  if (amount < 0) return wpError("woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.", 400);
  const cents = Math.round(amount * 100);
  const remaining = store.totalCents(order) - store.refundedCents(order);
  if (cents > remaining) return wpError("woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.", 500);
  const refundPayment = body.api_refund === undefined ? true : body.api_refund === true || body.api_refund === "true";
  const restock = body.api_restock === undefined ? true : body.api_restock === true || body.api_restock === "true";
  if (refundPayment && cents > 0) {
    if (!order.gatewaySupportsRefunds) return wpError("woocommerce_rest_cannot_create_order_refund", "The payment gateway for this order does not support automatic refunds.", 500);
    if (order.gatewayRefundError) return wpError("woocommerce_rest_cannot_create_order_refund", order.gatewayRefundError, 500);
  }
  const refund = {
    id: store.nextPostId(),
    orderId: order.id,
    amountCents: cents,
    reason: typeof body.reason === "string" ? body.reason : "",
    refundedPayment: refundPayment && cents > 0,
    lineItems: lines.map((l) => ({ id: store.nextItemId(), ...l })),
    date: store.clock.now(),
  };
  store.refunds.set(refund.id, refund);
  if (restock) {
    for (const l of lines) {
      const li = order.lineItems.find((x) => x.id === l.orderItemId)!;
      const p = store.products.get(li.productId);
      if (p?.manageStock && p.stockQuantity !== null && l.quantity > 0) {
        const before = p.stockQuantity;
        p.stockQuantity += l.quantity;
        store.addNote(order.id, `Item #${li.id} stock increased from ${before} to ${p.stockQuantity}.`, false);
      }
    }
  }
  if (refund.refundedPayment) store.addNote(order.id, `Refunded ${decimal2(cents)} via ${order.paymentMethodTitle}${refund.reason ? ` – Reason: ${refund.reason}` : ""}`, false);
  store.touch(order);
  if (store.refundedCents(order) >= store.totalCents(order)) store.setStatus(order, "refunded");
  hooks.orderChanged(order.id, "updated");
  return { status: 201, body: refundJson(store, site, refund) };
}

export function orderRoutes(store: WooStore, site: WooSite, hooks: WooHooks): WooRoute[] {
  const byMethod = (m: string): Permission => (m === "GET" ? "view" : m === "DELETE" ? "delete" : "edit");
  return [
    { methods: ["GET"], pattern: /^\/orders$/, permission: () => "list", run: (_m, req) => listOrders(store, site, req) },
    {
      methods: ["GET", ...EDITABLE],
      pattern: /^\/orders\/(\d+)$/,
      permission: byMethod,
      run: (m, req) => {
        const id = Number(m[1]);
        if (req.method !== "GET") return updateOrder(store, site, hooks, id, req.body);
        const order = store.orders.get(id);
        return order ? { status: 200, body: orderJson(store, site, order) } : invalidOrder();
      },
    },
    {
      methods: ["GET", "POST"],
      pattern: /^\/orders\/(\d+)\/notes$/,
      permission: (m) => (m === "GET" ? "list" : "create"),
      run: (m, req) => {
        const orderId = Number(m[1]);
        if (req.method === "POST") return createNote(store, site, orderId, req.body);
        if (!store.orders.has(orderId)) return wpError("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
        const p = new ParamChecker(req.query);
        const type = p.oneOf("type", ["any", "customer", "internal"] as const, "any");
        const bad = p.error();
        if (bad) return bad;
        const notes = store.notesOf(orderId).filter((n) => type === "any" || (type === "customer") === n.customerNote);
        return { status: 200, body: notes.map((n) => noteJson(site, n)) };
      },
    },
    {
      methods: ["GET"],
      pattern: /^\/orders\/(\d+)\/notes\/(\d+)$/,
      permission: () => "view",
      run: (m) => {
        const note = store.notes.get(Number(m[2]));
        if (!store.orders.has(Number(m[1]))) return wpError("woocommerce_rest_order_invalid_id", "Invalid order ID.", 404);
        return note && note.orderId === Number(m[1]) ? { status: 200, body: noteJson(site, note) } : wpError("woocommerce_rest_invalid_id", "Invalid resource ID.", 404);
      },
    },
    {
      methods: ["GET", "POST"],
      pattern: /^\/orders\/(\d+)\/refunds$/,
      permission: (m) => (m === "GET" ? "list" : "create"),
      run: (m, req) => {
        const orderId = Number(m[1]);
        if (req.method === "POST") return createRefund(store, site, hooks, orderId, req.body);
        if (!store.orders.has(orderId)) return wpError("woocommerce_rest_invalid_order_id", "Invalid order ID.", 404);
        const p = new ParamChecker(req.query);
        const page = p.integer("page", { min: 1, fallback: 1 })!;
        const perPage = p.integer("per_page", { min: 1, max: 100, fallback: 10 })!;
        const bad = p.error();
        if (bad) return bad;
        return collection(site, `/orders/${orderId}/refunds`, req.query, store.refundsOf(orderId), page, perPage, undefined, (r) => refundJson(store, site, r));
      },
    },
    {
      methods: ["GET"],
      pattern: /^\/orders\/(\d+)\/refunds\/(\d+)$/,
      permission: () => "view",
      run: (m) => {
        const refund = store.refunds.get(Number(m[2]));
        return refund && refund.orderId === Number(m[1]) ? { status: 200, body: refundJson(store, site, refund) } : wpError("woocommerce_rest_shop_order_refund_invalid_id", "Invalid ID.", 404);
      },
    },
  ];
}
