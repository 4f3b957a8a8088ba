import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { logStripeDefaultFailure, setStripeDefault, storeCard } from "@/lib/payments/cards";
import { getStripe, idOf } from "@/lib/payments/stripe";
import type { WebhookContext } from "../context";
import { reread } from "../lookup";

/**
 * A card was saved in Stripe: save it here too, as completeCardSetup does (whichever comes
 * first wins; the other finds the row). Covers a browser closed right after Stripe Elements.
 */
export async function setupIntentSucceeded(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await reread(() =>
    getStripe().setupIntents.retrieve((event.data.object as Stripe.SetupIntent).id, { expand: ["payment_method"] }),
  );
  if (!intent || intent.status !== "succeeded") return;
  const customerId = idOf(intent.customer);
  if (!customerId) return;
  const workspace = await db.workspace.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  if (!workspace) return;
  const paymentMethod =
    intent.payment_method && typeof intent.payment_method === "object"
      ? intent.payment_method
      : await reread(() => getStripe().paymentMethods.retrieve(idOf(intent.payment_method)!));
  if (!paymentMethod) return;
  // storeCard checks the card is still attached to this customer: a stale event for a card
  // removed since does not bring it back.
  const saved = await ctx.commit((tx) => storeCard(tx, workspace.id, customerId, paymentMethod));
  if (saved?.becameDefault) {
    ctx.afterCommit("stripe default card", () => setStripeDefault(customerId, paymentMethod.id).catch(logStripeDefaultFailure));
  }
}
