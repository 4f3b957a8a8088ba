// Top-ups end to end: lib/payments/top-ups.ts charges through the real Stripe emulator, the
// emulator's signed webhooks reach the real route handler, and the wallet (real PostgreSQL) is
// credited once — or not at all.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { completeCardSetup, confirmTestCard, startCardSetup, type CardView } from "@/lib/payments/cards";
import { getStripe } from "@/lib/payments/stripe";
import { chargeOffSession, getPayment, listPayments, refreshPayment, startTopUp } from "@/lib/payments/top-ups";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";
import { expectAppError } from "@/test/helpers/errors";

const stripe = startStripeEmulatorForTests();

const USD = (dollars: number) => BigInt(Math.round(dollars * 100)) * 10_000n;

type Setup = { workspaceId: string; userId: string; card: CardView; billingEmail: string };

async function workspaceWithCard(token = "pm_card_visa", currency: "USD" | "INR" = "USD"): Promise<Setup> {
  const people = await createWorkspaceWithPeople({ currency, billingAdmin: false, member: false });
  const billingEmail = `billing-${randomUUID().slice(0, 8)}@example.com`;
  await db.workspace.update({ where: { id: people.workspace.id }, data: { billingEmail } });
  const { setupIntentId } = await startCardSetup(people.workspace.id);
  let result = await confirmTestCard(people.workspace.id, setupIntentId, token);
  if (result.status === "requires_action") {
    // Cards that ask for 3-D Secure when saved: the cardholder completes it.
    await stripe.authenticate("setup_intents", result.setupIntentId, result.clientSecret, "succeed");
    result = await completeCardSetup(people.workspace.id, setupIntentId);
  }
  if (result.status !== "succeeded") throw new Error(`${token}: ${JSON.stringify(result)}`);
  await stripe.settle();
  return { workspaceId: people.workspace.id, userId: people.owner.id, card: result.card, billingEmail };
}

function topUp(setup: Setup, amount: bigint, idempotencyKey: string = randomUUID()) {
  return startTopUp(setup.workspaceId, { amount, cardId: setup.card.id, idempotencyKey, userId: setup.userId });
}

async function entries(workspaceId: string) {
  return db.ledgerEntry.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
}

async function expectInvariant(workspaceId: string) {
  expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
}

describe("top-ups", () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await workspaceWithCard("pm_card_visa");
  });

  it("credits $25 exactly once, through the webhook, with a receipt", async () => {
    const before = await getBalances(setup.workspaceId);
    const result = await topUp(setup, USD(25));
    expect(result).toMatchObject({ status: "succeeded" });
    await stripe.settle();

    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({ kind: "TOP_UP", status: "SUCCEEDED", amount: USD(25), currency: "USD", failureMessage: null });
    expect(payment.stripePaymentIntentId).toMatch(/^pi_/);
    expect(payment.stripeChargeId).toMatch(/^ch_/);
    expect(payment.receiptUrl).toContain(`/emulator/receipts/${payment.stripeChargeId}`);
    expect(payment.createdById).toBe(setup.userId);

    const credits = (await entries(setup.workspaceId)).filter((entry) => entry.idempotencyKey === `payment:${payment.id}`);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({
      kind: "TOP_UP",
      bucket: "PAID",
      amount: USD(25),
      reference: payment.stripePaymentIntentId,
      description: "Top-up · Visa •••• 4242",
      actorType: "user",
      actorId: setup.userId,
    });
    const after = await getBalances(setup.workspaceId);
    expect(after.paidBalance - before.paidBalance).toBe(USD(25));

    const receipts = await db.mailMessage.findMany({ where: { workspaceId: setup.workspaceId, kind: "receipt" } });
    const receipt = receipts.find((mail) => mail.text.includes(payment.receiptUrl!));
    expect(receipt).toBeDefined();
    expect(receipt!.to).toBe(setup.billingEmail);
    expect(receipt!.subject).toContain("$25.00");
    expect(receipt!.text).toContain("Visa •••• 4242");
    expect(receipt!.text).toContain("/settings/billing/wallet");
    expect(receipt!.html).toContain(payment.receiptUrl!);
    // Local mode: kept in the outbox, not sent.
    expect(receipt!.sentAt).toBeNull();

    // The PaymentIntent carried what Stripe needs.
    const intent = await getStripe().paymentIntents.retrieve(payment.stripePaymentIntentId!);
    expect(intent).toMatchObject({ amount: 2500, currency: "usd", customer: expect.stringMatching(/^cus_/), receipt_email: setup.billingEmail });
    expect(intent.metadata).toEqual({ workspaceId: setup.workspaceId, paymentId: payment.id, kind: "TOP_UP" });

    const view = await getPayment(setup.workspaceId, payment.id);
    expect(view).toMatchObject({ id: payment.id, status: "SUCCEEDED", amount: USD(25), card: { brand: "visa", last4: "4242" } });
    await expectInvariant(setup.workspaceId);
  });

  it("never credits from the request itself: without the webhook the payment stays unpaid-for", async () => {
    const result = await stripe.withoutWebhooks(async () => {
      const started = await topUp(setup, USD(12));
      expect(started.status).toBe("succeeded");
      // Refreshing reads Stripe (paid) but still credits nothing.
      expect(await refreshPayment(setup.workspaceId, started.paymentId)).toMatchObject({ status: "PROCESSING" });
      return started;
    });
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId, idempotencyKey: `payment:${result.paymentId}` } })).toBe(0);

    // The event arrives later (Stripe retried): now it is credited.
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    const [event] = stripe.eventsFor(payment.stripePaymentIntentId!, "payment_intent.succeeded");
    await stripe.resend(event.id);
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId, idempotencyKey: `payment:${result.paymentId}` } })).toBe(1);
    expect((await getPayment(setup.workspaceId, result.paymentId)).status).toBe("SUCCEEDED");
  });

  it("a double submit with the same idempotency key is one payment and one credit", async () => {
    const key = randomUUID();
    const before = await getBalances(setup.workspaceId);
    const results = await Promise.all([topUp(setup, USD(30), key), topUp(setup, USD(30), key), topUp(setup, USD(30), key)]);
    expect(new Set(results.map((result) => result.paymentId)).size).toBe(1);
    await stripe.settle();
    const again = await topUp(setup, USD(30), key);
    expect(again).toEqual({ status: "succeeded", paymentId: results[0].paymentId });

    expect(await db.payment.count({ where: { workspaceId: setup.workspaceId, idempotencyKey: `top_up:${key}` } })).toBe(1);
    const intents = stripe.emulator.state
      .events("payment_intent.created")
      .filter((event) => (event.data.object as Stripe.PaymentIntent).metadata.paymentId === results[0].paymentId);
    expect(intents).toHaveLength(1);
    const after = await getBalances(setup.workspaceId);
    expect(after.paidBalance - before.paidBalance).toBe(USD(30));
    await expectInvariant(setup.workspaceId);
  });

  it("a declined card fails with the bank's reason and credits nothing", async () => {
    const failing = await workspaceWithCard("pm_card_chargeCustomerFail");
    const result = await topUp(failing, USD(25));
    expect(result).toMatchObject({ status: "failed", code: "generic_decline", message: "Your card was declined." });
    await stripe.settle();

    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({ status: "FAILED", failureCode: "generic_decline", failureMessage: "Your card was declined." });
    expect(payment.stripePaymentIntentId).toMatch(/^pi_/);
    expect(await entries(failing.workspaceId)).toEqual([]);
    expect(await db.mailMessage.count({ where: { workspaceId: failing.workspaceId, kind: "receipt" } })).toBe(0);
    // The payment_failed webhook was handled (and changed nothing more).
    const failed = stripe.deliveries.filter((delivery) => delivery.type === "payment_intent.payment_failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((delivery) => delivery.status === 200)).toBe(true);

    // Submitting the same form again answers the same failure, without charging again.
    const key = randomUUID();
    const first = await topUp(failing, USD(25), key);
    expect(await topUp(failing, USD(25), key)).toEqual(first);

    const fraud = await workspaceWithCard("pm_card_chargeDeclinedFraudulent");
    expect(await topUp(fraud, USD(25))).toMatchObject({ status: "failed", code: "fraudulent", message: "Your card was declined." });
    await expectInvariant(failing.workspaceId);
  });

  it("3-D Secure: requires action, then credits once the cardholder authenticates", async () => {
    const secure = await workspaceWithCard("pm_card_authenticationRequiredSetupForOffSession");
    const result = await topUp(secure, USD(40));
    if (result.status !== "requires_action") throw new Error(JSON.stringify(result));
    expect(result.paymentIntentId).toMatch(/^pi_/);
    expect(result.clientSecret).toContain(result.paymentIntentId);
    expect(await getPayment(secure.workspaceId, result.paymentId)).toMatchObject({ status: "REQUIRES_ACTION" });
    await stripe.settle();
    expect(await entries(secure.workspaceId)).toEqual([]);

    await stripe.authenticate("payment_intents", result.paymentIntentId, result.clientSecret, "succeed");
    const refreshed = await refreshPayment(secure.workspaceId, result.paymentId);
    expect(["PROCESSING", "SUCCEEDED"]).toContain(refreshed.status);
    await stripe.settle();

    expect(await getPayment(secure.workspaceId, result.paymentId)).toMatchObject({ status: "SUCCEEDED" });
    const credits = await entries(secure.workspaceId);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ kind: "TOP_UP", amount: USD(40), reference: result.paymentIntentId });
    // Refreshing again changes nothing.
    expect(await refreshPayment(secure.workspaceId, result.paymentId)).toMatchObject({ status: "SUCCEEDED" });
    await expectInvariant(secure.workspaceId);
  });

  it("3-D Secure failed: the payment fails with the reason and nothing is credited", async () => {
    const secure = await workspaceWithCard("pm_card_authenticationRequiredSetupForOffSession");
    const result = await topUp(secure, USD(40));
    if (result.status !== "requires_action") throw new Error(JSON.stringify(result));
    await stripe.authenticate("payment_intents", result.paymentIntentId, result.clientSecret, "fail");
    const refreshed = await refreshPayment(secure.workspaceId, result.paymentId);
    expect(refreshed).toMatchObject({ status: "FAILED", failureCode: "payment_intent_authentication_failure" });
    expect(refreshed.failureMessage).toMatch(/failed authentication/);
    await stripe.settle();
    expect(await getPayment(secure.workspaceId, result.paymentId)).toMatchObject({ status: "FAILED" });
    expect(await entries(secure.workspaceId)).toEqual([]);
  });

  it("refuses amounts below the minimum, above the maximum and with sub-cent digits", async () => {
    const before = await db.payment.count({ where: { workspaceId: setup.workspaceId } });
    const low = await expectAppError(topUp(setup, USD(4.99)), "invalid_field");
    expect(low.field).toBe("amount");
    expect(low.message).toContain("$5.00");
    expect(low.message).toContain("$10,000.00");
    await expectAppError(topUp(setup, USD(10_000.01)), "invalid_field");
    const subCent = await expectAppError(topUp(setup, USD(25) + 1n), "invalid_field");
    expect(subCent.message).toMatch(/cents/);
    await expectAppError(topUp(setup, 0n), "invalid_field");
    await expectAppError(topUp(setup, -USD(25)), "invalid_field");
    expect(await db.payment.count({ where: { workspaceId: setup.workspaceId } })).toBe(before);

    // Bounds are per currency: ₹250 to ₹500,000.
    const india = await workspaceWithCard("pm_card_in", "INR");
    const inr = await expectAppError(topUp(india, 249_000_000n), "invalid_field");
    expect(inr.message).toContain("₹250.00");
    expect(await topUp(india, 250_000_000n)).toMatchObject({ status: "succeeded" });
    await stripe.settle();
    expect((await entries(india.workspaceId))[0]).toMatchObject({ kind: "TOP_UP", amount: 250_000_000n });
  });

  it("refuses a card of another workspace, and hides their payments", async () => {
    const other = await workspaceWithCard("pm_card_visa");
    await expectAppError(startTopUp(setup.workspaceId, { amount: USD(25), cardId: other.card.id, idempotencyKey: randomUUID(), userId: setup.userId }), "not_found");
    const theirs = await topUp(other, USD(25));
    await expectAppError(getPayment(setup.workspaceId, theirs.paymentId), "not_found");
    await expectAppError(refreshPayment(setup.workspaceId, theirs.paymentId), "not_found");
    expect((await listPayments(setup.workspaceId, 100)).some((payment) => payment.id === theirs.paymentId)).toBe(false);
    await stripe.settle();
  });

  it("lists payments newest first with their card", async () => {
    const listed = await listPayments(setup.workspaceId, 3);
    expect(listed).toHaveLength(3);
    for (let i = 1; i < listed.length; i++) expect(listed[i - 1].createdAt.getTime()).toBeGreaterThanOrEqual(listed[i].createdAt.getTime());
    expect(listed[0].card).toEqual({ brand: "visa", last4: "4242" });
  });
});

/** A top-up paid at Stripe with its webhook held back: the PaymentIntent and its payment_intent.succeeded event. */
async function paidAwaitingWebhook(setup: Setup, amount: bigint) {
  const intentId = await stripe.withoutWebhooks(async () => {
    const result = await topUp(setup, amount);
    return (await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).stripePaymentIntentId!;
  });
  const [event] = stripe.eventsFor(intentId, "payment_intent.succeeded");
  return { intentId, event };
}

describe("webhooks", () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await workspaceWithCard("pm_card_mastercard");
  });

  it("a replayed event changes nothing", async () => {
    const result = await topUp(setup, USD(20));
    await stripe.settle();
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    const before = { entries: await entries(setup.workspaceId), mails: await db.mailMessage.count({ where: { workspaceId: setup.workspaceId } }) };

    const [event] = stripe.eventsFor(payment.stripePaymentIntentId!, "payment_intent.succeeded");
    await stripe.resend(event.id);
    const replays = stripe.deliveries.filter((delivery) => delivery.eventId === event.id);
    expect(replays.map((delivery) => delivery.status)).toEqual([200, 200]);
    expect(replays[1].body).toEqual({ received: true, duplicate: true });

    // The same event posted straight to the route, freshly signed: still nothing.
    const raw = JSON.stringify(stripe.emulator.state.events().find((candidate) => candidate.id === event.id));
    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true, duplicate: true } });

    expect(await entries(setup.workspaceId)).toEqual(before.entries);
    expect(await db.mailMessage.count({ where: { workspaceId: setup.workspaceId } })).toBe(before.mails);
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it("a bad or missing signature is 400 and writes nothing", async () => {
    const { intentId, event } = await paidAwaitingWebhook(setup, USD(15));
    const raw = JSON.stringify(event);
    const before = { events: await db.stripeEvent.count(), entries: await db.ledgerEntry.count() };

    const forged = await stripe.postWebhook(raw, "t=1700000000,v1=0000000000000000000000000000000000000000000000000000000000000000");
    expect(forged.status).toBe(400);
    expect(forged.body?.error?.code).toBe("invalid_signature");
    expect((await stripe.postWebhook(raw, null)).status).toBe(400);
    // Signed by someone else's secret.
    const { signatureHeader } = await import("@/tools/stripe-emulator");
    expect((await stripe.postWebhook(raw, signatureHeader(raw, "whsec_someone_else"))).status).toBe(400);
    // A body changed after signing.
    const header = signatureHeader(raw, process.env.STRIPE_WEBHOOK_SECRET!);
    expect((await stripe.postWebhook(raw.replace('"livemode":false', '"livemode":true'), header)).status).toBe(400);

    expect(await db.stripeEvent.count()).toBe(before.events);
    expect(await db.ledgerEntry.count()).toBe(before.entries);

    // The genuine delivery still works afterwards.
    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true } });
    expect(await db.ledgerEntry.count({ where: { reference: intentId } })).toBe(1);
  });

  it("a handler that cannot finish answers 500, keeps no trace, and succeeds on the retry", async () => {
    const { intentId, event } = await paidAwaitingWebhook(setup, USD(18));
    const raw = JSON.stringify(event);

    // Stripe unreachable while the handler re-reads the PaymentIntent.
    const url = process.env.STRIPE_EMULATOR_URL;
    process.env.STRIPE_EMULATOR_URL = "http://127.0.0.1:9";
    let failed;
    try {
      failed = await stripe.postWebhook(raw);
    } finally {
      process.env.STRIPE_EMULATOR_URL = url;
    }
    expect(failed.status).toBe(500);
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { reference: intentId } })).toBe(0);

    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true } });
    expect(await db.ledgerEntry.count({ where: { reference: intentId } })).toBe(1);
    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true, duplicate: true } });
  });

  it("ignores (and acknowledges) PaymentIntents that are not Saldo's, and event types it does not handle", async () => {
    const { stripeCustomerId } = await db.workspace.findUniqueOrThrow({ where: { id: setup.workspaceId } });
    const before = await db.ledgerEntry.count();
    // Another system charging the same Stripe account: no Payment row, foreign metadata.
    const foreign = await getStripe().paymentIntents.create({
      amount: 9900,
      currency: "usd",
      customer: stripeCustomerId!,
      payment_method: setup.card.stripePaymentMethodId,
      confirm: true,
      allowed_payment_method_types: ["card"],
      metadata: { orderId: "order-1", paymentId: randomUUID(), workspaceId: setup.workspaceId },
    });
    expect(foreign.status).toBe("succeeded");
    await stripe.settle();
    const delivered = stripe.deliveries.filter((delivery) => stripe.eventsFor(foreign.id).some((event) => event.id === delivery.eventId));
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((delivery) => delivery.status === 200)).toBe(true);
    expect(delivered.find((delivery) => delivery.type === "payment_intent.created")?.body).toEqual({ received: true, ignored: true });
    expect(await db.ledgerEntry.count()).toBe(before);
  });

  it("refunds debit the wallet once per refund, pointing at the payment", async () => {
    const full = await topUp(setup, USD(25));
    const partial = await topUp(setup, USD(40));
    await stripe.settle();
    const fullPayment = await db.payment.findUniqueOrThrow({ where: { id: full.paymentId } });
    const partialPayment = await db.payment.findUniqueOrThrow({ where: { id: partial.paymentId } });
    const before = await getBalances(setup.workspaceId);

    await getStripe().refunds.create({ payment_intent: fullPayment.stripePaymentIntentId! });
    await getStripe().refunds.create({ payment_intent: partialPayment.stripePaymentIntentId!, amount: 1000 });
    await getStripe().refunds.create({ payment_intent: partialPayment.stripePaymentIntentId!, amount: 500 });
    await stripe.settle();

    const refunds = (await entries(setup.workspaceId)).filter((entry) => entry.kind === "REFUND");
    expect(refunds.filter((entry) => entry.reference === fullPayment.stripePaymentIntentId).map((entry) => entry.amount)).toEqual([-USD(25)]);
    expect(
      refunds
        .filter((entry) => entry.reference === partialPayment.stripePaymentIntentId)
        .map((entry) => entry.amount)
        .sort(),
    ).toEqual([-USD(10), -USD(5)].sort());
    for (const entry of refunds) {
      expect(entry.idempotencyKey).toMatch(/^refund:re_/);
      expect(entry.description).toBe("Refund · Top-up · Mastercard •••• 4444");
    }
    expect((await db.payment.findUniqueOrThrow({ where: { id: full.paymentId } })).reversedAmount).toBe(USD(25));
    expect((await db.payment.findUniqueOrThrow({ where: { id: partial.paymentId } })).reversedAmount).toBe(USD(15));
    const after = await getBalances(setup.workspaceId);
    expect(before.paidBalance - after.paidBalance).toBe(USD(40));

    // Every charge.refunded event again: nothing more.
    for (const event of stripe.emulator.state.events("charge.refunded")) await stripe.resend(event.id);
    expect((await entries(setup.workspaceId)).filter((entry) => entry.kind === "REFUND")).toHaveLength(3);
    expect((await getBalances(setup.workspaceId)).paidBalance).toBe(after.paidBalance);
    await expectInvariant(setup.workspaceId);
  });

  it("disputes take the disputed amount back, once", async () => {
    const disputing = await workspaceWithCard("pm_card_createDispute");
    const result = await topUp(disputing, USD(50));
    expect(result.status).toBe("succeeded");
    await stripe.settle();
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    const all = await entries(disputing.workspaceId);
    expect(all.map((entry) => [entry.kind, entry.amount])).toEqual([
      ["TOP_UP", USD(50)],
      ["REVERSAL", -USD(50)],
    ]);
    expect(all[1]).toMatchObject({ reference: payment.stripePaymentIntentId, idempotencyKey: expect.stringMatching(/^dispute:dp_/) });
    expect(all[1].description).toContain("Dispute (fraudulent)");
    expect(payment.reversedAmount).toBe(USD(50));
    expect((await getBalances(disputing.workspaceId)).paidBalance).toBe(0n);

    // A partial dispute through the card network (the emulator's endpoint).
    const second = await topUp(setup, USD(30));
    await stripe.settle();
    const secondPayment = await db.payment.findUniqueOrThrow({ where: { id: second.paymentId } });
    const disputed = await stripe.call(`/emulator/charges/${secondPayment.stripePaymentIntentId}/dispute`, { reason: "product_not_received", amount: "1200" });
    expect(disputed.status).toBe(200);
    await stripe.settle();
    await stripe.resend(stripe.eventsFor(disputed.body.id!, "charge.dispute.created")[0].id);
    const reversals = (await entries(setup.workspaceId)).filter((entry) => entry.kind === "REVERSAL");
    expect(reversals.map((entry) => [entry.amount, entry.reference])).toEqual([[-USD(12), secondPayment.stripePaymentIntentId]]);
    expect((await db.payment.findUniqueOrThrow({ where: { id: second.paymentId } })).reversedAmount).toBe(USD(12));
    await expectInvariant(disputing.workspaceId);
    await expectInvariant(setup.workspaceId);
  });

  it("a stale payment_failed after success changes nothing", async () => {
    const result = await topUp(setup, USD(22));
    await stripe.settle();
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    const [succeeded] = stripe.eventsFor(payment.stripePaymentIntentId!, "payment_intent.succeeded");
    // A forged-in-order but genuinely signed payment_failed for the same intent (as if Stripe
    // delivered an older attempt's failure late): the handler re-reads the intent and sees it paid.
    const stale = { ...succeeded, id: `evt_stale_${randomUUID().slice(0, 8)}`, type: "payment_intent.payment_failed" };
    expect(await stripe.postWebhook(JSON.stringify(stale))).toEqual({ status: 200, body: { received: true } });
    expect(await getPayment(setup.workspaceId, payment.id)).toMatchObject({ status: "SUCCEEDED", failureMessage: null });
    expect(await db.ledgerEntry.count({ where: { reference: payment.stripePaymentIntentId } })).toBe(1);
  });

  it("the intent's id stored between the route's two lookups: still credited, once", async () => {
    // The top-up request (or the auto-recharge job) stores the PaymentIntent's id just after
    // Stripe answers, while Stripe's webhook for it may already be in the route. Here that store
    // commits exactly between the route's lookup by intent id (nothing yet) and its lookup by
    // the intent's metadata — the interleaving that, under load, left a paid payment PROCESSING
    // and its event acknowledged as "not ours".
    const { intentId, event } = await paidAwaitingWebhook(setup, USD(17));
    // As before the request stored it.
    const payment = await db.payment.update({ where: { stripePaymentIntentId: intentId }, data: { stripePaymentIntentId: null } });
    const findUnique = db.payment.findUnique.bind(db.payment);
    let storedMeanwhile = false;
    const lookup = vi.spyOn(db.payment, "findUnique").mockImplementation((async (args: { where: { stripePaymentIntentId?: string } }) => {
      const found = await findUnique(args as Parameters<typeof findUnique>[0]);
      if (args.where.stripePaymentIntentId === intentId) {
        lookup.mockRestore();
        await db.payment.updateMany({ where: { id: payment.id, stripePaymentIntentId: null }, data: { stripePaymentIntentId: intentId } });
        storedMeanwhile = true;
      }
      return found;
    }) as never);
    try {
      expect(await stripe.postWebhook(JSON.stringify(event))).toEqual({ status: 200, body: { received: true } });
      expect(storedMeanwhile).toBe(true);
    } finally {
      lookup.mockRestore();
    }
    expect(await getPayment(setup.workspaceId, payment.id)).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.ledgerEntry.count({ where: { reference: intentId } })).toBe(1);
    await expectInvariant(setup.workspaceId);
  });
});

describe("auto-recharge charges (off-session)", () => {
  async function autoRechargePayment(setup: Setup, amount: bigint) {
    const payment = await db.payment.create({
      data: {
        workspaceId: setup.workspaceId,
        kind: "AUTO_RECHARGE",
        status: "PROCESSING",
        amount,
        currency: "USD",
        stripePaymentMethodId: setup.card.stripePaymentMethodId,
        idempotencyKey: `auto_recharge:${randomUUID()}`,
      },
    });
    await db.autoRecharge.upsert({
      where: { workspaceId: setup.workspaceId },
      create: { workspaceId: setup.workspaceId, enabled: true, threshold: USD(5), amount, monthlyCap: USD(500), inFlightPaymentId: payment.id },
      update: { inFlightPaymentId: payment.id },
    });
    return payment;
  }

  it("charges the saved card without the cardholder and the webhook credits AUTO_RECHARGE", async () => {
    const setup = await workspaceWithCard("pm_card_visa");
    const payment = await autoRechargePayment(setup, USD(20));
    const input = {
      workspaceId: setup.workspaceId,
      paymentId: payment.id,
      amount: USD(20),
      currency: "USD" as const,
      stripePaymentMethodId: setup.card.stripePaymentMethodId,
      idempotencyKey: `charge:${payment.id}`,
    };
    expect(await chargeOffSession(input)).toEqual({ status: "succeeded" });
    // A retried job: Stripe answers the first result, no second charge.
    expect(await chargeOffSession(input)).toEqual({ status: "succeeded" });
    await stripe.settle();

    const stored = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(stored.status).toBe("SUCCEEDED");
    const credits = await db.ledgerEntry.findMany({ where: { workspaceId: setup.workspaceId, kind: "AUTO_RECHARGE" } });
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ amount: USD(20), reference: stored.stripePaymentIntentId, idempotencyKey: `payment:${payment.id}`, actorType: "system" });
    expect(credits[0].description).toBe("Auto-recharge · Visa •••• 4242");
    const intent = await getStripe().paymentIntents.retrieve(stored.stripePaymentIntentId!);
    expect(intent.metadata.kind).toBe("AUTO_RECHARGE");
    // The auto-recharge was told: the in-flight slot is free again.
    expect((await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId: setup.workspaceId } })).inFlightPaymentId).toBeNull();
    await expectInvariant(setup.workspaceId);
  });

  it("a card that needs authentication fails off-session, with nothing credited", async () => {
    const setup = await workspaceWithCard("pm_card_authenticationRequired");
    const payment = await autoRechargePayment(setup, USD(20));
    const result = await chargeOffSession({
      workspaceId: setup.workspaceId,
      paymentId: payment.id,
      amount: USD(20),
      currency: "USD",
      stripePaymentMethodId: setup.card.stripePaymentMethodId,
      idempotencyKey: `charge:${payment.id}`,
    });
    expect(result).toMatchObject({ status: "failed", code: "authentication_required" });
    await stripe.settle();
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "FAILED", failureCode: "authentication_required" });
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId } })).toBe(0);
  });
});
