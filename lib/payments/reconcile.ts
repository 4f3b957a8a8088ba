import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import type { Payment } from "@/lib/generated/prisma/client";
import type { PaymentKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/payments/cards";
import { getStripe } from "@/lib/payments/stripe";
import { OPEN_PAYMENT_STATUSES } from "@/lib/payments/top-ups";
import { processStripeEvent } from "@/lib/payments/webhooks";
import { retrieveIntent } from "@/lib/payments/webhooks/lookup";

// Payments whose webhook never came. A Payment is settled only by Stripe's webhook; when that is
// lost (endpoint misconfigured, Stripe gave up retrying) a top-up stays uncredited and an
// auto-recharge keeps the wallet's in-flight slot, so no recharge ever fires again. The
// `payments.reconcile` job (every 10 minutes) and `saldo-admin payments:reconcile` re-read such
// a payment's PaymentIntent and run the webhook handler for the state Stripe reports, with an
// event of our own: the same code credits (once, by the ledger key `payment:<id>`), fails, and
// applies the auto-recharge outcome, so a webhook arriving afterwards — or concurrently — finds
// the work done and changes nothing, and vice versa.

/**
 * A payment is reconciled once it has not changed for this long. Stripe delivers a webhook within
 * seconds and retries failed deliveries within minutes, so by then the webhook is lost or late;
 * short enough that a business whose auto-recharge lost its webhook is blocked for at most this
 * plus the job's 10-minute interval. Acting before a late webhook is harmless: it finds the
 * payment settled.
 */
export const RECONCILE_AFTER_MINUTES = 15;

/** Payments looked at per run; the oldest first, the rest on the next run. */
export const RECONCILE_BATCH_SIZE = 50;

/**
 * A top-up still waiting for its cardholder (3-D Secure) this long after it started is abandoned:
 * the reconciliation cancels it at Stripe, so it ends CANCELED instead of being looked at every
 * run forever (Stripe never cancels it on its own) and crowding stuck payments out of the batch.
 */
export const ABANDONED_TOP_UP_HOURS = 24;
const WAITING_FOR_CARDHOLDER: Stripe.PaymentIntent.Status[] = ["requires_action", "requires_confirmation"];

/**
 * The handler for each PaymentIntent state that settles a payment. The states missing here
 * (`processing`, `requires_action`, `requires_confirmation`, `requires_capture`) are left alone:
 * the intent has not finished, and when it does Stripe sends its event (and the next run looks
 * again). A top-up in `requires_action` waits for its cardholder, who may still authenticate —
 * until ABANDONED_TOP_UP_HOURS, when it is canceled; an auto-recharge never does (off-session Stripe refuses rather than asks, and chargeOffSession
 * records an authentication request as a failure), so for it these states only mean "Stripe is
 * still working".
 */
const SETTLING_EVENTS: Partial<Record<Stripe.PaymentIntent.Status, string>> = {
  succeeded: "payment_intent.succeeded",
  requires_payment_method: "payment_intent.payment_failed",
  canceled: "payment_intent.canceled",
};

export type ReconcileAction =
  /** The webhook handler for the intent's final state ran (or found its work already done). */
  | "settled"
  /** The intent is still in progress at Stripe. */
  | "pending"
  /** Stripe has no such PaymentIntent (deleted, or another account's). */
  | "not_found"
  /** Stripe or the handler failed; the next run tries again. */
  | "error";

export type ReconciledPayment = {
  paymentId: string;
  workspaceId: string;
  kind: PaymentKind;
  paymentIntentId: string;
  /** What Stripe says, or null when it could not be read. */
  intentStatus: Stripe.PaymentIntent.Status | null;
  action: ReconcileAction;
  /** The payment's status before and after. */
  from: PaymentStatus;
  status: PaymentStatus;
  error?: string;
};

export type ReconcileResult = { checked: number; errors: number; payments: ReconciledPayment[] };

export type ReconcileOptions = {
  /** Only this workspace's payments (the operator's CLI, tests); every workspace by default. */
  workspaceId?: string;
  /** Where the one line per payment goes; the CLI prints its own. */
  log?: (line: string) => void;
};

/**
 * Settles, as their webhooks would have, the payments that have waited longer than
 * RECONCILE_AFTER_MINUTES: open ones (PROCESSING, REQUIRES_ACTION), and an auto-recharge still
 * holding its wallet's in-flight slot whatever its status (webhooks now commit the outcome with
 * the event; before, a server killed between the two left such a slot). Only payments with a PaymentIntent: one without never
 * reached Stripe, and its top-up replay or charge job owns it. One payment's failure is reported
 * and the others go on.
 */
export async function reconcilePayments(options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.workspaceId !== undefined && !isUuid(options.workspaceId)) return { checked: 0, errors: 0, payments: [] };
  const scope = options.workspaceId ? { workspaceId: options.workspaceId } : {};
  const cutoff = new Date(Date.now() - RECONCILE_AFTER_MINUTES * 60_000);

  // Across workspaces on purpose (a system sweep); each payment is then handled in its own.
  const inFlight = await db.autoRecharge.findMany({ where: { ...scope, inFlightPaymentId: { not: null } }, select: { inFlightPaymentId: true } });
  const candidates = await db.payment.findMany({
    where: {
      ...scope,
      stripePaymentIntentId: { not: null },
      updatedAt: { lt: cutoff },
      OR: [{ status: { in: OPEN_PAYMENT_STATUSES } }, { id: { in: inFlight.map((row) => row.inFlightPaymentId!) }, kind: "AUTO_RECHARGE" }],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: RECONCILE_BATCH_SIZE,
  });

  const payments: ReconciledPayment[] = [];
  for (const payment of candidates) {
    const result = await reconcileOne(payment);
    // A payment looked at waits another RECONCILE_AFTER_MINUTES (unless it changed anyway): one
    // that stays open — a top-up abandoned at 3-D Secure, Stripe down — would otherwise take a
    // place in every batch and keep the payments behind it waiting.
    await db.payment
      .updateMany({ where: { id: payment.id, workspaceId: payment.workspaceId, updatedAt: payment.updatedAt }, data: { updatedAt: new Date() } })
      .catch((error: unknown) => console.error(`[payments.reconcile] payment ${payment.id}:`, error));
    log(`[payments.reconcile] ${describeReconciled(result)}`);
    payments.push(result);
  }
  return { checked: payments.length, errors: payments.filter((item) => item.action === "error").length, payments };
}

/** The log line for one payment; also what the CLI prints. */
export function describeReconciled(item: ReconciledPayment): string {
  const what = `payment ${item.paymentId} (${item.kind}, workspace ${item.workspaceId}, ${item.paymentIntentId})`;
  switch (item.action) {
    case "settled":
      return `${what}: Stripe says ${item.intentStatus}; ${item.from} → ${item.status}`;
    case "pending":
      return `${what}: Stripe says ${item.intentStatus}, still in progress; left ${item.status}`;
    case "not_found":
      return `${what}: Stripe has no such PaymentIntent; left ${item.status}`;
    default:
      return `${what}: failed, will retry: ${item.error}`;
  }
}

async function reconcileOne(payment: Payment): Promise<ReconciledPayment> {
  const intentId = payment.stripePaymentIntentId!;
  const base = { paymentId: payment.id, workspaceId: payment.workspaceId, kind: payment.kind, paymentIntentId: intentId, from: payment.status };
  let intent: Stripe.PaymentIntent | null = null;
  try {
    intent = await retrieveIntent(intentId);
    if (!intent) return { ...base, intentStatus: null, action: "not_found", status: payment.status };
    if (isAbandoned(payment, intent)) {
      intent = await getStripe().paymentIntents.cancel(intentId, { cancellation_reason: "abandoned" }, { idempotencyKey: `abandon:${payment.id}` });
    }
    const type = SETTLING_EVENTS[intent.status];
    if (!type) return { ...base, intentStatus: intent.status, action: "pending", status: payment.status };

    const result = await processStripeEvent(reconciliationEvent(intent, type));
    if (result.status === "failed") throw new Error(result.reason);
    const after = await db.payment.findFirstOrThrow({ where: { id: payment.id, workspaceId: payment.workspaceId }, select: { status: true } });
    return { ...base, intentStatus: intent.status, action: "settled", status: after.status };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The log line and the CLI carry the first line; a stack (a bug, not an outage) goes to stderr.
    if (message.includes("\n")) console.error(`[payments.reconcile] payment ${payment.id}: ${message}`);
    return { ...base, intentStatus: intent?.status ?? null, action: "error", status: payment.status, error: message.split("\n")[0] };
  }
}

function isAbandoned(payment: Payment, intent: Stripe.PaymentIntent): boolean {
  const age = Date.now() - payment.createdAt.getTime();
  return payment.kind === "TOP_UP" && WAITING_FOR_CARDHOLDER.includes(intent.status) && age > ABANDONED_TOP_UP_HOURS * 3_600_000;
}

/**
 * The event Stripe would have sent. Its id is ours and names the intent and its state, so it is
 * recorded like a delivered event: two runs at once (or one repeated) are duplicates of each
 * other, and the handler's own ledger key covers the race with Stripe's real event.
 */
function reconciliationEvent(intent: Stripe.PaymentIntent, type: string): Stripe.Event {
  return {
    id: `reconcile:${intent.id}:${intent.status}`,
    object: "event",
    api_version: null,
    created: Math.floor(Date.now() / 1000),
    livemode: intent.livemode,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: intent },
  } as Stripe.Event;
}
