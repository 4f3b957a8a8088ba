import { ArrowRight, CircleAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { walletStatus } from "@/components/billing/wallet-status";
import { bankMessageTranslator } from "@/components/payments/bank-message";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { formatMoney, type Currency, type Micros } from "@/lib/money";

type Notice = { id: string; tone: "destructive" | "warning"; text: string };

/**
 * Workspace-wide notices above every page (PRODUCT.md, Notifications): auto-recharge switched
 * off after failures or failing, and a balance that is negative, empty, below the call minimum
 * or below the owner's low-balance alert. Each links to the wallet, where it can be fixed.
 */
export async function WorkspaceBanner({
  workspaceSlug,
  currency,
  paid,
  trial,
  callMinimum,
  alertThreshold,
  autoRecharge,
  canManageBilling,
}: {
  workspaceSlug: string;
  currency: Currency;
  paid: Micros;
  trial: Micros;
  callMinimum: Micros;
  alertThreshold: Micros | null;
  autoRecharge: { enabled: boolean; disabledAt: Date | null; consecutiveFailures: number; lastFailureMessage: string | null; maxFailures: number } | null;
  canManageBilling: boolean;
}) {
  const t = await getTranslations("banner");
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

  const status = walletStatus({ paid, trial, callMinimum, alertThreshold });
  if (status === "negative") notices.push({ id: "negative", tone: "destructive", text: t("negative", { balance: money(paid) }) });
  else if (status === "empty") notices.push({ id: "empty", tone: "warning", text: t("empty") });
  else if (status === "below_call_minimum") notices.push({ id: "below_call_minimum", tone: "warning", text: t("belowCallMinimum", { minimum: money(callMinimum) }) });
  else if (status === "below_alert" && alertThreshold !== null) {
    notices.push({ id: "below_alert", tone: "warning", text: t("belowAlert", { threshold: money(alertThreshold) }) });
  }

  if (notices.length === 0) return null;
  const wallet = `/${workspaceSlug}/settings/billing/wallet`;

  return (
    <div className="mb-6 grid gap-2" data-testid="workspace-banner">
      {notices.map((notice) => {
        const Icon = notice.tone === "destructive" ? CircleAlert : TriangleAlert;
        const fixHere = notice.id.startsWith("auto_recharge") ? `${wallet}#auto-recharge` : wallet;
        return (
          <Alert key={notice.id} variant={notice.tone} role="status" data-testid={`banner-${notice.id}`} className="items-start sm:items-center">
            <Icon aria-hidden className="sm:mt-0!" />
            <AlertDescription className="flex flex-1 flex-wrap items-center justify-between gap-x-4 gap-y-1">
              <span>{notice.text}</span>
              <Link
                href={fixHere}
                className="inline-flex shrink-0 items-center gap-1 font-semibold underline-offset-4 hover:underline"
              >
                {canManageBilling ? (notice.id.startsWith("auto_recharge") ? t("reviewAutoRecharge") : t("addFunds")) : t("openWallet")}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            </AlertDescription>
          </Alert>
        );
      })}
    </div>
  );
}
