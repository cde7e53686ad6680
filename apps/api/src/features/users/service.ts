// Members of a tenant: a user (global, no row-level security) plus a membership with a role
// (tenant-scoped). People join by invitation only (invitations.ts). Removing or demoting a member
// ends, in the same transaction, what they granted: their sessions in this company and API
// tokens (removal), their open invitations (removal, or no longer admin). A token of a demoted
// member is cut down to their new role at every request (http/auth.ts).
import type { TPage, TRole } from "@bod/contracts/common";
import type { TMember, TUserListQuery } from "@bod/contracts/users";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { revokeInvitationsSentBy } from "./invitations.ts";

type MemberRow = { userId: string; role: TRole; createdAt: Date; user: { email: string; name: string } };
const toMember = (m: MemberRow): TMember => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: iso(m.createdAt) });
const withUser = { user: { select: { email: true, name: true } } } as const;

async function findMembership(tx: Tx, tenantId: string, userId: string) {
  const row = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, include: withUser });
  if (!row) throw notFound("User");
  return row;
}

export async function listMembers(ctx: RequestContext, query: TUserListQuery): Promise<TPage<TMember>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const q = query.q;
    const rows = await tx.membership.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [
          q ? { user: { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] } } : {},
          cursor ? { OR: [{ user: { email: { gt: cursor.key } } }, { user: { email: cursor.key }, userId: { gt: cursor.id } }] } : {},
        ],
      },
      include: withUser,
      orderBy: [{ user: { email: "asc" } }, { userId: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (m) => [m.user.email, m.userId], toMember);
  });
}

export async function getMember(ctx: RequestContext, userId: string) {
  return inTenant(ctx, async (tx) => toMember(await findMembership(tx, ctx.tenantId, userId)));
}

export async function changeMemberRole(ctx: RequestContext, userId: string, role: TRole) {
  return inTenant(ctx, async (tx) => {
    const member = await findMembership(tx, ctx.tenantId, userId);
    if (userId === ctx.userId && role !== member.role) throw new AppError("rule_violation", "You cannot change your own role; ask another admin");
    const updated = await tx.membership.update({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId } }, data: { role }, include: withUser });
    if (member.role === "admin" && role !== "admin") await revokeInvitationsSentBy(tx, ctx.tenantId, userId);
    return toMember(updated);
  });
}

export async function removeMember(ctx: RequestContext, userId: string) {
  await inTenant(ctx, async (tx) => {
    await findMembership(tx, ctx.tenantId, userId);
    if (userId === ctx.userId) throw new AppError("rule_violation", "You cannot remove yourself; ask another admin");
    await tx.membership.delete({ where: { tenantId_userId: { tenantId: ctx.tenantId, userId } } });
    // Sessions that were working in this tenant end; the user's other tenants are untouched.
    await tx.session.deleteMany({ where: { userId, tenantId: ctx.tenantId } });
    // What they granted here ends too (a token would already be refused without the membership; revoked, the list says so).
    await tx.apiToken.updateMany({ where: { tenantId: ctx.tenantId, createdBy: userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await revokeInvitationsSentBy(tx, ctx.tenantId, userId);
  });
}
