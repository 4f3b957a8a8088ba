import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Permission } from "@/lib/auth/roles";
import { isStaff } from "@/lib/auth/impersonation";
import { getCurrentUser, requireWorkspace, type WorkspaceContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

export type WorkspaceParams = { params: Promise<{ workspace: string }> };

/**
 * requireWorkspace for pages: a workspace the user is not a member of is a 404, a lost session
 * goes to the login page, and a missing permission answers null so the page can explain itself.
 */
export async function loadWorkspace(slug: string, permission: Permission): Promise<WorkspaceContext | null> {
  try {
    return await requireWorkspace(slug, permission);
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "not_found") {
        // Staff whose visit ended or expired (or never began) go back to the console.
        const user = await getCurrentUser();
        if (user && isStaff(user)) redirect("/support");
        notFound();
      }
      if (error.code === "unauthenticated") redirect(`/login?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
      if (error.code === "forbidden" || error.code === "viewing_refuses_money" || error.code === "viewing_refuses_access") return null;
    }
    throw error;
  }
}

/** For pages every member may see (viewBilling): the workspace of the page's [workspace] segment. */
export async function loadMemberWorkspace(params: WorkspaceParams["params"]): Promise<WorkspaceContext> {
  const context = await loadWorkspace((await params).workspace, "viewBilling");
  if (!context) notFound();
  return context;
}
