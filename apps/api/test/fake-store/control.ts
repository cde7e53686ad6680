// The control API both fakes serve under /_control/ for tests in other processes (browser
// tests, benchmarks): JSON in and out, no authentication (the fakes listen on 127.0.0.1 only).
// Routes shared by both stores live here: the request log, faults and the clock.
import type http from "node:http";
import type { FakeClock } from "./clock.ts";
import type { Fault, FaultMatch, FaultQueue, RequestLog } from "./faults.ts";
import { sendJson } from "./http-kit.ts";

export interface ControlRequest {
  method: string;
  /** The path after /_control, e.g. "/orders/1001/cancel". */
  path: string;
  body: Record<string, any>;
  res: http.ServerResponse;
}

export type ControlRoute = [method: string, pattern: RegExp, run: (m: RegExpExecArray, r: ControlRequest) => unknown];

export function parseControlBody(raw: Buffer): Record<string, any> {
  if (!raw.length) return {};
  const parsed = JSON.parse(raw.toString("utf8"));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the control body must be a JSON object");
  return parsed;
}

/** The request log, faults and clock routes. */
export function sharedRoutes(parts: { requests: RequestLog; faults: FaultQueue; clock: FakeClock }): ControlRoute[] {
  return [
    ["GET", /^\/requests$/, () => parts.requests.all()],
    ["DELETE", /^\/requests$/, () => (parts.requests.clear(), { cleared: true })],
    ["GET", /^\/faults$/, () => parts.faults.pending()],
    ["DELETE", /^\/faults$/, () => (parts.faults.clear(), { cleared: true })],
    [
      "POST",
      /^\/faults$/,
      (_m, { body }) => {
        const fault = faultFrom(body);
        parts.faults.inject(fault, Number(body.times ?? 1), (body.match ?? {}) as FaultMatch);
        return { queued: fault, times: Number(body.times ?? 1) };
      },
    ],
    [
      "POST",
      /^\/clock$/,
      (_m, { body }) => {
        if (body.set) parts.clock.set(String(body.set));
        if (body.advanceMs) parts.clock.advance(Number(body.advanceMs));
        return { now: parts.clock.now().toISOString() };
      },
    ],
  ];
}

function faultFrom(body: Record<string, any>): Fault {
  switch (body.kind) {
    case "status":
      return { kind: "status", status: Number(body.status ?? 500), body: body.body, headers: body.headers };
    case "hang":
      return { kind: "hang", apply: !!body.apply };
    case "delay":
      return { kind: "delay", ms: Number(body.ms ?? 30_000) };
    case "throttle":
      return { kind: "throttle", retryAfterSeconds: body.retryAfterSeconds };
    case "throttle-429":
      return { kind: "throttle-429", retryAfterSeconds: body.retryAfterSeconds };
    case "apply-then-fail":
      return { kind: "apply-then-fail", status: body.status };
    case "apply-then-drop":
      return { kind: "apply-then-drop" };
    default:
      throw new Error(`unknown fault kind ${JSON.stringify(body.kind)} (status, hang, delay, throttle, throttle-429, apply-then-fail, apply-then-drop)`);
  }
}

/** Runs the first route matching method and path; 404 when none does, 400 with the message when a route throws. */
export async function runControl(routes: ControlRoute[], req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, url: URL) {
  const path = url.pathname.slice("/_control".length);
  try {
    const body = parseControlBody(raw);
    for (const [method, pattern, run] of routes) {
      const m = pattern.exec(path);
      if (m && method === req.method) {
        const out = await run(m, { method, path, body, res });
        if (!res.headersSent) sendJson(res, 200, out ?? { ok: true });
        return;
      }
    }
    sendJson(res, 404, { error: `no control route ${req.method} ${url.pathname}` });
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
  }
}
