import "server-only";
import type Stripe from "stripe";
import { recordAutoRechargeOutcome } from "@/lib/auto-recharge/outcome";
import { OPEN_PAYMENT_STATUSES, intentFailure } from "@/lib/payments/top-ups";
import type { WebhookContext } from "../context";
import { paymentForIntent, retrieveIntent } from "../lookup";

/**
 * The bank declined (or 3-D Secure failed): the payment is FAILED with the bank's reason and
 * nothing is credited. A stale event — the intent has since succeeded — changes nothing.
 */
export async function paymentIntentPaymentFailed(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await retrieveIntent((event.data.object as Stripe.PaymentIntent).id);
  if (!intent || !["requires_payment_method", "canceled"].includes(intent.status)) return;
  const payment = await paymentForIntent(intent);
  if (!payment || payment.status === "SUCCEEDED") return;
  const failure = intentFailure(intent);

  await ctx.commit(async (tx) => {
    await tx.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
    await tx.payment.updateMany({
      where: { id: payment.id, status: { in: OPEN_PAYMENT_STATUSES } },
      data: { status: "FAILED", failureCode: failure.code, failureMessage: failure.message },
    });
  });
  if (payment.kind === "AUTO_RECHARGE") {
    ctx.afterCommit("auto-recharge outcome", () => recordAutoRechargeOutcome(payment.workspaceId, payment.id, { ok: false, ...failure }), {
      required: true,
    });
  }
}
