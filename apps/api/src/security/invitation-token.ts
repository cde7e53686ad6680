// Invitation link tokens: `bodinv_<tenant id without dashes>_<secret>`. Like API tokens, the
// tenant is read from the token itself, so the lookup runs under row-level security with the
// tenant set; only the SHA-256 of the whole token is stored.
import { randomToken, sha256 } from "../http/auth.ts";

export function newInvitationToken(tenantId: string): { token: string; hash: string } {
  const token = `bodinv_${tenantId.replaceAll("-", "")}_${randomToken(32)}`;
  return { token, hash: sha256(token) };
}

export function parseInvitationToken(token: string): { tenantId: string; hash: string } | undefined {
  const m = /^bodinv_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token.trim());
  if (!m) return undefined;
  const hex = m[1]!;
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { tenantId, hash: sha256(token.trim()) };
}
