import "server-only";
import Stripe from "stripe";
import { db } from "@/lib/db";
import { getStripe, webhookSecret } from "@/lib/payments/stripe";
import { DuplicateEvent, WebhookContext, type WebhookHandler } from "./context";
import { chargeDisputeCreated } from "./handlers/charge-dispute-created";
import { chargeRefunded } from "./handlers/charge-refunded";
import { paymentIntentCanceled } from "./handlers/payment-intent-canceled";
import { paymentIntentPaymentFailed } from "./handlers/payment-intent-payment-failed";
import { paymentIntentRequiresAction } from "./handlers/payment-intent-requires-action";
import { paymentIntentSucceeded } from "./handlers/payment-intent-succeeded";
import { paymentMethodDetached } from "./handlers/payment-method-detached";
import { setupIntentSucceeded } from "./handlers/setup-intent-succeeded";

// Stripe webhooks, following the recipe in ARCHITECTURE.md: verify the signature on the raw
// body, allow-list the types, skip events already recorded, dispatch to one handler per type
// (each re-reads its object from Stripe and commits its effect together with the event id), and
// answer 500 whenever a retry is wanted.

/** The event types Saldo acts on; everything else is acknowledged and ignored. */
const HANDLERS: Record<string, WebhookHandler> = {
  "payment_intent.succeeded": paymentIntentSucceeded,
  "payment_intent.payment_failed": paymentIntentPaymentFailed,
  "payment_intent.requires_action": paymentIntentRequiresAction,
  "payment_intent.canceled": paymentIntentCanceled,
  "setup_intent.succeeded": setupIntentSucceeded,
  "payment_method.detached": paymentMethodDetached,
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": chargeDisputeCreated,
};

export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);

export type WebhookResponse = {
  status: 200 | 400 | 500;
  body: { received: true; duplicate?: true; ignored?: true } | { error: { code: string; message: string } };
};

export async function handleStripeWebhook(rawBody: string, signatureHeader: string | null): Promise<WebhookResponse> {
  let secret: string;
  try {
    secret = webhookSecret();
  } catch (error) {
    console.error((error as Error).message);
    return { status: 500, body: { error: { code: "webhook_not_configured", message: "Webhook secret not configured" } } };
  }

  let event: Stripe.Event;
  try {
    // Verified against the exact bytes Stripe signed; nothing is read or written before this.
    event = getStripe().webhooks.constructEvent(rawBody, signatureHeader ?? "", secret);
  } catch {
    return { status: 400, body: { error: { code: "invalid_signature", message: "The Stripe-Signature header does not match the payload" } } };
  }

  const result = await processStripeEvent(event);
  switch (result.status) {
    case "ignored":
      return { status: 200, body: { received: true, ignored: true } };
    case "duplicate":
      return { status: 200, body: { received: true, duplicate: true } };
    case "failed":
      console.error(`Stripe webhook ${event.id} (${event.type}) failed; Stripe will retry: ${result.reason}`);
      return { status: 500, body: { error: { code: "handler_failed", message: "The event could not be processed; retry later" } } };
    default:
      return { status: 200, body: { received: true } };
  }
}

export type EventResult = { status: "handled" | "duplicate" | "ignored" } | { status: "failed"; reason: string };

/**
 * Runs one event through its handler: the webhook's verified events, and the reconciliation's
 * (lib/payments/reconcile.ts), which names a PaymentIntent Stripe never told us about. The
 * handler re-reads the object from Stripe, so only the event's id, type and object id matter.
 * `failed` means the event is not recorded and running it again is wanted.
 */
export async function processStripeEvent(event: Stripe.Event): Promise<EventResult> {
  const handler = HANDLERS[event.type];
  if (!handler) return { status: "ignored" };
  if (await db.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { status: "duplicate" };

  const ctx = new WebhookContext(event);
  try {
    await handler(event, ctx);
    // Ignored events (an intent of another system, a stale state) are recorded too: a replay
    // then costs one lookup instead of a round trip to Stripe.
    if (!ctx.committed) await ctx.commit(async () => {});
  } catch (error) {
    if (error instanceof DuplicateEvent) return { status: "duplicate" };
    return { status: "failed", reason: describe(error) };
  }

  for (const task of ctx.tasks) {
    try {
      await task.run();
    } catch (error) {
      if (task.required) {
        // Forget the event so the retry runs the handler again: its effect is idempotent (it
        // finds its ledger entry) and the task gets another chance.
        await db.stripeEvent.deleteMany({ where: { id: event.id } });
        return { status: "failed", reason: `${task.name} failed: ${describe(error)}` };
      }
      console.error(`Stripe event ${event.id} (${event.type}): ${task.name} failed: ${describe(error)}`);
    }
  }
  return { status: "handled" };
}

function describe(error: unknown): string {
  // A Stripe error printed whole is dozens of lines of empty fields; its message says it all.
  if (error instanceof Stripe.errors.StripeError) return `${error.type}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
