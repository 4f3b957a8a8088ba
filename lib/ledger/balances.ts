import "server-only";
import { db } from "@/lib/db";

export type WalletBalances = {
  currency: "USD" | "INR";
  paidBalance: bigint;
  trialBalance: bigint;
  /** What is shown everywhere: paid + trial. */
  available: bigint;
};

export async function getBalances(workspaceId: string): Promise<WalletBalances> {
  const wallet = await db.wallet.findUniqueOrThrow({
    where: { workspaceId },
    select: { currency: true, paidBalance: true, trialBalance: true },
  });
  return { ...wallet, available: wallet.paidBalance + wallet.trialBalance };
}

/** The invariant: each bucket equals the sum of its entries. Returns the differences, if any. */
export async function checkLedgerInvariant(workspaceId: string) {
  const [row] = await db.$queryRaw<{ paid: bigint; trial: bigint; paid_sum: bigint; trial_sum: bigint }[]>`
    SELECT w."paidBalance" AS paid, w."trialBalance" AS trial,
           COALESCE(SUM(e.amount) FILTER (WHERE e.bucket = 'PAID'), 0)::bigint AS paid_sum,
           COALESCE(SUM(e.amount) FILTER (WHERE e.bucket = 'TRIAL'), 0)::bigint AS trial_sum
    FROM "Wallet" w LEFT JOIN "LedgerEntry" e ON e."workspaceId" = w."workspaceId"
    WHERE w."workspaceId" = ${workspaceId}::uuid
    GROUP BY w."paidBalance", w."trialBalance"`;
  return { ok: row.paid === row.paid_sum && row.trial === row.trial_sum, ...row };
}
