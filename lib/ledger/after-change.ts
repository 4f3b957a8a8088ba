import "server-only";
import { rechargeIfDue } from "@/lib/auto-recharge/trigger";
import type { Prisma } from "@/lib/db";
import type { LedgerKind } from "@/lib/generated/prisma/enums";
import { queueBalanceAlerts } from "@/lib/mail/balance-alerts";

// What follows a change of balance, in the same transaction and still under the wallet's row
// lock (lib/ledger/post.ts calls this once per transaction that moved money): an auto-recharge
// the new balance calls for (R11), and the e-mails a crossed line calls for (PRODUCT.md,
// Notifications). Both commit with the change that made them necessary, or not at all.

/** What the wallet lock read along with the balances, for the alerts. */
export type WalletThresholds = { alertThreshold: bigint | null; callMinimum: bigint };

export type WalletChange = WalletThresholds & {
  workspaceId: string;
  currency: "USD" | "INR";
  before: { paid: bigint; trial: bigint };
  after: { paid: bigint; trial: bigint };
  /** The kinds of the entries posted. */
  kinds: ReadonlySet<LedgerKind>;
};

/** Money handed back (refunds, disputes) is not spending: it must not make auto-recharge charge the same card again. */
const GIVEN_BACK: ReadonlySet<LedgerKind> = new Set(["REFUND", "REVERSAL"]);

export async function afterBalanceChange(tx: Prisma.TransactionClient, change: WalletChange): Promise<void> {
  if (![...change.kinds].some((kind) => !GIVEN_BACK.has(kind))) return;
  const before = change.before.paid + change.before.trial;
  const after = change.after.paid + change.after.trial;
  const rechargeStarted = await rechargeIfDue(tx, { workspaceId: change.workspaceId, currency: change.currency, before, after });
  await queueBalanceAlerts(tx, {
    workspaceId: change.workspaceId,
    before,
    after,
    paidBefore: change.before.paid,
    paidAfter: change.after.paid,
    alertThreshold: change.alertThreshold,
    callMinimum: change.callMinimum,
    // Its own e-mails follow; these would be noise.
    rechargeStarted,
  });
}
