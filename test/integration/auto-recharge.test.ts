// Auto-recharge against a real PostgreSQL and a real pg-boss: the trigger inside the wallet
// transaction, the failure policy, the monthly cap, and the settings form's rules. Stripe is not
// involved here (auto-recharge-stripe.test.ts charges through the emulator); cards are rows.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { recordAutoRechargeOutcome } from "@/lib/auto-recharge/outcome";
import { ChargeNowUnconfirmed, getAutoRecharge, saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { enqueueInTransaction } from "@/lib/jobs/enqueue";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { postEntry, withWallet } from "@/lib/ledger/post";
import { fromMajorUnits } from "@/lib/money";
import { api, workspaceWithKey } from "@/test/helpers/api";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const system = { type: "system" as const };
const usd = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;
const QUEUE = "auto-recharge.charge";

afterAll(stopBoss);
beforeEach(() => resetRateLimits());
afterEach(() => {
  delete process.env.AUTO_RECHARGE_RETRY_DELAYS_SECONDS;
});

/** A card row as the payments code would store it (no Stripe needed for the trigger). */
async function addCard(workspaceId: string, isDefault = true) {
  return db.paymentMethod.create({
    data: {
      workspaceId,
      stripePaymentMethodId: `pm_test_${randomBytes(6).toString("hex")}`,
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2040,
      funding: "credit",
      isDefault,
    },
  });
}

/** A USD workspace with an API key, a card, `balance` dollars and auto-recharge as given. */
async function setup(options: { balance?: number; threshold?: number; amount?: number; cap?: number; enabled?: boolean; card?: boolean } = {}) {
  const people = await workspaceWithKey();
  const { workspaceId } = people;
  const card = options.card === false ? null : await addCard(workspaceId);
  if (options.balance) await adjustBalance(workspaceId, usd(options.balance), "opening balance", system);
  await db.autoRecharge.create({
    data: {
      workspaceId,
      enabled: options.enabled ?? true,
      threshold: usd(options.threshold ?? 5),
      amount: usd(options.amount ?? 25),
      monthlyCap: usd(options.cap ?? 500),
    },
  });
  return { ...people, card };
}

const debit = (workspaceId: string, dollars: number) => adjustBalance(workspaceId, -usd(dollars), "test debit", system);

async function autoRechargePayments(workspaceId: string) {
  return db.payment.findMany({ where: { workspaceId, kind: "AUTO_RECHARGE" }, orderBy: { createdAt: "asc" } });
}

async function jobsOf(workspaceId: string) {
  const boss = await getBoss();
  return boss.findJobs<{ workspaceId: string; paymentId: string }>(QUEUE, { data: { workspaceId } });
}

async function settingsOf(workspaceId: string) {
  return db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } });
}

async function mailsOf(workspaceId: string) {
  return db.mailMessage.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
}

/** What the payments webhook does on success: credit once, mark SUCCEEDED, report the outcome. */
async function succeed(workspaceId: string, paymentId: string) {
  const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  await postEntry(workspaceId, {
    kind: "AUTO_RECHARGE",
    bucket: "PAID",
    amount: payment.amount,
    idempotencyKey: `payment:${paymentId}`,
    reference: paymentId,
    actor: system,
  });
  await db.payment.update({ where: { id: paymentId }, data: { status: "SUCCEEDED" } });
  return recordAutoRechargeOutcome(workspaceId, paymentId, { ok: true });
}

const decline = { ok: false as const, code: "card_declined", message: "Your card was declined." };

describe("trigger", () => {
  it("does not fire for money handed back: a refund or dispute taking the balance under the threshold", async () => {
    const { workspaceId } = await setup({ balance: 6, threshold: 5 });
    for (const kind of ["REFUND", "REVERSAL"] as const) {
      await postEntry(workspaceId, { kind, bucket: "PAID", amount: -usd(0.75), idempotencyKey: `back:${kind}`, actor: system });
    }
    expect((await db.wallet.findUniqueOrThrow({ where: { workspaceId } })).paidBalance).toBe(usd(4.5));
    expect(await autoRechargePayments(workspaceId)).toHaveLength(0);
    await debit(workspaceId, 0.01); // the next spending does
    expect(await autoRechargePayments(workspaceId)).toHaveLength(1);
  });

  it("50 concurrent usage batches crossing the threshold start exactly one recharge and one job", async () => {
    const { key, workspaceId, card } = await setup({ balance: 20 });
    // Each batch: two 10-minute outbound WhatsApp calls, $2.00. The 8th batch crosses $5.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api("POST", "/api/v1/usage-events", {
          key,
          body: {
            events: [0, 1].map((j) => ({ id: `call-${i}-${j}`, channel: "whatsapp_call", direction: "outbound", durationSeconds: 600 })),
          },
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));

    const payments = await autoRechargePayments(workspaceId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      status: "PROCESSING",
      amount: usd(25),
      currency: "USD",
      stripePaymentMethodId: card!.stripePaymentMethodId,
      idempotencyKey: `auto-recharge:${payments[0].id}`,
    });
    expect((await settingsOf(workspaceId)).inFlightPaymentId).toBe(payments[0].id);
    const jobs = await jobsOf(workspaceId);
    expect(jobs.map((job) => job.data)).toEqual([{ workspaceId, paymentId: payments[0].id }]);

    expect((await getBalances(workspaceId)).available).toBe(usd(20 - 100));
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });

  it("the Payment and the job roll back with a transaction that rolls back", async () => {
    const { workspaceId } = await setup({ balance: 10 });
    await expect(
      withWallet(workspaceId, async ({ post }) => {
        await post([{ kind: "ADJUSTMENT", bucket: "PAID", amount: -usd(8), idempotencyKey: "doomed", actor: system }]);
        throw new Error("the caller failed after the debit");
      }),
    ).rejects.toThrow("the caller failed");
    expect(await autoRechargePayments(workspaceId)).toHaveLength(0);
    expect(await jobsOf(workspaceId)).toHaveLength(0);
    expect((await settingsOf(workspaceId)).inFlightPaymentId).toBeNull();
    expect((await getBalances(workspaceId)).available).toBe(usd(10));

    // The same debit committed: now there is one of each.
    await debit(workspaceId, 8);
    expect(await autoRechargePayments(workspaceId)).toHaveLength(1);
    expect(await jobsOf(workspaceId)).toHaveLength(1);
  });

  it("enqueueInTransaction: the job row belongs to the caller's transaction", async () => {
    const workspaceId = crypto.randomUUID();
    const data = { workspaceId, paymentId: crypto.randomUUID() };
    await expect(
      db.$transaction(async (tx) => {
        await enqueueInTransaction(tx, QUEUE, data);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await jobsOf(workspaceId)).toHaveLength(0);
    await db.$transaction((tx) => enqueueInTransaction(tx, QUEUE, data));
    expect(await jobsOf(workspaceId)).toHaveLength(1);
    // Data is validated before anything is written.
    await expect(db.$transaction((tx) => enqueueInTransaction(tx, QUEUE, { workspaceId: "nope", paymentId: "x" }))).rejects.toThrow();
  });

  it("does not fire when switched off, switched off automatically, without a card, or with one in flight", async () => {
    const off = await setup({ balance: 10, enabled: false });
    await debit(off.workspaceId, 8);
    expect(await autoRechargePayments(off.workspaceId)).toHaveLength(0);

    const switchedOff = await setup({ balance: 10 });
    await db.autoRecharge.update({ where: { workspaceId: switchedOff.workspaceId }, data: { disabledAt: new Date() } });
    await debit(switchedOff.workspaceId, 8);
    expect(await autoRechargePayments(switchedOff.workspaceId)).toHaveLength(0);

    const noCard = await setup({ balance: 10, card: false });
    await debit(noCard.workspaceId, 8);
    expect(await autoRechargePayments(noCard.workspaceId)).toHaveLength(0);
    expect((await settingsOf(noCard.workspaceId)).inFlightPaymentId).toBeNull();

    const busy = await setup({ balance: 10 });
    await debit(busy.workspaceId, 8);
    await debit(busy.workspaceId, 1);
    await debit(busy.workspaceId, 1);
    expect(await autoRechargePayments(busy.workspaceId)).toHaveLength(1);
    expect(await jobsOf(busy.workspaceId)).toHaveLength(1);
  });

  it("fires only when the balance went down and is below the threshold (strictly)", async () => {
    const { workspaceId } = await setup({ balance: 10 });
    await debit(workspaceId, 5); // exactly $5.00: not below
    expect(await autoRechargePayments(workspaceId)).toHaveLength(0);

    // Below the threshold but going up (a credit that leaves it at $4): no recharge.
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: false } });
    await debit(workspaceId, 2);
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: true } });
    await adjustBalance(workspaceId, usd(1), "a little credit", system);
    expect((await getBalances(workspaceId)).available).toBe(usd(4));
    expect(await autoRechargePayments(workspaceId)).toHaveLength(0);

    // Still below and going down: now it fires.
    await debit(workspaceId, 0.01);
    expect(await autoRechargePayments(workspaceId)).toHaveLength(1);
  });

  it("charges the chosen card, and the default card when none is chosen or the chosen one is gone", async () => {
    const { workspaceId, card } = await setup({ balance: 10 });
    const other = await addCard(workspaceId, false);
    await db.autoRecharge.update({ where: { workspaceId }, data: { paymentMethodId: other.stripePaymentMethodId } });
    await debit(workspaceId, 6);
    const [first] = await autoRechargePayments(workspaceId);
    expect(first.stripePaymentMethodId).toBe(other.stripePaymentMethodId);

    await recordAutoRechargeOutcome(workspaceId, first.id, { ok: false, code: "x", message: "x" });
    await db.autoRecharge.update({ where: { workspaceId }, data: { paymentMethodId: "pm_removed", inFlightPaymentId: null } });
    await debit(workspaceId, 1);
    const last = (await autoRechargePayments(workspaceId)).at(-1)!;
    expect(last.stripePaymentMethodId).toBe(card!.stripePaymentMethodId);
  });
});

describe("monthly cap", () => {
  it("stops a recharge that would pass the cap; last month's and failed payments do not count", async () => {
    const { workspaceId } = await setup({ balance: 10, cap: 50 });
    const paid = (amount: number, status: "SUCCEEDED" | "FAILED", createdAt = new Date()) =>
      db.payment.create({
        data: {
          workspaceId,
          kind: "AUTO_RECHARGE",
          status,
          amount: usd(amount),
          currency: "USD",
          idempotencyKey: `earlier:${randomBytes(4).toString("hex")}`,
          createdAt,
        },
      });
    await paid(30, "SUCCEEDED", new Date(Date.now() - 45 * 86_400_000));
    await paid(40, "FAILED");
    await paid(30, "SUCCEEDED");
    await debit(workspaceId, 6); // $30 this month + $25 > $50
    expect((await autoRechargePayments(workspaceId)).filter((p) => p.status === "PROCESSING")).toHaveLength(0);
    expect((await settingsOf(workspaceId)).inFlightPaymentId).toBeNull();
    expect((await getAutoRecharge(workspaceId)).spentThisMonth).toBe(usd(30));

    // Exactly at the cap is allowed: $25 + $25 = $50.
    await db.payment.updateMany({ where: { workspaceId, amount: usd(30), status: "SUCCEEDED" }, data: { amount: usd(25) } });
    await debit(workspaceId, 1);
    const inFlight = (await autoRechargePayments(workspaceId)).filter((p) => p.status === "PROCESSING");
    expect(inFlight).toHaveLength(1);
    // The one in flight counts against the cap too.
    expect((await getAutoRecharge(workspaceId)).spentThisMonth).toBe(usd(50));
  });
});

describe("outcomes", () => {
  it("three failures in a row: retries after the configured delays, then switches off and e-mails the owner", async () => {
    process.env.AUTO_RECHARGE_RETRY_DELAYS_SECONDS = "7,11";
    const { workspaceId } = await setup({ balance: 10 });
    await debit(workspaceId, 6);
    const [p1] = await autoRechargePayments(workspaceId);

    const first = await recordAutoRechargeOutcome(workspaceId, p1.id, decline);
    expect(first).toMatchObject({ applied: true, consecutiveFailures: 1, disabled: false });
    const p2 = first.retryPaymentId!;
    expect(p2).toBeDefined();
    const [retryJob] = (await jobsOf(workspaceId)).filter((job) => job.data.paymentId === p2);
    const delay = (retryJob.startAfter.getTime() - retryJob.createdOn.getTime()) / 1000;
    expect(delay).toBeGreaterThanOrEqual(6);
    expect(delay).toBeLessThanOrEqual(8);
    expect(await settingsOf(workspaceId)).toMatchObject({ inFlightPaymentId: p2, consecutiveFailures: 1, lastFailureMessage: "Your card was declined." });
    expect(await db.payment.findUniqueOrThrow({ where: { id: p1.id } })).toMatchObject({ status: "FAILED", failureCode: "card_declined" });

    const second = await recordAutoRechargeOutcome(workspaceId, p2, decline);
    expect(second).toMatchObject({ applied: true, consecutiveFailures: 2 });
    const p3 = second.retryPaymentId!;
    const [secondRetry] = (await jobsOf(workspaceId)).filter((job) => job.data.paymentId === p3);
    expect((secondRetry.startAfter.getTime() - secondRetry.createdOn.getTime()) / 1000).toBeGreaterThanOrEqual(10);

    const third = await recordAutoRechargeOutcome(workspaceId, p3, { ok: false, code: "expired_card", message: "Your card has expired." });
    expect(third).toMatchObject({ applied: true, consecutiveFailures: 3, disabled: true });
    expect(third.retryPaymentId).toBeUndefined();
    const settings = await settingsOf(workspaceId);
    expect(settings).toMatchObject({ enabled: false, inFlightPaymentId: null, consecutiveFailures: 3, lastFailureMessage: "Your card has expired." });
    expect(settings.disabledAt).toBeInstanceOf(Date);

    const mails = await mailsOf(workspaceId);
    expect(mails.map((mail) => mail.kind)).toEqual(["auto_recharge_failed", "auto_recharge_failed", "auto_recharge_disabled"]);
    expect(mails[2].text).toContain("Your card has expired.");
    expect(mails[2].to).toMatch(/^owner-/);

    // A replayed outcome (the webhook after the job, or a redelivery) changes nothing.
    expect(await recordAutoRechargeOutcome(workspaceId, p3, decline)).toEqual({ applied: false });
    expect(await recordAutoRechargeOutcome(workspaceId, p1.id, { ok: true })).toEqual({ applied: false });
    expect(await mailsOf(workspaceId)).toHaveLength(3);
    expect(await settingsOf(workspaceId)).toMatchObject({ consecutiveFailures: 3, enabled: false });
    expect(await autoRechargePayments(workspaceId)).toHaveLength(3);

    // Switched off: further debits start nothing. The view tells the UI why.
    await debit(workspaceId, 1);
    expect(await autoRechargePayments(workspaceId)).toHaveLength(3);
    const view = await getAutoRecharge(workspaceId);
    expect(view).toMatchObject({ enabled: false, consecutiveFailures: 3, lastFailureMessage: "Your card has expired.", inFlight: false });
    expect(view.disabledAt).toBeInstanceOf(Date);
  });

  it("a success frees the slot and resets the count; the next failure starts again at 1", async () => {
    const { workspaceId } = await setup({ balance: 10 });
    await debit(workspaceId, 6);
    const [p1] = await autoRechargePayments(workspaceId);
    const { retryPaymentId: p2 } = await recordAutoRechargeOutcome(workspaceId, p1.id, decline);
    const { retryPaymentId: p3 } = await recordAutoRechargeOutcome(workspaceId, p2!, decline);
    expect((await settingsOf(workspaceId)).consecutiveFailures).toBe(2);

    expect(await succeed(workspaceId, p3!)).toEqual({ applied: true, consecutiveFailures: 0 });
    expect(await settingsOf(workspaceId)).toMatchObject({ inFlightPaymentId: null, consecutiveFailures: 0, lastFailureMessage: null, enabled: true });
    expect((await getBalances(workspaceId)).available).toBe(usd(4 + 25));
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
    // The webhook's receipt is the success notice: no second e-mail from auto-recharge.
    expect((await mailsOf(workspaceId)).map((mail) => mail.kind)).toEqual(["auto_recharge_failed", "auto_recharge_failed"]);
    // Replayed success: nothing.
    expect(await recordAutoRechargeOutcome(workspaceId, p3!, { ok: true })).toEqual({ applied: false });

    await debit(workspaceId, 25);
    const p4 = (await autoRechargePayments(workspaceId)).at(-1)!;
    expect(p4.status).toBe("PROCESSING");
    expect(await recordAutoRechargeOutcome(workspaceId, p4.id, decline)).toMatchObject({ consecutiveFailures: 1, disabled: false });
  });

  it("a failure after the owner switched it off is recorded without a retry or an automatic switch-off", async () => {
    const { workspaceId } = await setup({ balance: 10 });
    await debit(workspaceId, 6);
    const [p1] = await autoRechargePayments(workspaceId);
    await db.autoRecharge.update({ where: { workspaceId }, data: { enabled: false, consecutiveFailures: 2 } });
    expect(await recordAutoRechargeOutcome(workspaceId, p1.id, decline)).toMatchObject({ applied: true, consecutiveFailures: 3, disabled: false });
    expect(await settingsOf(workspaceId)).toMatchObject({ inFlightPaymentId: null, disabledAt: null });
    expect(await autoRechargePayments(workspaceId)).toHaveLength(1);
    expect((await mailsOf(workspaceId)).map((mail) => mail.kind)).toEqual(["auto_recharge_failed"]);
  });

  it("ignores unknown or malformed ids", async () => {
    const { workspaceId } = await setup();
    expect(await recordAutoRechargeOutcome(workspaceId, crypto.randomUUID(), decline)).toEqual({ applied: false });
    expect(await recordAutoRechargeOutcome("not-a-uuid", "nor-this", decline)).toEqual({ applied: false });
  });
});

describe("settings", () => {
  it("suggests the tutorial's values until saved: $5 / $25 / $500 and ₹400 / ₹2,000 / ₹40,000", async () => {
    const { workspace: us } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    expect(await getAutoRecharge(us.id)).toMatchObject({
      currency: "USD",
      configured: false,
      enabled: false,
      threshold: fromMajorUnits(5),
      amount: fromMajorUnits(25),
      monthlyCap: fromMajorUnits(500),
      cardId: null,
      chargeCard: null,
      inFlight: false,
      consecutiveFailures: 0,
      disabledAt: null,
      spentThisMonth: 0n,
      callMinimum: fromMajorUnits(10),
      warnings: [],
    });
    const { workspace: india } = await createWorkspaceWithPeople({ currency: "INR", billingAdmin: false, member: false });
    expect(await getAutoRecharge(india.id)).toMatchObject({
      currency: "INR",
      threshold: fromMajorUnits(400),
      amount: fromMajorUnits(2_000),
      monthlyCap: fromMajorUnits(40_000),
      callMinimum: fromMajorUnits(500),
    });
  });

  it("warns when WhatsApp calling is on and the threshold is below the call minimum", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await addCard(workspace.id);
    await setWhatsappCalling(workspace.id, true, system);
    expect((await getAutoRecharge(workspace.id)).warnings).toEqual(["threshold_below_call_minimum"]);
    const input = { enabled: false, threshold: usd(10), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };
    expect((await saveAutoRecharge(workspace.id, input)).warnings).toEqual([]);
    expect((await saveAutoRecharge(workspace.id, { ...input, threshold: usd(9.99) })).warnings).toEqual(["threshold_below_call_minimum"]);
    await setWhatsappCalling(workspace.id, false, system);
    expect((await getAutoRecharge(workspace.id)).warnings).toEqual([]);
  });

  it("validates amounts: recharge within the top-up limits, whole cents, threshold ≥ 0, cap ≥ amount", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await addCard(workspace.id);
    const valid = { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };
    const refused = async (input: Partial<typeof valid>, field: string) =>
      expect(saveAutoRecharge(workspace.id, { ...valid, ...input })).rejects.toMatchObject({ code: "invalid_field", field });
    await refused({ amount: usd(4.99) }, "amount");
    await refused({ amount: usd(10_000.01) }, "amount");
    await refused({ amount: usd(25) + 1n }, "amount");
    await refused({ threshold: -1n * 10_000n }, "threshold");
    await refused({ threshold: 5_000n }, "threshold"); // half a cent
    await refused({ threshold: usd(10_000.01) }, "threshold");
    await refused({ monthlyCap: usd(24.99) }, "monthlyCap");
    await refused({ monthlyCap: usd(1_000_000.01) }, "monthlyCap");
    expect(await db.autoRecharge.count({ where: { workspaceId: workspace.id } })).toBe(0);

    // Boundaries are accepted: the minimum amount, a zero threshold, a cap equal to the amount.
    const view = await saveAutoRecharge(workspace.id, { ...valid, amount: usd(5), threshold: 0n, monthlyCap: usd(5) });
    expect(view).toMatchObject({ configured: true, enabled: true, amount: usd(5), threshold: 0n, monthlyCap: usd(5) });
  });

  it("turning it on needs a card of the workspace; the card is stored by its Stripe id", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const valid = { enabled: true, threshold: 0n, amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };
    await expect(saveAutoRecharge(workspace.id, valid)).rejects.toMatchObject({ code: "card_required", status: 409 });
    // Saving it off without a card is fine (the form can be filled in before the card exists).
    expect((await saveAutoRecharge(workspace.id, { ...valid, enabled: false })).enabled).toBe(false);

    const { workspace: stranger } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const theirs = await addCard(stranger.id);
    await expect(saveAutoRecharge(workspace.id, { ...valid, paymentMethodId: theirs.id })).rejects.toMatchObject({ code: "not_found", field: "paymentMethodId" });
    await expect(saveAutoRecharge(workspace.id, { ...valid, paymentMethodId: theirs.stripePaymentMethodId })).rejects.toMatchObject({ code: "not_found" });

    const main = await addCard(workspace.id);
    const spare = await addCard(workspace.id, false);
    const byRowId = await saveAutoRecharge(workspace.id, { ...valid, paymentMethodId: spare.id });
    expect(byRowId).toMatchObject({ enabled: true, cardId: spare.id, stripePaymentMethodId: spare.stripePaymentMethodId, chargeCard: { id: spare.id } });
    expect((await settingsOf(workspace.id)).paymentMethodId).toBe(spare.stripePaymentMethodId);
    const byDefault = await saveAutoRecharge(workspace.id, valid);
    expect(byDefault).toMatchObject({ cardId: null, stripePaymentMethodId: null, chargeCard: { id: main.id, last4: "4242" } });
  });

  it("turning it on again after the automatic switch-off clears disabledAt and the failures", async () => {
    const { workspaceId } = await setup({ balance: 10 });
    await db.autoRecharge.update({
      where: { workspaceId },
      data: { enabled: false, disabledAt: new Date(), consecutiveFailures: 3, lastFailureMessage: "Declined" },
    });
    const input = { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };
    // Saving other values while it stays off keeps the record of why it is off.
    await saveAutoRecharge(workspaceId, { ...input, enabled: false, amount: usd(30) });
    expect(await settingsOf(workspaceId)).toMatchObject({ consecutiveFailures: 3, lastFailureMessage: "Declined" });
    const view = await saveAutoRecharge(workspaceId, input);
    expect(view).toMatchObject({ enabled: true, disabledAt: null, consecutiveFailures: 0, lastFailureMessage: null, inFlight: false });
    await debit(workspaceId, 6);
    expect(await autoRechargePayments(workspaceId)).toHaveLength(1);
  });

  it("turning it on with the balance already under the threshold charges at once only once the owner confirmed the amount", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await addCard(workspace.id);
    await adjustBalance(workspace.id, usd(3), "opening balance", system);
    const input = { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };

    // Unconfirmed, or confirmed for another amount: the answer says what would be charged, and nothing is saved.
    for (const confirmedChargeNow of [undefined, null, usd(20)]) {
      const error = await saveAutoRecharge(workspace.id, { ...input, confirmedChargeNow }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChargeNowUnconfirmed);
      expect(error).toMatchObject({
        code: "charge_confirmation_required",
        status: 409,
        charge: { amount: usd(25), available: usd(3), threshold: usd(5), card: { brand: "visa", last4: "4242" } },
      });
    }
    expect(await db.autoRecharge.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
    expect(await autoRechargePayments(workspace.id)).toHaveLength(0);
    expect(await jobsOf(workspace.id)).toHaveLength(0);

    const view = await saveAutoRecharge(workspace.id, { ...input, confirmedChargeNow: usd(25) });
    expect(view).toMatchObject({ enabled: true, inFlight: true, spentThisMonth: usd(25) });
    expect(await autoRechargePayments(workspace.id)).toHaveLength(1);
    expect(await jobsOf(workspace.id)).toHaveLength(1);
    // Saving again charges nothing more (one is in flight), so it needs no confirmation.
    await saveAutoRecharge(workspace.id, { ...input, amount: usd(20) });
    expect(await autoRechargePayments(workspace.id)).toHaveLength(1);
  });

  it("asks nothing when saving charges nothing now: above the threshold, switched off, or the monthly cap reached", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await addCard(workspace.id);
    await adjustBalance(workspace.id, usd(5), "opening balance", system);
    const input = { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null };
    expect(await saveAutoRecharge(workspace.id, input)).toMatchObject({ enabled: true, inFlight: false }); // $5.00 is not below $5.00
    expect(await saveAutoRecharge(workspace.id, { ...input, enabled: false, threshold: usd(10) })).toMatchObject({ enabled: false });
    // This month already took $480: another $25 would pass the $500 cap, so none starts.
    await db.payment.create({
      data: { workspaceId: workspace.id, kind: "AUTO_RECHARGE", status: "SUCCEEDED", amount: usd(480), currency: "USD", idempotencyKey: `seed:${workspace.id}` },
    });
    expect(await saveAutoRecharge(workspace.id, { ...input, threshold: usd(10) })).toMatchObject({ enabled: true, inFlight: false });
    expect(await autoRechargePayments(workspace.id)).toHaveLength(1);
  });

  it("refuses an unknown workspace", async () => {
    await expect(getAutoRecharge(crypto.randomUUID())).rejects.toMatchObject({ code: "not_found" });
    await expect(getAutoRecharge("slug-not-id")).rejects.toMatchObject({ code: "not_found" });
  });
});
