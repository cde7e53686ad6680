import { z } from "zod";
import { ZId, ZRole } from "./common.ts";

export const ZSignupRequest = z
  .object({
    companyName: z.string().trim().min(2).max(100),
    name: z.string().trim().min(1).max(100),
    email: z.email().max(200),
    password: z.string().min(10).max(200),
  })
  .strict();
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export const ZLoginRequest = z.object({ email: z.email(), password: z.string().min(1).max(200) }).strict();
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZSwitchTenantRequest = z.object({ tenantId: ZId }).strict();

export const ZMembershipSummary = z.object({ tenantId: ZId, tenantName: z.string(), role: ZRole });

/** Who is signed in, where, and the CSRF token to send back as `X-CSRF-Token` on writes. */
export const ZMeResponse = z.object({
  user: z.object({ id: ZId, email: z.string(), name: z.string() }),
  tenant: z.object({ id: ZId, name: z.string(), slug: z.string(), allocationPolicy: z.enum(["strict_priority", "complete_orders_first"]) }),
  role: ZRole,
  memberships: z.array(ZMembershipSummary),
  csrfToken: z.string(),
});
export type TMeResponse = z.infer<typeof ZMeResponse>;
