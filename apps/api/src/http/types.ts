import type { TRole } from "@bod/contracts/common";

/** Who is asking, built once per request from a verified session or API token. */
export interface RequestContext {
  tenantId: string;
  userId: string;
  role: TRole;
  requestId: string;
  /** Set for cookie sessions (CSRF applies), not for Bearer tokens. */
  sessionId?: string;
  via: "session" | "token";
}

declare global {
  namespace Express {
    interface Request {
      ctx?: RequestContext;
      validated?: { body?: unknown; query?: unknown; params?: unknown };
    }
  }
}
