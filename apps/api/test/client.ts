// A small HTTP client for API tests: keeps the session cookie and sends the CSRF token,
// like the SPA does. Tests go through real HTTP to the real app and database.
import crypto from "node:crypto";
import { testEnv } from "./env.ts";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
  tenantId?: string;
  userId?: string;

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h["content-type"] = "application/json";
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== "GET") h["x-csrf-token"] = this.csrfToken;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(testEnv.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const m = /bod_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `bod_session=${m[1]}` : undefined;
    }
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep text (CSV, HTML) */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, body ?? {}, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, body ?? {}, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, undefined, headers);
  }

  /** Reads /auth/me to learn the CSRF token, tenant and user. */
  async refresh() {
    const me = await this.get("/api/v1/auth/me");
    if (me.status !== 200) throw new Error(`auth/me: ${me.status} ${JSON.stringify(me.body)}`);
    this.csrfToken = me.body.csrfToken;
    this.tenantId = me.body.tenant.id;
    this.userId = me.body.user.id;
    return me.body;
  }
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${crypto.randomBytes(5).toString("hex")}@example.test`;
export const PASSWORD = "correct horse battery";

/** A new company with its admin signed in. */
export async function signUpCompany(name = "Acme Supplies"): Promise<ApiClient> {
  const client = new ApiClient();
  const res = await client.post("/api/v1/auth/signup", { companyName: name, name: "Ada Admin", email: uniqueEmail("admin"), password: PASSWORD });
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${JSON.stringify(res.body)}`);
  await client.refresh();
  return client;
}

/** An invitation from `admin`'s company for `email` with `role`; returns the created invitation, token included. */
export async function invite(admin: ApiClient, email: string, role: "admin" | "manager" | "staff" | "purchaser") {
  const res = await admin.post("/api/v1/invitations", { email, role });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; email: string; role: string; token: string };
}

/**
 * Invites `email` (a new one unless given) into the admin's company and accepts by the link:
 * a new person chooses `name` and `password`; an existing account gives its password. Returns
 * the invitee signed in (working in the admin's company).
 */
export async function inviteAndAccept(
  admin: ApiClient,
  role: "admin" | "manager" | "staff" | "purchaser",
  options: { email?: string; name?: string; password?: string } = {},
): Promise<{ client: ApiClient; email: string }> {
  const email = options.email ?? uniqueEmail(role);
  const { token } = await invite(admin, email, role);
  const client = new ApiClient();
  const res = await client.post("/api/v1/auth/invitations/accept", { token, name: options.name ?? `${role} person`, password: options.password ?? PASSWORD });
  if (res.status !== 201) throw new Error(`accept invitation: ${res.status} ${JSON.stringify(res.body)}`);
  if (!client.cookie) throw new Error("accept invitation: no session started (an existing account with another password?)");
  await client.refresh();
  return { client, email };
}

/** A member of the admin's company with the given role, signed in (invited, and accepted by the link). */
export async function addMember(admin: ApiClient, role: "admin" | "manager" | "staff" | "purchaser"): Promise<ApiClient> {
  return (await inviteAndAccept(admin, role)).client;
}
