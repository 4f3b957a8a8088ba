import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { MemberRole } from "@/lib/generated/prisma/enums";
import { appUrl, deliverMail, invitationMail, mailLocale, queueMail } from "@/lib/mail";
import { userFields } from "@/lib/workspaces/schema";

// Team members (Settings → Members). The owner invites an e-mail address with a role; the
// invitation is an e-mail whose link holds a random token — only its SHA-256 is stored — that
// works once, for 7 days, and only for the account with that address. Until it is accepted the
// address has no access at all: access is a Membership row, and only acceptInvitation makes one.
// Changing roles and removing members never leaves a workspace without an owner: both lock the
// workspace's memberships first, so two owners demoting each other at once cannot both succeed.

export const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

export const MEMBER_ROLES = Object.values(MemberRole) as [MemberRole, ...MemberRole[]];

// Messages are translation keys (errors.*), like the workspace schemas.
export const inviteSchema = z.object({
  email: userFields.email,
  role: z.enum(MEMBER_ROLES, { message: "member_role_unknown" }),
});
export type InviteInput = z.input<typeof inviteSchema>;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The invitation link of a token (the only place the token is ever shown). */
export function invitationUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

/**
 * Invites `email` with `role` and e-mails the link. Inviting an address again replaces its
 * pending invitation (the old link stops working). Answers the link too: the admin CLI prints it.
 */
export async function inviteMember(workspaceId: string, input: InviteInput, invitedBy: { id: string; name: string } | null, audit: AuditContext) {
  const { email, role } = inviteSchema.parse(input);
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const { invitation, mailId } = await db.$transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    const member = await tx.membership.findFirst({ where: { workspaceId, user: { email } }, select: { id: true } });
    if (member) throw new AppError("already_member", `${email} is already a member of this workspace`, "email");
    await tx.invitation.updateMany({
      where: { workspaceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: { workspaceId, email, role, tokenHash: hashInvitationToken(token), invitedById: invitedBy?.id ?? null, expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY_MS) },
    });
    await recordAudit(tx, audit, { action: "member.invited", target: invitation.id, changes: { email, role } });
    const mail = invitationMail({
      locale: mailLocale(workspace.locale),
      workspaceName: workspace.name,
      inviterName: invitedBy?.name ?? null,
      role,
      url: invitationUrl(token),
      days: INVITATION_DAYS,
    });
    const mailId = await queueMail(tx, { workspaceId, kind: "invitation", to: email, ...mail });
    return { invitation, mailId };
  });
  await deliverMail(mailId);
  return { invitation, url: invitationUrl(token) };
}

/** The workspace's invitations still waiting for an answer (not accepted, revoked or expired), newest first. */
export async function listPendingInvitations(workspaceId: string) {
  return db.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

/** Revokes a pending invitation of this workspace (another workspace's id is not found). */
export async function revokeInvitation(workspaceId: string, invitationId: string, audit: AuditContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, workspaceId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("not_found", "No pending invitation with this id");
    await recordAudit(tx, audit, { action: "invitation.revoked", target: invitationId });
  });
}

export type InvitationState = "pending" | "expired" | "used";

/** What the invitation page shows for a token: the workspace, the role, the address, and whether it still works. */
export async function findInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, workspace: { select: { name: true, slug: true } } },
  });
  if (!invitation) return null;
  const state: InvitationState = invitation.acceptedAt || invitation.revokedAt ? "used" : invitation.expiresAt <= new Date() ? "expired" : "pending";
  return { email: invitation.email, role: invitation.role, workspace: invitation.workspace, state };
}

/**
 * Joins the invitation's workspace as `user`, once: the row is locked, so two tabs accepting at
 * once make one membership. Only the account with the invited address may accept.
 */
export async function acceptInvitation(token: string, user: { id: string; email: string }, request: { ip: string | null; userAgent: string | null }) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; workspaceId: string; email: string; role: MemberRole; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null }[]>`
      SELECT id, "workspaceId", email, role, "expiresAt", "acceptedAt", "revokedAt" FROM "Invitation"
      WHERE "tokenHash" = ${hashInvitationToken(token)} FOR UPDATE`;
    if (!row) throw new AppError("not_found", "No invitation with this link");
    if (row.acceptedAt || row.revokedAt) throw new AppError("invitation_used", "This invitation was already used or revoked");
    if (row.expiresAt <= new Date()) throw new AppError("invitation_expired", "This invitation has expired");
    if (row.email !== user.email.toLowerCase()) {
      throw new AppError("invitation_wrong_account", "This invitation is for another e-mail address", undefined, { values: { email: row.email } });
    }
    const existing = await tx.membership.findFirst({ where: { workspaceId: row.workspaceId, userId: user.id }, select: { id: true } });
    if (existing) throw new AppError("already_member", "You are already a member of this workspace");
    const membership = await tx.membership.create({ data: { workspaceId: row.workspaceId, userId: user.id, role: row.role } });
    await tx.invitation.update({ where: { id: row.id }, data: { acceptedAt: new Date(), acceptedById: user.id } });
    const audit: AuditContext = { actor: { type: "user", id: user.id, email: user.email }, workspaceId: row.workspaceId, impersonationId: null, ...request };
    await recordAudit(tx, audit, { action: "invitation.accepted", target: row.id, changes: { role: row.role } });
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: row.workspaceId }, select: { slug: true } });
    return { membership, slug: workspace.slug };
  });
}

/** Adds an existing account to the workspace directly (the admin CLI's member:add). */
export async function addMember(workspaceId: string, userId: string, role: MemberRole, audit: AuditContext) {
  return db.$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const existing = await tx.membership.findFirst({ where: { workspaceId, userId }, select: { id: true } });
    if (existing) throw new AppError("already_member", "Already a member of this workspace");
    const membership = await tx.membership.create({ data: { workspaceId, userId, role } });
    await recordAudit(tx, audit, { action: "member.added", target: membership.id, changes: { userId, role } });
    return membership;
  });
}

/** Changes a member's role; the last owner stays an owner. */
export async function changeMemberRole(workspaceId: string, membershipId: string, role: MemberRole, audit: AuditContext) {
  return db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, workspaceId);
    const target = memberships.find((membership) => membership.id === membershipId);
    if (!target) throw new AppError("not_found", "No member with this id in the workspace");
    if (target.role === role) return target;
    if (target.role === "OWNER" && memberships.filter((membership) => membership.role === "OWNER").length === 1) {
      throw new AppError("last_owner", "The workspace needs at least one owner: make someone else an owner first", "role");
    }
    const updated = await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await recordAudit(tx, audit, { action: "member.role_changed", target: membershipId, changes: { role: { from: target.role, to: role } } });
    return updated;
  });
}

/** Removes a member; never the last owner. Their next request finds no membership: access ends at once. */
export async function removeMember(workspaceId: string, membershipId: string, audit: AuditContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, workspaceId);
    const target = memberships.find((membership) => membership.id === membershipId);
    if (!target) throw new AppError("not_found", "No member with this id in the workspace");
    if (target.role === "OWNER" && memberships.filter((membership) => membership.role === "OWNER").length === 1) {
      throw new AppError("last_owner", "The workspace needs at least one owner: make someone else an owner first");
    }
    await tx.membership.delete({ where: { id: membershipId } });
    await recordAudit(tx, audit, { action: "member.removed", target: membershipId, changes: { userId: target.userId, role: target.role } });
  });
}

/** The workspace row, locked: invitations and membership changes of one workspace go one at a time. */
async function lockWorkspace(tx: Prisma.TransactionClient, workspaceId: string) {
  const [workspace] = await tx.$queryRaw<{ id: string; name: string; locale: string }[]>`
    SELECT id, name, locale FROM "Workspace" WHERE id = ${workspaceId}::uuid FOR UPDATE`;
  if (!workspace) throw new AppError("not_found");
  return workspace;
}

/** Every membership of the workspace, after locking the workspace (so the owner count cannot change under us). */
async function lockMemberships(tx: Prisma.TransactionClient, workspaceId: string) {
  await lockWorkspace(tx, workspaceId);
  return tx.membership.findMany({ where: { workspaceId }, select: { id: true, userId: true, role: true } });
}

export const invitedSignUpSchema = z.object({
  token: z.string().min(1).max(100),
  name: userFields.name,
  password: userFields.password,
  locale: z.enum(["en", "es"]).optional(),
});
export type InvitedSignUpInput = z.input<typeof invitedSignUpSchema>;

/**
 * A new account for an invited address, joined to the inviting workspace — and no workspace
 * of its own. The invitation is checked before the account is made, and accepted in the same
 * transaction, so a used or expired link creates nothing.
 */
export async function signUpWithInvitation(input: z.output<typeof invitedSignUpSchema>, request: { ip: string | null; userAgent: string | null }) {
  const invitation = await findInvitation(input.token);
  if (!invitation) throw new AppError("not_found", "No invitation with this link");
  if (invitation.state === "used") throw new AppError("invitation_used", "This invitation was already used or revoked");
  if (invitation.state === "expired") throw new AppError("invitation_expired", "This invitation has expired");
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new AppError("email_taken", "An account with this e-mail already exists: sign in to accept");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { email: invitation.email, name: input.name, passwordHash, locale: input.locale ?? null } });
    try {
      const joined = await acceptInvitation(input.token, user, request);
      return { email: user.email, slug: joined.slug };
    } catch (error) {
      // Revoked or used between the check and now: no account left behind without a workspace.
      await db.user.delete({ where: { id: user.id } });
      throw error;
    }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("email_taken", "An account with this e-mail already exists: sign in to accept");
    }
    throw error;
  }
}
