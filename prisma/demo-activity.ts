// A month of believable activity for a demo workspace, so the wallet, usage and transactions
// screens have something to show: an opening top-up, then campaigns, conversations and calls,
// all through the real ledger and ingest code. Deterministic and idempotent (fixed ids).
import "server-only";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { ledgerKeys } from "@/lib/ledger/keys";
import { postEntry } from "@/lib/ledger/post";
import { ingestUsage } from "@/lib/usage/ingest";
import type { UsageEventInput } from "@/lib/usage/schema";

export type ActivitySpec = {
  slug: string;
  /** Opening balance in micro-units. */
  openingBalance: bigint;
  whatsappCalling: boolean;
  whatsappApi: boolean;
  /** Rough number of usage events over the last 30 days. */
  events: number;
};

export async function seedDemoActivity(workspaceId: string, spec: ActivitySpec, now = new Date()) {
  const system = { type: "system" as const, id: "demo-seed" };
  const days = 30;
  const start = new Date(now.getTime() - days * 86_400_000);
  await postEntry(workspaceId, {
    kind: "TOP_UP",
    bucket: "PAID",
    amount: spec.openingBalance,
    idempotencyKey: ledgerKeys.demoOpeningBalance(),
    reference: "demo",
    description: "Opening balance (demo data)",
    actor: system,
  });
  if (spec.whatsappApi) {
    await db.workspace.updateMany({ where: { id: workspaceId, whatsappApiConfiguredAt: null }, data: { whatsappApiConfiguredAt: start } });
  }
  if (spec.whatsappCalling) await setWhatsappCalling(workspaceId, true, system);

  const random = mulberry32(spec.slug.length * 7919 + spec.events);
  const events: UsageEventInput[] = [];
  for (let i = 0; i < spec.events; i++) {
    const occurredAt = new Date(start.getTime() + Math.floor(random() * (days * 86_400_000 - 3_600_000)));
    const roll = random();
    const source = random() < 0.35 ? { type: "campaign" as const, id: `campaign-${1 + Math.floor(random() * 4)}` } : { type: "conversation" as const, id: `conv-${Math.floor(random() * 500)}` };
    const base = { externalId: `demo-${spec.slug}-${i}`, occurredAt, direction: "outbound" as const, source, quantity: 1, durationSeconds: null, outcome: null };
    if (roll < 0.3) events.push({ ...base, channel: "sms", quantity: 1 + Math.floor(random() * 3) });
    else if (roll < 0.55) events.push({ ...base, channel: spec.whatsappApi ? "whatsapp" : "sms" });
    else if (roll < 0.7) events.push({ ...base, channel: "email", quantity: 1 + Math.floor(random() * 20) });
    else if (roll < 0.82) events.push(call(base, spec.whatsappCalling ? "whatsapp_call" : "voice_call", random));
    else if (roll < 0.92) events.push(call(base, "voice_call", random));
    else events.push(call(base, "ai_voice", random));
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (let i = 0; i < events.length; i += 500) await ingestUsage(workspaceId, events.slice(i, i + 500), system);

  // Demo only: date each entry when its usage happened (a live wallet posts within seconds of
  // the event), so the history reads like a month rather than one instant.
  await db.$executeRaw`
    UPDATE "LedgerEntry" e SET "createdAt" = u."occurredAt"
    FROM "UsageEvent" u
    WHERE e."workspaceId" = ${workspaceId}::uuid AND u."workspaceId" = e."workspaceId" AND u."externalId" = e.reference AND e.kind = 'USAGE'`;
  await db.$executeRaw`
    UPDATE "LedgerEntry" SET "createdAt" = ${new Date(start.getTime() - 3_600_000)}
    WHERE "workspaceId" = ${workspaceId}::uuid AND kind IN ('TOP_UP', 'TRIAL_GRANT')`;
  // …and the workspace as old as its history, so it is due its weekly summary like a real one.
  await db.workspace.update({ where: { id: workspaceId }, data: { createdAt: new Date(start.getTime() - 7_200_000) } });
}

function call(base: Omit<UsageEventInput, "channel">, channel: UsageEventInput["channel"], random: () => number): UsageEventInput {
  const roll = random();
  const outcome = roll < 0.75 ? "connected" : roll < 0.85 ? "no_answer" : roll < 0.95 ? "busy" : "failed";
  const inbound = random() < 0.25;
  return {
    ...base,
    channel,
    direction: inbound ? "inbound" : "outbound",
    source: { type: "conversation", id: base.source?.id ?? "conv" },
    durationSeconds: outcome === "connected" ? 15 + Math.floor(random() * 420) : 0,
    outcome,
  };
}

/** A tiny seeded PRNG: the same demo data on every machine. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
