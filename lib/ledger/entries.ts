import "server-only";
import { db } from "@/lib/db";
import type { Channel, Direction } from "@/lib/generated/prisma/enums";

export type LedgerEntryView = Awaited<ReturnType<typeof getRecentLedgerEntries>>[number];

/**
 * The newest `take` ledger entries of a workspace, for the wallet and transactions screens.
 * Newest is `seq` descending: the order the wallet lock granted, exact even when entries share
 * a timestamp (and the index that serves this query). Usage entries carry their event's channel
 * and direction, so "Usage −$0.12" says what it paid for.
 */
export async function getRecentLedgerEntries(workspaceId: string, take: number) {
  const entries = await db.ledgerEntry.findMany({
    where: { workspaceId },
    orderBy: { seq: "desc" },
    take,
    select: { id: true, kind: true, bucket: true, amount: true, balanceAfter: true, availableAfter: true, reference: true, description: true, createdAt: true },
  });
  const eventIds = entries.flatMap((entry) => (entry.kind === "USAGE" && entry.reference ? [entry.reference] : []));
  const events = eventIds.length
    ? await db.usageEvent.findMany({
        where: { workspaceId, externalId: { in: eventIds } },
        select: { externalId: true, channel: true, direction: true },
      })
    : [];
  const usageById = new Map<string, { channel: Channel; direction: Direction }>(
    events.map((event) => [event.externalId, { channel: event.channel, direction: event.direction }]),
  );
  return entries.map(({ reference, ...entry }) => ({
    ...entry,
    usage: entry.kind === "USAGE" && reference ? (usageById.get(reference) ?? null) : null,
  }));
}
