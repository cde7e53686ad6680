// What a request must be before any handler sees it, in one place:
// - a body is JSON (415 otherwise), UTF-8 bytes (400), in a known Content-Encoding (415), not
//   over the size limit (413);
// - no text anywhere in the body, query or path holds a character PostgreSQL's text cannot store
//   (NUL) or that is not Unicode (a lone UTF-16 surrogate): 400 naming the field
//   (`unstorableText`, called by the endpoint layer on each part it parses).
// Integer bounds live in the contracts (`ZInt`), next to the fields.
import { isUtf8 } from "node:buffer";
import express, { type RequestHandler } from "express";
import { AppError } from "./errors.ts";

export const BODY_LIMIT = "2mb";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** Endpoints (path under /api) whose handler reads its body itself as a stream, and the types it takes (a CSV import's upload). */
export const streamedBodies: { method: string; path: string; types: RegExp }[] = [];

/** Parses JSON bodies; refuses every other kind of body on the API, except a streamed one where declared. */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
    const streamed = streamedBodies.some((s) => s.method === req.method && s.path === req.path && s.types.test(type));
    if (hasBody && BODY_METHODS.has(req.method) && !JSON_TYPE.test(type) && !streamed) {
      return next(new AppError("unsupported_media_type", `Send the request body as JSON (Content-Type: application/json), not ${type || "without a Content-Type"}`));
    }
    next();
  };
  const parse = express.json({
    limit: BODY_LIMIT,
    type: (req) => JSON_TYPE.test(String(req.headers["content-type"] ?? "").split(";")[0]!.trim()),
    verify: (_req, _res, buf) => {
      // A plain error with a status: the body parser sets `status` on what it is given (AppError's is read-only).
      if (!isUtf8(buf)) throw Object.assign(new Error("the request body is not valid UTF-8"), { status: 400, type: "encoding.invalid" });
    },
  });
  return [requireJson, parse];
}

/**
 * Fields of `value` (a parsed body, query or path) whose text PostgreSQL could not store as
 * sent, with their paths (`lines.0.sku`). Object keys are checked too.
 */
export function unstorableText(value: unknown, path: string[] = [], found: { path: string; message: string; code: string }[] = []) {
  if (found.length >= 20) return found;
  if (typeof value === "string") {
    const why = textProblem(value);
    if (why) found.push({ path: path.join("."), message: why, code: "invalid_string" });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableText(v, [...path, String(i)], found));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const why = textProblem(k);
      if (why) found.push({ path: [...path, k].join("."), message: `Field name: ${why}`, code: "invalid_string" });
      else unstorableText(v, [...path, k], found);
    }
  }
  return found;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  if (s.includes("\u0000")) return "Contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(s)) return "Contains an unpaired surrogate, which is not Unicode text";
  return undefined;
}

/** Text from outside (a store's payload) made storable: NULs dropped, unpaired surrogates replaced. */
export function storableText(s: string): string {
  return s.replaceAll("\u0000", "").replace(new RegExp(LONE_SURROGATE, "g"), "\uFFFD");
}
