import "server-only";
import { db } from "@/lib/db";

/** Everything GET /api/v1/wallet and the wallet screen show, in one query. */
export async function getWalletOverview(workspaceId: string) {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: {
      currency: true,
      whatsappCallingEnabled: true,
      wallet: { select: { paidBalance: true, trialBalance: true } },
      autoRecharge: { select: { enabled: true, threshold: true, amount: true } },
    },
  });
  const plan = await db.currencyPlan.findUniqueOrThrow({ where: { currency: workspace.currency } });
  const paidBalance = workspace.wallet!.paidBalance;
  const trialBalance = workspace.wallet!.trialBalance;
  return {
    currency: workspace.currency,
    paidBalance,
    trialBalance,
    available: paidBalance + trialBalance,
    callMinimumBalance: plan.callMinimumBalance,
    whatsappCallingEnabled: workspace.whatsappCallingEnabled,
    /** The saved settings (off after three failures in a row too); null when never set up. */
    autoRecharge: workspace.autoRecharge,
  };
}

export type WalletBanner = {
  paidBalance: bigint;
  trialBalance: bigint;
  callMinimumBalance: bigint;
  /** null when the workspace never set auto-recharge up. */
  autoRecharge: { enabled: boolean; disabledAt: Date | null; consecutiveFailures: number; lastFailureMessage: string | null } | null;
};

/**
 * What the notice above every workspace page needs (balances, call minimum, auto-recharge
 * health), in one round trip: it runs on every page view.
 */
export async function getWalletBanner(workspaceId: string): Promise<WalletBanner> {
  const [row] = await db.$queryRaw<
    (Omit<WalletBanner, "autoRecharge"> & { enabled: boolean | null; disabledAt: Date | null; consecutiveFailures: number | null; lastFailureMessage: string | null })[]
  >`
    SELECT wa."paidBalance", wa."trialBalance", p."callMinimumBalance",
           ar.enabled, ar."disabledAt", ar."consecutiveFailures", ar."lastFailureMessage"
    FROM "Wallet" wa
    JOIN "CurrencyPlan" p ON p.currency = wa.currency
    LEFT JOIN "AutoRecharge" ar ON ar."workspaceId" = wa."workspaceId"
    WHERE wa."workspaceId" = ${workspaceId}::uuid`;
  if (!row) throw new Error(`Workspace ${workspaceId} has no wallet`);
  const { enabled, disabledAt, consecutiveFailures, lastFailureMessage, ...balances } = row;
  return {
    ...balances,
    autoRecharge: enabled === null ? null : { enabled, disabledAt, consecutiveFailures: consecutiveFailures ?? 0, lastFailureMessage },
  };
}
