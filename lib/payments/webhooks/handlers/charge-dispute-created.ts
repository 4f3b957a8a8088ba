import "server-only";
import type Stripe from "stripe";
import { debitDispute } from "@/lib/ledger/debit-dispute";
import { fromMinorUnits } from "@/lib/money";
import { getStripe, idOf } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { chargeCard, paymentForCharge, paymentLabel, reread } from "../lookup";

/**
 * The cardholder disputed a payment: Stripe takes the disputed amount back at once, so the
 * wallet gives it back too (lib/ledger/debit-dispute.ts), even if the balance goes negative.
 */
export async function chargeDisputeCreated(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const stripe = getStripe();
  const dispute = await reread(() => stripe.disputes.retrieve((event.data.object as Stripe.Dispute).id));
  if (!dispute) return;
  const chargeId = idOf(dispute.charge);
  const charge = chargeId ? await reread(() => stripe.charges.retrieve(chargeId)) : null;
  if (!charge) return;
  const payment = await paymentForCharge(charge);
  if (!payment) return;
  const workspaceId = payment.workspaceId;
  const amount = fromMinorUnits(dispute.amount, payment.currency);

  await ctx.commitWithWallet(workspaceId, async (session) => {
    const debited = await debitDispute(
      session,
      { id: dispute.id, amount },
      {
        reference: payment.stripePaymentIntentId ?? idOf(charge.payment_intent),
        description: `Dispute (${dispute.reason}) · ${paymentLabel(payment, chargeCard(charge))}`,
      },
    );
    if (!debited) return;
    await session.tx.payment.update({ where: { id: payment.id }, data: { reversedAmount: { increment: amount } } });
  });
}
