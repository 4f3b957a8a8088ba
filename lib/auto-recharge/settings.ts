import "server-only";
import { z } from "zod";
import { changedFields, recordAudit, systemAudit, type AuditContext } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { AppError, InvalidFields } from "@/lib/errors";
import { AUTO_RECHARGE_DEFAULTS } from "@/lib/auto-recharge/defaults";
import { autoRechargeProblems, thresholdBelowCallMinimum } from "@/lib/auto-recharge/limits";
import { monthlySpent, startRecharge } from "@/lib/auto-recharge/trigger";
import type { Currency } from "@/lib/money";

// The auto-recharge settings form (R11) and the state the wallet screen shows about it.

export type AutoRechargeWarning = "threshold_below_call_minimum";

export type AutoRechargeView = {
  currency: Currency;
  /** False until the owner saves: threshold, amount and cap are then the suggested defaults. */
  configured: boolean;
  enabled: boolean;
  /** Micro-units. Recharge when the available balance falls below this… */
  threshold: bigint;
  /** …by this amount… */
  amount: bigint;
  /** …at most this much per calendar month (workspace time zone). */
  monthlyCap: bigint;
  /** The chosen card (PaymentMethod id); null = whichever card is the default. */
  cardId: string | null;
  /** The chosen card's Stripe id; null = the default card. */
  stripePaymentMethodId: string | null;
  /** The card a recharge would charge now (the chosen one, else the default); null = no card. */
  chargeCard: { id: string; brand: string; last4: string } | null;
  /** A recharge is being charged or waits for its next attempt. */
  inFlight: boolean;
  consecutiveFailures: number;
  lastFailureMessage: string | null;
  /** Set when 3 failures in a row switched it off (the banner); cleared by turning it on again. */
  disabledAt: Date | null;
  /** Auto-recharged this month: succeeded plus in flight. */
  spentThisMonth: bigint;
  /** The plan's call minimum (R3), for the form's live warning. */
  callMinimum: bigint;
  whatsappCallingEnabled: boolean;
  warnings: AutoRechargeWarning[];
};

export type AutoRechargeInput = {
  enabled: boolean;
  threshold: bigint;
  amount: bigint;
  monthlyCap: bigint;
  /** A card of the workspace (PaymentMethod id or Stripe id), or null for the default card. */
  paymentMethodId: string | null;
  /**
   * The amount the owner agreed may be charged at once, when the balance is already under the
   * threshold being saved. Without it (or with another amount) such a save changes nothing and
   * throws ChargeNowUnconfirmed, which says what would be charged.
   */
  confirmedChargeNow?: bigint | null;
};

/** What saving would charge right away: the recharge amount, to this card, because the balance is under the threshold. */
export type ChargeNow = {
  amount: bigint;
  card: { brand: string; last4: string };
  available: bigint;
  threshold: bigint;
};

/** Saving would charge the card now and the owner has not confirmed that amount: nothing was saved. */
export class ChargeNowUnconfirmed extends AppError {
  constructor(readonly charge: ChargeNow) {
    super("charge_confirmation_required", "Saving these settings charges the card right away: confirm the amount first.");
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getAutoRecharge(workspaceId: string): Promise<AutoRechargeView> {
  return readView(db, workspaceId);
}

/**
 * Validates and saves the settings, and answers the view. Turning it on needs a card; turning
 * it on again after it switched itself off clears the failures. When the balance is already
 * under the threshold being saved, the first recharge starts now rather than at the next debit —
 * only once the owner has confirmed that amount (`confirmedChargeNow`); until then the save rolls
 * back and throws ChargeNowUnconfirmed. The decision is startRecharge's own (card, monthly cap,
 * one in flight), taken in this transaction, so what the owner is asked is what would happen.
 */
export async function saveAutoRecharge(workspaceId: string, input: AutoRechargeInput, audit: AuditContext = systemAudit(workspaceId)): Promise<AutoRechargeView> {
  const workspace = UUID.test(workspaceId)
    ? await db.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true } })
    : null;
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  const values = inputSchema.parse(input);
  const [problem, ...more] = autoRechargeProblems(values, workspace.currency);
  if (problem) throw new InvalidFields([problem, ...more]);

  return db.$transaction(async (tx) => {
    // Serialises saves of one workspace with each other and with outcomes (which lock this row).
    const [current] = await tx.$queryRaw<{ enabled: boolean; threshold: bigint; amount: bigint; monthlyCap: bigint; paymentMethodId: string | null }[]>`
      SELECT enabled, threshold, amount, "monthlyCap", "paymentMethodId" FROM "AutoRecharge" WHERE "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
    const card = values.paymentMethodId ? await findCard(tx, workspaceId, values.paymentMethodId) : null;
    if (values.enabled && !card && !(await tx.paymentMethod.findFirst({ where: { workspaceId, isDefault: true }, select: { id: true } }))) {
      throw new AppError("card_required", "Add a card before turning on auto-recharge.", "paymentMethodId");
    }
    const turnedOn = values.enabled && !current?.enabled;
    const data = {
      enabled: values.enabled,
      threshold: values.threshold,
      amount: values.amount,
      monthlyCap: values.monthlyCap,
      paymentMethodId: card?.stripePaymentMethodId ?? null,
      // A fresh start: the failures that switched it off (or came before) are history.
      ...(turnedOn ? { disabledAt: null, consecutiveFailures: 0, lastFailureMessage: null } : {}),
    };
    await tx.autoRecharge.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
    const saved = { enabled: data.enabled, threshold: data.threshold, amount: data.amount, monthlyCap: data.monthlyCap, card: data.paymentMethodId };
    const before = current
      ? { enabled: current.enabled, threshold: current.threshold, amount: current.amount, monthlyCap: current.monthlyCap, card: current.paymentMethodId }
      : { enabled: null, threshold: null, amount: null, monthlyCap: null, card: null };
    const changes = changedFields<Record<string, unknown>>(before, saved);
    if (Object.keys(changes).length > 0) await recordAudit(tx, audit, { action: "auto_recharge.updated", changes: { ...changes, currency: workspace.currency } });

    if (values.enabled) {
      const wallet = await tx.wallet.findUniqueOrThrow({ where: { workspaceId }, select: { paidBalance: true, trialBalance: true } });
      const available = wallet.paidBalance + wallet.trialBalance;
      if (available < values.threshold) {
        // Refused quietly when one is in flight or the cap is reached: the view shows both.
        const start = await startRecharge(tx, { workspaceId, currency: workspace.currency, ...data });
        if (start.started && input.confirmedChargeNow !== values.amount) {
          // Throwing rolls back the settings, the Payment and its job: nothing happened.
          const { brand, last4 } = (await readView(tx, workspaceId)).chargeCard!;
          throw new ChargeNowUnconfirmed({ amount: values.amount, card: { brand, last4 }, available, threshold: values.threshold });
        }
      }
    }
    return readView(tx, workspaceId);
  });
}

const inputSchema = z.object({
  enabled: z.boolean(),
  threshold: z.bigint(),
  amount: z.bigint(),
  monthlyCap: z.bigint(),
  paymentMethodId: z.string().trim().min(1).max(255).nullable(),
  confirmedChargeNow: z.bigint().nullable().optional(),
});

/** One of the workspace's cards, by PaymentMethod id or Stripe id; another workspace's is not found. */
async function findCard(client: Prisma.TransactionClient, workspaceId: string, id: string) {
  const card = await client.paymentMethod.findFirst({
    where: { workspaceId, OR: [...(UUID.test(id) ? [{ id }] : []), { stripePaymentMethodId: id }] },
  });
  if (!card) throw new AppError("not_found", "Card not found", "paymentMethodId");
  return card;
}

async function readView(client: Prisma.TransactionClient, workspaceId: string): Promise<AutoRechargeView> {
  const workspace = UUID.test(workspaceId)
    ? await client.workspace.findUnique({
        where: { id: workspaceId },
        select: { currency: true, whatsappCallingEnabled: true, autoRecharge: true },
      })
    : null;
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  const settings = workspace.autoRecharge;
  const [plan, cards, spentThisMonth] = await Promise.all([
    client.currencyPlan.findUniqueOrThrow({ where: { currency: workspace.currency }, select: { callMinimumBalance: true } }),
    client.paymentMethod.findMany({ where: { workspaceId }, select: { id: true, stripePaymentMethodId: true, brand: true, last4: true, isDefault: true } }),
    monthlySpent(client, workspaceId),
  ]);
  const chosen = settings?.paymentMethodId ? cards.find((card) => card.stripePaymentMethodId === settings.paymentMethodId) : undefined;
  const charged = chosen ?? cards.find((card) => card.isDefault);
  const defaults = AUTO_RECHARGE_DEFAULTS[workspace.currency];
  const threshold = settings?.threshold ?? defaults.threshold;
  return {
    currency: workspace.currency,
    configured: !!settings,
    enabled: settings?.enabled ?? false,
    threshold,
    amount: settings?.amount ?? defaults.amount,
    monthlyCap: settings?.monthlyCap ?? defaults.monthlyCap,
    cardId: chosen?.id ?? null,
    stripePaymentMethodId: chosen?.stripePaymentMethodId ?? null,
    chargeCard: charged ? { id: charged.id, brand: charged.brand, last4: charged.last4 } : null,
    inFlight: !!settings?.inFlightPaymentId,
    consecutiveFailures: settings?.consecutiveFailures ?? 0,
    lastFailureMessage: settings?.lastFailureMessage ?? null,
    disabledAt: settings?.disabledAt ?? null,
    spentThisMonth,
    callMinimum: plan.callMinimumBalance,
    whatsappCallingEnabled: workspace.whatsappCallingEnabled,
    warnings: thresholdBelowCallMinimum(threshold, plan.callMinimumBalance, workspace.whatsappCallingEnabled) ? ["threshold_below_call_minimum"] : [],
  };
}
