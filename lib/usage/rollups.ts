import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { Channel, Direction, Outcome } from "@/lib/rating/channels";

// The daily rollups (docs/decisions/011): what every usage total, chart and per-day view reads,
// so no screen aggregates raw events. The ingest keeps them in step with the events in the same
// statement (lib/usage/ingest.ts insertEventsQuery); `rebuildRollups` recomputes them from the
// events. Every read takes the workspace id from requireWorkspace and puts it in `where`.

/** What the rollups can answer: everything but the source (campaign, conversation…). */
export type RollupFilter = {
  channel?: Channel;
  direction?: Direction;
  outcome?: Outcome;
  /** Local calendar days, "YYYY-MM-DD", both inclusive. */
  fromDay?: string;
  toDay?: string;
};

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
export const dayString = (date: Date) => date.toISOString().slice(0, 10);

// A filter left out is undefined, which Prisma reads as "no condition".
function where(workspaceId: string, filter: RollupFilter): Prisma.UsageDailyRollupWhereInput {
  return {
    workspaceId,
    channel: filter.channel,
    direction: filter.direction,
    outcome: filter.outcome,
    day: { gte: filter.fromDay ? asDate(filter.fromDay) : undefined, lte: filter.toDay ? asDate(filter.toDay) : undefined },
  };
}

const SUMS = { events: true, quantity: true, seconds: true, billedSeconds: true, charge: true, trialCharge: true } as const;

export type UsageSums = { events: number; quantity: number; seconds: number; billedSeconds: number; charge: bigint; trialCharge: bigint };

function sums(row: { _sum: { events: number | null; quantity: bigint | null; seconds: bigint | null; billedSeconds: bigint | null; charge: bigint | null; trialCharge: bigint | null } }): UsageSums {
  return {
    events: row._sum.events ?? 0,
    quantity: Number(row._sum.quantity ?? 0n),
    seconds: Number(row._sum.seconds ?? 0n),
    billedSeconds: Number(row._sum.billedSeconds ?? 0n),
    charge: row._sum.charge ?? 0n,
    trialCharge: row._sum.trialCharge ?? 0n,
  };
}

/** Totals per channel for everything the filter matches. */
export async function rollupTotals(workspaceId: string, filter: RollupFilter) {
  const rows = await db.usageDailyRollup.groupBy({ by: ["channel"], where: where(workspaceId, filter), _sum: SUMS });
  return rows.map((row) => ({ channel: row.channel, ...sums(row) }));
}

/** One row per day and channel (directions and outcomes together unless filtered), newest day first. */
export async function usageByDay(workspaceId: string, filter: RollupFilter) {
  const rows = await db.usageDailyRollup.groupBy({
    by: ["day", "channel"],
    where: where(workspaceId, filter),
    _sum: SUMS,
    orderBy: [{ day: "desc" }, { channel: "asc" }],
  });
  return rows.map((row) => ({ day: dayString(row.day), channel: row.channel, ...sums(row) }));
}

export type CallDay = {
  day: string;
  /** Outbound WhatsApp calls started, whatever their outcome. */
  placed: number;
  connected: number;
  billedSeconds: number;
  charge: bigint;
  /** The part of `charge` trial credit paid (R8); the rest came from the paid balance. */
  trialCharge: bigint;
};

/** Outbound WhatsApp calls per day (received calls are free, R2): placed, connected, billed, cost and who paid it. */
export async function whatsappCallsByDay(workspaceId: string, filter: Pick<RollupFilter, "fromDay" | "toDay">): Promise<CallDay[]> {
  const rows = await db.usageDailyRollup.groupBy({
    by: ["day", "outcome"],
    where: where(workspaceId, { ...filter, channel: "whatsapp_call", direction: "outbound" }),
    _sum: SUMS,
    orderBy: [{ day: "desc" }],
  });
  const days = new Map<string, CallDay>();
  for (const row of rows) {
    const day = dayString(row.day);
    const entry = days.get(day) ?? { day, placed: 0, connected: 0, billedSeconds: 0, charge: 0n, trialCharge: 0n };
    const sum = sums(row);
    entry.placed += sum.events;
    // A call reported without an outcome was rated as connected (lib/usage/schema.ts's default).
    if (row.outcome === "connected" || row.outcome === null) entry.connected += sum.events;
    entry.billedSeconds += sum.billedSeconds;
    entry.charge += sum.charge;
    entry.trialCharge += sum.trialCharge;
    days.set(day, entry);
  }
  return [...days.values()];
}

/** The calendar day it is now in a time zone, "YYYY-MM-DD". */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** `day` moved by `delta` calendar days. */
export function addDays(day: string, delta: number): string {
  return dayString(new Date(asDate(day).getTime() + delta * 86_400_000));
}

export type RebuildResult = { workspaceId: string; from: string | null; timeZone: string; rowsDeleted: number; rowsWritten: number; events: number };

/**
 * Recomputes a workspace's rollups from its events, from local day `from` on (all of them
 * without it): deletes those days' rows and writes them again from `saldo_usage_rollup_rows`
 * (the migration's one definition), in one transaction. Idempotent. It takes the wallet's row
 * lock first, as every ingest batch does, so no batch can add events between the delete and the
 * insert. After a change of the workspace's time zone, rebuild without `from`: every day is
 * bucketed again in the new zone.
 */
export async function rebuildRollups(workspaceId: string, from?: string): Promise<RebuildResult> {
  return db.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ timeZone: string }[]>`
        SELECT w."timeZone" FROM "Wallet" wa JOIN "Workspace" w ON w.id = wa."workspaceId"
        WHERE wa."workspaceId" = ${workspaceId}::uuid FOR UPDATE OF wa`;
      if (!locked) throw new Error(`No wallet for workspace ${workspaceId}`);
      const fromDay = from ?? null;
      const rowsDeleted = await tx.$executeRaw`
        DELETE FROM "UsageDailyRollup" WHERE "workspaceId" = ${workspaceId}::uuid AND (${fromDay}::date IS NULL OR day >= ${fromDay}::date)`;
      // Local midnight of `from` in the workspace's zone, as an instant: the events' index range.
      const [written] = await tx.$queryRaw<{ rows: number; events: number }[]>`
        WITH inserted AS (
          INSERT INTO "UsageDailyRollup" ("workspaceId", day, channel, direction, outcome, events, quantity, seconds, "billedSeconds", charge, "trialCharge")
          SELECT ${workspaceId}::uuid, r.* FROM saldo_usage_rollup_rows(${workspaceId}::uuid,
            CASE WHEN ${fromDay}::date IS NULL THEN '-infinity'::timestamptz ELSE (${fromDay}::date::timestamp AT TIME ZONE ${locked.timeZone}) END) r
          RETURNING events
        )
        SELECT count(*)::int AS rows, coalesce(sum(events), 0)::int AS events FROM inserted`;
      return { workspaceId, from: fromDay, timeZone: locked.timeZone, rowsDeleted, rowsWritten: written.rows, events: written.events };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
