// Shopify's search syntax for the `query` argument of connections: terms `field:value`, range
// comparisons `field:>=value` (values may be quoted with ' or "), `-term` / `NOT term`, implicit
// AND, and OR between terms (AND binds tighter). A field the resource cannot be searched by is
// ignored with a warning in `extensions.search`, as Shopify answers; a bare word is a free-text
// match.

export type Comparator = ":" | ":<" | ":<=" | ":>" | ":>=";

export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

export interface SearchWarning {
  field: string;
  message: string;
}

/** How one resource answers a term: true/false, or undefined when it has no such search field. */
export type FieldMatcher<T> = (item: T, term: SearchTerm) => boolean | undefined;

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /(-?[A-Za-z_.]+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S*))|("[^"]*"|'[^']*')|(\S+)/g;
  for (const m of query.matchAll(re)) tokens.push(m[0]);
  return tokens.map((t) => t.replace(/^\(+|\)+$/g, "")).filter(Boolean);
}

const unquote = (v: string) => (/^'.*'$|^".*"$/.test(v) ? v.slice(1, -1) : v);

function parseTerm(token: string, negated: boolean): SearchTerm {
  const neg = negated || token.startsWith("-");
  const body = token.startsWith("-") ? token.slice(1) : token;
  const m = /^([A-Za-z_.]+)(:(?:[<>]=?)?)(.*)$/.exec(body);
  if (!m) return { field: null, comparator: ":", value: unquote(body), negated: neg };
  return { field: m[1]!.toLowerCase(), comparator: m[2] as Comparator, value: unquote(m[3]!), negated: neg };
}

/** OR-groups of AND-ed terms. */
export function parseSearch(query: string): SearchTerm[][] {
  const groups: SearchTerm[][] = [[]];
  let negateNext = false;
  for (const token of tokenize(query)) {
    if (token === "OR") groups.push([]);
    else if (token === "AND") continue;
    else if (token === "NOT") negateNext = true;
    else {
      groups[groups.length - 1]!.push(parseTerm(token, negateNext));
      negateNext = false;
    }
  }
  return groups.filter((g) => g.length);
}

/** A predicate for `query` over items, and the warnings for fields this resource does not know. */
export function compileSearch<T>(query: string | null | undefined, match: FieldMatcher<T>, probe: T | undefined): { test: (item: T) => boolean; warnings: SearchWarning[] } {
  if (!query || !query.trim()) return { test: () => true, warnings: [] };
  const groups = parseSearch(query);
  const warnings: SearchWarning[] = [];
  const unknown = new Set<string>();
  for (const term of groups.flat()) {
    if (term.field && probe !== undefined && match(probe, term) === undefined && !unknown.has(term.field)) {
      unknown.add(term.field);
      warnings.push({ field: term.field, message: "Invalid search field for this query." });
    }
  }
  const termHolds = (item: T, term: SearchTerm) => {
    if (term.field && unknown.has(term.field)) return true;
    const result = match(item, term) ?? true;
    return term.negated ? !result : result;
  };
  return { test: (item) => groups.some((g) => g.every((t) => termHolds(item, t))), warnings };
}

/** Compares a number or a date against the term's value with its comparator. */
export function compareOrdered(actual: number, expected: number, comparator: Comparator): boolean {
  switch (comparator) {
    case ":<":
      return actual < expected;
    case ":<=":
      return actual <= expected;
    case ":>":
      return actual > expected;
    case ":>=":
      return actual >= expected;
    default:
      return actual === expected;
  }
}

/** A date-time term ("2026-01-02", "2026-01-02T03:04:05Z"); a bare date means the shop's midnight. */
export function compareDate(actual: Date, term: SearchTerm, shopOffsetMinutes: number): boolean {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(term.value) ? `${term.value}T00:00:00${offsetSuffix(shopOffsetMinutes)}` : term.value;
  const expected = Date.parse(value);
  if (Number.isNaN(expected)) return false;
  if (term.comparator === ":" && /^\d{4}-\d{2}-\d{2}$/.test(term.value)) return actual.getTime() >= expected && actual.getTime() < expected + 86_400_000;
  return compareOrdered(actual.getTime(), expected, term.comparator);
}

function offsetSuffix(minutes: number) {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Shopify matches text values case-insensitively; a trailing * is a prefix match. */
export function textMatches(actual: string | null | undefined, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  const a = actual.toLowerCase();
  const v = term.value.toLowerCase();
  return v.endsWith("*") ? a.startsWith(v.slice(0, -1)) : a === v;
}
