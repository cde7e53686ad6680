// The WooCommerce REST API v3 product endpoints of the fake: GET /products (sku — exact, comma
// separated —, include, search, status, stock_status, per_page, page), GET/PUT /products/:id and
// POST /products/batch (at most 100 items; a bad item is reported in its place, the rest applied).
// stock_quantity is only kept while manage_stock is on, as WooCommerce does.
import { productJson, type WooSite } from "./woocommerce-json.ts";
import { ParamChecker, wpError, type WpError } from "./woocommerce-params.ts";
import { collection, type WooAnswer, type WooHooks, type WooRoute } from "./woocommerce-routes.ts";
import type { WooProduct, WooStore } from "./woocommerce-state.ts";

const BATCH_LIMIT = 100;

function listProducts(store: WooStore, site: WooSite, query: Record<string, unknown>): WooAnswer | WpError {
  const p = new ParamChecker(query);
  const page = p.integer("page", { min: 1, fallback: 1 })!;
  const perPage = p.integer("per_page", { min: 1, max: 100, fallback: 10 })!;
  const offset = p.integer("offset", { min: 0 });
  const order = p.oneOf("order", ["asc", "desc"] as const, "desc");
  const orderby = p.oneOf("orderby", ["date", "id", "include", "title", "slug", "modified", "price", "popularity", "rating", "menu_order"] as const, "date");
  const status = p.oneOf("status", ["any", "future", "trash", "draft", "pending", "private", "publish"] as const, "any");
  const stockStatus = p.list("stock_status", ["instock", "outofstock", "onbackorder"]);
  const include = p.ids("include");
  const search = p.string("search");
  const skuParam = p.string("sku");
  const bad = p.error();
  if (bad) return bad;
  // WooCommerce: the comma-separated SKUs, plus the whole string as one SKU.
  const skus = skuParam ? [...skuParam.split(","), ...(skuParam.includes(",") ? [skuParam] : [])] : undefined;
  const items = [...store.products.values()]
    .filter((x) => (status === "any" ? true : x.status === status))
    .filter((x) => !skus || skus.includes(x.sku))
    .filter((x) => !include?.length || include.includes(x.id))
    .filter((x) => !stockStatus || stockStatus.includes(store.stockStatus(x)))
    .filter((x) => !search || x.name.toLowerCase().includes(search.toLowerCase()))
    .sort((a, b) => (order === "asc" ? 1 : -1) * (orderby === "title" ? a.name.localeCompare(b.name) : orderby === "modified" ? a.dateModified.getTime() - b.dateModified.getTime() || a.id - b.id : orderby === "date" ? a.dateCreated.getTime() - b.dateCreated.getTime() || a.id - b.id : a.id - b.id));
  return collection(site, "/products", query, items, page, perPage, offset, (x) => productJson(store, site, x));
}

/** PUT /products/:id semantics for the fields the fake keeps. */
function applyProductUpdate(store: WooStore, product: WooProduct, body: Record<string, any>): WpError | null {
  if (body.stock_quantity !== undefined && body.stock_quantity !== null && !Number.isInteger(Number(body.stock_quantity))) {
    return wpError("rest_invalid_param", "Invalid parameter(s): stock_quantity", 400, { params: { stock_quantity: "stock_quantity is not of type integer." } });
  }
  if (typeof body.sku === "string" && body.sku !== product.sku && store.productBySku(body.sku)) {
    return wpError("product_invalid_sku", "Invalid or duplicated SKU.", 400, { resource_id: product.id, unique_sku: body.sku });
  }
  if (typeof body.name === "string") product.name = body.name;
  if (typeof body.sku === "string") product.sku = body.sku;
  if (typeof body.regular_price === "string" && body.regular_price !== "") product.priceCents = Math.round(Number(body.regular_price) * 100);
  if (body.backorders === "no" || body.backorders === "notify" || body.backorders === "yes") product.backorders = body.backorders;
  if (body.manage_stock !== undefined) product.manageStock = body.manage_stock === true || body.manage_stock === "true" || body.manage_stock === "yes";
  if (product.manageStock) {
    if (body.stock_quantity !== undefined && body.stock_quantity !== null) product.stockQuantity = Number(body.stock_quantity);
    else if (body.inventory_delta !== undefined) product.stockQuantity = (product.stockQuantity ?? 0) + Number(body.inventory_delta);
  } else product.stockQuantity = null;
  product.dateModified = store.clock.now();
  return null;
}

function updateProduct(store: WooStore, site: WooSite, hooks: WooHooks, id: number, body: Record<string, any>): WooAnswer | WpError {
  const product = store.products.get(id);
  if (!product) return wpError("woocommerce_rest_product_invalid_id", "Invalid ID.", 400);
  const refused = applyProductUpdate(store, product, body);
  if (refused) return refused;
  hooks.productChanged(product.id);
  return { status: 200, body: productJson(store, site, product) };
}

function batch(store: WooStore, site: WooSite, hooks: WooHooks, body: Record<string, any>): WooAnswer | WpError {
  const create = Array.isArray(body.create) ? body.create : [];
  const update = Array.isArray(body.update) ? body.update : [];
  const del = Array.isArray(body.delete) ? body.delete : [];
  if (create.length + update.length + del.length > BATCH_LIMIT) return wpError("woocommerce_rest_request_entity_too_large", `Unable to accept more than ${BATCH_LIMIT} items for this request.`, 413);
  const out: Record<string, unknown[]> = {};
  if (create.length) {
    out.create = create.map((item: Record<string, any>) => {
      if (typeof item.sku === "string" && item.sku && store.productBySku(item.sku)) return { id: 0, error: { code: "product_invalid_sku", message: "Invalid or duplicated SKU.", data: { status: 400 } } };
      const product = store.createProduct({ name: String(item.name ?? "Product"), sku: String(item.sku ?? ""), price: item.regular_price, stockQuantity: item.manage_stock ? Number(item.stock_quantity ?? 0) : undefined, manageStock: !!item.manage_stock });
      hooks.productChanged(product.id);
      return productJson(store, site, product);
    });
  }
  if (update.length) {
    out.update = update.map((item: Record<string, any>) => {
      const product = store.products.get(Number(item.id));
      if (!product) return { id: Number(item.id) || 0, error: { code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 400 } } };
      const refused = applyProductUpdate(store, product, item);
      if (refused) return { id: product.id, error: { code: refused.body.code, message: refused.body.message, data: { status: refused.status } } };
      hooks.productChanged(product.id);
      return productJson(store, site, product);
    });
  }
  if (del.length) {
    out.delete = del.map((id: unknown) => {
      const product = store.products.get(Number(id));
      if (!product) return { id: Number(id) || 0, error: { code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 404 } } };
      return { ...productJson(store, site, product), status: "trash" };
    });
  }
  return { status: 200, body: out };
}

export function productRoutes(store: WooStore, site: WooSite, hooks: WooHooks): WooRoute[] {
  return [
    {
      methods: ["GET", "POST"],
      pattern: /^\/products$/,
      permission: (m) => (m === "GET" ? "list" : "create"),
      run: (_m, req) => {
        if (req.method === "GET") return listProducts(store, site, req.query);
        const r = batch(store, site, hooks, { create: [req.body] });
        const created = ((r as WooAnswer).body as { create?: unknown[] }).create?.[0] as { error?: { code: string; message: string } } | undefined;
        return created?.error ? wpError(created.error.code, created.error.message, 400) : { status: 201, body: created };
      },
    },
    { methods: ["POST", "PUT", "PATCH"], pattern: /^\/products\/batch$/, permission: () => "batch", run: (_m, req) => batch(store, site, hooks, req.body) },
    {
      methods: ["GET", "POST", "PUT", "PATCH"],
      pattern: /^\/products\/(\d+)$/,
      permission: (m) => (m === "GET" ? "view" : "edit"),
      run: (m, req) => {
        const id = Number(m[1]);
        if (req.method !== "GET") return updateProduct(store, site, hooks, id, req.body);
        const product = store.products.get(id);
        return product ? { status: 200, body: productJson(store, site, product) } : wpError("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
      },
    },
  ];
}
