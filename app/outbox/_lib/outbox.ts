import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { firstWorkspaceSlug } from "@/lib/workspaces/members";

/** The local outbox exists only while no SMTP server is configured (then mail really goes out). */
export function outboxEnabled(): boolean {
  return !env().SMTP_URL;
}

/** Where "Back" goes: the user's first workspace, else the home page. */
export async function homeFor(user: CurrentUser): Promise<string> {
  const slug = await firstWorkspaceSlug(user.id);
  return slug ? `/${slug}` : "/";
}
