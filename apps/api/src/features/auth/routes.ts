import type { Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { ZLoginRequest, ZMeResponse, ZSignupRequest, ZSwitchTenantRequest } from "@bod/contracts/auth";
import { userIdOf } from "../../http/types.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { SESSION_COOKIE } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { getMe, logIn, logOut, signUp, switchTenant, type NewSession } from "./service.ts";

export const authRoutes = new ApiRouter("/api/v1/auth");

/** Sign-in and sign-up attempts per client address and email, per 15 minutes. */
const attempts = rateLimit({
  windowMs: 15 * 60_000,
  limit: () => Number(process.env.LOGIN_RATE_LIMIT ?? 10), // read per request, so a test can lower it
  standardHeaders: "draft-8",
  legacyHeaders: false,
  keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "")}|${String(req.body?.email ?? "").toLowerCase()}`,
  handler: (_req, _res, next) => next(new AppError("rate_limited", "Too many sign-in attempts; wait a few minutes and try again")),
});
authRoutes.router.use(["/login", "/signup"], attempts);

function setSessionCookie(res: Response, session: NewSession) {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.COOKIE_SECURE === "true",
    expires: session.expiresAt,
    path: "/",
  });
}

authRoutes.post("/signup", { summary: "Create a company and its first admin, and sign in", roles: "public", body: ZSignupRequest, status: 201 }, async ({ body }, _req, res) => {
  setSessionCookie(res, await signUp(body));
  return { ok: true };
});

authRoutes.post("/login", { summary: "Sign in with email and password", roles: "public", body: ZLoginRequest }, async ({ body }, _req, res) => {
  setSessionCookie(res, await logIn(body));
  return { ok: true };
});

authRoutes.post("/logout", { summary: "Sign out" }, async ({ ctx }, _req, res) => {
  if (ctx.sessionId) await logOut(ctx.sessionId);
  res.clearCookie(SESSION_COOKIE, { path: "/" });
});

authRoutes.get("/me", { summary: "Who is signed in, in which company, and the CSRF token", response: ZMeResponse }, ({ ctx }) => getMe({ ...ctx, userId: userIdOf(ctx) }));

authRoutes.post("/switch-tenant", { summary: "Work in another company you belong to", body: ZSwitchTenantRequest, response: ZMeResponse }, async ({ body, ctx }) => {
  if (!ctx.sessionId) throw new AppError("rule_violation", "API tokens belong to one company; use a token of the other company");
  await switchTenant(ctx.sessionId, userIdOf(ctx), body.tenantId);
  return getMe({ ...ctx, userId: userIdOf(ctx), tenantId: body.tenantId });
});
