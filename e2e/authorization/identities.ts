// The people of the authorization matrix (e2e/authorization.spec.ts), written into the e2e
// database by the product's own functions, and printed as one line of JSON: the workspaces'
// slugs, a session cookie for each signed-in identity and the API keys. Run with
// `tsx --conditions=react-server` (it loads lib/, which is server-only) and DATABASE_URL and
// NEXTAUTH_SECRET of the server under test.
//
// Sessions are started as a sign-in starts them (lib/auth/sessions.ts startSession, the JWT
// next-auth's jwt callback writes), so the server accepts each cookie exactly as it would one
// from the login form; signing twelve people in through the form would only test the form again
// (e2e/auth.spec.ts does) and run into the sign-in throttle.
import { encode } from "next-auth/jwt";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { startImpersonation, stopImpersonation } from "@/lib/auth/impersonation";
import { startSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { PlatformRole } from "@/lib/generated/prisma/enums";
import { operatorAudit } from "@/lib/audit/record";
import { inviteMember } from "@/lib/workspaces/invitations";
import { createStaff, createUser, createWorkspaceWithPeople } from "@/prisma/factories";

export type MatrixIdentities = {
  idA: string;
  slugA: string;
  slugB: string;
  /** Session cookie values (next-auth.session-token) by identity name. */
  cookies: Record<string, string>;
  /** API key secrets: of workspace A, of workspace B, and A's revoked one. */
  keys: { a: string; b: string; revokedA: string };
};

async function sessionCookie(user: { id: string; platformRole: PlatformRole | null }): Promise<string> {
  const sessionId = await startSession(user.id);
  return encode({
    secret: env().NEXTAUTH_SECRET!,
    token: { sub: user.id, userId: user.id, platformRole: user.platformRole, sessionId },
  });
}

async function main() {
  // Names of their own each run: a retry (or another worker) creates its own people.
  const run = Math.random().toString(36).slice(2, 8);
  const a = await createWorkspaceWithPeople({ name: `Matrix A ${run}` });
  // B pays in rupees, so an answer of B's API key is told apart from one about A (USD) at a glance.
  const b = await createWorkspaceWithPeople({ name: `Matrix B ${run}`, currency: "INR", billingAdmin: false, member: false });
  const outsider = await createUser();
  const support = await createStaff({ role: "SUPPORT" });
  const admin = await createStaff({ role: "ADMIN" });
  // A session that was signed out: its row is gone, the cookie stays in the attacker's hands.
  const signedOut = await createUser();
  const signedOutCookie = await sessionCookie(signedOut);
  await db.session.deleteMany({ where: { userId: signedOut.id } });

  // Support staff viewing A: one visit open, one past its end (as the clock left it: the server
  // closes it on the next request), one stopped. Each its own staff member (one visit each).
  const request = { ip: "127.0.0.1", userAgent: "authorization matrix" };
  const reason = "Authorization matrix: checking what a visit allows";
  const viewing = await createStaff({ role: "SUPPORT" });
  await startImpersonation(viewing, a.workspace.id, reason, request);
  const viewingExpired = await createStaff({ role: "SUPPORT" });
  const expired = await startImpersonation(viewingExpired, a.workspace.id, reason, request);
  await db.impersonation.update({
    where: { id: expired.id },
    data: { startedAt: new Date(Date.now() - 40 * 60_000), expiresAt: new Date(Date.now() - 10 * 60_000) },
  });
  const viewingEnded = await createStaff({ role: "SUPPORT" });
  await startImpersonation(viewingEnded, a.workspace.id, reason, request);
  await stopImpersonation(viewingEnded, request);
  // Invited to A as a member, with an account, but not joined yet.
  const invited = await createUser();
  await inviteMember(a.workspace.id, { email: invited.email, role: "MEMBER" }, null, operatorAudit(a.workspace.id, "authorization matrix"));

  const cookies: Record<string, string> = {
    supportViewing: await sessionCookie(viewing),
    supportViewingExpired: await sessionCookie(viewingExpired),
    supportViewingEnded: await sessionCookie(viewingEnded),
    invited: await sessionCookie(invited),
    member: await sessionCookie(a.member!),
    billingAdmin: await sessionCookie(a.billingAdmin!),
    owner: await sessionCookie(a.owner),
    ownerOfOther: await sessionCookie(b.owner),
    noWorkspace: await sessionCookie(outsider),
    signedOut: signedOutCookie,
    support: await sessionCookie(support),
    admin: await sessionCookie(admin),
  };

  const keyA = await createApiKey(a.workspace.id, "matrix");
  const keyB = await createApiKey(b.workspace.id, "matrix");
  const revoked = await createApiKey(a.workspace.id, "matrix revoked");
  await revokeApiKey(a.workspace.id, revoked.apiKey.id);

  const identities: MatrixIdentities = {
    idA: a.workspace.id,
    slugA: a.workspace.slug,
    slugB: b.workspace.slug,
    cookies,
    keys: { a: keyA.secret, b: keyB.secret, revokedA: revoked.secret },
  };
  process.stdout.write(`${JSON.stringify(identities)}\n`);
  await db.$disconnect();
}

await main();
