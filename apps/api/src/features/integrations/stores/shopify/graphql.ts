// Shopify's GraphQL Admin API: one POST per operation to /admin/api/<version>/graphql.json with
// the app's access token. Throttling comes back as HTTP 200 with a THROTTLED error and the
// bucket's state in `extensions.cost`, or as HTTP 429 with Retry-After; both become
// StoreThrottled with the wait the store implies. userErrors are the store refusing the input.
import { callStore } from "../http.ts";
import { StoreError, StoreThrottled, type StoreCall, type StoreConnection } from "../types.ts";

/** The Admin API version every request names (Shopify supports each for a year). */
export const SHOPIFY_API_VERSION = "2026-10";

interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable: number; restoreRate: number } } };
}

export async function shopifyGraphql<T>(conn: StoreConnection, query: string, variables: Record<string, unknown>, calls: StoreCall[], summary?: unknown): Promise<T> {
  const { body } = await callStore<GraphqlResponse<T>>(
    {
      method: "POST",
      url: `${conn.storeUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
      headers: { "X-Shopify-Access-Token": conn.accessToken },
      body: { query, variables },
      summary: summary ?? { operation: /(?:query|mutation)\s+(\w+)/.exec(query)?.[1], variables },
    },
    calls,
  );
  if (body?.errors?.length) {
    if (body.errors.some((e) => e.extensions?.code === "THROTTLED")) {
      const cost = body.extensions?.cost;
      const need = Math.max(0, (cost?.requestedQueryCost ?? 50) - (cost?.throttleStatus?.currentlyAvailable ?? 0));
      const rate = cost?.throttleStatus?.restoreRate || 50;
      throw new StoreThrottled(Math.max(1_000, Math.ceil((need / rate) * 1000)), calls);
    }
    const internal = body.errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
    throw new StoreError(`Shopify refused the request: ${body.errors.map((e) => e.message).join("; ")}`.slice(0, 500), 200, !internal, calls);
  }
  if (!body?.data) throw new StoreError("Shopify answered without data", 200, false, calls);
  return body.data;
}

/** A mutation's userErrors as a permanent refusal. */
export function throwUserErrors(what: string, userErrors: { message: string; field?: string[] | null }[] | undefined, calls: StoreCall[]) {
  if (userErrors?.length) {
    throw new StoreError(`Shopify refused the ${what}: ${userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ` : "") + e.message).join("; ")}`.slice(0, 500), 200, true, calls);
  }
}

export const orderGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`);
export const lineItemGid = (id: string) => (id.startsWith("gid://") ? id : `gid://shopify/LineItem/${id}`);
export const legacyId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
