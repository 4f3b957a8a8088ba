import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { forgetCard, lockCards, logStripeDefaultFailure, setStripeDefault } from "@/lib/payments/cards";
import { getStripe, idOf } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { reread } from "../lookup";

/** A card was detached in Stripe (by us, or from the dashboard): forget it, promote another default. */
export async function paymentMethodDetached(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const id = (event.data.object as Stripe.PaymentMethod).id;
  const row = await db.paymentMethod.findUnique({ where: { stripePaymentMethodId: id }, select: { workspaceId: true } });
  if (!row) return;
  const paymentMethod = await reread(() => getStripe().paymentMethods.retrieve(id));
  // Still attached (the event is stale or not about this card's customer): keep it.
  if (paymentMethod && idOf(paymentMethod.customer)) return;
  const promoted = await ctx.commit(async (tx) => {
    await lockCards(tx, row.workspaceId);
    return forgetCard(tx, row.workspaceId, id);
  });
  if (promoted) {
    ctx.afterCommit("stripe default card", () =>
      setStripeDefault(promoted.customerId, promoted.stripePaymentMethodId).catch(logStripeDefaultFailure),
    );
  }
}
