// A server killed in the middle of a Stripe webhook (issue 13): Stripe never got the answer, so
// it delivers the event again, and that retry must finish what the dead process left undone.
// The webhook runs in a process of its own (test/helpers/webhook-process.ts), which this test
// holds on a row lock at the step it wants, SIGKILLs there, and then lets Stripe retry.
import pg from "pg";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { runChargeJob } from "@/lib/auto-recharge/charge-job";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant } from "@/lib/ledger/balances";
import { startAppProcess, walletWithRechargeInFlight } from "@/test/helpers/crash";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();
const usd = (dollars: number) => BigInt(dollars) * 1_000_000n;
const system = { type: "system" as const };

/** A wallet whose debit started an auto-recharge, charged at Stripe, its webhook not yet delivered. */
async function rechargeAwaitingWebhook() {
  const { workspaceId, paymentId } = await walletWithRechargeInFlight(stripe);
  await stripe.withoutWebhooks(() => runChargeJob({ workspaceId, paymentId }));
  const { stripePaymentIntentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
  const [event] = stripe.eventsFor(stripePaymentIntentId!, "payment_intent.succeeded");
  return { workspaceId, paymentId, event };
}

/**
 * Delivers `event` to a webhook process of its own while `lock` (SQL run in a transaction of
 * this test's) holds a row, and SIGKILLs that process once it waits for the row: a crash at
 * exactly that step. The row is released after the kill.
 */
async function deliverAndKillAtLock(event: Stripe.Event, lock: string, params: unknown[]) {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  await holder.query("BEGIN");
  await holder.query(lock, params);
  const { child, exited } = startAppProcess("test/helpers/webhook-process.ts");
  child.stdin.end(JSON.stringify(event));
  try {
    // The webhook's database connection waiting for the row: the moment to pull the plug.
    for (const deadline = Date.now() + 30_000; ; ) {
      // Read outside the holder's transaction, which sees one snapshot of pg_stat_activity.
      const waiting = await db.$queryRaw<unknown[]>`
        SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting.length) break;
      if (child.exitCode !== null) throw new Error(`The webhook process ended (${child.exitCode}) without waiting for the row`);
      if (Date.now() > deadline) throw new Error("The webhook process never waited for the row");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");
  } finally {
    await holder.query("ROLLBACK");
    await holder.end();
  }
}

describe("a webhook process killed mid-way", () => {
  it("after an auto-recharge's credit committed: Stripe's retry frees the wallet's in-flight slot, crediting nothing twice", async () => {
    const { workspaceId, paymentId, event } = await rechargeAwaitingWebhook();
    // The step after the credit: recording the outcome, which locks the auto-recharge row.
    await deliverAndKillAtLock(event, `SELECT 1 FROM "AutoRecharge" WHERE "workspaceId" = $1 FOR UPDATE`, [workspaceId]);

    // Stripe got no answer and delivers the event again.
    await stripe.resend(event.id);
    expect(stripe.deliveries.filter((delivery) => delivery.eventId === event.id).map((delivery) => delivery.status)).toEqual([200]);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.ledgerEntry.count({ where: { workspaceId, idempotencyKey: `payment:${paymentId}` } })).toBe(1);
    // Free for the next recharge: with the slot held, none could start until reconciliation
    // (15 minutes and more) while usage kept taking the balance down.
    expect(await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } })).toMatchObject({ inFlightPaymentId: null, consecutiveFailures: 0 });
    await adjustBalance(workspaceId, -usd(25), "usage", system);
    expect((await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } })).inFlightPaymentId).not.toBeNull();
    expect(await checkLedgerInvariant(workspaceId)).toMatchObject({ ok: true });
  }, 60_000);
});
