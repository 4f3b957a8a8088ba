import "server-only";
import type Stripe from "stripe";
import { fromMinorUnits } from "@/lib/money";
import { getStripe } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { chargeCard, paymentForCharge, paymentLabel, reread } from "../lookup";

/**
 * Money went back to the card: debit the wallet by each refund not yet debited (one ledger
 * REFUND per Stripe refund, key `refund:<id>`), so a partial refund followed by another one
 * debits each once, whatever order or how many times the events arrive.
 */
export async function chargeRefunded(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const stripe = getStripe();
  const charge = await reread(() => stripe.charges.retrieve((event.data.object as Stripe.Charge).id));
  if (!charge) return;
  const payment = await paymentForCharge(charge);
  if (!payment) return;

  const refunds: Stripe.Refund[] = [];
  for await (const refund of stripe.refunds.list({ charge: charge.id, limit: 100 })) {
    // A failed or canceled refund returned nothing to the cardholder.
    if (refund.status !== "failed" && refund.status !== "canceled") refunds.push(refund);
  }
  if (!refunds.length) return;
  const label = paymentLabel(payment, chargeCard(charge));
  const workspaceId = payment.workspaceId;

  await ctx.commitWithWallet(workspaceId, async ({ tx, post }) => {
    const keys = refunds.map((refund) => `refund:${refund.id}`);
    const done = new Set(
      (await tx.ledgerEntry.findMany({ where: { workspaceId, idempotencyKey: { in: keys } }, select: { idempotencyKey: true } })).map(
        (entry) => entry.idempotencyKey,
      ),
    );
    const fresh = refunds.filter((refund) => !done.has(`refund:${refund.id}`));
    if (!fresh.length) return;
    const posted = await post(
      fresh.map((refund) => ({
        kind: "REFUND" as const,
        bucket: "PAID" as const,
        amount: -fromMinorUnits(refund.amount, payment.currency),
        idempotencyKey: `refund:${refund.id}`,
        reference: payment.stripePaymentIntentId ?? (typeof charge.payment_intent === "string" ? charge.payment_intent : null),
        description: `Refund · ${label}`,
        actor: { type: "system" as const },
      })),
    );
    const total = posted.reduce((sum, entry) => sum - entry.amount, 0n);
    await tx.payment.update({ where: { id: payment.id }, data: { reversedAmount: { increment: total } } });
  });
}
