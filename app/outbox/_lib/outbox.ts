import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** The local outbox exists only while no SMTP server is configured (then mail really goes out). */
export function outboxEnabled(): boolean {
  return !env().SMTP_URL;
}

export type OutboxMessage = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: Date;
  workspace: { name: string; slug: string; timeZone: string } | null;
};

/**
 * The newest e-mails a user may read: those of the workspaces they belong to (any role: it is a
 * developer's tool, and members see balances too), or every one for platform staff.
 */
export async function listOutboxFor(user: CurrentUser, take = 100): Promise<OutboxMessage[]> {
  let workspaceIds: string[] | null = null;
  if (!user.platformRole) {
    const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { workspaceId: true } });
    workspaceIds = memberships.map((membership) => membership.workspaceId);
    if (workspaceIds.length === 0) return [];
  }
  const rows = await db.mailMessage.findMany({
    where: workspaceIds ? { workspaceId: { in: workspaceIds } } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const ids = [...new Set(rows.map((row) => row.workspaceId).filter((id): id is string => !!id))];
  const workspaces = ids.length
    ? await db.workspace.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true, timeZone: true } })
    : [];
  const byId = new Map(workspaces.map((workspace) => [workspace.id, workspace]));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.createdAt,
    workspace: row.workspaceId ? (byId.get(row.workspaceId) ?? null) : null,
  }));
}

/** Where "Back" goes: the user's first workspace, else the home page. */
export async function homeFor(user: CurrentUser): Promise<string> {
  const membership = await db.membership.findFirst({
    where: { userId: user.id },
    orderBy: { createdAt: "asc" },
    select: { workspace: { select: { slug: true } } },
  });
  return membership ? `/${membership.workspace.slug}` : "/";
}
