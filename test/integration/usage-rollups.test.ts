// The daily rollups must equal the events they summarise, always (docs/decisions/011). The ingest
// maintains them incrementally (one upsert per batch, lib/usage/ingest.ts); the rebuild and the
// migration's backfill recompute them with saldo_usage_rollup_rows. These tests compare the two
// after random ingests (fast-check), duplicates and concurrent batches, and check the rebuild.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { CHANNELS, DIRECTIONS, OUTCOMES, isTimedChannel } from "@/lib/rating/channels";
import { ingestUsage } from "@/lib/usage/ingest";
import { rebuildRollups, rollupTotals, whatsappCallsByDay } from "@/lib/usage/rollups";
import type { UsageEventInput } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const actor = { type: "system" as const };
const DAY = 86_400_000;

async function workspace(timeZone = "America/Mexico_City") {
  const { workspace } = await createWorkspaceWithPeople({ country: "MX", timeZone, billingAdmin: false, member: false });
  await adjustBalance(workspace.id, 50_000_000n, "test funds", actor);
  return workspace.id;
}

type Row = Record<string, string | number | null>;
const normalise = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();

/** The rollup rows as stored, and as the events say they should be. */
async function stored(workspaceId: string) {
  return normalise(
    await db.$queryRaw<Row[]>`
      SELECT day::text, channel::text, direction::text, outcome::text, events, quantity::text, seconds::text, "billedSeconds"::text, charge::text, "trialCharge"::text
      FROM "UsageDailyRollup" WHERE "workspaceId" = ${workspaceId}::uuid`,
  );
}
async function fromEvents(workspaceId: string) {
  return normalise(
    await db.$queryRaw<Row[]>`
      SELECT day::text, channel::text, direction::text, outcome::text, events, quantity::text, seconds::text, "billedSeconds"::text, charge::text, "trialCharge"::text
      FROM saldo_usage_rollup_rows(${workspaceId}::uuid, '-infinity')`,
  );
}

const eventArbitrary = (now: number) =>
  fc
    .record({
      id: fc.integer({ min: 0, max: 60 }),
      channel: fc.constantFrom(...CHANNELS),
      direction: fc.constantFrom(...DIRECTIONS),
      quantity: fc.integer({ min: 1, max: 20 }),
      durationSeconds: fc.integer({ min: 0, max: 900 }),
      outcome: fc.constantFrom(...OUTCOMES),
      // Within the API's 35-day window, and across local midnights.
      ageMinutes: fc.integer({ min: 0, max: 34 * 24 * 60 }),
      source: fc.option(fc.constantFrom("campaign", "conversation", "broadcast") as fc.Arbitrary<"campaign" | "conversation" | "broadcast">),
    })
    .map(
      (e): UsageEventInput => ({
        // A small id space, so batches repeat ids (within a batch and across batches).
        externalId: `e-${e.id}`,
        channel: e.channel,
        direction: e.direction,
        quantity: isTimedChannel(e.channel) ? 1 : e.quantity,
        durationSeconds: isTimedChannel(e.channel) ? e.durationSeconds : null,
        outcome: isTimedChannel(e.channel) ? e.outcome : null,
        occurredAt: new Date(now - e.ageMinutes * 60_000),
        source: e.source ? { type: e.source, id: "s-1" } : null,
      }),
    );

describe("daily rollups = events", () => {
  it("after random batches with duplicates (fast-check)", async () => {
    const now = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(eventArbitrary(now), { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const workspaceId = await workspace();
        for (const batch of batches) await ingestUsage(workspaceId, batch, actor);
        expect(await stored(workspaceId)).toEqual(await fromEvents(workspaceId));
        // And the totals the screens read match the events' own sums.
        const [totals, events] = await Promise.all([
          rollupTotals(workspaceId, {}),
          db.usageEvent.aggregate({ where: { workspaceId }, _sum: { charge: true, trialCharge: true }, _count: { _all: true } }),
        ]);
        expect(totals.reduce((sum, row) => sum + row.charge, 0n)).toBe(events._sum.charge ?? 0n);
        expect(totals.reduce((sum, row) => sum + row.events, 0)).toBe(events._count._all);
      }),
      { numRuns: 15 },
    );
  });

  it("after 12 concurrent overlapping batches", async () => {
    const workspaceId = await workspace();
    const now = Date.now();
    const sample = fc.sample(eventArbitrary(now), { numRuns: 12 * 40, seed: 42 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => ingestUsage(workspaceId, sample.slice(i * 40, i * 40 + 40), actor)));
    const rows = await stored(workspaceId);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(await fromEvents(workspaceId));
  });

  it("buckets by the workspace's local day: 20:00Z in Kolkata is the next day", async () => {
    const workspaceId = await workspace("Asia/Kolkata");
    const evening = new Date(Date.now() - 2 * DAY);
    evening.setUTCHours(20, 0, 0, 0);
    await ingestUsage(workspaceId, [{ externalId: "late", channel: "sms", direction: "outbound", quantity: 2, durationSeconds: null, outcome: null, occurredAt: evening, source: null }], actor);
    const [row] = await db.usageDailyRollup.findMany({ where: { workspaceId } });
    expect(row.day.toISOString().slice(0, 10)).toBe(new Date(evening.getTime() + DAY).toISOString().slice(0, 10));
    expect(row).toMatchObject({ events: 1, quantity: 2n });
  });

  it("the calls view counts placed, connected, billed minutes and who paid", async () => {
    const workspaceId = await workspace();
    const at = new Date(Date.now() - 60_000);
    const call = (id: string, durationSeconds: number, outcome: "connected" | "busy", direction: "outbound" | "inbound" = "outbound"): UsageEventInput => ({
      externalId: id, channel: "whatsapp_call", direction, quantity: 1, durationSeconds, outcome, occurredAt: at, source: null,
    });
    await ingestUsage(workspaceId, [call("a", 61, "connected"), call("b", 30, "busy"), call("c", 60, "connected"), call("d", 300, "connected", "inbound")], actor);
    const [day] = await whatsappCallsByDay(workspaceId, {});
    // 61 s → 2 started minutes, 60 s → 1; the busy call costs nothing (R7); inbound is not "placed".
    expect(day).toMatchObject({ placed: 3, connected: 2, billedSeconds: 180, charge: 300_000n, trialCharge: 0n });
  });
});

describe("rebuildRollups (saldo-admin usage:rollup)", () => {
  it("recomputes lost or wrong rows from the events, idempotently, and --from touches only later days", async () => {
    const workspaceId = await workspace();
    const now = Date.now();
    await ingestUsage(workspaceId, fc.sample(eventArbitrary(now), { numRuns: 200, seed: 7 }), actor);
    const expected = await stored(workspaceId);

    await db.$executeRaw`UPDATE "UsageDailyRollup" SET charge = charge + 1, events = events + 1 WHERE "workspaceId" = ${workspaceId}::uuid`;
    const first = await rebuildRollups(workspaceId);
    expect(await stored(workspaceId)).toEqual(expected);
    expect(first.events).toBe(await db.usageEvent.count({ where: { workspaceId } }));
    const again = await rebuildRollups(workspaceId);
    expect(again).toEqual({ ...first, rowsDeleted: first.rowsWritten });
    expect(await stored(workspaceId)).toEqual(expected);

    // Damage every day; a rebuild from a day in the middle repairs that day and the later ones only.
    await db.$executeRaw`UPDATE "UsageDailyRollup" SET charge = charge + 1 WHERE "workspaceId" = ${workspaceId}::uuid`;
    const days = [...new Set(expected.map((row) => JSON.parse(row).day as string))].sort();
    const middle = days[Math.floor(days.length / 2)];
    await rebuildRollups(workspaceId, middle);
    const rows = (await stored(workspaceId)).map((row) => JSON.parse(row));
    for (const row of rows) {
      const original = expected.map((r) => JSON.parse(r)).find((r) => r.day === row.day && r.channel === row.channel && r.direction === row.direction && r.outcome === row.outcome);
      expect(BigInt(row.charge) - BigInt(original.charge)).toBe(row.day >= middle ? 0n : 1n);
    }
  });

  it("waits for the wallet lock, so it cannot race an ingest", async () => {
    const workspaceId = await workspace();
    const now = Date.now();
    const events = fc.sample(eventArbitrary(now), { numRuns: 300, seed: 3 });
    await Promise.all([
      ingestUsage(workspaceId, events.slice(0, 100), actor),
      rebuildRollups(workspaceId),
      ingestUsage(workspaceId, events.slice(100, 200), actor),
      rebuildRollups(workspaceId),
      ingestUsage(workspaceId, events.slice(200), actor),
    ]);
    expect(await stored(workspaceId)).toEqual(await fromEvents(workspaceId));
  });
});
