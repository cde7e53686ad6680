import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import {
  ZApiTokenListQuery,
  ZApiTokenPage,
  ZCreateApiTokenRequest,
  ZCreatedApiToken,
  ZMember,
  ZMemberPage,
  ZUpdateUserRequest,
  ZUserListQuery,
} from "@bod/contracts/users";
import { ZCreateInvitationRequest, ZCreatedInvitation, ZInvitation, ZInvitationListQuery, ZInvitationPage } from "@bod/contracts/invitations";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES, noStore } from "../../http/auth.ts";
import { changeMemberRole, getMember, listMembers, removeMember } from "./service.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import { createInvitation, getInvitation, listInvitations, revokeInvitation } from "./invitations.ts";

export const userRoutes = new ApiRouter("/api/v1/users");
const ZUserParams = z.object({ userId: ZId });

userRoutes.get("/", { summary: "List the members of the company", roles: ROLES.admin, query: ZUserListQuery, response: ZMemberPage }, ({ ctx, query }) => listMembers(ctx, query));
userRoutes.get("/:userId", { summary: "Get a member", roles: ROLES.admin, params: ZUserParams, response: ZMember }, ({ ctx, params }) => getMember(ctx, params.userId));
userRoutes.patch("/:userId", { summary: "Change a member's role (not your own)", roles: ROLES.admin, params: ZUserParams, body: ZUpdateUserRequest, response: ZMember }, ({ ctx, params, body }) =>
  changeMemberRole(ctx, params.userId, body.role),
);
userRoutes.delete("/:userId", { summary: "Remove a member from the company (not yourself)", roles: ROLES.admin, params: ZUserParams }, ({ ctx, params }) => removeMember(ctx, params.userId));

export const apiTokenRoutes = new ApiRouter("/api/v1/api-tokens");
apiTokenRoutes.get("/", { summary: "List API tokens (no secrets), newest first", roles: ROLES.admin, query: ZApiTokenListQuery, response: ZApiTokenPage }, ({ ctx, query }) => listApiTokens(ctx, query));
apiTokenRoutes.post(
  "/",
  {
    summary: "Create an API token; the secret is shown only in this response. It acts with the lesser of its role and its creator's current role, and only while the creator is a member",
    roles: ROLES.admin,
    body: ZCreateApiTokenRequest,
    response: ZCreatedApiToken,
    status: 201,
  },
  ({ ctx, body }, _req, res) => {
    noStore(res);
    return createApiToken(ctx, body);
  },
);
apiTokenRoutes.delete("/:id", { summary: "Revoke an API token", roles: ROLES.admin, params: z.object({ id: ZId }) }, ({ ctx, params }) => revokeApiToken(ctx, params.id));

// People join by invitation (docs/decisions/011); the invitee's side is under /api/v1/auth/invitations.
export const invitationRoutes = new ApiRouter("/api/v1/invitations");
const ZInvitationParams = z.object({ id: ZId });
invitationRoutes.get("/", { summary: "List invitations, newest first (open ones unless status=all)", roles: ROLES.admin, query: ZInvitationListQuery, response: ZInvitationPage }, ({ ctx, query }) =>
  listInvitations(ctx, query),
);
invitationRoutes.post(
  "/",
  {
    summary:
      "Invite an email with a role. The answer is the same whether or not the email has an account; its one-time link token is shown only here (this product sends no e-mail: pass the link on). Inviting again replaces the open invitation",
    roles: ROLES.admin,
    body: ZCreateInvitationRequest,
    response: ZCreatedInvitation,
    status: 201,
  },
  ({ ctx, body }, _req, res) => {
    noStore(res);
    return createInvitation(ctx, body);
  },
);
invitationRoutes.get("/:id", { summary: "Get an invitation (never its token)", roles: ROLES.admin, params: ZInvitationParams, response: ZInvitation }, ({ ctx, params }) => getInvitation(ctx, params.id));
invitationRoutes.delete("/:id", { summary: "Revoke an open invitation: its link stops working", roles: ROLES.admin, params: ZInvitationParams }, ({ ctx, params }) => revokeInvitation(ctx, params.id));
