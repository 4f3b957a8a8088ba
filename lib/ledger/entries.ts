import "server-only";
import { db } from "@/lib/db";

/**
 * The newest `take` ledger entries of a workspace, for the wallet and transactions screens.
 * Newest is `seq` descending: the order the wallet lock granted, exact even when entries share
 * a timestamp (and the index that serves this query).
 */
export async function getRecentLedgerEntries(workspaceId: string, take: number) {
  return db.ledgerEntry.findMany({
    where: { workspaceId },
    orderBy: { seq: "desc" },
    take,
    select: { id: true, kind: true, bucket: true, amount: true, balanceAfter: true, description: true, createdAt: true },
  });
}
