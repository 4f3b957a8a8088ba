import "server-only";
import { db } from "@/lib/db";
import { timingDummyHash, verifyPassword } from "@/lib/auth/password";

export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; platformRole: "SUPPORT" | "ADMIN" | null; locale: string | null } }
  | { ok: false; reason: "invalid_credentials" | "locked" };

/**
 * Checks an e-mail and password. After MAX_FAILURES wrong attempts in a row the address is
 * locked for LOCKOUT_MINUTES, whether or not an account exists, so the answer never reveals
 * which addresses are registered.
 */
export async function checkCredentials(rawEmail: string, password: string): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const throttle = await db.loginThrottle.findUnique({ where: { email } });
  if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) return { ok: false, reason: "locked" };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (user && valid) {
    if (throttle) await db.loginThrottle.delete({ where: { email } }).catch(() => {});
    return {
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole, locale: user.locale },
    };
  }

  // One statement, so concurrent wrong guesses each count and the lock is set by the very
  // failure that reaches the limit. A lock that has expired starts a fresh count.
  const [row] = await db.$queryRaw<{ locked: boolean }[]>`
    INSERT INTO "LoginThrottle" (email, failures, "updatedAt") VALUES (${email}, 1, now())
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN "LoginThrottle"."lockedUntil" <= now() THEN 1 ELSE "LoginThrottle".failures + 1 END,
      "lockedUntil" = CASE
        WHEN "LoginThrottle"."lockedUntil" > now() THEN "LoginThrottle"."lockedUntil"
        WHEN "LoginThrottle"."lockedUntil" IS NULL AND "LoginThrottle".failures + 1 >= ${MAX_FAILURES}
          THEN now() + make_interval(mins => ${LOCKOUT_MINUTES})
        ELSE NULL END,
      "updatedAt" = now()
    RETURNING "lockedUntil" IS NOT NULL AND "lockedUntil" > now() AS locked`;
  if (row.locked) return { ok: false, reason: "locked" };
  return { ok: false, reason: "invalid_credentials" };
}
