// Invitations to join a company (docs/decisions/011). An admin invites an email with a role;
// the answer is the same whether or not that email has an account, and carries a one-time link
// token (this product sends no e-mail yet: the admin passes the link on). The invitee accepts by
// the link (a new person chooses a name and password) or, already having an account, from their
// pending invitations after signing in.
import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZRole } from "./common.ts";
import { ZNewPassword } from "./auth.ts";

/** `expired`: still pending past `expiresAt` (not stored, derived). */
export const ZInvitationStatus = z.enum(["pending", "expired", "accepted", "declined", "revoked"]);
export type TInvitationStatus = z.infer<typeof ZInvitationStatus>;

/** An invitation as the inviting company's admins see it: nothing about whether the email has an account. */
export const ZInvitation = z.object({
  id: ZId,
  email: z.string(),
  role: ZRole,
  status: ZInvitationStatus,
  invitedBy: z.object({ userId: ZId, name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

/** Inviting the same email again replaces its pending invitation (a new link; the old one stops working). */
export const ZCreateInvitationRequest = z.object({ email: z.email().max(200), role: ZRole }).strict();
export type TCreateInvitationRequest = z.infer<typeof ZCreateInvitationRequest>;

/**
 * The link's token is shown once, here; only its SHA-256 is stored. The invitee opens
 * `/accept-invitation#token=<token>` in the app (or POSTs it to /auth/invitations/accept).
 */
export const ZCreatedInvitation = ZInvitation.extend({ token: z.string() });
export type TCreatedInvitation = z.infer<typeof ZCreatedInvitation>;

/** `open` (default): pending ones, expired included; `all`: answered and revoked ones too. Newest first. */
export const ZInvitationListQuery = ZPageQuery.extend({ status: z.enum(["open", "all"]).default("open") }).strict();
export type TInvitationListQuery = z.infer<typeof ZInvitationListQuery>;
export const ZInvitationPage = ZPage(ZInvitation);

// ---------------------------------------------------------------- the invitee, by the link

export const ZInvitationTokenRequest = z.object({ token: z.string().min(1).max(300) }).strict();
export type TInvitationTokenRequest = z.infer<typeof ZInvitationTokenRequest>;

/** What the link invites to; 404 once it is used, revoked or expired. */
export const ZInvitationPreview = z.object({ companyName: z.string(), email: z.string(), role: ZRole, expiresAt: z.string() });
export type TInvitationPreview = z.infer<typeof ZInvitationPreview>;

/**
 * A new person chooses a name and a password. Someone whose email already has an account gives
 * that account's password instead (the name is then left as it is). Answered with
 * `ZAccountRequestAnswer` either way; a session starts when it worked.
 */
export const ZAcceptInvitationRequest = z.object({ token: z.string().min(1).max(300), name: z.string().trim().min(1).max(100), password: ZNewPassword }).strict();
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequest>;

// ---------------------------------------------------------------- the invitee, signed in

/** A pending invitation addressed to the signed-in user's email, from any company. */
export const ZMyInvitation = z.object({ id: ZId, tenantId: ZId, tenantName: z.string(), role: ZRole, createdAt: z.string(), expiresAt: z.string() });
export type TMyInvitation = z.infer<typeof ZMyInvitation>;
export const ZMyInvitationList = z.object({ items: z.array(ZMyInvitation) });
export type TMyInvitationList = z.infer<typeof ZMyInvitationList>;
