import "server-only";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { recordAudit, systemAudit, type AuditContext } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { PaymentMethod } from "@/lib/generated/prisma/client";
import { mailRecipient } from "@/lib/mail";
import { getStripe, idOf, isResourceMissing, isTestMode, rethrowUnavailable } from "@/lib/payments/stripe";
import { TEST_CARD_TOKENS } from "@/lib/payments/test-cards";

// Cards are held by Stripe (a Customer per workspace, cards saved with SetupIntents so numbers
// never touch our servers); the PaymentMethod table mirrors what the wallet screen shows. A card
// is saved by whichever comes first — the browser finishing the setup (completeCardSetup) or the
// `setup_intent.succeeded` webhook — and both go through storeCard, which is idempotent.

export type CardView = {
  id: string;
  stripePaymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  funding: string;
  isDefault: boolean;
};

export type SetupResult =
  | { status: "succeeded"; card: CardView }
  | { status: "requires_action"; setupIntentId: string; clientSecret: string }
  | { status: "failed"; code: string; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that reach a `@db.Uuid` column must be UUIDs, or PostgreSQL rejects the whole query. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function toCardView(row: PaymentMethod): CardView {
  return {
    id: row.id,
    stripePaymentMethodId: row.stripePaymentMethodId,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.expMonth,
    expYear: row.expYear,
    funding: row.funding,
    isDefault: row.isDefault,
  };
}

/**
 * The workspace's Stripe Customer id, creating the Customer the first time. Two concurrent first
 * calls send the same Stripe idempotency key, so Stripe creates one Customer and answers both
 * with it; the conditional update then stores it once.
 */
export async function ensureCustomer(workspaceId: string): Promise<string> {
  if (!isUuid(workspaceId)) throw new AppError("not_found", "Workspace not found");
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { stripeCustomerId: true } });
  if (!workspace) throw new AppError("not_found", "Workspace not found");
  return workspace.stripeCustomerId ?? createCustomer(workspaceId, `customer:${workspaceId}`);
}

async function createCustomer(workspaceId: string, idempotencyKey: string): Promise<string> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
  const params: Stripe.CustomerCreateParams = {
    name: workspace.name,
    email: (await mailRecipient(workspaceId)) ?? undefined,
    metadata: { workspaceId },
  };
  let customer: Stripe.Customer;
  try {
    customer = await getStripe().customers.create(params, { idempotencyKey });
  } catch (error) {
    // The key was used within 24 h with other parameters (say the workspace was renamed after a
    // failed first attempt): create afresh. At worst an unused Customer is left in Stripe.
    if (!(error instanceof Stripe.errors.StripeIdempotencyError)) rethrowUnavailable(error);
    customer = await getStripe()
      .customers.create(params, { idempotencyKey: `${idempotencyKey}:${randomUUID()}` })
      .catch(rethrowUnavailable);
  }
  await db.workspace.updateMany({ where: { id: workspaceId, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const stored = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId!;
}

/** A SetupIntent for a new card, for off-session use (auto-recharge charges it unattended). */
export async function startCardSetup(workspaceId: string): Promise<{ setupIntentId: string; clientSecret: string }> {
  const create = (customer: string) =>
    getStripe().setupIntents.create({ customer, usage: "off_session", allowed_payment_method_types: ["card"], metadata: { workspaceId } });
  const customer = await ensureCustomer(workspaceId);
  let intent: Stripe.SetupIntent;
  try {
    intent = await create(customer);
  } catch (error) {
    if (!(isResourceMissing(error) && (error as Stripe.errors.StripeError).param === "customer")) return rethrowUnavailable(error);
    // The Customer is gone from Stripe (deleted in the dashboard, or a reset local emulator):
    // start over with a new one rather than leave the workspace unable to add cards.
    await db.workspace.updateMany({ where: { id: workspaceId, stripeCustomerId: customer }, data: { stripeCustomerId: null } });
    await db.paymentMethod.deleteMany({ where: { workspaceId } });
    intent = await create(await createCustomer(workspaceId, `customer:${workspaceId}:${randomUUID()}`)).catch(rethrowUnavailable);
  }
  return { setupIntentId: intent.id, clientSecret: intent.client_secret! };
}

/**
 * Test mode only: the server confirms the SetupIntent with one of Stripe's test tokens
 * (`pm_card_visa`, …), standing in for Stripe Elements, which cannot run against the emulator.
 */
export async function confirmTestCard(
  workspaceId: string,
  setupIntentId: string,
  testToken: string,
  audit: AuditContext = systemAudit(workspaceId),
): Promise<SetupResult> {
  if (!isTestMode()) throw new AppError("forbidden", "Test cards can only be used in test mode");
  if (!TEST_CARD_TOKENS.has(testToken)) throw new AppError("invalid_field", "Choose one of the test cards", "testToken");
  const customerId = await ownCustomerId(workspaceId);
  await ownSetupIntent(setupIntentId, customerId);
  try {
    await getStripe().setupIntents.confirm(setupIntentId, { payment_method: testToken });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      // The bank refused to save the card (Stripe verifies it when it is saved).
      return { status: "failed", code: error.decline_code || error.code || "card_declined", message: error.message };
    }
    // Already succeeded (a double click) or canceled: answer with what the SetupIntent says now.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) rethrowUnavailable(error);
  }
  return completeCardSetup(workspaceId, setupIntentId, audit);
}

/**
 * Re-reads a SetupIntent (after 3-D Secure, or after Stripe Elements confirmed it in the browser)
 * and saves its card when it succeeded. Idempotent: calling it again answers the same card.
 */
export async function completeCardSetup(workspaceId: string, setupIntentId: string, audit: AuditContext = systemAudit(workspaceId)): Promise<SetupResult> {
  const customerId = await ownCustomerId(workspaceId);
  const intent = await ownSetupIntent(setupIntentId, customerId);
  switch (intent.status) {
    case "succeeded": {
      const pm = intent.payment_method;
      const paymentMethod = typeof pm === "string" || !pm ? await retrievePaymentMethod(idOf(pm)) : pm;
      const saved = paymentMethod ? await db.$transaction((tx) => storeCard(tx, workspaceId, customerId, paymentMethod, audit)) : null;
      if (!saved) return { status: "failed", code: "card_unavailable", message: "This card is no longer attached to your account. Add it again." };
      if (saved.becameDefault) await setStripeDefault(customerId, saved.card.stripePaymentMethodId).catch(logStripeDefaultFailure);
      return { status: "succeeded", card: saved.card };
    }
    case "requires_action":
      return { status: "requires_action", setupIntentId: intent.id, clientSecret: intent.client_secret! };
    case "requires_payment_method": {
      const error = intent.last_setup_error;
      if (error) {
        return {
          status: "failed",
          code: error.decline_code || error.code || "setup_failed",
          message: error.message ?? "The card could not be saved.",
        };
      }
      return { status: "failed", code: "setup_incomplete", message: "No card was entered." };
    }
    case "canceled":
      return { status: "failed", code: "setup_canceled", message: "This card setup was canceled. Start again." };
    default:
      // requires_confirmation / processing: the browser has not finished; nothing to save yet.
      return { status: "failed", code: "setup_incomplete", message: "The card setup is not finished yet." };
  }
}

/** The workspace's cards, default first, then oldest first. */
export async function listCards(workspaceId: string): Promise<CardView[]> {
  if (!isUuid(workspaceId)) return [];
  const rows = await db.paymentMethod.findMany({
    where: { workspaceId },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toCardView);
}

/** One of the workspace's cards; another workspace's card id is `not_found`. */
export async function getCard(workspaceId: string, cardId: string): Promise<CardView> {
  return toCardView(await findCard(db, workspaceId, cardId));
}

export async function setDefaultCard(workspaceId: string, cardId: string, audit: AuditContext = systemAudit(workspaceId)): Promise<CardView> {
  const card = await findCard(db, workspaceId, cardId);
  if (card.isDefault) return toCardView(card);
  const customerId = await ownCustomerId(workspaceId);
  // Stripe first: if it is unreachable nothing changes here and the user can simply retry.
  await setStripeDefault(customerId, card.stripePaymentMethodId);
  const updated = await db.$transaction(async (tx) => {
    await lockCards(tx, workspaceId);
    const current = await findCard(tx, workspaceId, cardId);
    await tx.paymentMethod.updateMany({ where: { workspaceId, isDefault: true }, data: { isDefault: false } });
    const made = await tx.paymentMethod.update({ where: { id: current.id }, data: { isDefault: true } });
    await recordAudit(tx, audit, { action: "card.default_set", target: made.id, changes: cardFacts(made) });
    return made;
  });
  return toCardView(updated);
}

/**
 * Detaches the card in Stripe and forgets it; another card becomes the default. The last card
 * cannot go while auto-recharge is on (it would have nothing to charge).
 */
export async function removeCard(workspaceId: string, cardId: string, audit: AuditContext = systemAudit(workspaceId)): Promise<void> {
  const card = await findCard(db, workspaceId, cardId);
  await assertRemovable(db, workspaceId, card);
  // Detached in Stripe while the workspace's cards are locked: the payment_method.detached
  // webhook that follows waits for this transaction and then finds the card gone, so the audit
  // trail names the person who removed it, never "system" (the webhook won that race before).
  // The lock is per workspace, and a Stripe call that outlives the timeout rolls back: the card
  // is then forgotten by that webhook instead.
  const promoted = await db.$transaction(
    async (tx) => {
      await lockCards(tx, workspaceId);
      try {
        await getStripe().paymentMethods.detach(card.stripePaymentMethodId);
      } catch (error) {
        // Already detached or gone in Stripe (say from the dashboard): forgetting it is what's left.
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) rethrowUnavailable(error);
      }
      return forgetCard(tx, workspaceId, card.stripePaymentMethodId, audit);
    },
    { timeout: 60_000 },
  );
  if (promoted) await setStripeDefault(promoted.customerId, promoted.stripePaymentMethodId).catch(logStripeDefaultFailure);
}

async function assertRemovable(client: Prisma.TransactionClient, workspaceId: string, card: PaymentMethod) {
  const [count, autoRecharge] = await Promise.all([
    client.paymentMethod.count({ where: { workspaceId } }),
    client.autoRecharge.findUnique({ where: { workspaceId }, select: { enabled: true } }),
  ]);
  if (count <= 1 && autoRecharge?.enabled) {
    throw new AppError(
      "card_required_for_auto_recharge",
      `Turn off auto-recharge before removing your only card (${card.brand} •••• ${card.last4}).`,
    );
  }
}

// ───────────────────────── shared with the webhook handlers ─────────────────────────

/**
 * Saves a card that Stripe says is attached to the workspace's Customer: idempotent (a second
 * call finds the row) and serialised per workspace, so the first card — and only it — becomes
 * the default however the browser and the webhook race. Returns null when the card is not (or
 * no longer) attached to this Customer: a stale event must not bring back a removed card.
 * The caller sets the Stripe default (`setStripeDefault`) after commit when `becameDefault`.
 */
export async function storeCard(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  customerId: string,
  paymentMethod: Stripe.PaymentMethod,
  /** Who saved it: the browser's finishing request, or the webhook (system) when it came first. */
  audit: AuditContext = systemAudit(workspaceId),
): Promise<{ card: CardView; becameDefault: boolean } | null> {
  if (paymentMethod.type !== "card" || !paymentMethod.card) return null;
  if (idOf(paymentMethod.customer) !== customerId) return null;
  await lockCards(tx, workspaceId);
  const existing = await tx.paymentMethod.findUnique({ where: { stripePaymentMethodId: paymentMethod.id } });
  if (existing) return existing.workspaceId === workspaceId ? { card: toCardView(existing), becameDefault: false } : null;
  const count = await tx.paymentMethod.count({ where: { workspaceId } });
  const card = paymentMethod.card;
  const row = await tx.paymentMethod.create({
    data: {
      workspaceId,
      stripePaymentMethodId: paymentMethod.id,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
      funding: ["credit", "debit", "prepaid"].includes(card.funding) ? card.funding : "unknown",
      isDefault: count === 0,
    },
  });
  await recordAudit(tx, audit, { action: "card.added", target: row.id, changes: { ...cardFacts(row), isDefault: row.isDefault } });
  return { card: toCardView(row), becameDefault: row.isDefault };
}

/**
 * Deletes the row of a card Stripe no longer holds for this workspace and, when it was the
 * default, promotes the oldest remaining card. Returns the promoted card (to make it Stripe's
 * default after commit), or null. Caller holds `lockCards`.
 */
export async function forgetCard(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  stripePaymentMethodId: string,
  audit: AuditContext = systemAudit(workspaceId),
): Promise<{ customerId: string; stripePaymentMethodId: string } | null> {
  const row = await tx.paymentMethod.findFirst({ where: { workspaceId, stripePaymentMethodId } });
  if (!row) return null;
  await tx.paymentMethod.delete({ where: { id: row.id } });
  await recordAudit(tx, audit, { action: "card.removed", target: row.id, changes: cardFacts(row) });
  // Auto-recharge falls back to the default card when it names none: don't leave it pointing at
  // a card that no longer exists.
  await tx.autoRecharge.updateMany({ where: { workspaceId, paymentMethodId: stripePaymentMethodId }, data: { paymentMethodId: null } });
  if (!row.isDefault) return null;
  const next = await tx.paymentMethod.findFirst({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (!next) return null;
  await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { stripeCustomerId: true } });
  return workspace.stripeCustomerId ? { customerId: workspace.stripeCustomerId, stripePaymentMethodId: next.stripePaymentMethodId } : null;
}

/** Serialises card changes of one workspace (first-card-is-default, promotion on removal). */
export async function lockCards(tx: Prisma.TransactionClient, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`cards:${workspaceId}`}, 0))`;
}

/** Makes the card the Customer's default in Stripe too, so the dashboard agrees with the app. */
export async function setStripeDefault(customerId: string, stripePaymentMethodId: string): Promise<void> {
  await getStripe()
    .customers.update(customerId, { invoice_settings: { default_payment_method: stripePaymentMethodId } })
    .catch(rethrowUnavailable);
}

export function logStripeDefaultFailure(error: unknown): void {
  // The app's own default (the isDefault column) is what charges use; Stripe's copy is cosmetic.
  console.error("Could not update the Stripe customer's default card:", (error as Error).message);
}

export async function retrievePaymentMethod(id: string | null): Promise<Stripe.PaymentMethod | null> {
  if (!id) return null;
  try {
    return await getStripe().paymentMethods.retrieve(id);
  } catch (error) {
    if (isResourceMissing(error)) return null;
    return rethrowUnavailable(error);
  }
}

async function findCard(client: Prisma.TransactionClient, workspaceId: string, cardId: string): Promise<PaymentMethod> {
  const card = isUuid(cardId) && isUuid(workspaceId) ? await client.paymentMethod.findFirst({ where: { id: cardId, workspaceId } }) : null;
  if (!card) throw new AppError("not_found", "Card not found", "cardId");
  return card;
}

async function ownCustomerId(workspaceId: string): Promise<string> {
  const workspace = isUuid(workspaceId)
    ? await db.workspace.findUnique({ where: { id: workspaceId }, select: { stripeCustomerId: true } })
    : null;
  if (!workspace?.stripeCustomerId) throw new AppError("not_found", "Card setup not found");
  return workspace.stripeCustomerId;
}

/** The SetupIntent, only if it belongs to this workspace's Customer (else `not_found`). */
async function ownSetupIntent(setupIntentId: string, customerId: string): Promise<Stripe.SetupIntent> {
  if (typeof setupIntentId !== "string" || !/^seti_[A-Za-z0-9]+$/.test(setupIntentId)) {
    throw new AppError("not_found", "Card setup not found");
  }
  let intent: Stripe.SetupIntent;
  try {
    intent = await getStripe().setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
  } catch (error) {
    if (isResourceMissing(error)) throw new AppError("not_found", "Card setup not found");
    return rethrowUnavailable(error);
  }
  if (idOf(intent.customer) !== customerId) throw new AppError("not_found", "Card setup not found");
  return intent;
}

/** What the audit trail keeps of a card: what the wallet shows, never more. */
function cardFacts(card: { brand: string; last4: string; expMonth: number; expYear: number }) {
  return { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}
