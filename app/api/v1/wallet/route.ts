import { apiMethods, apiRoute } from "@/lib/api/handler";
import { getWalletOverview } from "@/lib/wallet/view";
import { formatAmount, formatAmountShort } from "@/lib/money";

const overview = apiRoute(async ({ caller }) => {
  const wallet = await getWalletOverview(caller.workspaceId);
  return {
    body: {
      currency: wallet.currency,
      balance: formatAmount(wallet.available),
      paidBalance: formatAmount(wallet.paidBalance),
      trialCredit: formatAmount(wallet.trialBalance),
      minimumCallBalance: formatAmountShort(wallet.callMinimumBalance),
      whatsappCalling: { enabled: wallet.whatsappCallingEnabled },
      // As saved; a workspace that never set it up has it off, with no threshold or amount of its
      // own (the form's suggestions are not settings).
      autoRecharge: wallet.autoRecharge
        ? {
            enabled: wallet.autoRecharge.enabled,
            threshold: formatAmountShort(wallet.autoRecharge.threshold),
            amount: formatAmountShort(wallet.autoRecharge.amount),
          }
        : { enabled: false, threshold: null, amount: null },
    },
  };
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: overview });
