import { describe, expect, it } from "vitest";
import { systemAudit } from "@/lib/audit/record";
import { authorizeWorkspace, type CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import {
  acceptInvitation,
  changeMemberRole,
  findInvitation,
  hashInvitationToken,
  inviteMember,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
  signUpWithInvitation,
} from "@/lib/workspaces/invitations";
import { createUser, createWorkspaceWithPeople } from "@/prisma/factories";

const request = { ip: "203.0.113.9", userAgent: "vitest" };
const tokenOf = (url: string) => url.split("/invite/")[1]!;
const codeOf = (promise: Promise<unknown>) => promise.then(() => "ok", (error: { code?: string }) => error.code ?? String(error));
const asCurrent = (user: { id: string; email: string; name: string }) => ({ ...user, platformRole: null, locale: null }) as unknown as CurrentUser;

async function invite(email: string, role: "OWNER" | "BILLING_ADMIN" | "MEMBER" = "MEMBER") {
  const people = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  const { invitation, url } = await inviteMember(people.workspace.id, { email, role }, people.owner, systemAudit(people.workspace.id));
  return { ...people, invitation, token: tokenOf(url) };
}

describe("invitations", () => {
  it("e-mails a link whose token is stored only as a hash; the invitee has no access until accepting", async () => {
    const invitee = await createUser({ email: "invitee-a@example.com" });
    const { workspace, invitation, token } = await invite("Invitee-A@Example.com");
    expect(invitation).toMatchObject({ email: "invitee-a@example.com", role: "MEMBER", tokenHash: hashInvitationToken(token) });
    expect(JSON.stringify(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } }))).not.toContain(token);
    const mail = await db.mailMessage.findFirstOrThrow({ where: { workspaceId: workspace.id, kind: "invitation" } });
    expect(mail).toMatchObject({ to: "invitee-a@example.com" });
    expect(mail.text).toContain(`/invite/${token}`);
    expect(Math.abs(invitation.expiresAt.getTime() - invitation.createdAt.getTime() - 7 * 86_400_000)).toBeLessThan(1_000);

    expect(await codeOf(authorizeWorkspace(asCurrent(invitee), workspace.slug, "viewBilling", request, null))).toBe("not_found");
    const { slug } = await acceptInvitation(token, invitee, request);
    expect(slug).toBe(workspace.slug);
    const context = await authorizeWorkspace(asCurrent(invitee), workspace.slug, "viewBilling", request, null);
    expect(context.role).toBe("MEMBER");
    expect(await codeOf(authorizeWorkspace(asCurrent(invitee), workspace.slug, "moveMoney", request, null))).toBe("forbidden");
    const audited = await db.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" } });
    expect(audited.map((row) => [row.action, row.actorId])).toEqual([
      ["member.invited", null],
      ["invitation.accepted", invitee.id],
    ]);
  });

  it("works once; expires after 7 days; revoked links and re-invited addresses stop working", async () => {
    const invitee = await createUser({ email: "invitee-b@example.com" });
    const { workspace, token, invitation, owner } = await invite("invitee-b@example.com");
    await acceptInvitation(token, invitee, request);
    expect(await codeOf(acceptInvitation(token, invitee, request))).toBe("invitation_used");
    expect((await findInvitation(token))?.state).toBe("used");

    const late = await createUser({ email: "late@example.com" });
    const second = await inviteMember(workspace.id, { email: "late@example.com", role: "MEMBER" }, owner, systemAudit(workspace.id));
    await db.invitation.update({ where: { id: second.invitation.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await codeOf(acceptInvitation(tokenOf(second.url), late, request))).toBe("invitation_expired");
    expect(await db.membership.count({ where: { workspaceId: workspace.id, userId: late.id } })).toBe(0);

    const first = await inviteMember(workspace.id, { email: "late@example.com", role: "MEMBER" }, owner, systemAudit(workspace.id));
    const again = await inviteMember(workspace.id, { email: "late@example.com", role: "BILLING_ADMIN" }, owner, systemAudit(workspace.id));
    expect(await codeOf(acceptInvitation(tokenOf(first.url), late, request))).toBe("invitation_used");
    expect((await listPendingInvitations(workspace.id)).map((row) => [row.email, row.role])).toEqual([["late@example.com", "BILLING_ADMIN"]]);
    await revokeInvitation(workspace.id, again.invitation.id, systemAudit(workspace.id));
    expect(await codeOf(acceptInvitation(tokenOf(again.url), late, request))).toBe("invitation_used");
    expect(await listPendingInvitations(workspace.id)).toEqual([]);
    expect(invitation.id).not.toBe(again.invitation.id);
  });

  it("only the invited address may accept; a member cannot be invited again", async () => {
    const { workspace, token, owner } = await invite("right@example.com");
    const wrong = await createUser({ email: "wrong@example.com" });
    expect(await codeOf(acceptInvitation(token, wrong, request))).toBe("invitation_wrong_account");
    expect(await db.membership.count({ where: { workspaceId: workspace.id, userId: wrong.id } })).toBe(0);
    expect(await codeOf(inviteMember(workspace.id, { email: owner.email, role: "MEMBER" }, owner, systemAudit(workspace.id)))).toBe("already_member");
  });

  it("two accepts at once make one membership", async () => {
    const invitee = await createUser({ email: "twice@example.com" });
    const { workspace, token } = await invite("twice@example.com");
    const results = await Promise.all([codeOf(acceptInvitation(token, invitee, request)), codeOf(acceptInvitation(token, invitee, request))]);
    expect(results.sort()).toEqual(["invitation_used", "ok"]);
    expect(await db.membership.count({ where: { workspaceId: workspace.id, userId: invitee.id } })).toBe(1);
  });

  it("a new address signs up through the invitation and joins without a workspace of its own", async () => {
    const { workspace, token } = await invite("newcomer@example.com", "BILLING_ADMIN");
    const joined = await signUpWithInvitation({ token, name: "New Comer", password: "correct horse battery", locale: "es" }, request);
    expect(joined).toEqual({ email: "newcomer@example.com", slug: workspace.slug });
    const user = await db.user.findUniqueOrThrow({ where: { email: "newcomer@example.com" }, include: { memberships: true } });
    expect(user.memberships.map((membership) => [membership.workspaceId, membership.role])).toEqual([[workspace.id, "BILLING_ADMIN"]]);
    // Used: signing up again with it creates nothing.
    expect(await codeOf(signUpWithInvitation({ token, name: "X", password: "correct horse battery" }, request))).toBe("invitation_used");
    // An address that has an account signs in instead.
    const existing = await createUser({ email: "has-account@example.com" });
    const other = await inviteMember(workspace.id, { email: existing.email, role: "MEMBER" }, null, systemAudit(workspace.id));
    expect(await codeOf(signUpWithInvitation({ token: tokenOf(other.url), name: "X", password: "correct horse battery" }, request))).toBe("email_taken");
  });

  it("tenants: revoking, role changes and removal find nothing of another workspace", async () => {
    const a = await invite("tenant-a@example.com");
    const b = await createWorkspaceWithPeople();
    expect(await codeOf(revokeInvitation(b.workspace.id, a.invitation.id, systemAudit(b.workspace.id)))).toBe("not_found");
    const ownerA = await db.membership.findFirstOrThrow({ where: { workspaceId: a.workspace.id, userId: a.owner.id } });
    expect(await codeOf(changeMemberRole(b.workspace.id, ownerA.id, "MEMBER", systemAudit(b.workspace.id)))).toBe("not_found");
    expect(await codeOf(removeMember(b.workspace.id, ownerA.id, systemAudit(b.workspace.id)))).toBe("not_found");
    expect((await findInvitation(a.token))?.state).toBe("pending");
  });
});

describe("roles and removal keep an owner", () => {
  it("the last owner can be neither demoted nor removed; with two, one may go", async () => {
    const { workspace, owner, member } = await createWorkspaceWithPeople({ billingAdmin: false });
    const audit = systemAudit(workspace.id);
    const ownerRow = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: owner.id } });
    const memberRow = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, userId: member!.id } });
    expect(await codeOf(changeMemberRole(workspace.id, ownerRow.id, "MEMBER", audit))).toBe("last_owner");
    expect(await codeOf(removeMember(workspace.id, ownerRow.id, audit))).toBe("last_owner");

    await changeMemberRole(workspace.id, memberRow.id, "OWNER", audit);
    await changeMemberRole(workspace.id, ownerRow.id, "BILLING_ADMIN", audit);
    expect(await codeOf(removeMember(workspace.id, memberRow.id, audit))).toBe("last_owner");
    await removeMember(workspace.id, ownerRow.id, audit);
    expect(await db.membership.findMany({ where: { workspaceId: workspace.id }, select: { userId: true, role: true } })).toEqual([{ userId: member!.id, role: "OWNER" }]);
  });

  it("two owners demoting each other at once: one succeeds, one owner remains", async () => {
    const { workspace, owner, member } = await createWorkspaceWithPeople({ billingAdmin: false });
    const audit = systemAudit(workspace.id);
    const rows = await db.membership.findMany({ where: { workspaceId: workspace.id } });
    await changeMemberRole(workspace.id, rows.find((row) => row.userId === member!.id)!.id, "OWNER", audit);
    const results = await Promise.all(rows.map((row) => codeOf(changeMemberRole(workspace.id, row.id, "MEMBER", audit))));
    expect(results.sort()).toEqual(["last_owner", "ok"]);
    expect(await db.membership.count({ where: { workspaceId: workspace.id, role: "OWNER" } })).toBe(1);
    expect(owner.id).toBeDefined();
  });
});
