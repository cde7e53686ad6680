import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZRole } from "./common.ts";

// ---------------------------------------------------------------- members of the tenant

export const ZMember = z.object({ userId: ZId, email: z.string(), name: z.string(), role: ZRole, createdAt: z.string() });
export type TMember = z.infer<typeof ZMember>;

// People join a company by invitation only (contracts/invitations.ts), never by an admin adding them.

export const ZUpdateUserRequest = z.object({ role: ZRole }).strict();
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/** `q` matches email or name. Sorted by email. */
export const ZUserListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TUserListQuery = z.infer<typeof ZUserListQuery>;
export const ZMemberPage = ZPage(ZMember);

// ---------------------------------------------------------------- API tokens

export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  role: ZRole,
  createdBy: ZId,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreateApiTokenRequest = z.object({ name: z.string().trim().min(1).max(100), role: ZRole }).strict();
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

/** The secret is shown once, here; only its SHA-256 is stored. Send it as `Authorization: Bearer <secret>`. */
export const ZCreatedApiToken = ZApiToken.extend({ secret: z.string() });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;

/** Newest first. */
export const ZApiTokenListQuery = ZPageQuery.strict();
export const ZApiTokenPage = ZPage(ZApiToken);
