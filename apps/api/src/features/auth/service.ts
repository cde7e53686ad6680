import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { TLoginRequest, TMeResponse, TSignupRequest } from "@bod/contracts/auth";
import { asUser, db, inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { randomToken, sha256 } from "../../http/auth.ts";

const SESSION_DAYS = Number(process.env.SESSION_DAYS ?? 14);
// A hash to verify against when the email is unknown, so both cases take as long.
const DUMMY_HASH = hash("not-a-real-password-" + crypto.randomUUID());

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export function slugify(name: string) {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "tenant";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function signUp(input: TSignupRequest): Promise<NewSession> {
  const email = input.email.toLowerCase();
  const passwordHash = await hash(input.password);
  const tenantId = crypto.randomUUID();
  const userId = await asUser(undefined, async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) throw new AppError("conflict", "An account with this email already exists; sign in instead", { field: "email" });
    const user = await tx.user.create({ data: { email, name: input.name, passwordHash } });
    return user.id;
  });
  await inTenant({ tenantId, userId }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: input.companyName, slug: slugify(input.companyName) } });
    await tx.membership.create({ data: { tenantId, userId, role: "admin" } });
  });
  return createSession(userId, tenantId);
}

export async function logIn(input: TLoginRequest): Promise<NewSession> {
  const email = input.email.toLowerCase();
  const found = await asUser(undefined, (tx) => tx.user.findUnique({ where: { email } }));
  const ok = await verify(found?.passwordHash ?? (await DUMMY_HASH), input.password);
  if (!found || !ok) throw new AppError("unauthenticated", "Wrong email or password");
  const membership = await asUser(found.id, (tx) => tx.membership.findFirst({ where: { userId: found.id }, orderBy: { createdAt: "asc" } }));
  if (!membership) throw new AppError("forbidden", "This account belongs to no company any more");
  return createSession(found.id, membership.tenantId);
}

async function createSession(userId: string, tenantId: string): Promise<NewSession> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await asUser(userId, (tx) => tx.session.create({ data: { id: sha256(token), userId, tenantId, csrfToken: randomToken(24), expiresAt } }));
  return { token, expiresAt };
}

export async function logOut(sessionId: string) {
  await db().session.deleteMany({ where: { id: sessionId } });
}

export async function switchTenant(sessionId: string, userId: string, tenantId: string) {
  await asUser(userId, async (tx) => {
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
    if (!membership) throw new AppError("not_found", "Company not found");
    await tx.session.update({ where: { id: sessionId }, data: { tenantId } });
  });
}

export async function getMe(ctx: { tenantId: string; userId: string; sessionId?: string }): Promise<TMeResponse> {
  return asUser(ctx.userId, async (tx) => {
    // One query at a time: a transaction is one connection.
    const user = await tx.user.findUniqueOrThrow({ where: { id: ctx.userId } });
    const memberships = await tx.membership.findMany({ where: { userId: ctx.userId }, include: { tenant: true }, orderBy: { createdAt: "asc" } });
    const session = ctx.sessionId ? await tx.session.findUnique({ where: { id: ctx.sessionId } }) : undefined;
    const current = memberships.find((m) => m.tenantId === ctx.tenantId);
    if (!current) throw new AppError("unauthenticated", "Sign in again");
    return {
      user: { id: user.id, email: user.email, name: user.name },
      tenant: { id: current.tenant.id, name: current.tenant.name, slug: current.tenant.slug, allocationPolicy: current.tenant.allocationPolicy },
      role: current.role,
      memberships: memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenant.name, role: m.role })),
      csrfToken: session?.csrfToken ?? "",
    };
  });
}
