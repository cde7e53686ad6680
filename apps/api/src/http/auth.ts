// Builds req.ctx from a verified session cookie or Bearer API token, and guards routes by role.
import crypto from "node:crypto";
import type { RequestHandler } from "express";
import type { TRole } from "@bod/contracts/common";
import { ROLE_GROUPS } from "@bod/contracts/roles";
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

export const authenticate: RequestHandler = async (req, _res, next) => {
  const requestId = String(req.id ?? crypto.randomUUID());
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer) {
    const parsed = parseApiToken(bearer.trim());
    if (!parsed) throw new AppError("unauthenticated", "Invalid API token");
    const token = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${parsed.tenantId}, true), set_config('role', 'bod_app', true)`;
      const row = await tx.apiToken.findUnique({ where: { tokenHash: parsed.hash } });
      if (row && !row.revokedAt) await tx.apiToken.update({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } }, data: { lastUsedAt: new Date() } });
      return row;
    });
    if (!token || token.revokedAt) throw new AppError("unauthenticated", "Invalid API token");
    req.ctx = { tenantId: token.tenantId, userId: token.createdBy, role: token.role, requestId, via: "token" };
    return next();
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (typeof cookie === "string" && cookie.length > 0) {
    const found = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL ROLE bod_app");
      const session = await tx.session.findUnique({ where: { id: sha256(cookie) } });
      if (!session || session.expiresAt < new Date()) return undefined;
      await tx.$executeRaw`SELECT set_config('app.user_id', ${session.userId}, true)`;
      const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: session.tenantId, userId: session.userId } } });
      return membership ? { session, membership } : undefined;
    });
    if (found) {
      req.ctx = { tenantId: found.session.tenantId, userId: found.session.userId, role: found.membership.role, requestId, sessionId: found.session.id, via: "session" };
      if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== found.session.csrfToken) {
        throw new AppError("forbidden", "Missing or wrong CSRF token (send the csrfToken from GET /api/v1/auth/me as X-CSRF-Token)");
      }
    }
  }
  next();
};

export function requireAuth(roles?: readonly TRole[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.ctx) throw new AppError("unauthenticated", "Sign in first");
    if (roles && !roles.includes(req.ctx.role)) throw new AppError("forbidden", `This needs one of the roles: ${roles.join(", ")}`);
    next();
  };
}

/** Role sets used across features (shared with the SPA, which hides what a role may not do). */
export const ROLES = ROLE_GROUPS;
