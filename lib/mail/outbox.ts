import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

// The local outbox's reads (app/outbox): the stored e-mails a user may read.

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
