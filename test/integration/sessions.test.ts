// Server-side sessions (lib/auth/sessions.ts) and their wiring into next-auth (lib/auth/options.ts):
// sign-in starts one, the JWT carries its id, sign-out deletes it, and only a live one counts.
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { endSession, SESSION_MAX_AGE_SECONDS, sessionUser, startSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { createUser } from "@/prisma/factories";

async function signIn(userId: string): Promise<JWT> {
  const user = { id: userId, platformRole: null, locale: null, email: "x@example.com", name: "X" };
  // next-auth calls jwt() with the user once, at sign-in.
  return (await authOptions.callbacks!.jwt!({ token: {} as JWT, user, account: null, trigger: "signIn" })) as JWT;
}

describe("sessions", () => {
  it("sign-in starts a 12-hour session whose id the JWT carries; sign-out ends it", async () => {
    const user = await createUser();
    const token = await signIn(user.id);
    const row = await db.session.findUniqueOrThrow({ where: { id: token.sessionId! } });
    expect(row.userId).toBe(user.id);
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000).toBeCloseTo(SESSION_MAX_AGE_SECONDS, -1);
    expect((await sessionUser(token.sessionId, user.id))?.id).toBe(user.id);

    await authOptions.events!.signOut!({ token, session: undefined as never });
    expect(await db.session.count({ where: { id: token.sessionId! } })).toBe(0);
    expect(await sessionUser(token.sessionId, user.id)).toBeNull();
  });

  it("each sign-in is its own session: signing out of one leaves the others", async () => {
    const user = await createUser();
    const laptop = await signIn(user.id);
    const phone = await signIn(user.id);
    await endSession(laptop.sessionId);
    expect(await sessionUser(laptop.sessionId, user.id)).toBeNull();
    expect((await sessionUser(phone.sessionId, user.id))?.id).toBe(user.id);
  });

  it("refuses an expired session, another user's, a cookie without one and garbage", async () => {
    const [ana, ben] = [await createUser(), await createUser()];
    const id = await startSession(ana.id);
    expect(await sessionUser(id, ben.id)).toBeNull();
    expect(await sessionUser(undefined, ana.id)).toBeNull();
    expect(await sessionUser("not-a-uuid\u0000", ana.id)).toBeNull();
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionUser(id, ana.id)).toBeNull();
    // The next sign-in tidies the expired one away.
    await startSession(ana.id);
    expect(await db.session.count({ where: { id } })).toBe(0);
  });

  it("a deleted user's sessions go with it", async () => {
    const user = await createUser();
    const id = await startSession(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.session.count({ where: { id } })).toBe(0);
  });
});
