import "server-only";
import { db } from "@/lib/db";

/** The newest `take` ledger entries of a workspace, for the wallet and transactions screens. */
export async function getRecentLedgerEntries(workspaceId: string, take: number) {
  return db.ledgerEntry.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, bucket: true, amount: true, balanceAfter: true, description: true, createdAt: true },
  });
}
