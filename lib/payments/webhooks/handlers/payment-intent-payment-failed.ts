import "server-only";
import type Stripe from "stripe";
import { applyAutoRechargeOutcome, deliverOutcomeMail, outcomeMailContext } from "@/lib/auto-recharge/outcome";
import { OPEN_PAYMENT_STATUSES, intentFailure } from "@/lib/payments/top-ups";
import type { WebhookContext } from "../context";
import { paymentForIntent, retrieveIntent } from "../lookup";

/**
 * The bank declined (or 3-D Secure failed): the payment is FAILED with the bank's reason and
 * nothing is credited. A stale event — the intent has since succeeded — changes nothing. An
 * auto-recharge's failure (counted, retried or switched off) commits with the event id.
 */
export async function paymentIntentPaymentFailed(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await retrieveIntent((event.data.object as Stripe.PaymentIntent).id);
  if (!intent || !["requires_payment_method", "canceled"].includes(intent.status)) return;
  const payment = await paymentForIntent(intent);
  if (!payment || payment.status === "SUCCEEDED") return;
  const failure = intentFailure(intent);
  const recharge = payment.kind === "AUTO_RECHARGE";
  const mail = recharge ? await outcomeMailContext(payment.workspaceId) : null;

  const mailId = await ctx.commit(async (tx) => {
    // First: it locks the AutoRecharge row before the Payment, as every writer of both does.
    const outcome = recharge ? await applyAutoRechargeOutcome(tx, payment.workspaceId, payment.id, { ok: false, ...failure }, mail) : null;
    await tx.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
    await tx.payment.updateMany({
      where: { id: payment.id, status: { in: OPEN_PAYMENT_STATUSES } },
      data: { status: "FAILED", failureCode: failure.code, failureMessage: failure.message },
    });
    return outcome?.mailId ?? null;
  });
  if (mailId) ctx.afterCommit("deliver auto-recharge e-mail", () => deliverOutcomeMail(mailId));
}
