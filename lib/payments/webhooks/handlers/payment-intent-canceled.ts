import "server-only";
import type Stripe from "stripe";
import { recordAutoRechargeOutcome } from "@/lib/auto-recharge/outcome";
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
  await ctx.commit(async (tx) => {
    await tx.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
    await tx.payment.updateMany({
      where: { id: payment.id, status: { in: OPEN_PAYMENT_STATUSES } },
      data: { status: "CANCELED", failureCode: "canceled", failureMessage: MESSAGE },
    });
  });
  // An auto-recharge in flight must be released, or no other recharge could ever start.
  if (payment.kind === "AUTO_RECHARGE") {
    ctx.afterCommit(
      "auto-recharge outcome",
      () => recordAutoRechargeOutcome(payment.workspaceId, payment.id, { ok: false, code: "canceled", message: MESSAGE }),
      { required: true },
    );
  }
}
