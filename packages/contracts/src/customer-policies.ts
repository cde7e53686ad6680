// Backorder policy per customer: accept / refuse / ship complete, matched by e-mail address on
// every order that arrives (from the API or a store) and overriding the channel's setting.
import { z } from "zod";
import { ZId, ZPageQuery, ZPage } from "./common.ts";

export const ZBackorderPolicy = z.enum(["accept", "refuse", "ship_complete"]);
export type TBackorderPolicy = z.infer<typeof ZBackorderPolicy>;

/** What each policy does, for forms and the API docs (one wording everywhere). */
export const BACKORDER_POLICY_LABELS: Record<TBackorderPolicy, string> = {
  accept: "Accept backorders (even where the channel refuses them)",
  refuse: "Refuse backorders: an order that cannot ship on arrival is tagged no-backorders",
  ship_complete: "Ship complete: hold the order until it can ship whole",
};

const ZName = z.string().trim().min(1).max(200);
const ZNote = z.string().trim().max(500);

export const ZCreateCustomerPolicyRequest = z
  .object({
    email: z.email().max(200).transform((e) => e.toLowerCase()),
    name: ZName.optional(),
    policy: ZBackorderPolicy,
    note: ZNote.optional(),
  })
  .strict();
export type TCreateCustomerPolicyRequest = z.output<typeof ZCreateCustomerPolicyRequest>;

export const ZUpdateCustomerPolicyRequest = z
  .object({ name: ZName.nullable().optional(), policy: ZBackorderPolicy.optional(), note: ZNote.nullable().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one of name, policy, note" });
export type TUpdateCustomerPolicyRequest = z.output<typeof ZUpdateCustomerPolicyRequest>;

export const ZCustomerPolicyParams = z.object({ policyId: ZId }).strict();
export const ZCustomerPolicyListQuery = ZPageQuery.extend({
  /** part of the e-mail address or name */
  q: z.string().trim().min(1).max(200).optional(),
  policy: ZBackorderPolicy.optional(),
}).strict();
export type TCustomerPolicyListQuery = z.output<typeof ZCustomerPolicyListQuery>;

export const ZCustomerPolicy = z.object({
  id: ZId,
  email: z.string(),
  name: z.string().nullable(),
  policy: ZBackorderPolicy,
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type TCustomerPolicy = z.infer<typeof ZCustomerPolicy>;
export const ZCustomerPolicyPage = ZPage(ZCustomerPolicy);
