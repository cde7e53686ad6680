import type { ErrorRequestHandler, RequestHandler } from "express";
import { ZodError } from "zod";
import type { TErrorCode } from "@bod/contracts/common";

const STATUS: Record<TErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  insufficient_stock: 409,
  stale_version: 409,
  idempotency_mismatch: 422,
  rule_violation: 422,
  rate_limited: 429,
  too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
};

/** The one error type of the API; mapped to a status and the one JSON shape below. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

/** zod issues as `{ path: "lines.0.quantity", message }`, so a client can name the field. */
export function zodDetails(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError("not_found", `No route ${req.method} ${req.originalUrl.split("?")[0]}`));
};

/** Seconds a client is asked to wait before retrying while the database is out of reach. */
export const RETRY_AFTER_SECONDS = 5;

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const error = toAppError(err, req);
  // An `unavailable` that knows how long it will last says so in details.retryAfterSeconds (a company recompute, decision 012).
  if (error.code === "unavailable") res.setHeader("Retry-After", String((error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
  res.status(error.status).json({ error: { code: error.code, message: error.message, details: error.details, requestId: req.ctx?.requestId ?? String(req.id ?? "") } });
};

function toAppError(err: any, req: Parameters<ErrorRequestHandler>[1]): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("invalid_input", "Invalid input", zodDetails(err));
  const httpError = fromHttpError(err);
  if (httpError) return httpError;
  if (isPrismaError(err, "P2002")) return new AppError("conflict", "A record with the same unique value already exists", { target: err.meta?.target ?? err.meta?.driverAdapterError?.cause?.constraint });
  if (isPrismaError(err, "P2025")) return new AppError("not_found", "Record not found");
  if (isPrismaError(err, "P2003") || isPgError(err, "23503")) return new AppError("conflict", "Another record still refers to this one, or the referenced record does not exist");
  if (isPgError(err, "40001") || isPgError(err, "40P01")) return new AppError("conflict", "The request conflicted with another change; try again");
  if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err }, "database unavailable");
    return new AppError("unavailable", `The database is not answering; try again in ${RETRY_AFTER_SECONDS} seconds`);
  }
  const refused = pgCodeOf(err);
  if (refused && (refused.startsWith("22") || refused === "54000")) {
    // A value the contracts let through but a column refused (out of range, too long for an
    // index). Nothing was written (the transaction failed). The fuzzer treats this code as a
    // contract gap to close, so it is a 400 for the client and a finding for us.
    req.log?.warn({ err }, "value refused by the database");
    return new AppError("invalid_input", "A value is out of range for its field", [{ path: "", message: "Refused by the database", code: "database_refused" }]);
  }
  req.log?.error({ err }, "unhandled error");
  return new AppError("internal", "Something went wrong; the request id identifies it in the logs");
}

/** Errors of Express's body parser and router (http-errors), which carry their own 4xx status. */
function fromHttpError(err: any): AppError | undefined {
  const status = typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : undefined;
  if (!status || status < 400 || status >= 500) return undefined;
  if (err.type === "entity.parse.failed") return new AppError("invalid_input", "Request body is not valid JSON");
  if (status === 413) return new AppError("too_large", "Request body is too large");
  if (status === 415) return new AppError("unsupported_media_type", `Unsupported request body: ${String(err.message ?? "").slice(0, 200)}`);
  return new AppError("invalid_input", `Malformed request: ${String(err.message ?? "").slice(0, 200)}`);
}

const CONNECTION_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const UNAVAILABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|connection(?: was)? closed|server closed the connection|Connection refused|can't reach database|Unable to start a transaction in the given time|Transaction already closed|Client has encountered a connection error|the database system is (?:starting up|shutting down)/i;

/** The database was out of reach or did not answer in time: nothing the client sent was wrong. */
export function isDatabaseUnavailable(err: any): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (CONNECTION_ERRNOS.has(e.code) || CONNECTION_ERRNOS.has(e.errno)) return true;
    if (typeof e.clientVersion === "string" && UNAVAILABLE_PRISMA.has(e.code)) return true;
    const code = pgCodeOf(e);
    if (code && (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300")) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    const kind = e?.meta?.driverAdapterError?.cause?.kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout" || kind === "TooManyConnections") return true;
  }
  return false;
}

function pgCodeOf(err: any): string | undefined {
  const code = err?.meta?.driverAdapterError?.cause?.originalCode ?? (typeof err?.clientVersion !== "string" && typeof err?.code === "string" ? err.code : undefined) ?? err?.cause?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isPrismaError(err: any, code: string) {
  return err && typeof err === "object" && err.code === code && typeof err.clientVersion === "string";
}
function isPgError(err: any, code: string) {
  return err?.code === code || err?.cause?.code === code || err?.meta?.driverAdapterError?.cause?.originalCode === code;
}
