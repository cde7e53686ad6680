// fast-check arbitraries built from the JSON Schemas of the OpenAPI document (which are the zod
// contracts, converted): values that fit a schema, values near its edges, and values that break
// it the ways clients and attackers do (wrong types, missing or extra fields, text the database
// cannot store, numbers past the columns, huge strings).
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Real values of the fuzzed company (ids by parameter or field name, SKUs, codes), so requests reach past "not found". */
export type Known = Record<string, string[]>;

export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "%00",
  "%ZZ",
  "../../etc/passwd",
  "' OR 1=1 --",
  "'; DROP TABLE products; --",
  "%_\\",
  "<script>alert(1)</script>",
  "👩🏽‍🔧📦",
  "\u202eevil",
  "\r\n\t",
  "null",
  "NaN",
  "1e309",
  "-0",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "2026-02-30",
  "9999-12-31T23:59:59.999Z",
  "0000-01-01",
  "x".repeat(1001),
  "y".repeat(10_000),
];

export const NASTY_NUMBERS = [0, -1, 1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 4294967296, 1e-7];

const nastyValue = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { "": 1 }, { __proto__: 1 }, { constructor: { prototype: 1 } }),
  fc.string({ maxLength: 30, unit: "binary" }),
);

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  return [];
}

/** A value that fits `schema` (as far as a generator can tell; patterns and refinements may still refuse it). */
export function valid(schema: JsonSchema, known: Known, name = "", depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valid(v, known, name, depth + 1)));
  if (schema.allOf?.length) return valid(Object.assign({}, ...schema.allOf), known, name, depth + 1);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((t) => valid({ ...schema, type: t }, known, name, depth + 1)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
      const lo = Math.max(min, -(2 ** 31));
      const hi = Math.min(max, 2 ** 31 - 1);
      // Versions of rows the company holds are small: most guesses should be one of them.
      if (name === "version") return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: Math.max(lo, 1), max: Math.max(lo, 1) + 3 }) }, { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) });
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 50) }) }, { weight: 2, arbitrary: fc.integer({ min: lo, max: hi }) }, { weight: 1, arbitrary: fc.constantFrom(lo, hi) });
    }
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case "string":
      return validString(schema, known, name);
    case "array": {
      const item = schema.items ? valid(schema.items, known, singular(name), depth + 1) : nastyValue;
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.min(schema.maxItems ?? 4, minLength + 4) });
    }
    case "object":
    default: {
      if (!schema.properties || depth > 6) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, s] of entries) model[key] = valid(s, known, key, depth + 1);
      return fc.record(model, { requiredKeys: entries.map(([k]) => k).filter((k) => required.has(k)) });
    }
  }
}

const singular = (name: string) => (name.endsWith("Ids") ? name.slice(0, -1) : name.endsWith("s") ? name.slice(0, -1) : name);

function validString(schema: JsonSchema, known: Known, name: string): fc.Arbitrary<string> {
  const candidates = known[name] ?? (name.endsWith("Id") || schema.format === "uuid" ? known.anyId : undefined);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, min + 40);
  let generated: fc.Arbitrary<string>;
  switch (schema.format) {
    case "uuid":
      generated = fc.uuid({ version: 4 });
      break;
    case "email":
      generated = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9.]{0,15}$/).map((l) => `${l}@example.test`), fc.emailAddress());
      break;
    case "date":
      generated = fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      break;
    case "date-time":
      generated = fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString());
      break;
    case "uri":
      generated = fc.webUrl();
      break;
    default:
      generated = schema.pattern ? matching(schema.pattern, min, max) : fc.string({ minLength: min, maxLength: max });
  }
  return candidates?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...candidates) }, { weight: 1, arbitrary: generated }) : generated;
}

function matching(pattern: string, min: number, max: number): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length >= min && s.length <= Math.max(max, min));
  } catch {
    return fc.string({ minLength: min, maxLength: max });
  }
}

/** A value that breaks `schema` somewhere: the whole value replaced, a field dropped, added or replaced. */
export function invalid(schema: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  const base = valid(schema, known);
  const props = Object.keys(schema.properties ?? {});
  const options: fc.Arbitrary<unknown>[] = [nastyValue];
  if (props.length) {
    options.push(
      fc.tuple(base, fc.constantFrom(...props), nastyValue).map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
      fc.tuple(base, fc.constantFrom(...props)).map(([v, key]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
      fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), nastyValue).map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
      fc.tuple(base, fc.constantFrom(...props)).chain(([v, key]) => nestedBreak(schema.properties![key]!, known).map((bad) => ({ ...(v as object), [key]: bad }))),
    );
  }
  return fc.oneof(...options);
}

/** Breaks a field one level down (an array item, a nested field), where top-level checks do not look. */
function nestedBreak(schema: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  if (typesOf(schema).includes("array") && schema.items) {
    return fc.tuple(valid(schema, known), invalid(schema.items, known)).map(([arr, bad]) => [...((arr as unknown[]) ?? []), bad]);
  }
  if (schema.properties) return invalid(schema, known);
  return nastyValue;
}

/** Valid most of the time, broken the rest. */
export function fuzzValue(schema: JsonSchema, known: Known, validWeight = 3): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid(schema, known) }, { weight: 1, arbitrary: invalid(schema, known) });
}
