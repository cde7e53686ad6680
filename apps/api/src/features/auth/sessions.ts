// Login sessions: the cookie carries a random token, only its SHA-256 is stored. A session is
// created inside the transaction that earns it (sign-up, sign-in, accepting an invitation), so
// it exists only if everything else did.
import { hash, verify } from "@node-rs/argon2";
import crypto from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { randomToken, sha256 } from "../../http/auth.ts";
import { envValue } from "../../config.ts";

const SESSION_DAYS = envValue("SESSION_DAYS");
// A hash to verify against when the email is unknown, so both cases take as long.
const DUMMY_HASH = hash("not-a-real-password-" + crypto.randomUUID());

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(tx: Tx, userId: string, tenantId: string): Promise<NewSession> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await tx.session.create({ data: { id: sha256(token), userId, tenantId, csrfToken: randomToken(24), expiresAt } });
  return { token, expiresAt };
}

/** Whether `password` is the one of the account (when there is one), in about the same time either way. */
export async function isAccountPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const ok = await verify(passwordHash ?? (await DUMMY_HASH), password);
  return ok && passwordHash !== undefined;
}

/** Same cost whether or not the email is new: the hash is made (for a new account) and a password checked (for an existing one). */
export async function hashAndCheck(existingHash: string | undefined, password: string): Promise<{ passwordHash: string; isOwner: boolean }> {
  const [passwordHash, isOwner] = await Promise.all([hash(password), isAccountPassword(existingHash, password)]);
  return { passwordHash, isOwner };
}
