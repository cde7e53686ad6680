// The fake's Admin GraphQL executor: a document is parsed and validated against the 2026-10
// subset schema (shopify-admin-schema.graphql), priced (max 1,000 per query; the app's bucket
// must hold it), then executed by graphql-js over the shop's data. Mutations that Shopify makes
// idempotent (refundCreate, inventorySetQuantities) require the @idempotent(key:) directive since
// 2026-04; the same key with the same arguments returns the first result, with other arguments
// it is refused.
import fs from "node:fs";
import {
  buildSchema, execute, getDirectiveValues, GraphQLError, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type GraphQLSchema, type OperationDefinitionNode,
} from "graphql";
import { actualQueryCost, CostBucket, MAX_SINGLE_QUERY_COST, requestedQueryCost } from "./shopify-cost.ts";
import { executionErrorToShopify, syntaxErrorToShopify, validationErrorToShopify, variableErrorToShopify, type ShopifyError } from "./shopify-errors.ts";
import { parseGid } from "./shopify-gid.ts";
import { createFulfillment, createRefund, holdFulfillmentOrder, releaseHolds, setInventoryQuantities, updateOrder } from "./shopify-rules.ts";
import { shopRoot } from "./shopify-queries.ts";
import { adjustmentGroupView, fulfillmentOrderView, fulfillmentView, holdView, orderView, refundView, type ViewContext } from "./shopify-views.ts";
import type { ShopifyStore } from "./shopify-state.ts";

let cachedSchema: GraphQLSchema | undefined;

/** The subset schema (built once per process). */
export function shopifySchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(fs.readFileSync(new URL("./shopify-admin-schema.graphql", import.meta.url), "utf8"));
  return cachedSchema;
}

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

export interface PreparedOperation {
  request: GraphqlRequest;
  document: DocumentNode | null;
  operation: OperationDefinitionNode | null;
  /** The name the operation goes by (the document's, or the request's operationName). */
  name: string | null;
  isMutation: boolean;
  syntaxError: ShopifyError | null;
}

export interface GraphqlAnswer {
  body: Record<string, unknown>;
  /** Orders a mutation changed (for orders/updated webhooks). */
  changedOrderIds: number[];
}

/** Mutations whose changes Shopify dedupes by the @idempotent key. */
const IDEMPOTENT = new Set(["refundCreate", "inventorySetQuantities"]);

interface ExecContext {
  view: ViewContext;
  changedOrderIds: Set<number>;
}

export class ShopifyGraphqlExecutor {
  readonly bucket: CostBucket;
  private readonly idempotency = new Map<string, { fingerprint: string; result: unknown; failed: boolean }>();

  constructor(
    private readonly store: ShopifyStore,
    private readonly shop: ViewContext["shop"],
    readonly limits: { maxQueryCost: number; bucket: CostBucket | null } = { maxQueryCost: MAX_SINGLE_QUERY_COST, bucket: new CostBucket() },
  ) {
    this.bucket = limits.bucket ?? new CostBucket(2_000, 100, false);
  }

  prepare(request: GraphqlRequest): PreparedOperation {
    let document: DocumentNode | null = null;
    try {
      document = parse(request.query);
    } catch (error) {
      return { request, document: null, operation: null, name: request.operationName, isMutation: false, syntaxError: syntaxErrorToShopify(error as GraphQLError) };
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = request.operationName ? operations.find((o) => o.name?.value === request.operationName) : operations.length === 1 ? operations[0] : undefined;
    return { request, document, operation: operation ?? null, name: operation?.name?.value ?? request.operationName, isMutation: operation?.operation === "mutation", syntaxError: null };
  }

  /** Validates, prices and executes; the body is what Shopify answers with HTTP 200. */
  run(prepared: PreparedOperation): GraphqlAnswer {
    const none = { changedOrderIds: [] };
    if (prepared.syntaxError || !prepared.document) return { body: { errors: [prepared.syntaxError] }, ...none };
    const schema = shopifySchema();
    const errors = validate(schema, prepared.document);
    if (errors.length) return { body: { errors: errors.map((e) => validationErrorToShopify(e, prepared.document!)) }, ...none };
    if (!prepared.operation) {
      const named = prepared.request.operationName;
      return { body: { errors: [named ? { message: `No operation named "${named}"`, extensions: { code: "operationNotFound" } } : { message: "An operation name is required", extensions: { code: "operationNameRequired" } }] }, ...none };
    }
    const long = longArray(prepared.request.variables, []);
    if (long) return { body: { errors: [{ message: `The input array size of ${long.size} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`, path: long.path, extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" } }] }, ...none };
    const fragments = prepared.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const requested = requestedQueryCost(schema, prepared.operation, fragments, prepared.request.variables);
    if (requested > this.limits.maxQueryCost) {
      return {
        body: {
          errors: [{
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${this.limits.maxQueryCost}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: this.limits.maxQueryCost },
          }],
        },
        ...none,
      };
    }
    if (!this.bucket.take(requested)) return { body: throttledBody(requested, this.bucket.status()), ...none };

    const ctx: ExecContext = { view: { store: this.store, shop: this.shop, searchNotes: [] }, changedOrderIds: new Set() };
    const result = execute({
      schema,
      document: { kind: Kind.DOCUMENT, definitions: [prepared.operation, ...fragments] },
      rootValue: { ...shopRoot(), ...this.mutationRoot() },
      contextValue: ctx,
      variableValues: prepared.request.variables,
    }) as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };
    const varTypes = Object.fromEntries((prepared.operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, printType(v.type)]));
    const actual = result.data ? actualQueryCost(schema, prepared.operation, fragments, prepared.request.variables, result.data) : 0;
    this.bucket.refund(requested - actual);
    const body: Record<string, unknown> = {};
    if (result.errors?.length) {
      body.errors = result.errors.map((e) => (result.data === undefined ? variableErrorToShopify(e, (n) => varTypes[n], prepared.request.variables) : executionErrorToShopify(e)));
    }
    if (result.data !== undefined) body.data = result.data;
    body.extensions = {
      cost: { requestedQueryCost: requested, actualQueryCost: result.data === undefined ? null : actual, throttleStatus: this.bucket.status() },
      ...(ctx.view.searchNotes.length ? { search: ctx.view.searchNotes.map((n) => ({ path: n.path, query: n.query, parsed: {}, warnings: n.warnings })) } : {}),
    };
    return { body, changedOrderIds: [...ctx.changedOrderIds] };
  }

  private mutationRoot() {
    const store = this.store;
    const touched = (ctx: ExecContext, orderId: number | undefined) => orderId !== undefined && ctx.changedOrderIds.add(orderId);
    return {
      fulfillmentCreate: (args: { fulfillment: Parameters<typeof createFulfillment>[1]; message?: string | null }, ctx: ExecContext) => {
        const r = createFulfillment(store, args.fulfillment, args.message ?? null);
        touched(ctx, r.fulfillment?.orderId);
        return { fulfillment: r.fulfillment && fulfillmentView(ctx.view, r.fulfillment), userErrors: r.userErrors };
      },
      fulfillmentOrderHold: (args: { id: string; fulfillmentHold: Parameters<typeof holdFulfillmentOrder>[2] }, ctx: ExecContext) => {
        const r = holdFulfillmentOrder(store, args.id, args.fulfillmentHold);
        touched(ctx, r.fulfillmentOrder?.orderId);
        return {
          fulfillmentHold: r.fulfillmentHold && holdView(r.fulfillmentHold),
          fulfillmentOrder: r.fulfillmentOrder && fulfillmentOrderView(ctx.view, r.fulfillmentOrder),
          remainingFulfillmentOrder: r.remainingFulfillmentOrder && fulfillmentOrderView(ctx.view, r.remainingFulfillmentOrder),
          userErrors: r.userErrors,
        };
      },
      fulfillmentOrderReleaseHold: (args: { id: string; holdIds?: string[] | null; externalId?: string | null }, ctx: ExecContext) => {
        const r = releaseHolds(store, args.id, args.holdIds);
        touched(ctx, r.fulfillmentOrder?.orderId);
        return { fulfillmentOrder: r.fulfillmentOrder && fulfillmentOrderView(ctx.view, r.fulfillmentOrder), userErrors: r.userErrors };
      },
      orderUpdate: (args: { input: Parameters<typeof updateOrder>[1] }, ctx: ExecContext) => {
        const r = updateOrder(store, args.input);
        touched(ctx, r.order?.id);
        return { order: r.order && orderView(ctx.view, r.order), userErrors: r.userErrors };
      },
      refundCreate: (args: { input: Parameters<typeof createRefund>[1] }, ctx: ExecContext, info: GraphQLResolveInfo) => {
        const r = this.once(info, args, "refund", () => createRefund(store, args.input), (x) => x.userErrors.length > 0);
        touched(ctx, r.refund?.orderId);
        const order = r.refund ? store.orders.get(r.refund.orderId) : undefined;
        return { refund: r.refund && refundView(ctx.view, r.refund), order: order && orderView(ctx.view, order), userErrors: r.userErrors };
      },
      inventorySetQuantities: (args: { input: Parameters<typeof setInventoryQuantities>[1] }, ctx: ExecContext, info: GraphQLResolveInfo) => {
        const r = this.once(info, args, "inventory", () => setInventoryQuantities(store, args.input), (x) => x.userErrors.length > 0);
        return { inventoryAdjustmentGroup: r.inventoryAdjustmentGroup && adjustmentGroupView(ctx.view, r.inventoryAdjustmentGroup), userErrors: r.userErrors };
      },
    };
  }

  /** Runs `apply` once per @idempotent key; a repeat with the same arguments gets the first result. */
  private once<T extends { userErrors: { field: string[] | null; message: string; code?: string | null }[] }>(info: GraphQLResolveInfo, args: unknown, kind: "refund" | "inventory", apply: () => T, failed: (r: T) => boolean): T {
    const field = info.fieldNodes[0]!;
    const directive = info.schema.getDirective("idempotent")!;
    const key = (getDirectiveValues(directive, field, info.variableValues) as { key?: string } | undefined)?.key;
    if (IDEMPOTENT.has(field.name.value) && key === undefined) {
      throw new GraphQLError(`The @idempotent directive is required for ${field.name.value} as of API version 2026-04.`, { extensions: { code: "BAD_REQUEST" } });
    }
    if (key === undefined) return apply();
    if (!key.trim()) throw new GraphQLError("The idempotency key cannot be an empty string or whitespace only.", { extensions: { code: "BAD_REQUEST" } });
    const fingerprint = JSON.stringify(canonical({ field: field.name.value, args }));
    const seen = this.idempotency.get(key);
    if (seen) {
      const code = kind === "inventory" ? { code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" } : {};
      if (seen.fingerprint !== fingerprint) return emptyWithError<T>(seen.result as T, { field: null, message: "The same idempotency key cannot be used with different operation parameters.", ...code });
      if (seen.failed && kind === "inventory") return emptyWithError<T>(seen.result as T, { field: null, message: "A previous request with this idempotency key failed. Retry with a new idempotency key.", code: "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED" });
      return seen.result as T;
    }
    const result = apply();
    this.idempotency.set(key, { fingerprint, result, failed: failed(result) });
    return result;
  }
}

/** Shopify: "Input arguments that accept an array have a maximum size of 250." */
const MAX_INPUT_ARRAY = 250;

function longArray(value: unknown, path: (string | number)[]): { size: number; path: (string | number)[] } | null {
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ARRAY) return { size: value.length, path };
    for (const [i, v] of value.entries()) {
      const found = longArray(v, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = longArray(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

function emptyWithError<T extends { userErrors: unknown[] }>(shape: T, error: { field: string[] | null; message: string; code?: string }): T {
  const out = Object.fromEntries(Object.keys(shape).map((k) => [k, null])) as Record<string, unknown>;
  out.userErrors = [error];
  return out as T;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

function printType(node: { kind: string; type?: unknown; name?: { value: string } }): string {
  if (node.kind === Kind.NON_NULL_TYPE) return `${printType(node.type as typeof node)}!`;
  if (node.kind === Kind.LIST_TYPE) return `[${printType(node.type as typeof node)}]`;
  return node.name!.value;
}

export function throttledBody(requested: number, throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }) {
  return {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus } },
  };
}

/** The numeric id in an order gid, for callers outside GraphQL. */
export const orderIdOf = (value: string) => parseGid(value, "Order");
