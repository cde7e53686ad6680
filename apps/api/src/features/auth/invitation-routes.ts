// The invitee's endpoints (admins invite and revoke under /api/v1/invitations, features/users).
// Under /auth, so every answer is Cache-Control: no-store.
import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZAccountRequestAnswer, ZMembershipSummary } from "@bod/contracts/auth";
import { ZAcceptInvitationRequest, ZInvitationPreview, ZInvitationTokenRequest, ZMyInvitationList } from "@bod/contracts/invitations";
import { ApiRouter } from "../../http/endpoint.ts";
import { acceptInvitationByLink, acceptMyInvitation, declineMyInvitation, listMyInvitations, previewInvitation } from "./invitations.ts";
import { clientAddress, setSessionCookie, throttled } from "./routes.ts";

export const myInvitationRoutes = new ApiRouter("/api/v1/auth/invitations");
const ZInvitationParams = z.object({ id: ZId });

myInvitationRoutes.post(
  "/preview",
  { summary: "What an invitation link invites to (company, email, role); 404 once used, revoked or expired", roles: "public", body: ZInvitationTokenRequest, response: ZInvitationPreview },
  ({ body }) => previewInvitation(body.token),
);

myInvitationRoutes.post(
  "/accept",
  {
    summary:
      "Accept an invitation by its link and sign in: a new person chooses a name and password; an email that already has an account gives its password. Answers the same either way; GET /auth/me tells whether a session started.",
    roles: "public",
    body: ZAcceptInvitationRequest,
    response: ZAccountRequestAnswer,
    status: 201,
  },
  async ({ body }, req, res) => {
    const session = await throttled(res, () => acceptInvitationByLink(body, clientAddress(req)));
    if (session) setSessionCookie(res, session);
    return { ok: true as const };
  },
);

myInvitationRoutes.get("/", { summary: "Open invitations addressed to my email, from any company", sessionsOnly: true, response: ZMyInvitationList }, ({ ctx }) => listMyInvitations(ctx));
myInvitationRoutes.post("/:id/accept", { summary: "Accept one of my invitations: I become a member of that company", sessionsOnly: true, params: ZInvitationParams, response: ZMembershipSummary }, ({ ctx, params }) =>
  acceptMyInvitation(ctx, params.id),
);
myInvitationRoutes.post("/:id/decline", { summary: "Decline one of my invitations", sessionsOnly: true, params: ZInvitationParams }, ({ ctx, params }) => declineMyInvitation(ctx, params.id));
