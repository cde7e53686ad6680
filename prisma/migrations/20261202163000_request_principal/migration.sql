-- Who is asking, cheaper (issue 14): the same two principal functions as migration
-- 20261202070100, with the same signatures and answers, in PL/pgSQL so that each connection
-- plans their query once (an SQL function that cannot be inlined, as a SECURITY DEFINER one
-- cannot, plans its query on every call: about 0.2 ms of a request's 0.3).

-- A session cookie: its user, the company it works in, the CSRF token, and the role the user
-- holds there now. No row: unknown, expired, or no longer a member of that company. Read on
-- every request, so a role change, a removed membership or a deleted session counts at once.
CREATE OR REPLACE FUNCTION app_session_principal(p_session text)
RETURNS TABLE (user_id uuid, tenant_id uuid, role "Role", csrf_token text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
    SELECT s.user_id, s.tenant_id, m.role, s.csrf_token
    FROM sessions s
    JOIN memberships m ON m.tenant_id = s.tenant_id AND m.user_id = s.user_id
    WHERE s.id = p_session AND s.expires_at > now();
END
$$;

-- An API token: the token's role and the role its creator holds in the company now. No row:
-- unknown, revoked, or its creator is no longer a member. Its last use is noted at most once a
-- minute (it was written on every call): only when the stored time is older than a minute, and
-- never waiting for a row another request of the same token is noting right now (SKIP LOCKED).
CREATE OR REPLACE FUNCTION app_api_token_principal(p_tenant uuid, p_token_hash text)
RETURNS TABLE (token_id uuid, created_by uuid, token_role "Role", creator_role "Role")
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_last_used timestamptz;
BEGIN
  SELECT t.id, t.created_by, t.role, m.role, t.last_used_at
    INTO token_id, created_by, token_role, creator_role, v_last_used
  FROM api_tokens t
  JOIN memberships m ON m.tenant_id = t.tenant_id AND m.user_id = t.created_by
  WHERE t.token_hash = p_token_hash AND t.tenant_id = p_tenant AND t.revoked_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF v_last_used IS NULL OR v_last_used < now() - interval '1 minute' THEN
    UPDATE api_tokens a SET last_used_at = now()
    WHERE (a.tenant_id, a.id) IN (
      SELECT x.tenant_id, x.id FROM api_tokens x
      WHERE x.tenant_id = p_tenant AND x.id = token_id
        AND (x.last_used_at IS NULL OR x.last_used_at < now() - interval '1 minute')
      FOR NO KEY UPDATE SKIP LOCKED);
  END IF;
  RETURN NEXT;
END
$$;
