// WordPress REST argument checking as the WooCommerce endpoints declare it (type, minimum and
// maximum, enum, date-time format), with WordPress's error body: 400 rest_invalid_param,
// "Invalid parameter(s): a, b", a message per parameter and its code under data.details.

export interface WpError {
  status: number;
  body: { code: string; message: string; data: Record<string, unknown> };
}

export const wpError = (code: string, message: string, status: number, extra: Record<string, unknown> = {}): WpError => ({ status, body: { code, message, data: { status, ...extra } } });

type Problem = { code: string; message: string };

export class ParamChecker {
  private problems = new Map<string, Problem>();

  constructor(private readonly values: Record<string, unknown>) {}

  private raw(name: string): unknown {
    return this.values[name];
  }

  private fail(name: string, code: string, message: string): undefined {
    this.problems.set(name, { code, message });
    return undefined;
  }

  integer(name: string, spec: { min?: number; max?: number; fallback?: number } = {}): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return spec.fallback;
    const n = typeof v === "number" ? v : /^-?\d+$/.test(String(v)) ? Number(v) : NaN;
    if (!Number.isInteger(n)) return this.fail(name, "rest_invalid_type", `${name} is not of type integer.`);
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      const range = spec.max !== undefined ? `between ${spec.min} (inclusive) and ${spec.max} (inclusive)` : `greater than or equal to ${spec.min}`;
      return this.fail(name, "rest_out_of_bounds", `${name} must be ${range}`);
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (v === true || v === "true" || v === "1" || v === 1) return true;
    if (v === false || v === "false" || v === "0" || v === 0 || v === "") return false;
    this.fail(name, "rest_invalid_type", `${name} is not of type boolean.`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!allowed.includes(v as T)) {
      this.fail(name, "rest_not_in_enum", `${name} is not one of ${allowed.slice(0, -1).join(", ")}${allowed.length > 1 ? " and " : ""}${allowed[allowed.length - 1]}.`);
      return fallback;
    }
    return v as T;
  }

  /** A list given as "a,b" or an array; every item must be allowed (when `allowed` is given). */
  list(name: string, allowed?: readonly string[]): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return undefined;
    const items = (Array.isArray(v) ? v.map(String) : String(v).split(",")).map((s) => s.trim()).filter(Boolean);
    if (allowed) {
      const bad = items.find((i) => !allowed.includes(i));
      if (bad !== undefined) return this.fail(`${name}[${items.indexOf(bad)}]`, "rest_not_in_enum", `${name}[${items.indexOf(bad)}] is not one of ${allowed.slice(0, -1).join(", ")} and ${allowed[allowed.length - 1]}.`);
    }
    return items;
  }

  ids(name: string): number[] | undefined {
    const items = this.list(name);
    return items?.map((i) => Number(i)).filter((n) => Number.isInteger(n) && n > 0);
  }

  /** WordPress's rest_parse_date: Y-m-d\TH:i:s with optional fraction and offset. Returns the wall clock in ms (the offset is not applied, as WP_Date_Query does). */
  dateTime(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/.exec(String(v));
    if (!m) return this.fail(name, "rest_invalid_date", `${name} is not a valid date.`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }

  string(name: string): string | undefined {
    const v = this.raw(name);
    return v === undefined || v === null ? undefined : String(v);
  }

  /** 400 rest_invalid_param naming every bad parameter, or null when all were fine. */
  error(): WpError | null {
    if (!this.problems.size) return null;
    const names = [...this.problems.keys()];
    return wpError("rest_invalid_param", `Invalid parameter(s): ${names.join(", ")}`, 400, {
      params: Object.fromEntries(names.map((n) => [n, this.problems.get(n)!.message])),
      details: Object.fromEntries(names.map((n) => [n, { ...this.problems.get(n)!, data: null }])),
    });
  }
}
