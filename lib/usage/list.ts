import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CHANNELS, DIRECTIONS, OUTCOMES } from "@/lib/rating/channels";
import { calendarDate, timestamp, uuid } from "@/lib/validation";

// One filter for the usage history, shared by the public API, the Usage screen and its CSV
// export, so the three always agree on what a filter means.

export const SOURCE_TYPES = ["conversation", "campaign", "broadcast"] as const;

export type UsageFilter = {
  channel?: (typeof CHANNELS)[number];
  direction?: (typeof DIRECTIONS)[number];
  outcome?: (typeof OUTCOMES)[number];
  source?: (typeof SOURCE_TYPES)[number];
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
};

export type UsageQuery = UsageFilter & { limit: number; cursor?: string };

/** Parses the screen's query string; anything unrecognised is ignored rather than an error. */
export const usageSearchSchema = z.object({
  channel: z.enum(CHANNELS).optional().catch(undefined),
  direction: z.enum(DIRECTIONS).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  source: z.enum(SOURCE_TYPES).optional().catch(undefined),
  from: calendarDate("from").optional().catch(undefined),
  to: calendarDate("to").optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

// A filter left out is undefined, which Prisma reads as "no condition".
function where(workspaceId: string, filter: UsageFilter): Prisma.UsageEventWhereInput {
  return {
    workspaceId,
    channel: filter.channel,
    direction: filter.direction,
    outcome: filter.outcome,
    sourceType: filter.source,
    occurredAt: { gte: filter.from, lt: filter.to },
  };
}

/**
 * Usage events newest first, paged by keyset (occurredAt, id) so deep pages cost the same as
 * the first. The cursor is opaque to callers.
 */
export async function listUsage(workspaceId: string, query: UsageQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db.usageEvent.findMany({
    where: {
      ...where(workspaceId, query),
      ...(after
        ? { OR: [{ occurredAt: { lt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { data: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
}

/** Count, quantity, seconds and charge per channel for everything the filter matches. */
export async function usageTotals(workspaceId: string, filter: UsageFilter) {
  const rows = await db.usageEvent.groupBy({
    by: ["channel"],
    where: where(workspaceId, filter),
    _sum: { charge: true, quantity: true, durationSeconds: true },
    _count: { _all: true },
  });
  return rows.map((row) => ({
    channel: row.channel,
    events: row._count._all,
    quantity: row._sum.quantity ?? 0,
    seconds: row._sum.durationSeconds ?? 0,
    charge: row._sum.charge ?? 0n,
  }));
}

function encodeCursor(occurredAt: Date, id: string) {
  return Buffer.from(JSON.stringify([occurredAt.toISOString(), id])).toString("base64url");
}

// A cursor comes back from the client, so it is checked like any input: a storable instant and a
// UUID, or the query would fail inside PostgreSQL.
const cursorSchema = z.tuple([timestamp("cursor"), uuid]);

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw new AppError("invalid_field", "cursor is not a cursor returned by this API", "cursor");
  const [occurredAt, id] = parsed.data;
  return { occurredAt, id };
}

/** The instant a calendar day starts in a time zone ("2026-11-01" in Asia/Kolkata → 18:30Z the day before). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment, read back through Intl (no time zone library needed).
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - instant;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The screen's day-based filter as instants in the workspace's time zone (`to` is inclusive). */
export function filterFromSearch(search: z.infer<typeof usageSearchSchema>, timeZone: string): UsageFilter {
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    channel: search.channel,
    direction: search.direction,
    outcome: search.outcome,
    source: search.source,
    from: search.from ? startOfDayIn(search.from, timeZone) : undefined,
    to: search.to ? startOfDayIn(nextDay(search.to), timeZone) : undefined,
  };
}
