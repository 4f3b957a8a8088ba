import "server-only";
import type Stripe from "stripe";
import { applyAutoRechargeOutcome, deliverOutcomeMail, outcomeMailContext } from "@/lib/auto-recharge/outcome";
import { OPEN_PAYMENT_STATUSES } from "@/lib/payments/top-ups";
import type { WebhookContext } from "../context";
import { paymentForIntent, retrieveIntent } from "../lookup";

const MESSAGE = "The payment was canceled.";

/** A canceled intent will never pay: an open payment becomes CANCELED, nothing is credited. */
export async function paymentIntentCanceled(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await retrieveIntent((event.data.object as Stripe.PaymentIntent).id);
  if (!intent || intent.status !== "canceled") return;
  const payment = await paymentForIntent(intent);
  if (!payment || payment.status === "SUCCEEDED") return;
  const recharge = payment.kind === "AUTO_RECHARGE";
  const mail = recharge ? await outcomeMailContext(payment.workspaceId) : null;
  const mailId = await ctx.commit(async (tx) => {
    // An auto-recharge in flight must be released, or no other recharge could ever start; in
    // this transaction, and first (the AutoRecharge row is locked before the Payment).
    const outcome = recharge
      ? await applyAutoRechargeOutcome(tx, payment.workspaceId, payment.id, { ok: false, code: "canceled", message: MESSAGE }, mail)
      : null;
    await tx.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
    await tx.payment.updateMany({
      where: { id: payment.id, status: { in: OPEN_PAYMENT_STATUSES } },
      data: { status: "CANCELED", failureCode: "canceled", failureMessage: MESSAGE },
    });
    return outcome?.mailId ?? null;
  });
  if (mailId) ctx.afterCommit("deliver auto-recharge e-mail", () => deliverOutcomeMail(mailId));
}
