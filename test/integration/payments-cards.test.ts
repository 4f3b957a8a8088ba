// Saving, listing, defaulting and removing cards through lib/payments/cards.ts, against the real
// Stripe emulator (through stripe-node) and a real PostgreSQL, webhooks included.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  completeCardSetup,
  confirmTestCard,
  ensureCustomer,
  getCard,
  listCards,
  removeCard,
  setDefaultCard,
  startCardSetup,
  type CardView,
} from "@/lib/payments/cards";
import { getStripe } from "@/lib/payments/stripe";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";
import { expectAppError } from "@/test/helpers/errors";

const stripe = startStripeEmulatorForTests();

async function newWorkspace() {
  const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  return workspace.id;
}

async function addCard(workspaceId: string, token: string): Promise<CardView> {
  const { setupIntentId } = await startCardSetup(workspaceId);
  const result = await confirmTestCard(workspaceId, setupIntentId, token);
  if (result.status !== "succeeded") throw new Error(`${token}: ${JSON.stringify(result)}`);
  return result.card;
}

async function stripeCustomer(workspaceId: string): Promise<Stripe.Customer> {
  const { stripeCustomerId } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  return (await getStripe().customers.retrieve(stripeCustomerId!)) as Stripe.Customer;
}

describe("adding cards", () => {
  it("saves Visa credit, Visa debit and a prepaid Mastercard with brand, last 4, expiry and funding; the first is the default", async () => {
    const workspaceId = await newWorkspace();
    const visa = await addCard(workspaceId, "pm_card_visa");
    const debit = await addCard(workspaceId, "pm_card_visa_debit");
    const prepaid = await addCard(workspaceId, "pm_card_mastercard_prepaid");

    expect(visa).toMatchObject({ brand: "visa", last4: "4242", funding: "credit", isDefault: true });
    expect(visa.stripePaymentMethodId).toMatch(/^pm_/);
    expect(visa.expMonth).toBeGreaterThanOrEqual(1);
    expect(visa.expYear).toBeGreaterThan(2025);
    expect(debit).toMatchObject({ brand: "visa", last4: "5556", funding: "debit", isDefault: false });
    expect(prepaid).toMatchObject({ brand: "mastercard", last4: "5100", funding: "prepaid", isDefault: false });

    const cards = await listCards(workspaceId);
    expect(cards.map((card) => card.id)).toEqual([visa.id, debit.id, prepaid.id]);
    expect(cards.filter((card) => card.isDefault)).toHaveLength(1);

    const customer = await stripeCustomer(workspaceId);
    expect(customer.metadata.workspaceId).toBe(workspaceId);
    expect(customer.invoice_settings.default_payment_method).toBe(visa.stripePaymentMethodId);

    // The setup_intent.succeeded webhooks arrive after completeCardSetup saved the cards: no duplicates.
    await stripe.settle();
    expect(await db.paymentMethod.count({ where: { workspaceId } })).toBe(3);
    const setupEvents = stripe.deliveries.filter((delivery) => delivery.type === "setup_intent.succeeded");
    expect(setupEvents.length).toBeGreaterThanOrEqual(3);
    expect(setupEvents.every((delivery) => delivery.status === 200)).toBe(true);
  });

  it("creates one Stripe Customer per workspace, even when asked concurrently", async () => {
    const workspaceId = await newWorkspace();
    const ids = await Promise.all([ensureCustomer(workspaceId), ensureCustomer(workspaceId), ensureCustomer(workspaceId)]);
    expect(new Set(ids).size).toBe(1);
    const { stripeCustomerId } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    expect(stripeCustomerId).toBe(ids[0]);
    const created = stripe.emulator.state
      .events("customer.created")
      .filter((event) => (event.data.object as Stripe.Customer).metadata.workspaceId === workspaceId);
    expect(created).toHaveLength(1);
  });

  it("cannot save a declined card, and says why", async () => {
    const workspaceId = await newWorkspace();
    const { setupIntentId } = await startCardSetup(workspaceId);
    const result = await confirmTestCard(workspaceId, setupIntentId, "pm_card_chargeDeclined");
    expect(result).toEqual({ status: "failed", code: "generic_decline", message: "Your card was declined." });

    const insufficient = await confirmTestCard(workspaceId, (await startCardSetup(workspaceId)).setupIntentId, "pm_card_chargeDeclinedInsufficientFunds");
    expect(insufficient).toMatchObject({ status: "failed", code: "insufficient_funds", message: "Your card has insufficient funds." });

    await stripe.settle();
    expect(await listCards(workspaceId)).toEqual([]);
  });

  it("saves a card that asks for 3-D Secure once the cardholder authenticates, and only once", async () => {
    const workspaceId = await newWorkspace();
    const { setupIntentId, clientSecret } = await startCardSetup(workspaceId);
    const pending = await confirmTestCard(workspaceId, setupIntentId, "pm_card_authenticationRequired");
    expect(pending).toEqual({ status: "requires_action", setupIntentId, clientSecret });
    // Nothing is saved while the bank waits for the cardholder.
    expect(await completeCardSetup(workspaceId, setupIntentId)).toMatchObject({ status: "requires_action" });
    expect(await listCards(workspaceId)).toEqual([]);

    await stripe.authenticate("setup_intents", setupIntentId, clientSecret, "succeed");
    const done = await completeCardSetup(workspaceId, setupIntentId);
    expect(done).toMatchObject({ status: "succeeded", card: { brand: "visa", last4: "3184", isDefault: true } });
    const again = await completeCardSetup(workspaceId, setupIntentId);
    expect(again).toEqual(done);
    await stripe.settle();
    expect(await db.paymentMethod.count({ where: { workspaceId } })).toBe(1);
  });

  it("reports a failed 3-D Secure challenge and saves nothing", async () => {
    const workspaceId = await newWorkspace();
    const { setupIntentId, clientSecret } = await startCardSetup(workspaceId);
    expect(await confirmTestCard(workspaceId, setupIntentId, "pm_card_threeDSecure2Required")).toMatchObject({ status: "requires_action" });
    await stripe.authenticate("setup_intents", setupIntentId, clientSecret, "fail");
    const result = await completeCardSetup(workspaceId, setupIntentId);
    expect(result).toMatchObject({ status: "failed", code: "setup_intent_authentication_failure" });
    await stripe.settle();
    expect(await listCards(workspaceId)).toEqual([]);
  });

  it("saves the card from the setup_intent.succeeded webhook when the browser never comes back", async () => {
    const workspaceId = await newWorkspace();
    const { setupIntentId } = await startCardSetup(workspaceId);
    // What Stripe Elements does in the browser; the page is then closed before completeCardSetup.
    await getStripe().setupIntents.confirm(setupIntentId, { payment_method: "pm_card_mastercard" });
    await stripe.settle();
    const cards = await listCards(workspaceId);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ brand: "mastercard", last4: "4444", funding: "credit", isDefault: true });
    // The browser coming back later gets the same card.
    expect(await completeCardSetup(workspaceId, setupIntentId)).toEqual({ status: "succeeded", card: cards[0] });
  });

  it("only accepts Stripe's test tokens, and only in test mode", async () => {
    const workspaceId = await newWorkspace();
    const { setupIntentId } = await startCardSetup(workspaceId);
    await expectAppError(confirmTestCard(workspaceId, setupIntentId, "pm_card_made_up"), "invalid_field");
    await expectAppError(confirmTestCard(workspaceId, setupIntentId, "4242424242424242"), "invalid_field");

    process.env.STRIPE_SECRET_KEY = "sk_live_not_a_real_key";
    try {
      await expectAppError(confirmTestCard(workspaceId, setupIntentId, "pm_card_visa"), "forbidden");
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
    expect(await listCards(workspaceId)).toEqual([]);
  });
});

describe("managing cards", () => {
  it("makes another card the default, here and in Stripe", async () => {
    const workspaceId = await newWorkspace();
    const first = await addCard(workspaceId, "pm_card_visa");
    const second = await addCard(workspaceId, "pm_card_mastercard_debit");

    const updated = await setDefaultCard(workspaceId, second.id);
    expect(updated).toMatchObject({ id: second.id, isDefault: true });
    const cards = await listCards(workspaceId);
    expect(cards.map((card) => [card.id, card.isDefault])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    expect((await stripeCustomer(workspaceId)).invoice_settings.default_payment_method).toBe(second.stripePaymentMethodId);
    // Idempotent.
    expect(await setDefaultCard(workspaceId, second.id)).toMatchObject({ id: second.id, isDefault: true });
  });

  it("removes cards: detached in Stripe, and the oldest remaining card becomes the default", async () => {
    const workspaceId = await newWorkspace();
    const first = await addCard(workspaceId, "pm_card_visa");
    const second = await addCard(workspaceId, "pm_card_amex");
    const third = await addCard(workspaceId, "pm_card_discover");

    await removeCard(workspaceId, first.id);
    let cards = await listCards(workspaceId);
    expect(cards.map((card) => [card.id, card.isDefault])).toEqual([
      [second.id, true],
      [third.id, false],
    ]);
    expect((await getStripe().paymentMethods.retrieve(first.stripePaymentMethodId)).customer).toBeNull();
    expect((await stripeCustomer(workspaceId)).invoice_settings.default_payment_method).toBe(second.stripePaymentMethodId);

    await removeCard(workspaceId, third.id);
    cards = await listCards(workspaceId);
    expect(cards.map((card) => card.id)).toEqual([second.id]);

    // The payment_method.detached webhooks that follow find nothing left to do.
    await stripe.settle();
    const detached = stripe.deliveries.filter((delivery) => delivery.type === "payment_method.detached");
    expect(detached.length).toBeGreaterThanOrEqual(2);
    expect(detached.every((delivery) => delivery.status === 200)).toBe(true);
    expect(await listCards(workspaceId)).toHaveLength(1);
    await expectAppError(removeCard(workspaceId, first.id), "not_found");
  });

  it("refuses to remove the last card while auto-recharge is on", async () => {
    const workspaceId = await newWorkspace();
    const only = await addCard(workspaceId, "pm_card_visa");
    await db.autoRecharge.create({
      data: { workspaceId, enabled: true, threshold: 5_000_000n, amount: 25_000_000n, monthlyCap: 500_000_000n },
    });
    const error = await expectAppError(removeCard(workspaceId, only.id), "card_required_for_auto_recharge");
    expect(error.status).toBe(409);
    expect(await listCards(workspaceId)).toHaveLength(1);
    expect((await getStripe().paymentMethods.retrieve(only.stripePaymentMethodId)).customer).not.toBeNull();

    // With a second card, either may go.
    const spare = await addCard(workspaceId, "pm_card_mastercard");
    await db.autoRecharge.update({ where: { workspaceId }, data: { paymentMethodId: only.stripePaymentMethodId } });
    await removeCard(workspaceId, only.id);
    expect((await listCards(workspaceId)).map((card) => [card.id, card.isDefault])).toEqual([[spare.id, true]]);
    // Auto-recharge no longer names the removed card: it falls back to the default.
    expect((await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } })).paymentMethodId).toBeNull();

    // Switched off, the last card can go.
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: false } });
    await removeCard(workspaceId, spare.id);
    expect(await listCards(workspaceId)).toEqual([]);
  });

  it("a card or SetupIntent of another workspace is not found", async () => {
    const mine = await newWorkspace();
    const theirs = await newWorkspace();
    await addCard(mine, "pm_card_visa");
    const theirCard = await addCard(theirs, "pm_card_visa");
    const theirSetup = await startCardSetup(theirs);

    await expectAppError(getCard(mine, theirCard.id), "not_found");
    await expectAppError(setDefaultCard(mine, theirCard.id), "not_found");
    await expectAppError(removeCard(mine, theirCard.id), "not_found");
    await expectAppError(completeCardSetup(mine, theirSetup.setupIntentId), "not_found");
    await expectAppError(confirmTestCard(mine, theirSetup.setupIntentId, "pm_card_visa"), "not_found");
    await expectAppError(removeCard(mine, "not-a-uuid"), "not_found");
    await expectAppError(completeCardSetup(mine, "seti_doesnotexist"), "not_found");

    // Their card and setup are untouched.
    expect(await listCards(theirs)).toEqual([theirCard]);
    expect((await getStripe().setupIntents.retrieve(theirSetup.setupIntentId)).status).toBe("requires_payment_method");
  });
});
