// Fault injection and the request log, shared by both fake stores. A test queues faults for the
// next N matching requests: fail without applying (any status), hang (never answer), answer late,
// throttle the way the store does, or apply the change and then fail or drop the connection —
// the case where the client cannot know whether its write went through.

/** What a request looked like, for matching faults and for the log. */
export interface RequestFacts {
  method: string;
  path: string;
  /** Shopify: the GraphQL operation's name (or null); WooCommerce: undefined. */
  operationName?: string | null;
  /** Shopify: true when the operation is a mutation; WooCommerce: true for POST/PUT/PATCH/DELETE. */
  isWrite: boolean;
}

export type Fault =
  /** Answer this status (with this body) and change nothing. */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answer. With apply: perform the request first (the client times out, the change is made). */
  | { kind: "hang"; apply?: boolean }
  /** Perform the request, answer after `ms` (longer than the client's timeout to make it give up). */
  | { kind: "delay"; ms: number }
  /** Shopify: HTTP 200 with a THROTTLED error; WooCommerce: HTTP 429. Nothing is applied. */
  | { kind: "throttle"; retryAfterSeconds?: number }
  /** HTTP 429 with Retry-After (both stores). Nothing is applied. */
  | { kind: "throttle-429"; retryAfterSeconds?: number }
  /** Perform the request, then answer `status` (default 500) instead of the real answer. */
  | { kind: "apply-then-fail"; status?: number }
  /** Perform the request, then destroy the connection without an answer. */
  | { kind: "apply-then-drop" };

export interface FaultMatch {
  operationName?: string;
  method?: string;
  pathIncludes?: string;
  /** Only requests that write (mutations; POST/PUT/PATCH/DELETE). */
  writesOnly?: boolean;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  match: FaultMatch;
}

const matches = (m: FaultMatch, r: RequestFacts) =>
  (m.operationName === undefined || m.operationName === r.operationName) &&
  (m.method === undefined || m.method.toUpperCase() === r.method) &&
  (m.pathIncludes === undefined || r.path.includes(m.pathIncludes)) &&
  (!m.writesOnly || r.isWrite);

/** Faults waiting for requests, first queued first used. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  inject(fault: Fault, times = 1, match: FaultMatch = {}) {
    if (times > 0) this.queue.push({ fault, remaining: times, match });
  }

  /** Fail the next `times` matching requests with `status` (default 500), changing nothing. */
  failNext(times = 1, options: { status?: number; body?: unknown; match?: FaultMatch } = {}) {
    this.inject({ kind: "status", status: options.status ?? 500, body: options.body }, times, options.match);
  }

  hangNext(times = 1, options: { apply?: boolean; match?: FaultMatch } = {}) {
    this.inject({ kind: "hang", apply: options.apply }, times, options.match);
  }

  delayNext(ms: number, times = 1, match: FaultMatch = {}) {
    this.inject({ kind: "delay", ms }, times, match);
  }

  /** The store's own throttle answer (Shopify: HTTP 200 THROTTLED; WooCommerce: 429), or `http429` for 429 + Retry-After. */
  throttleNext(times = 1, options: { http429?: boolean; retryAfterSeconds?: number; match?: FaultMatch } = {}) {
    this.inject({ kind: options.http429 ? "throttle-429" : "throttle", retryAfterSeconds: options.retryAfterSeconds }, times, options.match);
  }

  /** Apply the next matching write, then answer `status` (default 500) or, with drop, close the connection. */
  applyThenFail(times = 1, options: { status?: number; drop?: boolean; match?: FaultMatch } = {}) {
    const match = { writesOnly: true, ...options.match };
    this.inject(options.drop ? { kind: "apply-then-drop" } : { kind: "apply-then-fail", status: options.status }, times, match);
  }

  clear() {
    this.queue = [];
  }

  pending(): { fault: Fault; remaining: number; match: FaultMatch }[] {
    return this.queue.map((q) => ({ ...q }));
  }

  /** The fault for this request, if one is queued for it (consumes one use). */
  take(request: RequestFacts): Fault | null {
    const found = this.queue.find((q) => matches(q.match, request));
    if (!found) return null;
    found.remaining -= 1;
    if (found.remaining <= 0) this.queue = this.queue.filter((q) => q !== found);
    return found.fault;
  }
}

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Shopify only. */
  operationName?: string | null;
  /** Shopify only: the GraphQL variables as sent. */
  variables?: unknown;
  /** Shopify: the GraphQL document; WooCommerce: the parsed JSON body (or text). */
  body: unknown;
  /** What the fake answered (null: no answer — hung or dropped). */
  status: number | null;
  fault: Fault["kind"] | null;
}

/** Every store API request the fake received, in order (control requests are not logged). */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, "seq" | "at">): LoggedRequest {
    const logged = { seq: ++this.seq, at: new Date().toISOString(), ...entry };
    this.entries.push(logged);
    return logged;
  }

  all(): LoggedRequest[] {
    return [...this.entries];
  }

  /** Shopify: requests whose operation had this name. */
  byOperation(name: string): LoggedRequest[] {
    return this.entries.filter((e) => e.operationName === name);
  }

  clear() {
    this.entries = [];
  }
}
