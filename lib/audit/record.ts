import "server-only";
import type { Prisma } from "@/lib/db";
import type { AuditAction } from "@/lib/audit/actions";
import { formatAmount } from "@/lib/money";

// The one writer of the audit trail. It takes the transaction of the change it records, so a
// change and its row commit together or not at all: a rolled-back change leaves no row, and no
// change is left without one. The table is append-only (its migration's trigger refuses UPDATE,
// DELETE and TRUNCATE); nothing here reads or rewrites it.

/** Who did it. */
export type AuditActor =
  /** A member of the workspace, or a support staff member (SUPPORT or ADMIN). */
  | { type: "user" | "staff"; id: string; email: string }
  /** Whoever runs the admin CLI (saldo-admin): named by the operating-system account. */
  | { type: "operator"; label: string }
  /** Webhooks, jobs, expiry noticed by the server. */
  | { type: "system" };

/**
 * Everything about a row that comes from the request rather than the change: built once per
 * request by lib/auth/session.ts (workspace actions get it as `context.audit`), or by
 * systemAudit / operatorAudit below.
 */
export type AuditContext = {
  actor: AuditActor;
  workspaceId: string | null;
  /** The impersonation the actor is viewing the workspace through, if any. */
  impersonationId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditEventInput = {
  action: AuditAction;
  /** What it acted on: a card's, key's or payment's id, a setting's name. */
  target?: string | null;
  reason?: string | null;
  /** What changed, e.g. {threshold: {from: "5.00", to: "10.00"}}; bigints are written as strings. */
  changes?: Record<string, unknown>;
};

/** Any client that can insert: a transaction (the normal case), or the client itself for an event that changes nothing else. */
export type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/** Writes one audit row in `tx`, the transaction of the change it records. */
export async function recordAudit(tx: AuditWriter, context: AuditContext, event: AuditEventInput): Promise<void> {
  const { actor } = context;
  await tx.auditEvent.create({
    data: {
      workspaceId: context.workspaceId,
      actorType: actor.type,
      actorId: actor.type === "user" || actor.type === "staff" ? actor.id : null,
      actorEmail: actor.type === "user" || actor.type === "staff" ? actor.email : actor.type === "operator" ? storable(actor.label, 254) : null,
      impersonationId: context.impersonationId,
      action: event.action,
      target: event.target == null ? null : storable(event.target, 255),
      reason: event.reason == null ? null : storable(event.reason, 500),
      changes: jsonSafe(event.changes ?? {}) as Prisma.InputJsonObject,
      ip: context.ip == null ? null : storable(context.ip, 45),
      userAgent: context.userAgent == null ? null : storable(context.userAgent, 500),
    },
  });
}

/** The context of what the system does on its own (a webhook, a job) in a workspace. */
export function systemAudit(workspaceId: string | null): AuditContext {
  return { actor: { type: "system" }, workspaceId, impersonationId: null, ip: null, userAgent: null };
}

/** The context of the admin CLI's operator, named `label` (their OS account). */
export function operatorAudit(workspaceId: string | null, label: string): AuditContext {
  return { actor: { type: "operator", label }, workspaceId, impersonationId: null, ip: null, userAgent: null };
}

/** The same context, about another workspace (a staff action names the workspace it acts on). */
export function inWorkspace(context: AuditContext, workspaceId: string): AuditContext {
  return { ...context, workspaceId };
}

// Request headers and free text can hold what PostgreSQL refuses (NUL) or more than the column.
function storable(text: string, max: number): string {
  return text.replaceAll("\u0000", "").toWellFormed().slice(0, max);
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.replaceAll("\u0000", "").toWellFormed();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonSafe(v)]));
  return value ?? null;
}

/**
 * {field: {from, to}} for each field of `after` whose value differs from `before`'s. Bigints are
 * micro-units of money everywhere in Saldo: written as decimals ("12.500000"), as the API does.
 */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const money = (value: unknown) => (typeof value === "bigint" ? formatAmount(value) : (value ?? null));
  for (const key of Object.keys(after)) {
    if (!sameValue(before[key], after[key])) changes[key] = { from: money(before[key]), to: money(after[key]) };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || (a == null && b == null);
}
