import type { TRole } from "@bod/contracts/common";

/**
 * Who is asking, built once per request from a verified session or API token — or, for work
 * on the job queue, from the job (`systemContext`): a store's message or the worker itself,
 * with no user.
 */
export interface RequestContext {
  tenantId: string;
  /** null for the worker and for messages from a store. */
  userId: string | null;
  role: TRole;
  requestId: string;
  /** Set for cookie sessions (CSRF applies), not for Bearer tokens. */
  sessionId?: string;
  via: "session" | "token" | "store" | "worker";
}

/** The context of a job: no user, acting with an admin's reach within one tenant. */
export function systemContext(tenantId: string, via: "store" | "worker", requestId: string): RequestContext {
  return { tenantId, userId: null, role: "admin", requestId, via };
}

declare global {
  namespace Express {
    interface Request {
      ctx?: RequestContext;
      validated?: { body?: unknown; query?: unknown; params?: unknown };
    }
  }
}

/** The signed-in user of a request; services that belong to a person (saved views, tokens, sessions) need one. */
export function userIdOf(ctx: RequestContext): string {
  if (!ctx.userId) throw new Error("this operation needs a signed-in user");
  return ctx.userId;
}
