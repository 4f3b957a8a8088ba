// What the crash tests share (test/integration/*-crash.test.ts): a wallet whose auto-recharge is
// in flight, and another app process to kill at the step a test wants.
import { spawn } from "node:child_process";
import { expect } from "vitest";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { confirmTestCard, startCardSetup } from "@/lib/payments/cards";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import type { StripeTestEnv } from "./stripe";

const usd = (dollars: number) => BigInt(dollars) * 1_000_000n;
const system = { type: "system" as const };

/**
 * A wallet with a saved Visa and auto-recharge on ($25 below $5), whose debit from $10 to $4 has
 * just started a recharge: its Payment, in flight, not charged yet.
 */
export async function walletWithRechargeInFlight(stripe: StripeTestEnv): Promise<{ workspaceId: string; paymentId: string }> {
  const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  const workspaceId = workspace.id;
  const { setupIntentId } = await startCardSetup(workspaceId);
  expect((await confirmTestCard(workspaceId, setupIntentId, "pm_card_visa")).status).toBe("succeeded");
  await adjustBalance(workspaceId, usd(10), "opening balance", system);
  await saveAutoRecharge(workspaceId, { enabled: true, threshold: usd(5), amount: usd(25), monthlyCap: usd(500), paymentMethodId: null });
  await stripe.settle();
  await adjustBalance(workspaceId, -usd(6), "usage", system);
  const { inFlightPaymentId: paymentId } = await db.autoRecharge.findUniqueOrThrow({ where: { workspaceId } });
  expect(paymentId).not.toBeNull();
  return { workspaceId, paymentId: paymentId! };
}

/**
 * Starts `script` (one of test/helpers/*-process.ts) as another app process, in a process group
 * of its own so that `process.kill(-child.pid!, "SIGKILL")` kills npx and tsx under it too; its
 * stderr goes to this test's. `exited` answers the signal (or exit code) it ended with.
 */
export function startAppProcess(script: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn("npx", ["tsx", "--conditions=react-server", script], { env, detached: true });
  child.stderr.on("data", (chunk) => process.stderr.write(chunk));
  const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(String(signal ?? code))));
  return { child, exited };
}
