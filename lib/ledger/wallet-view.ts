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
  };
}
