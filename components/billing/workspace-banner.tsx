import { getLocale, getTranslations } from "next-intl/server";
import { BannerNotices } from "@/components/billing/banner-notices";
import { bankMessageTranslator } from "@/components/payments/bank-message";
import { formatMoney, type Currency } from "@/lib/money";
import { walletStatus, type WalletStatusInput } from "@/lib/wallet/status";

type Notice = { id: string; tone: "destructive" | "warning"; text: string };

/**
 * Workspace-wide notices above every page (PRODUCT.md, Notifications): auto-recharge switched
 * off after failures or failing, and a balance that is negative, empty, trial credit only, below
 * the call minimum or below the owner's low-balance alert, with what may still start. Each links
 * to the wallet, where it can be fixed.
 */
export async function WorkspaceBanner({
  workspaceSlug,
  currency,
  balance,
  autoRecharge,
  canManageBilling,
}: {
  workspaceSlug: string;
  currency: Currency;
  balance: WalletStatusInput;
  autoRecharge: { enabled: boolean; disabledAt: Date | null; consecutiveFailures: number; lastFailureMessage: string | null; maxFailures: number } | null;
  canManageBilling: boolean;
}) {
  const t = await getTranslations("banner");
  const effect = await getTranslations("balance.outbound");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const notices: Notice[] = [];

  if (autoRecharge && !autoRecharge.enabled && autoRecharge.disabledAt) {
    notices.push({ id: "auto_recharge_off", tone: "destructive", text: t("autoRechargeOff", { count: autoRecharge.maxFailures }) });
  } else if (autoRecharge?.enabled && autoRecharge.consecutiveFailures > 0) {
    const reason = (await bankMessageTranslator())(autoRecharge.lastFailureMessage);
    notices.push({
      id: "auto_recharge_failing",
      tone: "warning",
      text: reason ? t("autoRechargeFailing", { reason }) : t("autoRechargeFailingNoReason"),
    });
  }

  const { paid, trial, callMinimum, alertThreshold } = balance;
  const { status, outbound } = walletStatus(balance);
  // What the balance means for new work, worded as authorize decides it (trial credit keeps
  // WhatsApp calls going below the call minimum, R3).
  const consequence = effect(outbound, { trial: money(trial) });
  if (status === "negative") {
    notices.push({ id: "negative", tone: "destructive", text: `${t("negative", { balance: money(paid) })} ${consequence}` });
  } else if (status === "empty") notices.push({ id: "empty", tone: "warning", text: `${t("empty")} ${consequence}` });
  else if (status === "trial_only") notices.push({ id: "trial_only", tone: "warning", text: `${t("trialOnly", { trial: money(trial) })} ${consequence}` });
  else if (status === "below_call_minimum") {
    notices.push({ id: "below_call_minimum", tone: "warning", text: `${t("belowCallMinimum", { minimum: money(callMinimum) })} ${consequence}` });
  } else if (status === "below_alert" && alertThreshold !== null) {
    notices.push({ id: "below_alert", tone: "warning", text: t("belowAlert", { threshold: money(alertThreshold) }) });
  }

  if (notices.length === 0) return null;
  const wallet = `/${workspaceSlug}/settings/billing/wallet`;
  const cta = (autoRecharge: boolean) =>
    canManageBilling ? (autoRecharge ? t("reviewAutoRecharge") : t("addFunds")) : t("openWallet");

  return (
    <BannerNotices
      balancePages={[`/${workspaceSlug}`, wallet]}
      notices={notices.map((notice) => {
        const autoRechargeNotice = notice.id.startsWith("auto_recharge");
        return {
          ...notice,
          href: autoRechargeNotice ? `${wallet}#auto-recharge` : wallet,
          cta: cta(autoRechargeNotice),
          balance: !autoRechargeNotice,
        };
      })}
    />
  );
}
