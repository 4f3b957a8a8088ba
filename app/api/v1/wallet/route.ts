import { apiRoute } from "@/lib/api/handler";
import { getWalletOverview } from "@/lib/ledger/wallet-view";
import { formatAmount, formatAmountShort } from "@/lib/money";

export const GET = apiRoute(async ({ caller }) => {
  const wallet = await getWalletOverview(caller.workspaceId);
  return {
    body: {
      currency: wallet.currency,
      balance: formatAmount(wallet.available),
      paidBalance: formatAmount(wallet.paidBalance),
      trialCredit: formatAmount(wallet.trialBalance),
      minimumCallBalance: formatAmountShort(wallet.callMinimumBalance),
      whatsappCalling: { enabled: wallet.whatsappCallingEnabled },
      // Auto-recharge arrives with payments; until then it is off for every wallet.
      autoRecharge: { enabled: false, threshold: null, amount: null },
    },
  };
});
