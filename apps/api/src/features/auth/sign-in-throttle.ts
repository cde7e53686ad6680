// Sign-in attempts counted in PostgreSQL, so every API process shares the count: per client
// address and per account (email), each in a fixed 15-minute window (docs/decisions/011).
// An attempt is counted before the password is checked — so a burst of parallel guesses cannot
// all slip in before the first failure is written — and given back when it succeeds. Sign-up and
// accepting an invitation by its link count too (both check a password against an account); a
// sign-up keeps its count against the address even when it succeeds (each one hashes a password
// and creates a company). Keys are stored as SHA-256, never as addresses or emails.
import { ipKeyGenerator } from "express-rate-limit";
import { db } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { sha256 } from "../../http/auth.ts";
import { envValue } from "../../config.ts";

export const THROTTLE_WINDOW_MS = 15 * 60_000;

/** Read per attempt, so a test can lower them. LOGIN_RATE_LIMIT: per account; the address allows three times as many unless set. */
export function signInLimits(env: NodeJS.ProcessEnv = process.env) {
  const perAccount = envValue("LOGIN_RATE_LIMIT", env);
  return { perAccount, perAddress: envValue("LOGIN_RATE_LIMIT_PER_ADDRESS", env) ?? perAccount * 3 };
}

export interface SignInAttempt {
  /** The password was right: the attempt is not held against the account (nor the address, unless `keepAddress`). */
  succeeded(options?: { keepAddress?: boolean }): Promise<void>;
}

/** Counts an attempt from `address` at `email`; 429 rate_limited when either is over its limit. */
export async function beginSignInAttempt(address: string, email: string): Promise<SignInAttempt> {
  const addressKey = sha256(`address:${ipKeyGenerator(address || "unknown")}`);
  const accountKey = sha256(`account:${email.toLowerCase()}`);
  // Sorted, so two attempts on the same keys lock the rows in the same order.
  const keys = [addressKey, accountKey].sort();
  const windowMs = THROTTLE_WINDOW_MS;
  const rows = await db().$queryRaw<{ key: string; attempts: number; window_started_at: Date }[]>`
    INSERT INTO sign_in_throttle AS t (key, window_started_at, attempts)
    SELECT k, now(), 1 FROM unnest(${keys}::text[]) AS k ORDER BY k
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN t.window_started_at > now() - make_interval(secs => ${windowMs / 1000}) THEN t.attempts + 1 ELSE 1 END,
      window_started_at = CASE WHEN t.window_started_at > now() - make_interval(secs => ${windowMs / 1000}) THEN t.window_started_at ELSE now() END
    RETURNING key, attempts, window_started_at`;
  const limits = signInLimits();
  const over = rows.filter((r) => r.attempts > (r.key === addressKey ? limits.perAddress : limits.perAccount));
  if (over.length) {
    const resetAt = Math.max(...over.map((r) => r.window_started_at.getTime() + windowMs));
    throw new AppError("rate_limited", "Too many sign-in attempts; wait a few minutes and try again", { retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) });
  }
  return {
    async succeeded(options = {}) {
      const given = options.keepAddress ? [accountKey] : keys;
      await db().$executeRaw`UPDATE sign_in_throttle SET attempts = greatest(attempts - 1, 0) WHERE key = ANY(${given}::text[])`;
    },
  };
}

/** Drops windows that are over (a job every 15 minutes, jobs/tasks.ts); returns how many. */
export async function sweepSignInThrottle(): Promise<number> {
  return db().$executeRaw`DELETE FROM sign_in_throttle WHERE window_started_at < now() - make_interval(secs => ${THROTTLE_WINDOW_MS / 1000})`;
}
