// Accounts: sign-up, sign-in, sign-out, switching company, who am I. Every change is one
// transaction (a user, their company, membership and session commit together or not at all),
// and no answer says whether an email already has an account (docs/decisions/011).
import crypto from "node:crypto";
import type { TLoginRequest, TMeResponse, TSignupRequest } from "@bod/contracts/auth";
import type { TRole } from "@bod/contracts/common";
import { asUser, db, inTenant, prepared, readInTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { assertPasswordAllowed } from "../../security/password-policy.ts";
import { beginSignInAttempt } from "./sign-in-throttle.ts";
import { createSession, hashAndCheck, isAccountPassword, type NewSession } from "./sessions.ts";

export type { NewSession };

export function slugify(name: string) {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "tenant";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}

/**
 * A new company with its first admin, signed in — or, for an email that already has an account,
 * a new company for that account when the password is its password, and nothing at all (no
 * session) when it is not. The caller answers the same in every case.
 */
export async function signUp(input: TSignupRequest, address: string): Promise<NewSession | undefined> {
  const email = input.email.toLowerCase();
  assertPasswordAllowed(input.password, [email, input.name, input.companyName]);
  const attempt = await beginSignInAttempt(address, email);
  const existing = await findAccount(email);
  const { passwordHash, isOwner } = await hashAndCheck(existing?.passwordHash, input.password);
  if (existing && !isOwner) return undefined; // counted against the account like a wrong password
  const tenantId = crypto.randomUUID();
  try {
    // The new tenant is known before the transaction, so row-level security admits its rows.
    const session = await inTenant({ tenantId, userId: null }, async (tx) => {
      const userId = existing?.id ?? (await tx.user.create({ data: { email, name: input.name, passwordHash }, select: { id: true } })).id;
      await tx.tenant.create({ data: { id: tenantId, name: input.companyName, slug: slugify(input.companyName) } });
      await tx.membership.create({ data: { tenantId, userId, role: "admin" } });
      return createSession(tx, userId, tenantId);
    });
    await attempt.succeeded({ keepAddress: true });
    return session;
  } catch (error) {
    // The same email signing up twice at once: the second finds it taken, like an existing account.
    if (!existing && isUniqueViolation(error, "email")) return undefined;
    throw error;
  }
}

export async function logIn(input: TLoginRequest, address: string): Promise<NewSession> {
  const email = input.email.toLowerCase();
  const attempt = await beginSignInAttempt(address, email);
  const found = await findAccount(email);
  // Checked (against a dummy hash for an unknown email) before deciding, so both take as long.
  const ok = await isAccountPassword(found?.passwordHash, input.password);
  if (!found || !ok) throw new AppError("unauthenticated", "Wrong email or password");
  const session = await asUser(found.id, async (tx) => {
    const membership = await tx.membership.findFirst({ where: { userId: found.id }, orderBy: { createdAt: "asc" } });
    if (!membership) throw new AppError("forbidden", "This account belongs to no company any more; open an invitation link to join one");
    return createSession(tx, found.id, membership.tenantId);
  });
  await attempt.succeeded();
  return session;
}

export async function findAccount(email: string) {
  return asUser(undefined, (tx) => tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } }));
}

/** Prisma's unique-constraint error (P2002) on a constraint that names `column`. */
export function isUniqueViolation(error: unknown, column: string) {
  const e = error as { code?: string; meta?: unknown };
  return e?.code === "P2002" && JSON.stringify(e.meta ?? "").includes(column);
}

export async function logOut(sessionId: string) {
  await db().session.deleteMany({ where: { id: sessionId } });
}

/** Returns the role the user holds in the company switched to. */
export async function switchTenant(sessionId: string, userId: string, tenantId: string): Promise<TRole> {
  return asUser(userId, async (tx) => {
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
    if (!membership) throw new AppError("not_found", "Company not found");
    await tx.session.update({ where: { id: sessionId }, data: { tenantId } });
    return membership.role;
  });
}

/**
 * `role` is the request's: for an API token, the lesser of its role and its creator's (http/auth.ts).
 * One statement, in the request's own transaction (GET /auth/me is a `requestRead`): the user,
 * their memberships with each company, and the session's CSRF token. Row-level security shows the
 * user's own memberships and companies (app.user_id is set with the tenant).
 */
export async function getMe(ctx: { tenantId: string; userId: string; role: TRole; sessionId?: string }): Promise<TMeResponse> {
  const [row] = await readInTenant(ctx, (sql) => sql<MeRow>(ME_SQL, [ctx.userId, ctx.sessionId ?? null]));
  const current = row?.memberships.find((m) => m.tenantId === ctx.tenantId);
  if (!row || !current) throw new AppError("unauthenticated", "Sign in again");
  return {
    user: { id: row.id, email: row.email, name: row.name },
    tenant: { id: current.tenantId, name: current.tenantName, slug: current.slug, allocationPolicy: current.allocationPolicy, currency: current.currency },
    role: ctx.role,
    memberships: row.memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, role: m.role })),
    csrfToken: row.csrf_token ?? "",
  };
}

interface MeRow {
  id: string;
  email: string;
  name: string;
  csrf_token: string | null;
  memberships: { tenantId: string; tenantName: string; slug: string; role: TRole; allocationPolicy: TMeResponse["tenant"]["allocationPolicy"]; currency: string }[];
}
const ME_SQL = prepared(
  "auth_me",
  `
  SELECT u.id::text, u.email, u.name,
         (SELECT s.csrf_token FROM sessions s WHERE s.id = $2::text AND s.user_id = u.id) AS csrf_token,
         coalesce((SELECT json_agg(json_build_object('tenantId', t.id, 'tenantName', t.name, 'slug', t.slug, 'role', m.role,
                                                     'allocationPolicy', t.allocation_policy, 'currency', t.currency) ORDER BY m.created_at, m.tenant_id)
                   FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE m.user_id = u.id), '[]') AS memberships
  FROM users u WHERE u.id = $1::uuid`,
);
