-- Invitations instead of adding people directly, sign-in attempts counted in the database, and
-- who a session or an API token is resolved in one statement (docs/decisions/011).
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('pending', 'accepted', 'declined', 'revoked');

-- CreateTable
CREATE TABLE "invitations" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'pending',
    "token_hash" TEXT NOT NULL,
    "invited_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "accepted_by" UUID,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "key" TEXT NOT NULL,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_email_idx" ON "invitations"("email");

-- CreateIndex
CREATE INDEX "invitations_tenant_id_created_at_id_idx" ON "invitations"("tenant_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "sign_in_throttle_window_started_at_idx" ON "sign_in_throttle"("window_started_at");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open invitation per company and email (inviting again replaces it).
CREATE UNIQUE INDEX "invitations_one_pending_idx" ON "invitations" ("tenant_id", "email") WHERE status = 'pending';

ALTER TABLE "invitations" ADD CONSTRAINT "invitations_state_check" CHECK (
  email = lower(email) AND expires_at > created_at
  AND (status = 'pending') = (responded_at IS NULL)
  AND (accepted_by IS NULL OR status = 'accepted'));
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_attempts_check" CHECK (attempts >= 0);

-- The signed-in user's email: an invitation is visible to the person it is addressed to, in
-- every company, before they belong to it (their pending invitations).
CREATE FUNCTION app_current_user_email() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT email FROM users WHERE id = app_current_user() $$;
GRANT EXECUTE ON FUNCTION app_current_user_email() TO bod_app;

ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "invitations"
  USING (tenant_id = app_current_tenant() OR email = app_current_user_email())
  WITH CHECK (tenant_id = app_current_tenant());

-- Global like users and sessions: an attempt is counted before any tenant is known.
GRANT SELECT, INSERT, UPDATE, DELETE ON "invitations", "sign_in_throttle" TO bod_app;

-- Who a session cookie is, in one statement before any tenant is known: its user, the company
-- it works in, the CSRF token, and the role the user holds there now. No row: unknown, expired,
-- or no longer a member of that company.
CREATE FUNCTION app_session_principal(p_session text)
RETURNS TABLE (user_id uuid, tenant_id uuid, role "Role", csrf_token text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.user_id, s.tenant_id, m.role, s.csrf_token
  FROM sessions s
  JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
  WHERE s.id = p_session AND s.expires_at > now()
$$;
REVOKE ALL ON FUNCTION app_session_principal(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_principal(text) TO bod_app;

-- Who an API token is, in one statement (and its last use noted): the token's role and the role
-- its creator holds in the company now. No row: unknown, revoked, or its creator is no longer a
-- member — a token lives only as long as the membership that made it. The API takes the lesser
-- of the two roles (packages/contracts/src/roles.ts effectiveRole).
CREATE FUNCTION app_api_token_principal(p_tenant uuid, p_token_hash text)
RETURNS TABLE (token_id uuid, created_by uuid, token_role "Role", creator_role "Role")
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE api_tokens t SET last_used_at = now()
  FROM memberships m
  WHERE t.token_hash = p_token_hash AND t.tenant_id = p_tenant AND t.revoked_at IS NULL
    AND m.tenant_id = t.tenant_id AND m.user_id = t.created_by
  RETURNING t.id, t.created_by, t.role, m.role
$$;
REVOKE ALL ON FUNCTION app_api_token_principal(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_api_token_principal(uuid, text) TO bod_app;

-- A company is visible to the people it has invited while their invitation is open (its name
-- on their pending invitations), as it is to its members.
ALTER POLICY tenant_isolation ON "tenants"
  USING (id = app_current_tenant()
         OR id IN (SELECT tenant_id FROM memberships WHERE user_id = app_current_user())
         OR id IN (SELECT tenant_id FROM invitations WHERE email = app_current_user_email() AND status = 'pending'));
