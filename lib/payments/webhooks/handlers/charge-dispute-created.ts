import "server-only";
import type Stripe from "stripe";
import { fromMinorUnits } from "@/lib/money";
import { getStripe, idOf } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { chargeCard, paymentForCharge, paymentLabel, reread } from "../lookup";

/**
 * The cardholder disputed a payment: Stripe takes the disputed amount back at once, so the
 * wallet gives it back too (ledger REVERSAL, key `dispute:<id>`), even if the balance goes negative.
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
  const idempotencyKey = `dispute:${dispute.id}`;
  const amount = fromMinorUnits(dispute.amount, payment.currency);

  await ctx.commitWithWallet(workspaceId, async ({ tx, post }) => {
    const existing = await tx.ledgerEntry.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } }, select: { id: true } });
    if (existing) return;
    await post([
      {
        kind: "REVERSAL",
        bucket: "PAID",
        amount: -amount,
        idempotencyKey,
        reference: payment.stripePaymentIntentId ?? idOf(charge.payment_intent),
        description: `Dispute (${dispute.reason}) · ${paymentLabel(payment, chargeCard(charge))}`,
        actor: { type: "system" },
      },
    ]);
    await tx.payment.update({ where: { id: payment.id }, data: { reversedAmount: { increment: amount } } });
  });
}
