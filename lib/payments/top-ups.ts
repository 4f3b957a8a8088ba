import "server-only";
import Stripe from "stripe";
import { recordAudit, systemAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma, type Payment } from "@/lib/generated/prisma/client";
import type { PaymentKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { mailRecipient } from "@/lib/mail";
import { formatAmount, toMinorUnits, type Currency } from "@/lib/money";
import { isUuid } from "@/lib/payments/cards";
import { topUpAmountProblem } from "@/lib/payments/limits";
import { getStripe, isResourceMissing, rethrowUnavailable } from "@/lib/payments/stripe";

// Charging cards. A Payment row is written before Stripe is called (so a double submit or a
// crash finds it), the PaymentIntent carries the row's id in its metadata and a Stripe
// idempotency key derived from it, and the wallet is NEVER credited here: only the
// `payment_intent.succeeded` webhook credits, once (lib/payments/webhooks). Payment.status is
// SUCCEEDED exactly when the wallet has been credited; until then a paid intent is PROCESSING.

export type TopUpResult =
  | { status: "succeeded" | "processing"; paymentId: string }
  | { status: "requires_action"; paymentId: string; paymentIntentId: string; clientSecret: string }
  | { status: "failed"; paymentId: string; code: string; message: string };

export type PaymentView = {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
  /** Micro-units. */
  amount: bigint;
  currency: Currency;
  /** Micro-units refunded or disputed so far (already debited from the wallet). */
  reversedAmount: bigint;
  failureCode: string | null;
  failureMessage: string | null;
  receiptUrl: string | null;
  stripePaymentIntentId: string | null;
  createdAt: Date;
  /** The card charged, while it is still saved. */
  card: { brand: string; last4: string } | null;
};

export type OffSessionResult = { status: "succeeded" | "processing" } | { status: "failed"; code: string; message: string };

/** Statuses a payment can still leave; SUCCEEDED, FAILED and CANCELED are final. */
export const OPEN_PAYMENT_STATUSES: PaymentStatus[] = ["PROCESSING", "REQUIRES_ACTION"];


/**
 * Charges one of the workspace's cards, with the customer present (3-D Secure may be asked).
 * A second call with the same idempotency key answers the same payment's current result.
 */
export async function startTopUp(
  workspaceId: string,
  input: { amount: bigint; cardId: string; idempotencyKey: string; userId: string },
  audit: AuditContext = systemAudit(workspaceId),
): Promise<TopUpResult> {
  const workspace = isUuid(workspaceId)
    ? await db.workspace.findUnique({ where: { id: workspaceId }, select: { currency: true, stripeCustomerId: true } })
    : null;
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  const problem = topUpAmountProblem(input.amount, workspace.currency);
  if (problem) throw problem;
  const key = input.idempotencyKey?.trim();
  if (!key || key.length > 200) throw new AppError("invalid_field", "A request id of 1 to 200 characters is required", "idempotencyKey");
  // Namespaced so that a user-supplied key can never collide with auto-recharge's keys.
  const idempotencyKey = `top_up:${key}`;

  const existing = await db.payment.findUnique({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } } });
  if (existing) return replay(existing);

  const card = isUuid(input.cardId) ? await db.paymentMethod.findFirst({ where: { id: input.cardId, workspaceId } }) : null;
  if (!card || !workspace.stripeCustomerId) throw new AppError("not_found", "Card not found", "cardId");

  let payment: Payment;
  try {
    payment = await db.$transaction(async (tx) => {
      const created = await tx.payment.create({
        data: {
          workspaceId,
          kind: "TOP_UP",
          status: "PROCESSING",
          amount: input.amount,
          currency: workspace.currency,
          stripePaymentMethodId: card.stripePaymentMethodId,
          idempotencyKey,
          createdById: isUuid(input.userId) ? input.userId : null,
        },
      });
      // A replayed submit finds the payment above and records nothing more.
      await recordAudit(tx, audit, {
        action: "top_up.started",
        target: created.id,
        changes: { amount: formatAmount(created.amount), currency: created.currency, card: { brand: card.brand, last4: card.last4 } },
      });
      return created;
    });
  } catch (error) {
    // A concurrent double submit inserted it first: answer with that payment.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    return replay(await db.payment.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } } }));
  }
  return chargeTopUp(payment, workspace.stripeCustomerId);
}

/** The current result of an existing payment, for a repeated submit. */
async function replay(payment: Payment): Promise<TopUpResult> {
  if (payment.kind !== "TOP_UP") throw new AppError("not_found", "Payment not found");
  if (payment.status === "PROCESSING" && !payment.stripePaymentIntentId) {
    // The first attempt never heard back from Stripe (or is still waiting): repeat the same call.
    // Its Stripe idempotency key makes Stripe answer with the same PaymentIntent, not a new one.
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: payment.workspaceId }, select: { stripeCustomerId: true } });
    return chargeTopUp(payment, workspace.stripeCustomerId!);
  }
  if (OPEN_PAYMENT_STATUSES.includes(payment.status) && payment.stripePaymentIntentId) {
    const intent = await retrieveIntent(payment.stripePaymentIntentId);
    if (intent) return applyIntent(payment, intent);
  }
  return resultOf(payment);
}

async function chargeTopUp(payment: Payment, customerId: string): Promise<TopUpResult> {
  let intent: Stripe.PaymentIntent;
  try {
    intent = await getStripe().paymentIntents.create(
      {
        amount: Number(toMinorUnits(payment.amount, payment.currency)),
        currency: payment.currency.toLowerCase(),
        customer: customerId,
        payment_method: payment.stripePaymentMethodId!,
        confirm: true,
        off_session: false,
        allowed_payment_method_types: ["card"],
        description: "Saldo wallet top-up",
        metadata: { workspaceId: payment.workspaceId, paymentId: payment.id, kind: payment.kind },
        receipt_email: (await mailRecipient(payment.workspaceId)) ?? undefined,
      },
      { idempotencyKey: `payment:${payment.id}` },
    );
  } catch (error) {
    // The same submit is being charged right now by a concurrent request (same Stripe key).
    if (error instanceof Stripe.errors.StripeIdempotencyError) return { status: "processing", paymentId: payment.id };
    const failure = chargeFailure(error);
    if (!failure) return rethrowUnavailable(error);
    await markFailed(payment.id, failure.paymentIntentId, failure.code, failure.message);
    return { status: "failed", paymentId: payment.id, code: failure.code, message: failure.message };
  }
  return applyIntent(payment, intent);
}

/**
 * Re-reads the payment's PaymentIntent (after 3-D Secure in the browser) and records what Stripe
 * says. Still no credit: a paid intent stays PROCESSING until the webhook credits the wallet.
 */
export async function refreshPayment(workspaceId: string, paymentId: string): Promise<PaymentView> {
  const payment = await findPayment(workspaceId, paymentId);
  if (OPEN_PAYMENT_STATUSES.includes(payment.status) && payment.stripePaymentIntentId) {
    const intent = await retrieveIntent(payment.stripePaymentIntentId);
    if (intent) await applyIntent(payment, intent);
  }
  return getPayment(workspaceId, paymentId);
}

export async function getPayment(workspaceId: string, paymentId: string): Promise<PaymentView> {
  const payment = await findPayment(workspaceId, paymentId);
  const [view] = await toViews(workspaceId, [payment]);
  return view;
}

/** The workspace's payments, newest first. */
export async function listPayments(workspaceId: string, take = 20): Promise<PaymentView[]> {
  if (!isUuid(workspaceId)) return [];
  const payments = await db.payment.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(Math.trunc(take), 1), 200),
  });
  return toViews(workspaceId, payments);
}

/**
 * Auto-recharge: charges the card with nobody present. The caller (the auto-recharge job) has
 * inserted the AUTO_RECHARGE Payment row and passes a stable idempotency key, so a retried job
 * gets Stripe's first answer instead of a second charge. Cards that need authentication and
 * declines are `failed` (and the row FAILED); the credit, as always, comes from the webhook.
 * Throws AppError `payments_unavailable` when Stripe cannot be reached (retry later, same key).
 */
export async function chargeOffSession(input: {
  workspaceId: string;
  paymentId: string;
  amount: bigint;
  currency: Currency;
  stripePaymentMethodId: string;
  idempotencyKey: string;
}): Promise<OffSessionResult> {
  const payment = await findPayment(input.workspaceId, input.paymentId);
  if (payment.amount !== input.amount || payment.currency !== input.currency) {
    throw new Error(`chargeOffSession: payment ${payment.id} is for ${payment.amount} ${payment.currency}, not ${input.amount} ${input.currency}`);
  }
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: input.workspaceId }, select: { stripeCustomerId: true } });
  if (!workspace.stripeCustomerId) {
    const message = "No card is saved for this workspace.";
    await markFailed(payment.id, null, "no_card", message);
    return { status: "failed", code: "no_card", message };
  }
  await db.payment.updateMany({ where: { id: payment.id, stripePaymentMethodId: null }, data: { stripePaymentMethodId: input.stripePaymentMethodId } });

  let intent: Stripe.PaymentIntent;
  try {
    intent = await getStripe().paymentIntents.create(
      {
        amount: Number(toMinorUnits(input.amount, input.currency)),
        currency: input.currency.toLowerCase(),
        customer: workspace.stripeCustomerId,
        payment_method: input.stripePaymentMethodId,
        confirm: true,
        off_session: true,
        allowed_payment_method_types: ["card"],
        description: "Saldo wallet auto-recharge",
        metadata: { workspaceId: input.workspaceId, paymentId: payment.id, kind: "AUTO_RECHARGE" },
        receipt_email: (await mailRecipient(input.workspaceId)) ?? undefined,
      },
      { idempotencyKey: input.idempotencyKey },
    );
  } catch (error) {
    const failure = chargeFailure(error);
    if (!failure) return rethrowUnavailable(error);
    await markFailed(payment.id, failure.paymentIntentId, failure.code, failure.message);
    return { status: "failed", code: failure.code, message: failure.message };
  }
  const result = await applyIntent(payment, intent);
  if (result.status === "failed") return { status: "failed", code: result.code, message: result.message };
  if (result.status === "requires_action") {
    // Off-session Stripe refuses rather than asks; should it ask anyway, nobody is there to answer.
    return { status: "failed", code: "authentication_required", message: "The bank asked for authentication, which can't happen off-session." };
  }
  return { status: result.status };
}

// ───────────────────────────── internals ─────────────────────────────

/** Records a PaymentIntent's state on its Payment (forward only) and says what it means. */
async function applyIntent(payment: Payment, intent: Stripe.PaymentIntent): Promise<TopUpResult> {
  const paymentId = payment.id;
  await db.payment.updateMany({ where: { id: paymentId, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intent.id } });
  switch (intent.status) {
    case "succeeded":
      // Paid; the webhook credits the wallet and marks the payment SUCCEEDED.
      await moveOpen(paymentId, { status: "PROCESSING" });
      return { status: "succeeded", paymentId };
    case "processing":
    case "requires_confirmation":
    case "requires_capture":
      await moveOpen(paymentId, { status: "PROCESSING" });
      return { status: "processing", paymentId };
    case "requires_action":
      await moveOpen(paymentId, { status: "REQUIRES_ACTION" });
      return { status: "requires_action", paymentId, paymentIntentId: intent.id, clientSecret: intent.client_secret! };
    case "canceled":
      await moveOpen(paymentId, { status: "CANCELED", failureCode: "canceled", failureMessage: "The payment was canceled." });
      return { status: "failed", paymentId, code: "canceled", message: "The payment was canceled." };
    case "requires_payment_method":
    default: {
      const failure = intentFailure(intent);
      await markFailed(paymentId, intent.id, failure.code, failure.message);
      return { status: "failed", paymentId, ...failure };
    }
  }
}

/** The bank's (or 3-D Secure's) reason on a PaymentIntent that went back to requires_payment_method. */
export function intentFailure(intent: Stripe.PaymentIntent): { code: string; message: string } {
  const error = intent.last_payment_error;
  return {
    code: (error?.decline_code || error?.code || "payment_failed").slice(0, 64),
    message: (error?.message || "The payment could not be completed.").slice(0, 500),
  };
}

/** A refusal the user should see (card errors, and requests Stripe refused), or null for outages. */
function chargeFailure(error: unknown): { code: string; message: string; paymentIntentId: string | null } | null {
  if (error instanceof Stripe.errors.StripeCardError) {
    return {
      code: (error.decline_code || error.code || "card_declined").slice(0, 64),
      message: (error.message || "Your card was declined.").slice(0, 500),
      paymentIntentId: error.payment_intent?.id ?? null,
    };
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    // Say, the card was removed in Stripe meanwhile. Stripe's wording is meant for developers.
    console.error("Stripe refused a payment:", error.message);
    return {
      code: (error.code || "invalid_request").slice(0, 64),
      message: "This card can't be charged. Add it again or use another card.",
      paymentIntentId: error.payment_intent?.id ?? null,
    };
  }
  return null;
}

async function moveOpen(paymentId: string, data: { status: PaymentStatus; failureCode?: string; failureMessage?: string }) {
  await db.payment.updateMany({ where: { id: paymentId, status: { in: OPEN_PAYMENT_STATUSES } }, data });
}

async function markFailed(paymentId: string, paymentIntentId: string | null, code: string, message: string) {
  if (paymentIntentId) {
    await db.payment.updateMany({ where: { id: paymentId, stripePaymentIntentId: null }, data: { stripePaymentIntentId: paymentIntentId } });
  }
  await moveOpen(paymentId, { status: "FAILED", failureCode: code, failureMessage: message });
}

async function retrieveIntent(id: string): Promise<Stripe.PaymentIntent | null> {
  try {
    return await getStripe().paymentIntents.retrieve(id);
  } catch (error) {
    if (isResourceMissing(error)) return null;
    return rethrowUnavailable(error);
  }
}

function resultOf(payment: Payment): TopUpResult {
  switch (payment.status) {
    case "SUCCEEDED":
      return { status: "succeeded", paymentId: payment.id };
    case "FAILED":
      return { status: "failed", paymentId: payment.id, code: payment.failureCode ?? "payment_failed", message: payment.failureMessage ?? "The payment failed." };
    case "CANCELED":
      return { status: "failed", paymentId: payment.id, code: "canceled", message: payment.failureMessage ?? "The payment was canceled." };
    default:
      return { status: "processing", paymentId: payment.id };
  }
}

async function findPayment(workspaceId: string, paymentId: string): Promise<Payment> {
  const payment = isUuid(workspaceId) && isUuid(paymentId) ? await db.payment.findFirst({ where: { id: paymentId, workspaceId } }) : null;
  if (!payment) throw new AppError("not_found", "Payment not found");
  return payment;
}

async function toViews(workspaceId: string, payments: Payment[]): Promise<PaymentView[]> {
  const methodIds = [...new Set(payments.map((payment) => payment.stripePaymentMethodId).filter((id): id is string => !!id))];
  const cards = methodIds.length
    ? await db.paymentMethod.findMany({
        where: { workspaceId, stripePaymentMethodId: { in: methodIds } },
        select: { stripePaymentMethodId: true, brand: true, last4: true },
      })
    : [];
  const byId = new Map(cards.map((card) => [card.stripePaymentMethodId, { brand: card.brand, last4: card.last4 }]));
  return payments.map((payment) => ({
    id: payment.id,
    kind: payment.kind,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    reversedAmount: payment.reversedAmount,
    failureCode: payment.failureCode,
    failureMessage: payment.failureMessage,
    receiptUrl: payment.receiptUrl,
    stripePaymentIntentId: payment.stripePaymentIntentId,
    createdAt: payment.createdAt,
    card: (payment.stripePaymentMethodId && byId.get(payment.stripePaymentMethodId)) || null,
  }));
}
