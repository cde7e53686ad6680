// Inviting people into the company (admins; docs/decisions/011). An invitation is addressed to
// an email, whoever it belongs to: the answer never says whether the email has an account, nor
// shows anything another company knows about it. It carries a one-time link token, shown only
// in the answer to the invite (stored as its SHA-256), valid for INVITATION_DAYS.
import type { TPage, TRole } from "@bod/contracts/common";
import type { TCreateInvitationRequest, TCreatedInvitation, TInvitation, TInvitationListQuery } from "@bod/contracts/invitations";
import { grantableRoles, roleCovers } from "@bod/contracts/roles";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, isoOrNull, toPage } from "../../http/pagination.ts";
import { userIdOf, type RequestContext } from "../../http/types.ts";
import { newInvitationToken } from "../../security/invitation-token.ts";

export const INVITATION_DAYS = 7;

type InvitationRow = { id: string; email: string; role: TRole; status: "pending" | "accepted" | "declined" | "revoked"; invitedBy: string; createdAt: Date; expiresAt: Date; respondedAt: Date | null };

function toInvitation(row: InvitationRow, names: Map<string, string>, now = new Date()): TInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.status === "pending" && row.expiresAt <= now ? "expired" : row.status,
    invitedBy: { userId: row.invitedBy, name: names.get(row.invitedBy) ?? "" },
    createdAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    respondedAt: isoOrNull(row.respondedAt),
  };
}

async function inviterNames(tx: Tx, rows: { invitedBy: string }[]) {
  const ids = [...new Set(rows.map((r) => r.invitedBy))];
  const users = ids.length ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function createInvitation(ctx: RequestContext, input: TCreateInvitationRequest): Promise<TCreatedInvitation> {
  const email = input.email.toLowerCase();
  if (!roleCovers(ctx.role, input.role)) throw new AppError("forbidden", `You may invite only with a role your own covers: ${grantableRoles(ctx.role).join(", ")}`);
  const invitedBy = userIdOf(ctx);
  return inTenant(ctx, async (tx) => {
    // Whether the email is a member here is this company's own knowledge; whether it has an account elsewhere is not asked.
    const member = await tx.membership.findFirst({ where: { tenantId: ctx.tenantId, user: { email } }, select: { userId: true } });
    if (member) throw new AppError("conflict", "This person is already a member of the company", [{ path: "email", message: "Already a member" }]);
    const now = new Date();
    // Inviting again replaces the open invitation: its link stops working.
    await tx.invitation.updateMany({ where: { tenantId: ctx.tenantId, email, status: "pending" }, data: { status: "revoked", respondedAt: now } });
    const { token, hash } = newInvitationToken(ctx.tenantId);
    const row = await tx.invitation.create({
      data: { tenantId: ctx.tenantId, email, role: input.role, tokenHash: hash, invitedBy, expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) },
    });
    return { ...toInvitation(row, await inviterNames(tx, [row])), token };
  });
}

/** Newest first; `open`: pending ones (expired included). */
export async function listInvitations(ctx: RequestContext, query: TInvitationListQuery): Promise<TPage<TInvitation>> {
  const cursor = decodeTextCursor(query.cursor);
  const at = cursor ? new Date(cursor.key) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new AppError("invalid_input", "Invalid cursor", [{ path: "cursor", message: "Not a cursor of this list", code: "custom" }]);
  return inTenant(ctx, async (tx) => {
    const rows = await tx.invitation.findMany({
      where: {
        tenantId: ctx.tenantId,
        ...(query.status === "open" ? { status: "pending" as const } : {}),
        ...(at ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor!.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    const names = await inviterNames(tx, rows);
    return toPage(rows, query.limit, (r) => [iso(r.createdAt), r.id], (r) => toInvitation(r, names));
  });
}

export async function getInvitation(ctx: RequestContext, id: string): Promise<TInvitation> {
  return inTenant(ctx, async (tx) => {
    const row = await tx.invitation.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    if (!row) throw notFound("Invitation");
    return toInvitation(row, await inviterNames(tx, [row]));
  });
}

/** The link stops working. An invitation already accepted or declined stays as it was (422). */
export async function revokeInvitation(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    const row = await tx.invitation.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    if (!row) throw notFound("Invitation");
    if (row.status === "accepted" || row.status === "declined") throw new AppError("rule_violation", `This invitation was already ${row.status}; remove the member instead`);
    if (row.status === "pending") await tx.invitation.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "revoked", respondedAt: new Date() } });
  });
}

/** Open invitations sent by someone who may no longer invite (removed, or no longer an admin) end with that change, in its transaction. */
export async function revokeInvitationsSentBy(tx: Tx, tenantId: string, userId: string) {
  await tx.invitation.updateMany({ where: { tenantId, invitedBy: userId, status: "pending" }, data: { status: "revoked", respondedAt: new Date() } });
}
