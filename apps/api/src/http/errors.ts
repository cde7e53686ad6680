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
  next(new AppError("not_found", `No route ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let error: AppError;
  if (err instanceof AppError) error = err;
  else if (err instanceof ZodError) error = new AppError("invalid_input", "Invalid input", zodDetails(err));
  else if (err?.type === "entity.parse.failed") error = new AppError("invalid_input", "Request body is not valid JSON");
  else if (err?.type === "entity.too.large") error = new AppError("invalid_input", "Request body is too large");
  else if (err instanceof URIError || (err?.status === 400 && typeof err?.message === "string")) error = new AppError("invalid_input", `Malformed request: ${err.message}`.slice(0, 200));
  else if (isPrismaError(err, "P2002")) error = new AppError("conflict", "A record with the same unique value already exists", { target: err.meta?.target ?? err.meta?.driverAdapterError?.cause?.constraint });
  else if (isPrismaError(err, "P2025")) error = new AppError("not_found", "Record not found");
  else if (isPrismaError(err, "P2003") || isPgError(err, "23503")) error = new AppError("conflict", "Another record still refers to this one, or the referenced record does not exist");
  else if (isPgError(err, "40001") || isPgError(err, "40P01")) error = new AppError("conflict", "The request conflicted with another change; try again");
  else {
    req.log?.error({ err }, "unhandled error");
    error = new AppError("internal", "Something went wrong; the request id identifies it in the logs");
  }
  res.status(error.status).json({ error: { code: error.code, message: error.message, details: error.details, requestId: req.ctx?.requestId ?? String(req.id ?? "") } });
};

function isPrismaError(err: any, code: string) {
  return err && typeof err === "object" && err.code === code && typeof err.clientVersion === "string";
}
function isPgError(err: any, code: string) {
  return err?.code === code || err?.cause?.code === code || err?.meta?.driverAdapterError?.cause?.originalCode === code;
}
