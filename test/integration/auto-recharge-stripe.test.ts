// The auto-recharge charge job end to end: cards saved through SetupIntents in the local Stripe
// emulator, charged off-session by the job, the outcome coming back through the app's real
// webhook route (test/helpers/stripe.ts), and — last — the whole loop run by the pg-boss worker.
import { afterAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { runChargeJob } from "@/lib/auto-recharge/charge-job";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { confirmTestCard, startCardSetup } from "@/lib/payments/cards";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();
const system = { type: "system" as const };
const usd = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;
const QUEUE = "auto-recharge.charge";

afterAll(stopBoss);

/** A workspace with `balance` dollars, a card saved through a SetupIntent, and auto-recharge on ($5 → $25). */
async function workspaceWithCard(testCard: string, balance = 10) {
  const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  const workspaceId = workspace.id;
  const { setupIntentId } = await startCardSetup(workspaceId);
  const saved = await confirmTestCard(workspaceId, setupIntentId, testCard);
  expect(saved.status).toBe("succeeded");
  await adjustBalance(workspaceId, usd(balance), "opening balance", system);
  await saveAutoRecharge(workspaceId, { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null });
  await stripe.settle();
  return workspaceId;
}

/** The queued charge job of the payment in flight. */
async function inFlightJob(workspaceId: string) {
  const { inFlightPaymentId } = await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } });
  expect(inFlightPaymentId).not.toBeNull();
  const jobs = await (await getBoss()).findJobs<{ workspaceId: string; paymentId: string }>(QUEUE, { data: { paymentId: inFlightPaymentId! } });
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

const debit = (workspaceId: string, dollars: number) => adjustBalance(workspaceId, -usd(dollars), "usage", system);
const settings = (workspaceId: string) => db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } });
const mailKinds = async (workspaceId: string) =>
  (await db.mailMessage.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } })).map((mail) => mail.kind);

describe("auto-recharge charge job with the Stripe emulator", () => {
  it("a card that declines at charge time: failure recorded once, retried, switched off at the 3rd", async () => {
    const workspaceId = await workspaceWithCard("pm_card_chargeCustomerFail");
    await debit(workspaceId, 6);
    const first = await inFlightJob(workspaceId);
    const p1 = first.data.paymentId;

    expect(await runChargeJob(first.data)).toEqual({ status: "failed", code: "generic_decline" });
    const payment = await db.payment.findUniqueOrThrow({ where: { id: p1 } });
    expect(payment).toMatchObject({ status: "FAILED", failureCode: "generic_decline" });
    expect(payment.stripePaymentIntentId).toMatch(/^pi_/);
    const intent = stripe.emulator.state.get(payment.stripePaymentIntentId!) as Stripe.PaymentIntent;
    expect(intent.metadata).toMatchObject({ paymentId: p1, kind: "AUTO_RECHARGE" });
    expect(await settings(workspaceId)).toMatchObject({ consecutiveFailures: 1, enabled: true });

    // Stripe's payment_intent.payment_failed reaches the webhook too: the same outcome, reported
    // twice, counts once.
    await stripe.settle();
    expect(stripe.deliveries.filter((d) => d.type === "payment_intent.payment_failed").map((d) => d.status)).toEqual([200]);
    const after = await settings(workspaceId);
    expect(after.consecutiveFailures).toBe(1);
    expect(after.inFlightPaymentId).not.toBe(p1);
    expect(await mailKinds(workspaceId)).toEqual(["auto_recharge_failed"]);

    // The scheduled retries (run now rather than after 1 and 5 minutes) fail the same way.
    const second = await inFlightJob(workspaceId);
    expect(second.startAfter.getTime() - second.createdOn.getTime()).toBeGreaterThanOrEqual(59_000);
    expect(await runChargeJob(second.data)).toMatchObject({ status: "failed" });
    const third = await inFlightJob(workspaceId);
    expect(await runChargeJob(third.data)).toMatchObject({ status: "failed" });
    await stripe.settle();

    const final = await settings(workspaceId);
    expect(final).toMatchObject({ enabled: false, consecutiveFailures: 3, inFlightPaymentId: null });
    expect(final.disabledAt).toBeInstanceOf(Date);
    expect(await mailKinds(workspaceId)).toEqual(["auto_recharge_failed", "auto_recharge_failed", "auto_recharge_disabled"]);
    // Each attempt was its own PaymentIntent under its own idempotency key; no money moved.
    const payments = await db.payment.findMany({ where: { workspaceId, kind: "AUTO_RECHARGE" } });
    expect(payments.map((p) => p.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    expect(new Set(payments.map((p) => p.stripePaymentIntentId)).size).toBe(3);
    expect((await getBalances(workspaceId)).available).toBe(usd(4));
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });

  it("skips a job whose outcome is known, and drops one no longer wanted without charging", async () => {
    const workspaceId = await workspaceWithCard("pm_card_visa");
    await debit(workspaceId, 6);
    const job = await inFlightJob(workspaceId);

    // Switched off before the job ran: canceled, slot freed, nothing sent to Stripe.
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: false } });
    expect(await runChargeJob(job.data)).toEqual({ status: "canceled", reason: "disabled" });
    expect(await db.payment.findUniqueOrThrow({ where: { id: job.data.paymentId } })).toMatchObject({ status: "CANCELED", stripePaymentIntentId: null });
    expect((await settings(workspaceId)).inFlightPaymentId).toBeNull();
    // The same job again (a redelivery): nothing to do.
    expect(await runChargeJob(job.data)).toEqual({ status: "skipped" });

    // Topped up by hand before the job ran: canceled too.
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: true } });
    await debit(workspaceId, 1);
    const next = await inFlightJob(workspaceId);
    await adjustBalance(workspaceId, usd(50), "manual top-up", system);
    expect(await runChargeJob(next.data)).toEqual({ status: "canceled", reason: "balance_recovered" });
    const intents = stripe.emulator.state.events("payment_intent.created").map((event) => event.data.object as Stripe.PaymentIntent);
    expect(intents.filter((intent) => intent.metadata.workspaceId === workspaceId)).toHaveLength(0);
    expect(await settings(workspaceId)).toMatchObject({ consecutiveFailures: 0, inFlightPaymentId: null });
  });

  it("Stripe unreachable: the job throws for pg-boss to retry, and on its last try records a failure", async () => {
    const workspaceId = await workspaceWithCard("pm_card_visa");
    await debit(workspaceId, 6);
    const job = await inFlightJob(workspaceId);
    const url = process.env.STRIPE_EMULATOR_URL;
    process.env.STRIPE_EMULATOR_URL = "http://127.0.0.1:9"; // discard port: connection refused
    try {
      await expect(runChargeJob(job.data, { retryCount: 0, retryLimit: 5 })).rejects.toMatchObject({ code: "payments_unavailable" });
      expect((await settings(workspaceId)).inFlightPaymentId).toBe(job.data.paymentId);
      expect(await runChargeJob(job.data, { retryCount: 5, retryLimit: 5 })).toEqual({ status: "failed", code: "payments_unavailable" });
    } finally {
      process.env.STRIPE_EMULATOR_URL = url;
    }
    const after = await settings(workspaceId);
    expect(after.consecutiveFailures).toBe(1);
    expect(after.inFlightPaymentId).not.toBe(job.data.paymentId); // a retry is scheduled
  }, 30_000);

  // Last: from here on this process works the queue, so no other test should run jobs by hand.
  it("the worker charges a good card; the webhook credits the wallet once and frees the slot", async () => {
    const workspaceId = await workspaceWithCard("pm_card_visa");
    expect(await startWorkers()).toBe(true);
    expect(await startWorkers()).toBe(true); // idempotent

    await debit(workspaceId, 6);
    const { paymentId } = (await inFlightJob(workspaceId)).data;
    const deadline = Date.now() + 20_000;
    while ((await settings(workspaceId)).inFlightPaymentId && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({ status: "SUCCEEDED", amount: usd(25) });
    const intent = stripe.emulator.state.get(payment.stripePaymentIntentId!) as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: "succeeded", amount: 2500, currency: "usd" });
    expect(await settings(workspaceId)).toMatchObject({ inFlightPaymentId: null, consecutiveFailures: 0, enabled: true });

    const credits = await db.ledgerEntry.findMany({ where: { workspaceId, kind: "AUTO_RECHARGE" } });
    expect(credits.map((entry) => entry.amount)).toEqual([usd(25)]);
    expect((await getBalances(workspaceId)).available).toBe(usd(10 - 6 + 25));
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
    // The receipt is the success notice; auto-recharge sends nothing more.
    expect(await mailKinds(workspaceId)).toEqual(["receipt"]);

    const [job] = await (await getBoss()).findJobs(QUEUE, { data: { paymentId } });
    expect(job.state).toBe("completed");

    // A replayed payment_intent.succeeded credits nothing more.
    const [succeeded] = stripe.eventsFor(payment.stripePaymentIntentId!, "payment_intent.succeeded");
    await stripe.resend(succeeded.id);
    expect(await db.ledgerEntry.count({ where: { workspaceId, kind: "AUTO_RECHARGE" } })).toBe(1);
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });
});
