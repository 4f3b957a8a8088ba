import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import type { Payment } from "@/lib/generated/prisma/client";
import { cardLabel } from "@/lib/mail/templates";
import { toMinorUnits } from "@/lib/money";
import { isUuid } from "@/lib/payments/cards";
import { getStripe, idOf, isResourceMissing } from "@/lib/payments/stripe";

// Webhook handlers never trust the event's payload: they re-read the object from Stripe (which
// also makes stale and out-of-order events harmless — they act on the current state) and find
// our Payment for it.

/** Re-reads any Stripe object; null when it does not exist (another account's, or deleted). */
export async function reread<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isResourceMissing(error)) return null;
    // Anything else (Stripe unreachable…) fails the delivery so that Stripe retries it.
    throw error;
  }
}

export function retrieveIntent(id: string): Promise<Stripe.PaymentIntent | null> {
  return reread(() => getStripe().paymentIntents.retrieve(id, { expand: ["latest_charge"] }));
}

/**
 * Our Payment for a PaymentIntent: by its stored id, or — when the webhook overtakes the request
 * that created the intent, before that request stored the id — by the paymentId in its metadata,
 * provided workspace, amount and currency agree. Intents of other systems sharing the Stripe
 * account have no such Payment: null, and the event is acknowledged and ignored.
 *
 * The request storing the id runs concurrently with this (it is the worker or the top-up that
 * just got Stripe's answer), and its commit can land between the two reads: the first then
 * finds no row with the id, the second no row without one. So the second read accepts either —
 * the id is only ever set once, from null, so a row with this intent's id is ours.
 */
export async function paymentForIntent(intent: Stripe.PaymentIntent): Promise<Payment | null> {
  const stored = await db.payment.findUnique({ where: { stripePaymentIntentId: intent.id } });
  if (stored) return stored;
  const { paymentId, workspaceId } = intent.metadata ?? {};
  if (!isUuid(paymentId) || !isUuid(workspaceId)) return null;
  const candidate = await db.payment.findFirst({
    where: { id: paymentId, workspaceId, OR: [{ stripePaymentIntentId: null }, { stripePaymentIntentId: intent.id }] },
  });
  if (!candidate) return null;
  if (candidate.stripePaymentIntentId === intent.id) return candidate;
  const sameMoney =
    candidate.currency.toLowerCase() === intent.currency && Number(toMinorUnits(candidate.amount, candidate.currency)) === intent.amount;
  return sameMoney ? candidate : null;
}

/** Our Payment for a charge (refunds and disputes name the charge). */
export async function paymentForCharge(charge: Stripe.Charge): Promise<Payment | null> {
  const intentId = idOf(charge.payment_intent);
  if (!intentId) return null;
  const stored = await db.payment.findUnique({ where: { stripePaymentIntentId: intentId } });
  if (stored) return stored;
  const intent = await retrieveIntent(intentId);
  return intent ? paymentForIntent(intent) : null;
}

/** The card of a charge, for ledger descriptions and receipts. */
export function chargeCard(charge: Stripe.Charge | null | undefined): { brand: string; last4: string } | null {
  const card = charge?.payment_method_details?.card;
  return card?.brand && card.last4 ? { brand: card.brand, last4: card.last4 } : null;
}

/** "Top-up · Visa •••• 4242": what a ledger line says about a payment. */
export function paymentLabel(payment: Pick<Payment, "kind">, card: { brand: string; last4: string } | null): string {
  const what = payment.kind === "AUTO_RECHARGE" ? "Auto-recharge" : "Top-up";
  return card ? `${what} · ${cardLabel(card, "en")}` : what;
}
