// Backorder policies per customer (docs/decisions/020): listed, added, changed and removed by
// managers; read by order creation (`policiesForEmails`) for every order that arrives.
import type { TBackorderPolicy, TCreateCustomerPolicyRequest, TCustomerPolicy, TCustomerPolicyListQuery, TUpdateCustomerPolicyRequest } from "@bod/contracts/customer-policies";
import type { TPage } from "@bod/contracts/common";
import { Prisma, inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

interface PolicyRow {
  id: string;
  email: string;
  name: string | null;
  policy: TBackorderPolicy;
  note: string | null;
  updatedAt: Date;
}
const toPolicy = (r: PolicyRow): TCustomerPolicy => ({ id: r.id, email: r.email, name: r.name, policy: r.policy, note: r.note, updatedAt: r.updatedAt.toISOString() });
const SELECT = { id: true, email: true, name: true, policy: true, note: true, updatedAt: true } as const;

/** The policies of these addresses (any case), by lower-cased address. */
export async function policiesForEmails(tx: Tx, tenantId: string, emails: (string | null)[]): Promise<Map<string, TBackorderPolicy>> {
  const wanted = [...new Set(emails.flatMap((e) => (e ? [e.trim().toLowerCase()] : [])))];
  if (!wanted.length) return new Map();
  const rows = await tx.$queryRaw<{ email: string; policy: TBackorderPolicy }[]>`
    SELECT email, policy::text AS policy FROM customer_policies WHERE tenant_id = ${tenantId}::uuid AND email = ANY(${wanted}::text[])`;
  return new Map(rows.map((r) => [r.email, r.policy]));
}

export function listCustomerPolicies(ctx: RequestContext, query: TCustomerPolicyListQuery): Promise<TPage<TCustomerPolicy>> {
  const after = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const like = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await tx.$queryRaw<(PolicyRow & { updated_at: Date })[]>`
      SELECT id::text, email, name, policy::text AS policy, note, updated_at
      FROM customer_policies
      WHERE tenant_id = ${ctx.tenantId}::uuid
        ${like ? Prisma.sql`AND (email LIKE ${like} OR lower(coalesce(name, '')) LIKE ${like})` : Prisma.empty}
        ${query.policy ? Prisma.sql`AND policy = ${query.policy}::"BackorderPolicy"` : Prisma.empty}
        ${after ? Prisma.sql`AND (email, id) > (${after.key}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY email, id
      LIMIT ${query.limit + 1}`;
    return toPage(rows, query.limit, (r) => [r.email, r.id], (r) => toPolicy({ ...r, updatedAt: r.updated_at }));
  });
}

export function createCustomerPolicy(ctx: RequestContext, input: TCreateCustomerPolicyRequest): Promise<TCustomerPolicy> {
  return inTenant(ctx, async (tx) => {
    const existing = await tx.customerPolicy.findUnique({ where: { tenantId_email: { tenantId: ctx.tenantId, email: input.email } }, select: { id: true } });
    if (existing) throw new AppError("conflict", `${input.email} already has a backorder policy: change that one`, { id: existing.id });
    const row = await tx.customerPolicy.create({
      data: { tenantId: ctx.tenantId, email: input.email, name: input.name ?? null, policy: input.policy, note: input.note ?? null, updatedBy: ctx.userId ?? null },
      select: SELECT,
    });
    return toPolicy(row);
  });
}

export function updateCustomerPolicy(ctx: RequestContext, policyId: string, input: TUpdateCustomerPolicyRequest): Promise<TCustomerPolicy> {
  return inTenant(ctx, async (tx) => {
    const { count } = await tx.customerPolicy.updateMany({
      where: { tenantId: ctx.tenantId, id: policyId },
      data: { ...input, updatedAt: new Date(), updatedBy: ctx.userId ?? null },
    });
    if (count === 0) throw notFound("Customer policy");
    return toPolicy(await tx.customerPolicy.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ctx.tenantId, id: policyId } }, select: SELECT }));
  });
}

export async function deleteCustomerPolicy(ctx: RequestContext, policyId: string): Promise<void> {
  await inTenant(ctx, async (tx) => {
    const { count } = await tx.customerPolicy.deleteMany({ where: { tenantId: ctx.tenantId, id: policyId } });
    if (count === 0) throw notFound("Customer policy");
  });
}
