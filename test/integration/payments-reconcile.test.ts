// Reconciliation of payments whose webhook never came (lib/payments/reconcile.ts), end to end:
// payments charged through the real Stripe emulator with webhook delivery switched off, aged
// past the threshold, settled by reconcilePayments through the webhook handlers — and the
// original webhook delivered afterwards (or at the same time) through the real route.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runChargeJob } from "@/lib/auto-recharge/charge-job";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { completeCardSetup, confirmTestCard, startCardSetup } from "@/lib/payments/cards";
import { ABANDONED_TOP_UP_HOURS, RECONCILE_AFTER_MINUTES, reconcilePayments } from "@/lib/payments/reconcile";
import { getStripe } from "@/lib/payments/stripe";
import { startTopUp } from "@/lib/payments/top-ups";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();
const system = { type: "system" as const };
const usd = (dollars: number) => BigInt(Math.round(dollars * 100)) * 10_000n;

afterAll(stopBoss);

type Setup = { workspaceId: string; userId: string; cardId: string; stripePaymentMethodId: string };

async function workspaceWithCard(token = "pm_card_visa"): Promise<Setup> {
  const { workspace, owner } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  const { setupIntentId } = await startCardSetup(workspace.id);
  let result = await confirmTestCard(workspace.id, setupIntentId, token);
  if (result.status === "requires_action") {
    await stripe.authenticate("setup_intents", result.setupIntentId, result.clientSecret, "succeed");
    result = await completeCardSetup(workspace.id, setupIntentId);
  }
  if (result.status !== "succeeded") throw new Error(`${token}: ${JSON.stringify(result)}`);
  await stripe.settle();
  return { workspaceId: workspace.id, userId: owner.id, cardId: result.card.id, stripePaymentMethodId: result.card.stripePaymentMethodId };
}

/** A top-up Stripe charged but whose webhooks were never delivered (they stay in the emulator). */
async function topUpWithoutWebhooks(setup: Setup, amount: bigint) {
  const result = await stripe.withoutWebhooks(() =>
    startTopUp(setup.workspaceId, { amount, cardId: setup.cardId, idempotencyKey: randomUUID(), userId: setup.userId }),
  );
  const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
  expect(payment.stripePaymentIntentId).toMatch(/^pi_/);
  return { result, payment, intentId: payment.stripePaymentIntentId! };
}

/** Makes a payment look untouched for `minutes`. */
async function age(paymentId: string, minutes = RECONCILE_AFTER_MINUTES + 1) {
  await db.$executeRaw`UPDATE "Payment" SET "updatedAt" = now() - make_interval(mins => ${minutes}) WHERE id = ${paymentId}::uuid`;
}

/** Reconciles one workspace, keeping the log lines. */
async function reconcile(workspaceId: string) {
  const lines: string[] = [];
  const result = await reconcilePayments({ workspaceId, log: (line) => lines.push(line) });
  return { ...result, lines };
}

/** Delivers, late, the webhook Stripe recorded for an intent. */
async function deliverLate(intentId: string, type: string) {
  const [event] = stripe.eventsFor(intentId, type);
  expect(event).toBeDefined();
  await stripe.resend(event.id);
  return stripe.deliveries.filter((delivery) => delivery.eventId === event.id).at(-1)!;
}

const credits = (workspaceId: string, paymentId: string) => db.ledgerEntry.count({ where: { workspaceId, idempotencyKey: `payment:${paymentId}` } });
const receipts = (workspaceId: string) => db.mailMessage.count({ where: { workspaceId, kind: "receipt" } });
const autoRecharge = (workspaceId: string) => db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } });
const expectInvariant = async (workspaceId: string) => expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);

/** A workspace with $10, a card, and auto-recharge on ($5 → $25). */
async function autoRechargeWorkspace(token: string) {
  const setup = await workspaceWithCard(token);
  await adjustBalance(setup.workspaceId, usd(10), "opening balance", system);
  await saveAutoRecharge(setup.workspaceId, { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null });
  return setup;
}

/** Debits the wallet under the threshold: the auto-recharge payment now in flight. */
async function triggerRecharge(workspaceId: string) {
  await adjustBalance(workspaceId, -usd(6), "usage", system);
  const { inFlightPaymentId } = await autoRecharge(workspaceId);
  expect(inFlightPaymentId).not.toBeNull();
  return inFlightPaymentId!;
}

describe("top-ups whose webhook was lost", () => {
  it("a paid top-up is credited exactly once; the original webhook arriving afterwards changes nothing", async () => {
    const setup = await workspaceWithCard();
    const { payment, intentId } = await topUpWithoutWebhooks(setup, usd(25));
    expect(payment.status).toBe("PROCESSING");
    await age(payment.id);

    const run = await reconcile(setup.workspaceId);
    expect(run).toMatchObject({ checked: 1, errors: 0 });
    expect(run.payments[0]).toMatchObject({
      paymentId: payment.id,
      kind: "TOP_UP",
      paymentIntentId: intentId,
      intentStatus: "succeeded",
      action: "settled",
      from: "PROCESSING",
      status: "SUCCEEDED",
    });
    expect(run.lines).toEqual([`[payments.reconcile] payment ${payment.id} (TOP_UP, workspace ${setup.workspaceId}, ${intentId}): Stripe says succeeded; PROCESSING → SUCCEEDED`]);

    // Exactly what the webhook does: the credit, the receipt, the payment's charge and card.
    const settled = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(settled).toMatchObject({ status: "SUCCEEDED", stripeChargeId: expect.stringMatching(/^ch_/) });
    const [entry] = await db.ledgerEntry.findMany({ where: { workspaceId: setup.workspaceId } });
    expect(entry).toMatchObject({ kind: "TOP_UP", amount: usd(25), reference: intentId, description: "Top-up · Visa •••• 4242", actorId: setup.userId });
    expect((await getBalances(setup.workspaceId)).paidBalance).toBe(usd(25));
    expect(await receipts(setup.workspaceId)).toBe(1);

    // Stripe's own event, finally delivered: acknowledged, nothing more.
    expect(await deliverLate(intentId, "payment_intent.succeeded")).toMatchObject({ status: 200, body: { received: true } });
    // And reconciliation again: the payment is settled, nothing to look at.
    expect((await reconcile(setup.workspaceId)).checked).toBe(0);

    expect(await credits(setup.workspaceId, payment.id)).toBe(1);
    expect((await getBalances(setup.workspaceId)).paidBalance).toBe(usd(25));
    expect(await receipts(setup.workspaceId)).toBe(1);
    await expectInvariant(setup.workspaceId);
  });

  it("a top-up whose 3-D Secure failed, browser closed, is recorded as failed with the bank's reason", async () => {
    const setup = await workspaceWithCard("pm_card_authenticationRequiredSetupForOffSession");
    const { result, payment, intentId } = await topUpWithoutWebhooks(setup, usd(40));
    if (result.status !== "requires_action") throw new Error(JSON.stringify(result));
    await stripe.withoutWebhooks(() => stripe.authenticate("payment_intents", intentId, result.clientSecret, "fail"));
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REQUIRES_ACTION");
    await age(payment.id);

    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toMatchObject([{ intentStatus: "requires_payment_method", action: "settled", from: "REQUIRES_ACTION", status: "FAILED" }]);
    const failed = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(failed).toMatchObject({ status: "FAILED", failureCode: "payment_intent_authentication_failure" });
    expect(failed.failureMessage).toMatch(/failed authentication/);

    expect(await deliverLate(intentId, "payment_intent.payment_failed")).toMatchObject({ status: 200 });
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "FAILED" });
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId } })).toBe(0);
  });

  it("leaves recent payments, other workspaces' payments and intents still in progress at Stripe alone", async () => {
    const setup = await workspaceWithCard("pm_card_authenticationRequiredSetupForOffSession");
    const other = await workspaceWithCard();

    // Younger than the threshold: the webhook may still be on its way.
    const recent = await topUpWithoutWebhooks(other, usd(10));
    await age(recent.payment.id, RECONCILE_AFTER_MINUTES - 1);
    // Stuck, but in another workspace than the one asked for.
    const elsewhere = await topUpWithoutWebhooks(other, usd(11));
    await age(elsewhere.payment.id);
    expect((await reconcile(setup.workspaceId)).checked).toBe(0);
    expect((await reconcile(other.workspaceId)).payments.map((item) => item.paymentId)).toEqual([elsewhere.payment.id]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: recent.payment.id } })).toMatchObject({ status: "PROCESSING" });
    expect(await credits(other.workspaceId, recent.payment.id)).toBe(0);

    // Waiting for its cardholder at 3-D Secure: the customer may still authenticate.
    const waiting = await topUpWithoutWebhooks(setup, usd(12));
    expect(waiting.result.status).toBe("requires_action");
    await age(waiting.payment.id);
    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toMatchObject([{ paymentId: waiting.payment.id, intentStatus: "requires_action", action: "pending", status: "REQUIRES_ACTION" }]);
    expect(run.lines[0]).toContain("still in progress; left REQUIRES_ACTION");
    // Looked at: it waits another threshold, so it does not take a place in every batch.
    expect((await reconcile(setup.workspaceId)).checked).toBe(0);
    expect(await db.payment.findUniqueOrThrow({ where: { id: waiting.payment.id } })).toMatchObject({ status: "REQUIRES_ACTION" });
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId } })).toBe(0);
  });

  it("cancels at Stripe a top-up left at 3-D Secure for more than a day, and only then", async () => {
    const setup = await workspaceWithCard("pm_card_authenticationRequiredSetupForOffSession");
    const day = await topUpWithoutWebhooks(setup, usd(12));
    const older = await topUpWithoutWebhooks(setup, usd(13));
    expect([day.result.status, older.result.status]).toEqual(["requires_action", "requires_action"]);
    const started = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    await db.payment.update({ where: { id: day.payment.id }, data: { createdAt: started(ABANDONED_TOP_UP_HOURS - 1) } });
    await db.payment.update({ where: { id: older.payment.id }, data: { createdAt: started(ABANDONED_TOP_UP_HOURS + 1) } });
    await age(day.payment.id);
    await age(older.payment.id);

    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paymentId: day.payment.id, action: "pending", status: "REQUIRES_ACTION" }),
        expect.objectContaining({ paymentId: older.payment.id, intentStatus: "canceled", action: "settled", status: "CANCELED" }),
      ]),
    );
    expect((await getStripe().paymentIntents.retrieve(older.intentId)).status).toBe("canceled");
    expect((await getStripe().paymentIntents.retrieve(day.intentId)).status).toBe("requires_action");
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId } })).toBe(0);
  });

  it("one payment failing does not stop the others, and is tried again on a later run", async () => {
    const setup = await workspaceWithCard();
    const bad = await topUpWithoutWebhooks(setup, usd(20));
    const good = await topUpWithoutWebhooks(setup, usd(30));
    await age(bad.payment.id, 30);
    await age(good.payment.id, 20);

    const intents = getStripe().paymentIntents;
    const retrieve = intents.retrieve.bind(intents);
    const spy = vi.spyOn(intents, "retrieve").mockImplementation(((id: string, params?: Stripe.PaymentIntentRetrieveParams) =>
      id === bad.intentId ? Promise.reject(new Error("Stripe is unreachable (test)")) : retrieve(id, params)) as never);
    let run;
    try {
      run = await reconcile(setup.workspaceId);
    } finally {
      spy.mockRestore();
    }
    expect(run).toMatchObject({ checked: 2, errors: 1 });
    expect(run.payments).toMatchObject([
      { paymentId: bad.payment.id, action: "error", status: "PROCESSING", error: "Stripe is unreachable (test)" },
      { paymentId: good.payment.id, action: "settled", status: "SUCCEEDED" },
    ]);
    expect(run.lines[0]).toContain("failed, will retry: Stripe is unreachable (test)");

    await age(bad.payment.id);
    expect((await reconcile(setup.workspaceId)).payments).toMatchObject([{ paymentId: bad.payment.id, action: "settled", status: "SUCCEEDED" }]);
    expect(await credits(setup.workspaceId, bad.payment.id)).toBe(1);
    expect(await credits(setup.workspaceId, good.payment.id)).toBe(1);
    expect((await getBalances(setup.workspaceId)).paidBalance).toBe(usd(50));
    await expectInvariant(setup.workspaceId);
  });

  it("reconciliation run twice at once, or at once with the webhook, credits once", async () => {
    const setup = await workspaceWithCard();
    const twice = await topUpWithoutWebhooks(setup, usd(35));
    await age(twice.payment.id);
    const runs = await Promise.all([reconcile(setup.workspaceId), reconcile(setup.workspaceId)]);
    for (const run of runs) expect(run.errors).toBe(0);
    expect(runs.flatMap((run) => run.payments).every((item) => item.paymentId === twice.payment.id)).toBe(true);
    expect(await db.payment.findUniqueOrThrow({ where: { id: twice.payment.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await credits(setup.workspaceId, twice.payment.id)).toBe(1);
    expect(await receipts(setup.workspaceId)).toBe(1);
    // Made to look old again: settled, so not even looked at.
    await age(twice.payment.id);
    expect((await reconcile(setup.workspaceId)).checked).toBe(0);

    const raced = await topUpWithoutWebhooks(setup, usd(15));
    await age(raced.payment.id);
    const [event] = stripe.eventsFor(raced.intentId, "payment_intent.succeeded");
    const [run] = await Promise.all([reconcile(setup.workspaceId), stripe.resend(event.id)]);
    expect(run.errors).toBe(0);
    expect(stripe.deliveries.filter((delivery) => delivery.eventId === event.id).map((delivery) => delivery.status)).toEqual([200]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: raced.payment.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await credits(setup.workspaceId, raced.payment.id)).toBe(1);
    expect(await receipts(setup.workspaceId)).toBe(2);
    expect((await getBalances(setup.workspaceId)).paidBalance).toBe(usd(50));
    await expectInvariant(setup.workspaceId);
  });
});

describe("auto-recharges whose webhook was lost", () => {
  it("the paid recharge is credited and frees the in-flight slot, so the next recharge can fire", async () => {
    const setup = await autoRechargeWorkspace("pm_card_visa");
    const paymentId = await triggerRecharge(setup.workspaceId);
    const job = await stripe.withoutWebhooks(() => runChargeJob({ workspaceId: setup.workspaceId, paymentId }));
    expect(job).toEqual({ status: "charged", result: "succeeded" });
    // The charge went through, but nobody told us: the slot stays taken, no recharge can start.
    const stuck = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(stuck.status).toBe("PROCESSING");
    expect((await autoRecharge(setup.workspaceId)).inFlightPaymentId).toBe(paymentId);
    await age(paymentId);

    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toMatchObject([{ paymentId, kind: "AUTO_RECHARGE", intentStatus: "succeeded", action: "settled", status: "SUCCEEDED" }]);
    expect(await autoRecharge(setup.workspaceId)).toMatchObject({ inFlightPaymentId: null, consecutiveFailures: 0, enabled: true });
    const entries = await db.ledgerEntry.findMany({ where: { workspaceId: setup.workspaceId, kind: "AUTO_RECHARGE" } });
    expect(entries.map((entry) => [entry.amount, entry.idempotencyKey])).toEqual([[usd(25), `payment:${paymentId}`]]);
    expect((await getBalances(setup.workspaceId)).available).toBe(usd(10 - 6 + 25));

    // The next drop under the threshold starts the next recharge.
    await adjustBalance(setup.workspaceId, -usd(25), "usage", system);
    const next = (await autoRecharge(setup.workspaceId)).inFlightPaymentId;
    expect(next).not.toBeNull();
    expect(next).not.toBe(paymentId);

    // Stripe's event for the first one, late: no second credit, and the new slot is untouched.
    expect(await deliverLate(stuck.stripePaymentIntentId!, "payment_intent.succeeded")).toMatchObject({ status: 200 });
    expect(await credits(setup.workspaceId, paymentId)).toBe(1);
    expect(await autoRecharge(setup.workspaceId)).toMatchObject({ inFlightPaymentId: next, consecutiveFailures: 0 });
    expect(await receipts(setup.workspaceId)).toBe(1);
    await expectInvariant(setup.workspaceId);
  });

  it("a declined recharge is recorded through the failure policy: counted, retried, the owner told", async () => {
    const setup = await autoRechargeWorkspace("pm_card_chargeCustomerFail");
    const paymentId = await triggerRecharge(setup.workspaceId);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    // The charge job sent the charge and died right after storing the PaymentIntent's id (its
    // retries used up); Stripe's payment_failed webhook was lost.
    const intentId = await stripe.withoutWebhooks(async () => {
      const declined = await getStripe()
        .paymentIntents.create(
          {
            amount: 2500,
            currency: "usd",
            customer: (await db.workspace.findUniqueOrThrow({ where: { id: setup.workspaceId } })).stripeCustomerId!,
            payment_method: payment.stripePaymentMethodId!,
            confirm: true,
            off_session: true,
            allowed_payment_method_types: ["card"],
            metadata: { workspaceId: setup.workspaceId, paymentId, kind: "AUTO_RECHARGE" },
          },
          { idempotencyKey: `${payment.idempotencyKey}:attempt-1` },
        )
        .then(
          () => null,
          (error: { payment_intent?: Stripe.PaymentIntent }) => error.payment_intent?.id ?? null,
        );
      await db.payment.update({ where: { id: paymentId }, data: { stripePaymentIntentId: declined } });
      return declined!;
    });
    expect(intentId).toMatch(/^pi_/);
    await age(paymentId);

    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toMatchObject([{ paymentId, intentStatus: "requires_payment_method", action: "settled", status: "FAILED" }]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "FAILED", failureCode: "generic_decline" });
    // The same policy as the webhook's: one failure counted, a retry scheduled, an e-mail.
    const settings = await autoRecharge(setup.workspaceId);
    expect(settings).toMatchObject({ consecutiveFailures: 1, enabled: true, lastFailureMessage: "Your card was declined." });
    expect(settings.inFlightPaymentId).not.toBeNull();
    expect(settings.inFlightPaymentId).not.toBe(paymentId);
    const [retry] = await (await getBoss()).findJobs("auto-recharge.charge", { data: { paymentId: settings.inFlightPaymentId! } });
    expect(retry.startAfter.getTime() - retry.createdOn.getTime()).toBeGreaterThanOrEqual(59_000);
    expect(await db.mailMessage.count({ where: { workspaceId: setup.workspaceId, kind: "auto_recharge_failed" } })).toBe(1);

    // The lost webhook, late: the failure is not counted twice.
    expect(await deliverLate(intentId, "payment_intent.payment_failed")).toMatchObject({ status: 200 });
    expect(await autoRecharge(setup.workspaceId)).toMatchObject({ consecutiveFailures: 1, inFlightPaymentId: settings.inFlightPaymentId });
    expect(await db.mailMessage.count({ where: { workspaceId: setup.workspaceId, kind: "auto_recharge_failed" } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { workspaceId: setup.workspaceId, kind: "AUTO_RECHARGE" } })).toBe(0);
  });

  it("a recharge credited by its webhook whose outcome never got recorded: the slot is freed, nothing credited twice", async () => {
    const setup = await autoRechargeWorkspace("pm_card_visa");
    const paymentId = await triggerRecharge(setup.workspaceId);
    await runChargeJob({ workspaceId: setup.workspaceId, paymentId });
    await stripe.settle();
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    // As if the webhook's after-commit step (recordAutoRechargeOutcome) had failed and Stripe
    // had then given up retrying the event.
    await db.autoRecharge.update({ where: { workspaceId: setup.workspaceId }, data: { inFlightPaymentId: paymentId } });
    await age(paymentId);

    const run = await reconcile(setup.workspaceId);
    expect(run.payments).toMatchObject([{ paymentId, action: "settled", from: "SUCCEEDED", status: "SUCCEEDED" }]);
    expect((await autoRecharge(setup.workspaceId)).inFlightPaymentId).toBeNull();
    expect(await credits(setup.workspaceId, paymentId)).toBe(1);
    expect(await receipts(setup.workspaceId)).toBe(1);
    await expectInvariant(setup.workspaceId);
  });

  it("reconciliation racing the webhook: one credit, one outcome", async () => {
    const setup = await autoRechargeWorkspace("pm_card_visa");
    const paymentId = await triggerRecharge(setup.workspaceId);
    await stripe.withoutWebhooks(() => runChargeJob({ workspaceId: setup.workspaceId, paymentId }));
    const { stripePaymentIntentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    await age(paymentId);
    const [event] = stripe.eventsFor(stripePaymentIntentId!, "payment_intent.succeeded");

    await Promise.all([reconcile(setup.workspaceId), reconcile(setup.workspaceId), stripe.resend(event.id)]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await credits(setup.workspaceId, paymentId)).toBe(1);
    expect(await autoRecharge(setup.workspaceId)).toMatchObject({ inFlightPaymentId: null, consecutiveFailures: 0 });
    expect((await getBalances(setup.workspaceId)).available).toBe(usd(10 - 6 + 25));
    await expectInvariant(setup.workspaceId);
  });
});

// Last: from here on this process works the queues.
describe("the payments.reconcile job", () => {
  it("is scheduled every 10 minutes, and the worker runs the reconciliation", async () => {
    const setup = await workspaceWithCard();
    const { payment } = await topUpWithoutWebhooks(setup, usd(15));
    await age(payment.id);

    expect(await startWorkers()).toBe(true);
    const boss = await getBoss();
    expect(await boss.getSchedules("payments.reconcile")).toMatchObject([{ name: "payments.reconcile", cron: "*/10 * * * *", timezone: "UTC" }]);

    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const jobId = await boss.send("payments.reconcile", {});
      const deadline = Date.now() + 20_000;
      let job;
      while ((job = await boss.getJobById("payments.reconcile", jobId!))?.state !== "completed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(job?.state).toBe("completed");
      expect(log).toHaveBeenCalledWith(expect.stringContaining(`[payments.reconcile] payment ${payment.id} (TOP_UP`));
    } finally {
      log.mockRestore();
    }
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await credits(setup.workspaceId, payment.id)).toBe(1);
  });
});
