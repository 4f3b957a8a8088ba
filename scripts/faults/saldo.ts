// Everything the fault harness borrows from the app and from the Stripe emulator, in one file:
// when those modules move (issue 9), only these imports change. The harness itself talks to the
// server under test over HTTP, like the platform, a browser and Stripe do; this file is for
// setting the stage (workspaces, keys, cards, auto-recharge), the operator's credit grants, and
// reading what the emulator — Stripe's side of the story — holds at the end.
import type Stripe from "stripe";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { createApiKey } from "@/lib/auth/api-keys";
import { disconnectDb } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { adjustBalance } from "@/lib/ledger/adjust";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET, startStripeEmulator, type StripeEmulator } from "@/tools/stripe-emulator";
import { confirmTestCard, startCardSetup } from "@/lib/payments/cards";
import { FACTORY_PASSWORD, createWorkspaceWithPeople } from "@/prisma/factories";

export type { StripeEmulator };

/** Micro-units of a dollar amount. */
export const usd = (dollars: number) => BigInt(Math.round(dollars * 100)) * 10_000n;

/** What the emulator signs webhooks with: the server under test gets it as STRIPE_WEBHOOK_SECRET. */
export const WEBHOOK_SECRET = DEFAULT_EMULATOR_WEBHOOK_SECRET;

/**
 * The harness's own Stripe emulator, in this process so that it lives through every kill of the
 * server. Webhook retries come often and for long (about two minutes in all), as Stripe's keep
 * coming for days: a server that is down, or whose database is, gets each event again.
 */
export function startEmulator(webhookUrl: string, log: (line: string) => void): Promise<StripeEmulator> {
  return startStripeEmulator({
    port: 0,
    webhookUrl,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetryDelaysMs: [250, 500, 1_000, 2_000, 3_000, 5_000, 5_000, 5_000, 10_000, 10_000, 10_000, 15_000, 15_000, 15_000, 15_000],
    // Every failed delivery would be a line: only the ones given up on matter.
    log: (line) => {
      if (/gave up|internal error/.test(line)) log(`[stripe-emulator] ${line}`);
    },
  });
}

/** What Stripe charged: every PaymentIntent the emulator holds that succeeded, with the Payment it names. */
export function succeededIntents(emulator: StripeEmulator): { intentId: string; paymentId: string | undefined; amount: number }[] {
  const intents = new Map<string, Stripe.PaymentIntent>();
  for (const event of emulator.state.events()) {
    const object = event.data.object as { id?: string; object?: string };
    if (object.object === "payment_intent" && object.id) intents.set(object.id, emulator.state.get(object.id) as Stripe.PaymentIntent);
  }
  return [...intents.values()]
    .filter((intent) => intent.status === "succeeded")
    .map((intent) => ({ intentId: intent.id, paymentId: intent.metadata?.paymentId, amount: intent.amount_received }));
}

/** The emulator's webhook deliveries: events sent, attempts made, events that needed a retry, events given up on. */
export function webhookDeliveries(emulator: StripeEmulator) {
  const events = emulator.state.events();
  let attempts = 0;
  let retried = 0;
  let givenUp = 0;
  for (const event of events) {
    const tries = emulator.state.deliveries(event.id);
    attempts += tries.length;
    if (tries.length > 1) retried++;
    if (tries.length && !tries.some((attempt) => attempt.status !== undefined && attempt.status < 300)) givenUp++;
  }
  return { events: events.length, attempts, retried, givenUp };
}

export type WalletSpec = {
  opening: bigint;
  /** Stripe test cards to save, the first one the default. */
  cards: string[];
  autoRecharge?: { threshold: bigint; amount: bigint };
};

export type Wallet = {
  workspaceId: string;
  slug: string;
  apiKey: string;
  owner: { email: string; password: string };
  /** PaymentMethod ids, in the order of the spec's cards. */
  cardIds: string[];
  autoRecharge: { threshold: bigint; amount: bigint } | null;
};

/**
 * A workspace with an owner who can sign in, an API key, an opening balance (an adjustment, as
 * an operator's credit grant is), cards saved through SetupIntents, and auto-recharge if asked.
 */
export async function createWallet(spec: WalletSpec): Promise<Wallet> {
  const { workspace, owner } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  const { secret } = await createApiKey(workspace.id, "fault harness");
  await adjustBalance(workspace.id, spec.opening, "fault harness: opening balance", { type: "system" }, "fault-harness:opening");
  const cardIds: string[] = [];
  for (const card of spec.cards) {
    const { setupIntentId } = await startCardSetup(workspace.id);
    const saved = await confirmTestCard(workspace.id, setupIntentId, card);
    if (saved.status !== "succeeded") throw new Error(`Saving ${card} answered ${saved.status}`);
    cardIds.push(saved.card.id);
  }
  if (spec.autoRecharge) {
    await saveAutoRecharge(workspace.id, {
      enabled: true,
      ...spec.autoRecharge,
      monthlyCap: spec.autoRecharge.amount * 1_000n,
      paymentMethodId: null,
    });
  }
  return {
    workspaceId: workspace.id,
    slug: workspace.slug,
    apiKey: secret,
    owner: { email: owner.email, password: FACTORY_PASSWORD },
    cardIds,
    autoRecharge: spec.autoRecharge ?? null,
  };
}

/** An operator's credit grant (saldo-admin credit:grant), under a key of the harness's own, so a retry grants once. */
export async function grant(workspaceId: string, amount: bigint, key: string): Promise<void> {
  await adjustBalance(workspaceId, amount, "fault harness: credit grant", { type: "system" }, key);
}

/** Closes this process's database pools (Prisma's and pg-boss's, which enqueues from the ledger). */
export async function disconnect(): Promise<void> {
  await stopBoss();
  await disconnectDb();
}
