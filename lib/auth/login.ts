import "server-only";
import { db } from "@/lib/db";
import { timingDummyHash, verifyPassword } from "@/lib/auth/password";

// Sign-in throttling. Every attempt is counted, before its password is checked, against the
// e-mail address (whether or not an account exists) and the client's address. The first few
// attempts per key go straight through; past them, each attempt makes the next one for that
// key wait a delay that doubles, up to a cap. So there is no lock that anyone can switch on for
// someone else's address: at worst its owner waits the cap (2 minutes) for a turn, while
// guessing — or spraying one password over many addresses from one client — slows to a few
// attempts an hour. Counting before checking, under the keys' row locks, makes a burst of
// parallel guesses count one by one. A success forgets the address's count and gives the
// client its attempt back (an office behind one IP signs in all morning).
//
// Unknown addresses are throttled and answered exactly like known ones, and their wrong
// attempts cost the same scrypt check (a dummy hash), so neither answer nor timing tells them
// apart.

export type ThrottleScope = "email" | "ip";

export const THROTTLE: Record<ThrottleScope, { freeAttempts: number; maxDelaySeconds: number }> = {
  email: { freeAttempts: 4, maxDelaySeconds: 120 },
  ip: { freeAttempts: 20, maxDelaySeconds: 15 * 60 },
};
/** A key with no attempt for this long starts counting afresh. */
export const FORGET_AFTER_MINUTES = 60;

/** How long the next attempt for a key must wait after `attempts` attempts: 0, then 1 s, 2 s, 4 s … the cap. */
export function throttleDelaySeconds(scope: ThrottleScope, attempts: number): number {
  const { freeAttempts, maxDelaySeconds } = THROTTLE[scope];
  const over = attempts - freeAttempts;
  return over <= 0 ? 0 : Math.min(2 ** Math.min(over - 1, 30), maxDelaySeconds);
}

export type LoginUser = { id: string; email: string; name: string; platformRole: "SUPPORT" | "ADMIN" | null; locale: string | null };

export type LoginResult =
  | { ok: true; user: LoginUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An address the throttle can key on: at most 254 characters PostgreSQL can store (no NUL, no lone surrogate). */
function isStorable(email: string): boolean {
  return email.length <= 254 && !NUL_OR_LONE_SURROGATE.test(email);
}

/**
 * Checks an e-mail and password for a client (its IP address, or null when unknown, e.g. the
 * admin CLI). See above for the throttle.
 */
export async function checkCredentials(rawEmail: string, password: string, client: string | null = null): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  if (!isStorable(email)) {
    // No account can have this address; answer like a wrong password, after as long.
    await verifyPassword(password, await timingDummyHash());
    return { ok: false, reason: "invalid_credentials" };
  }
  const turn = await takeTurn(email, client);
  if (turn.retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds: turn.retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await timingDummyHash()));
  if (!user || !valid) return { ok: false, reason: "invalid_credentials" };
  await forgive(email, client);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole, locale: user.locale } };
}

type Row = { scope: ThrottleScope; failures: number; blockedUntil: Date | null; lastAttemptAt: Date; now: Date };

/**
 * Counts one attempt for the address and the client, unless either must still wait: then
 * nothing is counted and the wait is answered. Under the rows' locks (always taken in the same
 * order), so concurrent attempts for a key are counted one after the other.
 */
async function takeTurn(email: string, client: string | null): Promise<{ retryAfterSeconds: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LoginThrottle" (scope, key)
      SELECT scope, key FROM (VALUES ('email', ${email}::text), ('ip', ${client}::text)) AS keys (scope, key)
      WHERE key IS NOT NULL
      ON CONFLICT DO NOTHING`;
    // clock_timestamp(): the time once the locks are held, not when the transaction began.
    const rows = await tx.$queryRaw<Row[]>`
      SELECT scope, failures, "blockedUntil", "lastAttemptAt", clock_timestamp() AS now FROM "LoginThrottle"
      WHERE (scope = 'email' AND key = ${email}) OR (scope = 'ip' AND key = ${client})
      ORDER BY scope
      FOR UPDATE`;
    const waitMs = Math.max(0, ...rows.map((row) => (row.blockedUntil ? row.blockedUntil.getTime() - row.now.getTime() : 0)));
    if (waitMs > 0) return { retryAfterSeconds: Math.ceil(waitMs / 1000) };
    for (const row of rows) {
      const forgotten = row.now.getTime() - row.lastAttemptAt.getTime() > FORGET_AFTER_MINUTES * 60_000;
      const attempts = (forgotten ? 0 : row.failures) + 1;
      const delay = throttleDelaySeconds(row.scope, attempts);
      const key = row.scope === "email" ? email : client;
      await tx.$executeRaw`
        UPDATE "LoginThrottle" SET failures = ${attempts}, "lastAttemptAt" = ${row.now},
          "blockedUntil" = CASE WHEN ${delay}::int > 0 THEN ${row.now}::timestamptz + make_interval(secs => ${delay}::int) END
        WHERE scope = ${row.scope} AND key = ${key}`;
    }
    return { retryAfterSeconds: 0 };
  });
}

/** After a success: the address starts afresh, and the client's attempt is given back. */
async function forgive(email: string, client: string | null): Promise<void> {
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE scope = 'email' AND key = ${email}`;
  if (client === null) return;
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET failures = greatest(failures - 1, 0),
      "blockedUntil" = CASE WHEN failures - 1 <= ${THROTTLE.ip.freeAttempts} THEN NULL ELSE "blockedUntil" END
    WHERE scope = 'ip' AND key = ${client}`;
}
