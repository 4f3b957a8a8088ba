// A server killed while its worker charges an auto-recharge (issue 13): pg-boss must hand the
// job to another worker soon — the wallet can start no other recharge meanwhile — and the
// retry must not charge the card twice. The worker runs in a process of its own
// (test/helpers/job-worker-process.ts) whose Stripe never answers, and is SIGKILLed mid-call.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { runChargeJob } from "@/lib/auto-recharge/charge-job";
import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startAppProcess, walletWithRechargeInFlight } from "@/test/helpers/crash";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();
const QUEUE = "auto-recharge.charge";

afterAll(stopBoss);

/** A "Stripe" that accepts connections and never answers: a charge in progress, for as long as the test wants. */
async function silentStripe(): Promise<{ url: string; connections: Socket[]; server: Server }> {
  const connections: Socket[] = [];
  const server = createServer((socket) => void connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections, server };
}

describe("a worker killed in the middle of an auto-recharge charge", () => {
  it("its job goes back to the queue within seconds, not after the 5-minute expiry, and the retry charges once", async () => {
    const { workspaceId, paymentId } = await walletWithRechargeInFlight(stripe);
    const boss = await getBoss();
    const [queued] = await boss.findJobs(QUEUE, { data: { paymentId } });

    // Another server's worker takes the job and calls Stripe, which does not answer; then the
    // server dies.
    const hung = await silentStripe();
    const { child, exited } = startAppProcess("test/helpers/job-worker-process.ts", { ...process.env, STRIPE_EMULATOR_URL: hung.url });
    await new Promise<void>((resolve) => readline.createInterface({ input: child.stdout }).once("line", () => resolve()));
    for (const deadline = Date.now() + 30_000; hung.connections.length === 0; ) {
      if (Date.now() > deadline) throw new Error("The worker never called Stripe");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await boss.getJobById(QUEUE, queued.id))?.state).toBe("active");
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");
    for (const socket of hung.connections) socket.destroy();
    hung.server.close();

    // The job's heartbeat stops with the process; once it is older than the queue's 10 s, the
    // next supervision pass of any server (this test process runs pg-boss too) hands it back.
    const killedAt = Date.now();
    let handedBack = await boss.getJobById(QUEUE, queued.id);
    while (handedBack?.state === "active" && Date.now() - killedAt < 40_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      handedBack = await boss.getJobById(QUEUE, queued.id);
    }
    expect(handedBack?.state, `after ${Math.round((Date.now() - killedAt) / 1000)} s`).toBe("retry");

    // The retry (run here rather than after its back-off) charges the card once; the webhook
    // credits the wallet and frees the slot.
    expect(await runChargeJob({ workspaceId, paymentId }, { retryCount: 1, retryLimit: 5 })).toEqual({ status: "charged", result: "succeeded" });
    await stripe.settle();
    const intents = stripe.emulator.state.events("payment_intent.succeeded").filter((event) => (event.data.object as { metadata?: { paymentId?: string } }).metadata?.paymentId === paymentId);
    expect(intents).toHaveLength(1);
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } })).toMatchObject({ inFlightPaymentId: null });
  }, 90_000);
});
