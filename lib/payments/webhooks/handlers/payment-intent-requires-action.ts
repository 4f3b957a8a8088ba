import "server-only";
import type Stripe from "stripe";
import type { WebhookContext } from "../context";
import { paymentForIntent, retrieveIntent } from "../lookup";

/** The bank wants 3-D Secure: a PROCESSING payment waits for the cardholder (REQUIRES_ACTION). */
export async function paymentIntentRequiresAction(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await retrieveIntent((event.data.object as Stripe.PaymentIntent).id);
  // Re-read: if the cardholder already authenticated, the intent moved on and so do we.
  if (!intent || intent.status !== "requires_action") return;
  const payment = await paymentForIntent(intent);
  if (!payment) return;
  await ctx.commit(async (tx) => {
    await tx.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
    await tx.payment.updateMany({ where: { id: payment.id, status: "PROCESSING" }, data: { status: "REQUIRES_ACTION" } });
  });
}
