import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db";
import { enqueueInTransaction } from "@/lib/jobs/enqueue";

// Starting an auto-recharge (R11). lib/ledger/after-change.ts calls `rechargeIfDue` inside the
// transaction that moved the balance, while it holds the wallet's row lock, so the Payment, the
// in-flight marker and the charge job commit together with the debit that made them necessary —
// or not at all. Concurrent debits of one wallet queue on that lock; the first that finds the
// balance under the threshold claims the in-flight slot and the rest see it taken.

export type BalanceChange = {
  workspaceId: string;
  currency: "USD" | "INR";
  /** Available balance (paid + trial) when the transaction took the wallet lock… */
  before: bigint;
  /** …and after its entries. */
  after: bigint;
};

/**
 * The ledger's after-change step. On the hot path (usage ingest) it costs nothing when the
 * balance did not go down and one primary-key lookup otherwise; more happens only when a
 * recharge is due. True when it started one.
 */
export async function rechargeIfDue(tx: Prisma.TransactionClient, change: BalanceChange): Promise<boolean> {
  if (change.after >= change.before) return false;
  // Every condition that rules a recharge out is in this one lookup, so a workspace without
  // auto-recharge, with it off, with one already in flight, or above its threshold stops here.
  const [settings] = await tx.$queryRaw<RechargeSettings[]>`
    SELECT amount, "monthlyCap", "paymentMethodId" FROM "AutoRecharge"
    WHERE "workspaceId" = ${change.workspaceId}::uuid AND enabled AND "disabledAt" IS NULL
      AND "inFlightPaymentId" IS NULL AND threshold > ${change.after}`;
  if (!settings) return false;
  return (await startRecharge(tx, { workspaceId: change.workspaceId, currency: change.currency, ...settings })).started;
}

export type RechargeSettings = { amount: bigint; monthlyCap: bigint; paymentMethodId: string | null };

export type StartResult =
  | { started: true; paymentId: string; jobId: string }
  | { started: false; reason: "no_card" | "monthly_cap" | "unavailable" };

/**
 * Creates the AUTO_RECHARGE Payment, marks it in flight and enqueues its charge, in `tx`.
 * Also used for a retry after a failure (with `startAfterSeconds`). Refuses without a card, when
 * the month's auto-recharged amount plus this one would pass the monthly cap, and when the slot
 * is not free (switched off, or another payment in flight).
 */
export async function startRecharge(
  tx: Prisma.TransactionClient,
  settings: RechargeSettings & { workspaceId: string; currency: "USD" | "INR" },
  options: { startAfterSeconds?: number } = {},
): Promise<StartResult> {
  const { workspaceId } = settings;
  const card = await chargeableCard(tx, workspaceId, settings.paymentMethodId);
  if (!card) return { started: false, reason: "no_card" };
  if ((await monthlySpent(tx, workspaceId)) + settings.amount > settings.monthlyCap) return { started: false, reason: "monthly_cap" };

  // Claim the slot first: the conditional update takes the row lock and re-checks, so even a
  // caller that does not hold the wallet lock (a retry, a settings save) cannot start a second.
  const paymentId = randomUUID();
  const claimed = await tx.autoRecharge.updateMany({
    where: { workspaceId, enabled: true, disabledAt: null, inFlightPaymentId: null },
    data: { inFlightPaymentId: paymentId },
  });
  if (claimed.count === 0) return { started: false, reason: "unavailable" };

  await tx.payment.create({
    data: {
      id: paymentId,
      workspaceId,
      kind: "AUTO_RECHARGE",
      status: "PROCESSING",
      amount: settings.amount,
      currency: settings.currency,
      stripePaymentMethodId: card,
      idempotencyKey: `auto-recharge:${paymentId}`,
    },
  });
  const jobId = await enqueueInTransaction(
    tx,
    "auto-recharge.charge",
    { workspaceId, paymentId },
    options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {},
  );
  return { started: true, paymentId, jobId };
}

/** The Stripe id of the card to charge: the chosen one if the workspace still has it, else the default. */
export async function chargeableCard(
  client: Prisma.TransactionClient,
  workspaceId: string,
  chosen: string | null,
): Promise<string | null> {
  const cards = await client.paymentMethod.findMany({
    where: { workspaceId, OR: [{ isDefault: true }, ...(chosen ? [{ stripePaymentMethodId: chosen }] : [])] },
    select: { stripePaymentMethodId: true, isDefault: true },
  });
  return (cards.find((card) => card.stripePaymentMethodId === chosen) ?? cards.find((card) => card.isDefault))?.stripePaymentMethodId ?? null;
}

/**
 * What auto-recharge has charged or is charging this calendar month, in the workspace's time
 * zone: succeeded payments plus the one in flight (failed and canceled ones took no money).
 */
export async function monthlySpent(client: Prisma.TransactionClient, workspaceId: string): Promise<bigint> {
  const [row] = await client.$queryRaw<{ spent: bigint }[]>`
    SELECT COALESCE(SUM(p.amount), 0)::bigint AS spent
    FROM "Payment" p JOIN "Workspace" w ON w.id = p."workspaceId"
    WHERE p."workspaceId" = ${workspaceId}::uuid AND p.kind = 'AUTO_RECHARGE'
      AND p.status IN ('SUCCEEDED', 'PROCESSING', 'REQUIRES_ACTION')
      AND p."createdAt" >= date_trunc('month', now() AT TIME ZONE w."timeZone") AT TIME ZONE w."timeZone"`;
  return row.spent;
}
