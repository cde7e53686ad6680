// The invitee's side of invitations (docs/decisions/011): by the link's token (a new person
// chooses a name and password; someone with an account gives its password), or signed in, from
// the pending invitations addressed to their email. Accepting is one transaction: the user (when
// new), the membership, the invitation's answer and the session commit together or not at all.
import type { TAcceptInvitationRequest, TInvitationPreview, TMyInvitation } from "@bod/contracts/invitations";
import type { TRole } from "@bod/contracts/common";
import { asUser, inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { iso } from "../../http/pagination.ts";
import { userIdOf, type RequestContext } from "../../http/types.ts";
import { parseInvitationToken } from "../../security/invitation-token.ts";
import { assertPasswordAllowed } from "../../security/password-policy.ts";
import { beginSignInAttempt } from "./sign-in-throttle.ts";
import { createSession, hashAndCheck, type NewSession } from "./sessions.ts";
import { findAccount, isUniqueViolation } from "./service.ts";

const linkNotValid = () => new AppError("not_found", "This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one.");
const open = () => ({ status: "pending" as const, expiresAt: { gt: new Date() } });

async function findByToken(token: string) {
  const parsed = parseInvitationToken(token);
  if (!parsed) throw linkNotValid();
  const found = await inTenant({ tenantId: parsed.tenantId }, (tx) =>
    tx.invitation.findFirst({ where: { tenantId: parsed.tenantId, tokenHash: parsed.hash, ...open() }, include: { tenant: { select: { name: true } } } }),
  );
  if (!found) throw linkNotValid();
  return found;
}

export async function previewInvitation(token: string): Promise<TInvitationPreview> {
  const inv = await findByToken(token);
  return { companyName: inv.tenant.name, email: inv.email, role: inv.role, expiresAt: iso(inv.expiresAt) };
}

/**
 * Accepts by the link and signs in. For an email that already has an account, only with that
 * account's password (the name is left as it is); with another password nothing happens and no
 * session starts, and the caller answers exactly as on success.
 */
export async function acceptInvitationByLink(input: TAcceptInvitationRequest, address: string): Promise<NewSession | undefined> {
  const inv = await findByToken(input.token);
  assertPasswordAllowed(input.password, [inv.email, input.name, inv.tenant.name]);
  const attempt = await beginSignInAttempt(address, inv.email);
  const existing = await findAccount(inv.email);
  const { passwordHash, isOwner } = await hashAndCheck(existing?.passwordHash, input.password);
  if (existing && !isOwner) return undefined;
  try {
    const session = await inTenant({ tenantId: inv.tenantId }, async (tx) => {
      const userId = existing?.id ?? (await tx.user.create({ data: { email: inv.email, name: input.name, passwordHash }, select: { id: true } })).id;
      await answer(tx, inv.tenantId, inv.id, userId, inv.role);
      return createSession(tx, userId, inv.tenantId);
    });
    await attempt.succeeded();
    return session;
  } catch (error) {
    if (!existing && isUniqueViolation(error, "email")) return undefined; // the account was created meanwhile
    throw error;
  }
}

/** Marks the open invitation accepted by `userId` and makes them a member (a member already keeps their role). */
async function answer(tx: Tx, tenantId: string, id: string, userId: string, role: TRole) {
  const now = new Date();
  const claimed = await tx.invitation.updateMany({ where: { tenantId, id, ...open() }, data: { status: "accepted", respondedAt: now, acceptedBy: userId } });
  if (claimed.count !== 1) throw linkNotValid();
  await tx.membership.createMany({ data: [{ tenantId, userId, role }], skipDuplicates: true });
}

// ---------------------------------------------------------------- signed in

function personOf(ctx: RequestContext) {
  if (ctx.via !== "session") throw new AppError("forbidden", "Invitations are answered by a person signed in, not with an API token");
  return userIdOf(ctx);
}

async function emailOf(tx: Tx, userId: string) {
  return (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })).email;
}

/** Open invitations addressed to the signed-in user's email, from every company, oldest first. */
export async function listMyInvitations(ctx: RequestContext): Promise<{ items: TMyInvitation[] }> {
  const userId = personOf(ctx);
  return asUser(userId, async (tx) => {
    const email = await emailOf(tx, userId);
    const rows = await tx.invitation.findMany({ where: { email, ...open() }, include: { tenant: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return { items: rows.map((r) => ({ id: r.id, tenantId: r.tenantId, tenantName: r.tenant.name, role: r.role, createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt) })) };
  });
}

/**
 * Answers one of my invitations in one transaction: read as myself (row-level security shows
 * invitations addressed to my email), then with its company set as the tenant for the writes.
 */
async function respondToMine(ctx: RequestContext, id: string, accept: boolean) {
  const userId = personOf(ctx);
  return asUser(userId, async (tx) => {
    const email = await emailOf(tx, userId);
    const inv = await tx.invitation.findFirst({ where: { id, email, ...open() }, include: { tenant: { select: { name: true } } } });
    if (!inv) throw notFound("Invitation");
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${inv.tenantId}, true)`;
    if (accept) await answer(tx, inv.tenantId, inv.id, userId, inv.role);
    else {
      const declined = await tx.invitation.updateMany({ where: { tenantId: inv.tenantId, id, ...open() }, data: { status: "declined", respondedAt: new Date() } });
      if (declined.count !== 1) throw notFound("Invitation");
    }
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: inv.tenantId, userId } } });
    return { tenantId: inv.tenantId, tenantName: inv.tenant.name, role: membership?.role ?? inv.role };
  });
}

export const acceptMyInvitation = (ctx: RequestContext, id: string) => respondToMine(ctx, id, true);
export async function declineMyInvitation(ctx: RequestContext, id: string) {
  await respondToMine(ctx, id, false);
}
