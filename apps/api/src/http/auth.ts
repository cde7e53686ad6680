// Builds req.ctx from a verified session cookie or Bearer API token, and guards routes by role.
import crypto from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { TRole } from "@bod/contracts/common";
import { ROLE_GROUPS, effectiveRole } from "@bod/contracts/roles";
import { REQUEST_TX_IDLE_MS, RequestSql, withRequestSql } from "../db/client.ts";
import { AppError } from "./errors.ts";

export const SESSION_COOKIE = "bod_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");

/** API tokens read `bod_<tenant id without dashes>_<secret>`: the tenant is known before the lookup, as row-level security needs. */
export function parseApiToken(token: string): { tenantId: string; hash: string } | undefined {
  const m = /^bod_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!m) return undefined;
  const hex = m[1]!;
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { tenantId, hash: sha256(token) };
}

/**
 * Who is asking, in one statement per request (SECURITY DEFINER functions of migrations
 * 20261202070100 and 20261202163000), which also sets the tenant, the user and the `bod_app` role
 * for the request's transaction (db/client.ts RequestSql): a token is valid only while its creator
 * is still a member of its company, and acts with the lesser of its own role and the creator's
 * current role (contracts/roles.ts effectiveRole); a session acts with the role its user holds
 * now, and ends with the membership. Nothing is cached between requests, so a role change, a
 * removed membership, a revoked token or a deleted session counts from the next request on.
 * An endpoint that only reads runs in that transaction (`requestRead`); others end it first.
 */
export const authenticate: RequestHandler = async (req, res, next) => {
  const requestId = String(req.id ?? crypto.randomUUID());
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!bearer && !(typeof cookie === "string" && cookie.length > 0)) return next();
  const parsed = bearer ? parseApiToken(bearer.trim()) : undefined;
  if (bearer && !parsed) throw new AppError("unauthenticated", "Invalid API token");

  // The BEGIN and the statement go in one round trip: its literals are a SHA-256 in hex, a tenant
  // id rebuilt from 32 hex digits and a number, checked again here.
  const lookup = parsed ? tokenPrincipal(parsed.tenantId, parsed.hash) : sessionPrincipal(sha256(cookie));
  const { sql, rows } = await RequestSql.begin(lookup);
  try {
    if (parsed) {
      const token = rows[0] as { created_by: string; token_role: TRole; creator_role: TRole } | undefined;
      const role = token && effectiveRole(token.token_role, token.creator_role);
      if (!token || !role) throw new AppError("unauthenticated", "Invalid API token (unknown, revoked, or its creator no longer has that access)");
      req.ctx = { tenantId: parsed.tenantId, userId: token.created_by, role, requestId, via: "token" };
    } else {
      const session = rows[0] as { user_id: string; tenant_id: string; role: TRole; csrf_token: string } | undefined;
      if (!session) {
        await sql.end();
        return next();
      }
      req.ctx = { tenantId: session.tenant_id, userId: session.user_id, role: session.role, requestId, sessionId: sha256(cookie), via: "session" };
      if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== session.csrf_token) {
        throw new AppError("forbidden", "Missing or wrong CSRF token (send the csrfToken from GET /api/v1/auth/me as X-CSRF-Token)");
      }
    }
  } catch (error) {
    await sql.end(false);
    throw error;
  }
  sql.tenantId = req.ctx.tenantId;
  sql.userId = req.ctx.userId ?? "";
  // However the request ends (an error, a client gone), the connection goes back to the pool.
  res.once("close", () => void sql.end(false).catch(() => {}));
  withRequestSql(sql, next);
};

/** The request transaction's settings, set by the statement that finds the principal (no round trip of their own). */
const SETTINGS = `set_config('idle_in_transaction_session_timeout', '${Number(REQUEST_TX_IDLE_MS)}', true), set_config('role', 'bod_app', true)`;
const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
function sessionPrincipal(sessionId: string): string {
  if (!HEX64.test(sessionId)) throw new Error("a session id is a SHA-256 in hex");
  return `SELECT p.user_id::text, p.tenant_id::text, p.role::text, p.csrf_token,
    set_config('app.tenant_id', p.tenant_id::text, true), set_config('app.user_id', p.user_id::text, true), ${SETTINGS}
    FROM app_session_principal('${sessionId}') p`;
}
function tokenPrincipal(tenantId: string, hash: string): string {
  if (!UUID.test(tenantId) || !HEX64.test(hash)) throw new Error("a token's tenant is a uuid and its hash a SHA-256 in hex");
  return `SELECT p.created_by::text, p.token_role::text, p.creator_role::text,
    set_config('app.tenant_id', '${tenantId}', true), set_config('app.user_id', p.created_by::text, true), ${SETTINGS}
    FROM app_api_token_principal('${tenantId}'::uuid, '${hash}') p`;
}

export function requireAuth(roles?: readonly TRole[], options: { anyToken?: boolean; sessionsOnly?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    if (!req.ctx) throw new AppError("unauthenticated", "Sign in first");
    if (options.sessionsOnly && req.ctx.via === "token") throw new AppError("forbidden", "This is for a person signed in, not an API token");
    if (roles && !(options.anyToken && req.ctx.via === "token")) requireRole(req.ctx, roles, options.anyToken ? "Without an API token this needs" : "This needs");
    next();
  };
}

/** 403 unless the signed-in role is one of `roles`. */
export function requireRole(ctx: { role: TRole }, roles: readonly TRole[], lead = "This needs") {
  if (!roles.includes(ctx.role)) throw new AppError("forbidden", `${lead} one of the roles: ${roles.join(", ")}`);
}

/** Role sets used across features (shared with the SPA, which hides what a role may not do). */
export const ROLES = ROLE_GROUPS;

/** For answers that carry a secret (the CSRF token, a new API token or invitation link, a new session): no cache may keep them. */
export function noStore(res: Response) {
  res.set("Cache-Control", "no-store");
}
