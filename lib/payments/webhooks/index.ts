import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { BodyTooLarge, readBodyText } from "@/lib/http/body";
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

// Stripe webhooks, following the recipe in ARCHITECTURE.md: read at most MAX_WEBHOOK_BODY_BYTES,
// verify the signature on the raw body, validate the event's envelope, allow-list the types, skip events already recorded, dispatch to one handler per type
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

/**
 * The largest body read. Stripe's events for the types above are a few kilobytes (an object
 * plus at most 50 metadata pairs of ≤ 500 characters, ~27 KB at worst); 1 MiB, the public API's
 * limit too, leaves ample room for any event Stripe may send while bounding what an unsigned
 * request makes the server hold in memory (the signature can only be checked on the whole body).
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * A Stripe id as it reaches PostgreSQL (StripeEvent.id is VARCHAR(255)) and Stripe's API: a
 * prefix and base62 characters joined by underscores. No NUL, no lone surrogate, no 300
 * characters: a correctly signed event holding one is refused with 400 — the event is at
 * fault, and says so in Stripe's dashboard and our log — instead of failing inside the handler
 * with a 500 that reads as our own fault, to be retried.
 */
const stripeId = z.string().min(1).max(255).regex(/^[A-Za-z0-9_]+$/);
/** What is read of every event before it is dispatched. */
const eventEnvelope = z.object({ id: stripeId, type: z.string().min(1).max(100) });
/** What the handlers read of a handled event: the id of its object (they re-read the rest). */
const handledEventData = z.object({ data: z.object({ object: z.object({ id: stripeId }) }) });

export type WebhookResponse = {
  status: 200 | 400 | 413 | 500;
  body: { received: true; duplicate?: true; ignored?: true } | { error: { code: string; message: string } };
};

export async function handleStripeWebhook(request: Request): Promise<WebhookResponse> {
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return { status: 413, body: { error: { code: "payload_too_large", message: "The request body is over 1 MiB" } } };
  }

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
    event = getStripe().webhooks.constructEvent(rawBody, request.headers.get("stripe-signature") ?? "", secret);
  } catch {
    return { status: 400, body: { error: { code: "invalid_signature", message: "The Stripe-Signature header does not match the payload" } } };
  }

  const problem = invalidEvent(event);
  if (problem) {
    console.warn(`Stripe webhook refused (400): ${problem}`);
    return { status: 400, body: { error: { code: "invalid_event", message: `The event is malformed: ${problem}` } } };
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

/** Why a signed event cannot be processed, or null when it can. */
function invalidEvent(event: unknown): string | null {
  const envelope = eventEnvelope.safeParse(event);
  if (!envelope.success) return describeIssue(envelope.error);
  // Only handled types are read further: an ignored type's object may have no id at all.
  if (!Object.hasOwn(HANDLERS, envelope.data.type)) return null;
  const data = handledEventData.safeParse(event);
  return data.success ? null : describeIssue(data.error);
}

function describeIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  return `${issue.path.join(".") || "event"}: ${issue.message}`;
}

export type EventResult = { status: "handled" | "duplicate" | "ignored" } | { status: "failed"; reason: string };

/**
 * Runs one event through its handler: the webhook's verified events, and the reconciliation's
 * (lib/payments/reconcile.ts), which names a PaymentIntent Stripe never told us about. The
 * handler re-reads the object from Stripe, so only the event's id, type and object id matter.
 * `failed` means the event is not recorded and running it again is wanted.
 */
export async function processStripeEvent(event: Stripe.Event): Promise<EventResult> {
  const handler = Object.hasOwn(HANDLERS, event.type) ? HANDLERS[event.type] : undefined;
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
