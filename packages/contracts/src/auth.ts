import { z } from "zod";
import { ZId, ZRole } from "./common.ts";

/**
 * A password being chosen (sign-up, accepting an invitation): at least 12 characters here; the
 * API also refuses common and easily guessed ones (400 naming `password`, with the reason).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const ZNewPassword = z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(200);

export const ZSignupRequest = z
  .object({
    companyName: z.string().trim().min(2).max(100),
    name: z.string().trim().min(1).max(100),
    email: z.email().max(200),
    password: ZNewPassword,
  })
  .strict();
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

/**
 * The answer to sign-up and to accepting an invitation by its link, the same whether or not the
 * email already had an account (docs/decisions/011). Whether a session started — and for whom —
 * is what GET /auth/me says next: with an existing email it starts only when the password was
 * that account's.
 */
export const ZAccountRequestAnswer = z.object({ ok: z.literal(true) });
export type TAccountRequestAnswer = z.infer<typeof ZAccountRequestAnswer>;

export const ZLoginRequest = z.object({ email: z.email(), password: z.string().min(1).max(200) }).strict();
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZSwitchTenantRequest = z.object({ tenantId: ZId }).strict();

export const ZMembershipSummary = z.object({ tenantId: ZId, tenantName: z.string(), role: ZRole });

/** Who is signed in, where, and the CSRF token to send back as `X-CSRF-Token` on writes. */
export const ZMeResponse = z.object({
  user: z.object({ id: ZId, email: z.string(), name: z.string() }),
  tenant: z.object({ id: ZId, name: z.string(), slug: z.string(), allocationPolicy: z.enum(["strict_priority", "complete_orders_first"]), currency: z.string() }),
  role: ZRole,
  memberships: z.array(ZMembershipSummary),
  csrfToken: z.string(),
});
export type TMeResponse = z.infer<typeof ZMeResponse>;
