import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/roles";
import { sessionUser } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isWorkspaceSlug } from "@/lib/workspaces/slug";

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

/**
 * The one check behind every workspace page and action: signed in, a member of the workspace
 * named by `slug`, and holding `permission`. A workspace the user is not a member of is
 * reported as not found, so its existence is not revealed.
 */
export const requireWorkspace = cache(async (slug: string, permission: Permission = "viewBilling") => {
  const user = await requireUser();
  if (!isWorkspaceSlug(slug)) throw new AppError("not_found");
  const membership = await db.membership.findFirst({
    where: { userId: user.id, workspace: { slug } },
    include: { workspace: true },
  });
  if (!membership) throw new AppError("not_found");
  if (!can(membership.role, permission)) throw new AppError("forbidden");
  return { user, workspace: membership.workspace, role: membership.role };
});

export type WorkspaceContext = Awaited<ReturnType<typeof requireWorkspace>>;
