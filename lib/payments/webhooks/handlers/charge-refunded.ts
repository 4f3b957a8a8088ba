import "server-only";
import type Stripe from "stripe";
import { debitRefunds } from "@/lib/ledger/debit-refunds";
import { fromMinorUnits } from "@/lib/money";
import { getStripe } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { chargeCard, paymentForCharge, paymentLabel, reread } from "../lookup";

/**
 * Money went back to the card: debit the wallet by each refund not yet debited
 * (lib/ledger/debit-refunds.ts), so a partial refund followed by another one debits each once,
 * whatever order or how many times the events arrive.
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

  await ctx.commitWithWallet(workspaceId, async (session) => {
    const posted = await debitRefunds(
      session,
      refunds.map((refund) => ({ id: refund.id, amount: fromMinorUnits(refund.amount, payment.currency) })),
      {
        reference: payment.stripePaymentIntentId ?? (typeof charge.payment_intent === "string" ? charge.payment_intent : null),
        description: `Refund · ${label}`,
      },
    );
    if (!posted.length) return;
    const total = posted.reduce((sum, entry) => sum - entry.amount, 0n);
    await session.tx.payment.update({ where: { id: payment.id }, data: { reversedAmount: { increment: total } } });
  });
}
