// Relay connections as Shopify serves them: first/last with after/before cursors (one of first or
// last is required), `reverse`, and keyset cursors — base64 of {"last_id","last_value"} — so a
// page boundary survives items changing between requests.
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<V> {
  nodes: V[];
  edges: { cursor: string; node: V }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface Keyed<T> {
  item: T;
  id: number;
  value: string | number;
}

const encodeCursor = (k: { id: number; value: string | number }) => Buffer.from(JSON.stringify({ last_id: k.id, last_value: String(k.value) })).toString("base64");

function decodeCursor(cursor: string): { id: number; value: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (typeof parsed.last_id === "number" && typeof parsed.last_value === "string") return { id: parsed.last_id, value: parsed.last_value };
  } catch {
    /* fall through */
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`);
}

function compareKeys(a: { id: number; value: string | number }, b: { id: number; value: string }): number {
  const av = a.value;
  const bv = typeof a.value === "number" ? Number(b.value) : b.value;
  if (av < bv) return -1;
  if (av > bv) return 1;
  return a.id - b.id;
}

/**
 * Pages `items` sorted ascending by (value, id) — descending with reverse — into a connection of views.
 * `value` is the sort key's value for an item (its id when the sort key is ID).
 */
export function paginate<T, V>(items: T[], args: ConnectionArgs, key: { id: (t: T) => number; value?: (t: T) => string | number }, view: (t: T) => V): Connection<V> {
  if ((args.first === null || args.first === undefined) && (args.last === null || args.last === undefined)) throw new GraphQLError("you must provide one of first or last");
  if ((args.first ?? 0) < 0 || (args.last ?? 0) < 0) throw new GraphQLError("first and last must be greater than or equal to 0");
  const valueOf = key.value ?? key.id;
  let keyed: Keyed<T>[] = items.map((item) => ({ item, id: key.id(item), value: valueOf(item) })).sort((a, b) => compareKeys(a, { id: b.id, value: String(b.value) }));
  if (args.reverse) keyed.reverse();
  const direction = args.reverse ? -1 : 1;
  const all = keyed;
  if (args.after) {
    const c = decodeCursor(args.after);
    keyed = keyed.filter((k) => compareKeys(k, c) * direction > 0);
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    keyed = keyed.filter((k) => compareKeys(k, c) * direction < 0);
  }
  let page = keyed;
  if (args.first !== null && args.first !== undefined) page = page.slice(0, args.first);
  if (args.last !== null && args.last !== undefined) page = page.slice(Math.max(0, page.length - args.last));
  const firstIndex = page.length ? all.indexOf(page[0]!) : -1;
  const lastIndex = page.length ? all.indexOf(page[page.length - 1]!) : -1;
  const edges = page.map((k) => ({ cursor: encodeCursor(k), node: view(k.item) }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: page.length > 0 && lastIndex < all.length - 1,
      hasPreviousPage: page.length > 0 ? firstIndex > 0 : !!args.after && all.length > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A list field with an optional `first` that truncates it (Order.fulfillments, Order.refunds, ...). */
export const truncate = <T>(items: T[], first: number | null | undefined) => (first === null || first === undefined ? items : items.slice(0, Math.max(0, first)));
