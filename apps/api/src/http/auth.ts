// Builds req.ctx from a verified session cookie or Bearer API token, and guards routes by role.
import crypto from "node:crypto";
import type { RequestHandler, Response } from "express";
import type { TRole } from "@bod/contracts/common";
import { ROLE_GROUPS, effectiveRole } from "@bod/contracts/roles";
import { db } from "../db/client.ts";
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
 * One statement per request, before any tenant is known (SECURITY DEFINER functions of migration
 * 20261202070100): a token is valid only while its creator is still a member of its company, and
 * acts with the lesser of its own role and the creator's current role (contracts/roles.ts
 * effectiveRole); a session acts with the role its user holds now, and ends with the membership.
 */
export const authenticate: RequestHandler = async (req, _res, next) => {
  const requestId = String(req.id ?? crypto.randomUUID());
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) {
    const parsed = parseApiToken(bearer.trim());
    if (!parsed) throw new AppError("unauthenticated", "Invalid API token");
    const [token] = await db().$queryRaw<{ created_by: string; token_role: TRole; creator_role: TRole }[]>`
      SELECT created_by::text, token_role::text, creator_role::text FROM app_api_token_principal(${parsed.tenantId}::uuid, ${parsed.hash})`;
    const role = token && effectiveRole(token.token_role, token.creator_role);
    if (!token || !role) throw new AppError("unauthenticated", "Invalid API token (unknown, revoked, or its creator no longer has that access)");
    req.ctx = { tenantId: parsed.tenantId, userId: token.created_by, role, requestId, via: "token" };
    return next();
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (typeof cookie === "string" && cookie.length > 0) {
    const sessionId = sha256(cookie);
    const [session] = await db().$queryRaw<{ user_id: string; tenant_id: string; role: TRole; csrf_token: string }[]>`
      SELECT user_id::text, tenant_id::text, role::text, csrf_token FROM app_session_principal(${sessionId})`;
    if (session) {
      req.ctx = { tenantId: session.tenant_id, userId: session.user_id, role: session.role, requestId, sessionId, via: "session" };
      if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== session.csrf_token) {
        throw new AppError("forbidden", "Missing or wrong CSRF token (send the csrfToken from GET /api/v1/auth/me as X-CSRF-Token)");
      }
    }
  }
  next();
};

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
