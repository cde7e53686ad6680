import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import {

  ZApiTokenListQuery,
  ZApiTokenPage,
  ZCreateApiTokenRequest,
  ZCreateUserRequest,
  ZCreatedApiToken,
  ZMember,
  ZMemberPage,
  ZUpdateUserRequest,
  ZUserListQuery,
} from "@bod/contracts/users";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { changeMemberRole, getMember, inviteMember, listMembers, removeMember } from "./service.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";

export const userRoutes = new ApiRouter("/api/v1/users");
const ZUserParams = z.object({ userId: ZId });

userRoutes.get("/", { summary: "List the members of the company", roles: ROLES.admin, query: ZUserListQuery, response: ZMemberPage }, ({ ctx, query }) => listMembers(ctx, query));
userRoutes.post(
  "/",
  { summary: "Invite a member: creates the user if the email is new, else adds a membership (password ignored)", roles: ROLES.admin, body: ZCreateUserRequest, response: ZMember, status: 201 },
  ({ ctx, body }) => inviteMember(ctx, body),
);
userRoutes.get("/:userId", { summary: "Get a member", roles: ROLES.admin, params: ZUserParams, response: ZMember }, ({ ctx, params }) => getMember(ctx, params.userId));
userRoutes.patch("/:userId", { summary: "Change a member's role (not your own)", roles: ROLES.admin, params: ZUserParams, body: ZUpdateUserRequest, response: ZMember }, ({ ctx, params, body }) =>
  changeMemberRole(ctx, params.userId, body.role),
);
userRoutes.delete("/:userId", { summary: "Remove a member from the company (not yourself)", roles: ROLES.admin, params: ZUserParams }, ({ ctx, params }) => removeMember(ctx, params.userId));

export const apiTokenRoutes = new ApiRouter("/api/v1/api-tokens");
apiTokenRoutes.get("/", { summary: "List API tokens (no secrets), newest first", roles: ROLES.admin, query: ZApiTokenListQuery, response: ZApiTokenPage }, ({ ctx, query }) => listApiTokens(ctx, query));
apiTokenRoutes.post("/", { summary: "Create an API token; the secret is shown only in this response", roles: ROLES.admin, body: ZCreateApiTokenRequest, response: ZCreatedApiToken, status: 201 }, ({ ctx, body }) =>
  createApiToken(ctx, body),
);
apiTokenRoutes.delete("/:id", { summary: "Revoke an API token", roles: ROLES.admin, params: z.object({ id: ZId }) }, ({ ctx, params }) => revokeApiToken(ctx, params.id));
