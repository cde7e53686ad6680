// Sign-up, sign-in, sign-out, who am I, switching company (docs/decisions/011): parse, call,
// respond; the session cookie is set here, only when the service started a session.
import type { Request, Response } from "express";
import { ZAccountRequestAnswer, ZLoginRequest, ZMeResponse, ZSignupRequest, ZSwitchTenantRequest } from "@bod/contracts/auth";
import { userIdOf } from "../../http/types.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { SESSION_COOKIE, noStore } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import { getMe, logIn, logOut, signUp, switchTenant, type NewSession } from "./service.ts";
import { envValue } from "../../config.ts";

export const authRoutes = new ApiRouter("/api/v1/auth");

// Every answer under /auth carries or creates a secret (a session, the CSRF token, an invitation): never cached.
authRoutes.router.use((_req, res, next) => {
  noStore(res);
  next();
});

/** The client's address as the socket reports it, or as `trust proxy` (TRUST_PROXY) lets X-Forwarded-For say. */
export const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? "";

/** 429 with Retry-After when the sign-in throttle refuses. */
export async function throttled<T>(res: Response, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (seconds) res.set("Retry-After", String(seconds));
    }
    throw error;
  }
}

export function setSessionCookie(res: Response, session: NewSession) {
  res.cookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: envValue("COOKIE_SECURE"),
    expires: session.expiresAt,
    path: "/",
  });
}

authRoutes.post(
  "/signup",
  {
    summary:
      "Create a company and its first admin, and sign in. Answers the same whether or not the email has an account: with an existing email a company is added to that account (and signed in) only when the password is its password, else nothing happens. GET /auth/me tells who is signed in.",
    roles: "public",
    body: ZSignupRequest,
    response: ZAccountRequestAnswer,
    status: 201,
  },
  async ({ body }, req, res) => {
    const session = await throttled(res, () => signUp(body, clientAddress(req)));
    if (session) setSessionCookie(res, session);
    return { ok: true as const };
  },
);

authRoutes.post("/login", { summary: "Sign in with email and password", roles: "public", body: ZLoginRequest, response: ZAccountRequestAnswer }, async ({ body }, req, res) => {
  setSessionCookie(res, await throttled(res, () => logIn(body, clientAddress(req))));
  return { ok: true as const };
});

authRoutes.post("/logout", { summary: "Sign out" }, async ({ ctx }, _req, res) => {
  if (ctx.sessionId) await logOut(ctx.sessionId);
  res.clearCookie(SESSION_COOKIE, { path: "/" });
});

authRoutes.get("/me", { summary: "Who is signed in, in which company, and the CSRF token", response: ZMeResponse, requestRead: true }, ({ ctx }) => getMe({ ...ctx, userId: userIdOf(ctx) }));

authRoutes.post("/switch-tenant", { summary: "Work in another company you belong to", body: ZSwitchTenantRequest, response: ZMeResponse }, async ({ body, ctx }) => {
  if (!ctx.sessionId) throw new AppError("rule_violation", "API tokens belong to one company; use a token of the other company");
  const role = await switchTenant(ctx.sessionId, userIdOf(ctx), body.tenantId);
  return getMe({ ...ctx, userId: userIdOf(ctx), tenantId: body.tenantId, role });
});
