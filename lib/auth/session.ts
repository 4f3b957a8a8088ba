import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { AuditContext } from "@/lib/audit/record";
import { activeImpersonation, isStaff, staffAudit, type ActiveImpersonation } from "@/lib/auth/impersonation";
import { authOptions } from "@/lib/auth/options";
import { requestInfo, type RequestInfo } from "@/lib/auth/request-info";
import { refusal, type Permission } from "@/lib/auth/roles";
import { sessionUser } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "@/lib/generated/prisma/enums";

/**
 * The signed-in user, re-read from the database with the cookie's server-side session: a
 * deleted user's JWT, or one whose session was signed out, is worth nothing.
 */
export const getCurrentUser = cache(async () => {
  const session = await getServerSession(authOptions);
  return sessionUser(session?.sessionId, session?.user?.id);
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated");
  return user;
}

/** This request's client address and user agent, for the audit trail. */
export const currentRequest = cache(requestInfo);

/**
 * A staff member's open impersonation, once per request: an expired one is closed (and
 * audited) by the first call and the console shows again.
 */
export const currentImpersonation = cache(async (): Promise<ActiveImpersonation | null> => {
  const user = await getCurrentUser();
  return user ? activeImpersonation(user, await currentRequest()) : null;
});

export type WorkspaceContext = {
  user: CurrentUser;
  workspace: NonNullable<Awaited<ReturnType<typeof db.workspace.findUnique>>>;
  /** The member's role; OWNER for a staff member viewing the workspace. */
  role: MemberRole;
  /** Set when a staff member is viewing the workspace: roles.ts refuses money and access to it. */
  impersonation: ActiveImpersonation | null;
  /** Actor, workspace, impersonation, IP and user agent: pass it to recordAudit (lib/audit/record.ts). */
  audit: AuditContext;
};

/**
 * The one check behind every workspace page and action: signed in, a member of the workspace
 * named by `slug` (or staff viewing it through an open impersonation), and holding
 * `permission`. A workspace the user is not a member of is reported as not found, so its
 * existence is not revealed; a permission refused while viewing answers its own code.
 */
export const requireWorkspace = cache(async (slug: string, permission: Permission = "viewBilling"): Promise<WorkspaceContext> => {
  const user = await requireUser();
  const impersonation = isStaff(user) ? await currentImpersonation() : null;
  return authorizeWorkspace(user, slug, permission, await currentRequest(), impersonation);
});

/**
 * requireWorkspace once the user, the request and (for staff) the open impersonation are known.
 * Staff belong to no workspace: they reach one only through an impersonation of it.
 */
export async function authorizeWorkspace(
  user: CurrentUser,
  slug: string,
  permission: Permission,
  request: RequestInfo,
  impersonation: ActiveImpersonation | null,
): Promise<WorkspaceContext> {
  let role: MemberRole;
  let workspace: WorkspaceContext["workspace"] | null;
  let audit: AuditContext;
  if (isStaff(user)) {
    if (!impersonation || impersonation.workspace.slug !== slug) throw new AppError("not_found");
    workspace = await db.workspace.findUnique({ where: { id: impersonation.workspace.id } });
    if (!workspace) throw new AppError("not_found");
    role = "OWNER";
    audit = staffAudit(user, request, impersonation.workspace.id, impersonation.id);
  } else {
    const membership = await db.membership.findFirst({ where: { userId: user.id, workspace: { slug } }, include: { workspace: true } });
    if (!membership) throw new AppError("not_found");
    ({ role, workspace } = membership);
    audit = { actor: { type: "user", id: user.id, email: user.email }, workspaceId: workspace.id, impersonationId: null, ...request };
    impersonation = null;
  }
  const refused = refusal({ role, impersonation }, permission);
  if (refused) throw new AppError(refused, refused === "forbidden" ? "You don't have permission to do that" : "Not allowed while support staff view the workspace");
  return { user, workspace, role, impersonation, audit };
}

/** The signed-in staff member (SUPPORT or ADMIN); anyone else is told the page does not exist. */
export async function requireStaff(): Promise<CurrentUser & { platformRole: NonNullable<CurrentUser["platformRole"]> }> {
  const user = await requireUser();
  if (!isStaff(user) || !user.platformRole) throw new AppError("not_found");
  return { ...user, platformRole: user.platformRole };
}
