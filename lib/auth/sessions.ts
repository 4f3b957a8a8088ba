import "server-only";
import { db } from "@/lib/db";

// Server-side sessions. The session cookie is a JWT signed by next-auth; it carries the id of
// a Session row, and lib/auth/session.ts accepts the cookie only while that row exists and has
// not expired. Signing out deletes the row (next-auth's signOut event), so a copy of the cookie
// taken before is worth nothing afterwards. The JWT's own expiry stays as a second bound.

/** How long a sign-in lasts, at most (also the JWT's maxAge). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Starts a session for a user who just signed in; answers its id, for the JWT. */
export async function startSession(userId: string): Promise<string> {
  // Expired sessions of this user are of no use any more: tidied here, where they accumulate.
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
  const session = await db.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return session.id;
}

/** Ends a session (sign-out). Unknown or already ended ids are fine. */
export async function endSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId || !isUuid(sessionId)) return;
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** The user of a live session, or null when it ended, expired or never existed. */
export async function sessionUser(sessionId: string | undefined, userId: string | undefined) {
  if (!sessionId || !userId || !isUuid(sessionId) || !isUuid(userId)) return null;
  const session = await db.session.findFirst({
    where: { id: sessionId, userId, expiresAt: { gt: new Date() } },
    select: { user: { select: { id: true, email: true, name: true, locale: true, platformRole: true } } },
  });
  return session?.user ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: string): boolean {
  return UUID.test(value);
}
