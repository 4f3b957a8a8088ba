import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";

// Reading the audit trail: a workspace's owner (Settings → Audit log) and staff (the support
// console, across workspaces) page through it newest first, by (createdAt, id) — each filter
// has its index (migration 20261201120000).

export const AUDIT_PAGE_SIZE = 25;

export type AuditFilter = {
  workspaceId?: string;
  /** The actor's e-mail as recorded, case-insensitive, exact. */
  actorEmail?: string;
  action?: string;
  /** From this instant (inclusive) … */
  from?: Date;
  /** … to this one (exclusive). */
  to?: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page after a row: its time and id, as the URL carries it ("<iso>_<uuid>"). */
export const auditCursor = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/i)
  .transform((text) => {
    const [at, id] = text.split("_");
    return { createdAt: new Date(at), id };
  })
  .refine((cursor) => !Number.isNaN(cursor.createdAt.getTime()) && UUID.test(cursor.id));

export type AuditCursor = z.output<typeof auditCursor>;

export function cursorOf(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

export async function listAuditEvents(filter: AuditFilter, after?: AuditCursor, take = AUDIT_PAGE_SIZE) {
  const email = filter.actorEmail?.trim().toLowerCase();
  // A user's rows through the actor index; an operator (no user) by the recorded name.
  const actor = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.workspaceId ? { workspaceId: filter.workspaceId } : {}),
    ...(email ? (actor ? { actorId: actor.id } : { actorEmail: email }) : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1 });
  const events = rows.slice(0, take);
  return { events, next: rows.length > take ? cursorOf(events[events.length - 1]) : null };
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];
