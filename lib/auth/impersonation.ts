import "server-only";
import { z } from "zod";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import type { RequestInfo } from "@/lib/auth/request-info";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PlatformRole } from "@/lib/generated/prisma/enums";

// Support staff viewing a workspace ("View as"). Each visit is an Impersonation row — staff,
// workspace, reason, start, an expiry at most 30 minutes later, and how it ended — so it ends
// on the server: Stop viewing, a second visit (which replaces the first) and time all close the
// row, and lib/auth/session.ts grants nothing without an open, unexpired one. An expiry is
// noticed by the staff member's next request, which closes the row and writes the
// `impersonation.expired` audit row once (the close is conditional on the row being open).

export const IMPERSONATION_MINUTES = 30;

export const impersonationReason = z
  .string("impersonation_reason_length")
  .trim()
  .min(10, "impersonation_reason_length")
  .max(500, "impersonation_reason_length");

/** A user who may be staff: what lib/auth/session.ts's CurrentUser carries. */
export type StaffCandidate = { id: string; email: string; platformRole: PlatformRole | null };

export type ActiveImpersonation = {
  id: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  workspace: { id: string; slug: string; name: string };
};

export function isStaff(user: { platformRole: PlatformRole | null }): boolean {
  return user.platformRole === "SUPPORT" || user.platformRole === "ADMIN";
}

/** The audit context of a staff member's own request (not inside a workspace yet). */
export function staffAudit(staff: StaffCandidate, request: RequestInfo, workspaceId: string | null = null, impersonationId: string | null = null): AuditContext {
  return { actor: { type: "staff", id: staff.id, email: staff.email }, workspaceId, impersonationId, ...request };
}

const SELECT = {
  id: true,
  reason: true,
  startedAt: true,
  expiresAt: true,
  workspace: { select: { id: true, slug: true, name: true } },
} as const;

/**
 * The staff member's open, unexpired impersonation, or null. An open one past its expiry is
 * closed here (endReason "expired"), with its audit row, exactly once whatever number of
 * requests notice it at the same time.
 */
export async function activeImpersonation(staff: StaffCandidate, request: RequestInfo, now = new Date()): Promise<ActiveImpersonation | null> {
  if (!isStaff(staff)) return null;
  const open = await db.impersonation.findFirst({ where: { staffUserId: staff.id, endedAt: null }, select: SELECT });
  if (!open) return null;
  if (open.expiresAt > now) return open;
  await db.$transaction((tx) => closeImpersonation(tx, open, "expired", staff, request));
  return null;
}

/**
 * Starts viewing `workspaceId` for at most 30 minutes, with a reason of 10–500 characters.
 * Ends the staff member's open impersonation first (replaced; expired if it had run out).
 * Refuses anyone who is not staff with not_found, like the console's pages.
 */
export async function startImpersonation(staff: StaffCandidate, workspaceId: string, reason: string, request: RequestInfo, now = new Date()): Promise<ActiveImpersonation> {
  if (!isStaff(staff)) throw new AppError("not_found");
  const parsed = impersonationReason.safeParse(reason);
  if (!parsed.success) throw new AppError("invalid_field", "Give a reason of 10 to 500 characters", "reason", { key: "impersonation_reason_length" });
  return db.$transaction(async (tx) => {
    // One staff member's starts queue here, so the partial unique index never sees two open rows.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${staff.id}::uuid FOR UPDATE`;
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) throw new AppError("not_found", "Workspace not found");
    const previous = await tx.impersonation.findFirst({ where: { staffUserId: staff.id, endedAt: null }, select: SELECT });
    if (previous) await closeImpersonation(tx, previous, previous.expiresAt <= now ? "expired" : "replaced", staff, request, now);
    const started = await tx.impersonation.create({
      data: {
        staffUserId: staff.id,
        workspaceId,
        reason: parsed.data,
        startedAt: now,
        expiresAt: new Date(now.getTime() + IMPERSONATION_MINUTES * 60_000),
      },
      select: SELECT,
    });
    await recordAudit(tx, staffAudit(staff, request, workspaceId, started.id), {
      action: "impersonation.started",
      target: started.id,
      reason: started.reason,
      changes: { expiresAt: started.expiresAt },
    });
    return started;
  });
}

/** Stop viewing: ends the staff member's open impersonation, if any. Answers whether one was open. */
export async function stopImpersonation(staff: StaffCandidate, request: RequestInfo, now = new Date()): Promise<boolean> {
  if (!isStaff(staff)) throw new AppError("not_found");
  return db.$transaction(async (tx) => {
    const open = await tx.impersonation.findFirst({ where: { staffUserId: staff.id, endedAt: null }, select: SELECT });
    if (!open) return false;
    return closeImpersonation(tx, open, open.expiresAt <= now ? "expired" : "stopped", staff, request, now);
  });
}

/**
 * Closes `impersonation` unless someone else already did (then nothing is written and the
 * answer is false), with its audit row in the same transaction. An expiry is dated when it
 * happened, not when it was noticed.
 */
async function closeImpersonation(
  tx: Prisma.TransactionClient,
  impersonation: ActiveImpersonation,
  why: "stopped" | "replaced" | "expired",
  staff: StaffCandidate,
  request: RequestInfo,
  now = new Date(),
): Promise<boolean> {
  const endedAt = why === "expired" ? impersonation.expiresAt : now;
  const closed = await tx.impersonation.updateMany({
    where: { id: impersonation.id, endedAt: null },
    data: { endedAt, endReason: why, endedById: why === "expired" ? null : staff.id },
  });
  if (closed.count === 0) return false;
  await recordAudit(tx, staffAudit(staff, request, impersonation.workspace.id, impersonation.id), {
    action: `impersonation.${why}`,
    target: impersonation.id,
    changes: { startedAt: impersonation.startedAt, endedAt },
  });
  return true;
}
