import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueInTransaction } from "@/lib/jobs/enqueue";
import { mailContext, queueMail } from "@/lib/mail";
import { callsPausedMail, lowBalanceMail } from "@/lib/mail/templates";
import { mayStartMessage, paidCoversCallMinimum, trialPaysWhatsappCalls } from "@/lib/wallet/outbound";

// E-mails for a balance that crossed a line going down (PRODUCT.md, Notifications): below the
// owner's low-balance alert, and below the call minimum (R3, R5; with what still starts — WhatsApp
// calls on trial credit, messages while the available balance is above zero — as
// lib/wallet/outbound.ts decides for authorize). lib/ledger/after-change.ts calls this
// inside the transaction that moved the balance, so the message commits with the debit or not at
// all; a `mail.deliver` job sends it once committed. The in-app banner says the same meanwhile.

/** At most one e-mail of each kind per workspace in this many hours, however often the balance dips. */
export const ALERT_COOLDOWN_HOURS = 24;
/** "Calls paused" goes only to workspaces that placed an outbound call this recently. */
export const CALLING_LOOKBACK_DAYS = 30;

export type BalanceAlertKind = "low_balance" | "calls_paused";

export type BalanceCrossing = {
  workspaceId: string;
  /** Available balance (paid + trial) before and after the change. */
  before: bigint;
  after: bigint;
  /** Paid balance before and after: only paid money counts toward the call minimum. */
  paidBefore: bigint;
  paidAfter: bigint;
  /** The owner's low-balance alert; null when none is set. */
  alertThreshold: bigint | null;
  callMinimum: bigint;
  /** The same change started an auto-recharge: its own e-mails will follow, so these would be noise. */
  rechargeStarted: boolean;
};

/** The lines this change crossed going down. Pure: the hot path pays nothing when it is empty. */
export function crossedAlerts(change: BalanceCrossing): BalanceAlertKind[] {
  if (change.rechargeStarted) return [];
  const kinds: BalanceAlertKind[] = [];
  const threshold = change.alertThreshold;
  if (threshold !== null && change.before >= threshold && change.after < threshold) kinds.push("low_balance");
  if (paidCoversCallMinimum(change.paidBefore, change.callMinimum) && !paidCoversCallMinimum(change.paidAfter, change.callMinimum)) {
    kinds.push("calls_paused");
  }
  return kinds;
}

/** Queues the e-mails `change` calls for, in `tx` (the wallet's transaction). */
export async function queueBalanceAlerts(tx: Prisma.TransactionClient, change: BalanceCrossing): Promise<void> {
  const kinds = crossedAlerts(change);
  if (kinds.length === 0) return;
  const context = await mailContext(change.workspaceId, tx);
  if (!context.to) return;
  for (const kind of kinds) {
    if (await sentRecently(tx, change.workspaceId, kind)) continue;
    if (kind === "calls_paused" && !(await placedCallsRecently(tx, change.workspaceId))) continue;
    const content =
      kind === "low_balance"
        ? lowBalanceMail({ ...context, balance: change.after, threshold: change.alertThreshold! })
        : callsPausedMail({
            ...context,
            paidBalance: change.paidAfter,
            minimum: change.callMinimum,
            whatsappTrialCredit: await whatsappTrialCredit(tx, change),
            messagesGoOn: mayStartMessage({ paid: change.paidAfter, trial: change.after - change.paidAfter }),
          });
    const mailId = await queueMail(tx, { workspaceId: change.workspaceId, kind, to: context.to, ...content });
    await enqueueInTransaction(tx, "mail.deliver", { mailId });
  }
}

async function sentRecently(tx: Prisma.TransactionClient, workspaceId: string, kind: BalanceAlertKind): Promise<boolean> {
  const since = new Date(Date.now() - ALERT_COOLDOWN_HOURS * 3_600_000);
  return (await tx.mailMessage.count({ where: { workspaceId, kind, createdAt: { gte: since } } })) > 0;
}

/** A business that only sends messages need not hear that calls are paused. */
async function placedCallsRecently(tx: Prisma.TransactionClient, workspaceId: string): Promise<boolean> {
  const since = new Date(Date.now() - CALLING_LOOKBACK_DAYS * 86_400_000);
  const [row] = await tx.$queryRaw<{ found: boolean }[]>(recentOutboundCallQuery(workspaceId, since));
  return row.found;
}

/**
 * Runs under the wallet lock, so it must stay one index probe however many messages the
 * workspace sends: the partial index "UsageEvent_outbound_call_idx" holds outbound calls only.
 * Direction and channels are literals, not parameters, so PostgreSQL can prove the query
 * matches the index's WHERE (the timed channels of lib/rating/channels.ts); the workspace id is
 * a subquery so that stale statistics about this workspace do not choose the plan (see
 * recordedEventsQuery in lib/usage/ingest.ts).
 */
export function recentOutboundCallQuery(workspaceId: string, since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT EXISTS (
      SELECT 1 FROM "UsageEvent"
      WHERE "workspaceId" = (SELECT ${workspaceId}::uuid) AND "occurredAt" >= ${since}
        AND direction = 'outbound' AND channel IN ('voice_call', 'whatsapp_call', 'ai_voice')
    ) AS found`;
}

/** Trial credit left to start WhatsApp calls with below the call minimum (R3, R8); 0 when it starts none. */
async function whatsappTrialCredit(tx: Prisma.TransactionClient, change: BalanceCrossing): Promise<bigint> {
  const trial = change.after - change.paidAfter;
  if (trial <= 0n) return 0n;
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: change.workspaceId }, select: { whatsappCallingEnabled: true } });
  return trialPaysWhatsappCalls({ trial, whatsappCallingEnabled: workspace.whatsappCallingEnabled }) ? trial : 0n;
}
