import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Currency } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { walletStatus, type WalletStatus, type WalletStatusInput } from "@/lib/wallet/status";

type Props = {
  currency: Currency;
  /** The balances and the lines they are measured against (walletStatusInput). */
  balance: WalletStatusInput;
  /** "full" on the wallet page; "compact" on the overview. */
  variant?: "full" | "compact";
  /** Money controls under the balance (Add funds), for owners and billing admins. */
  action?: ReactNode;
};

const STATUS_TONE: Record<WalletStatus, "destructive" | "warning" | "success" | "info"> = {
  negative: "destructive",
  empty: "warning",
  trial_only: "info",
  below_call_minimum: "warning",
  below_alert: "warning",
  healthy: "success",
};

const ICONS = { destructive: CircleAlert, warning: TriangleAlert, success: CircleCheck, info: Info } as const;

/** Available balance (paid + trial), its two parts and the status line. */
export async function BalanceCard({ currency, balance, variant = "full", action }: Props) {
  const t = await getTranslations("balance");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const { paid, trial, callMinimum, alertThreshold } = balance;
  const { status, outbound } = walletStatus(balance);
  const tone = STATUS_TONE[status];
  const StatusIcon = ICONS[tone];
  const available = paid + trial;

  return (
    <Card className="overflow-hidden" data-tour="balance">
      <div className="grid gap-6 p-5 sm:p-6 md:grid-cols-[1.3fr_1fr] md:items-end">
        <div className="grid gap-2">
          <h2 className="text-sm font-medium text-muted-foreground">{t("available")}</h2>
          <p
            data-testid="available-balance"
            className={cn(
              "tabular text-4xl font-semibold tracking-tight sm:text-5xl",
              available < 0n ? "text-destructive" : "text-foreground",
            )}
          >
            {money(available)}
          </p>
          <p className="text-sm text-muted-foreground">{t("availableHint", { currency })}</p>
          {action ? <div className="mt-2">{action}</div> : null}
        </div>
        {/* The paid and trial parts, then the trial rule: a <dl> holds only its term/value pairs. */}
        <div className="grid gap-3">
          <dl className="grid grid-cols-2 gap-3">
            <div className="rounded-lg bg-muted/60 px-4 py-3">
              <dt className="text-xs font-medium text-muted-foreground">{t("paid")}</dt>
              <dd data-testid="paid-balance" className={cn("tabular mt-1 text-lg font-semibold", paid < 0n && "text-destructive")}>
                {money(paid)}
              </dd>
            </div>
            <div className="rounded-lg bg-muted/60 px-4 py-3">
              <dt className="text-xs font-medium text-muted-foreground">{t("trial")}</dt>
              <dd data-testid="trial-balance" className="tabular mt-1 text-lg font-semibold">
                {money(trial)}
              </dd>
            </div>
          </dl>
          {variant === "full" ? <p className="text-xs text-muted-foreground">{t("trialHint")}</p> : null}
        </div>
      </div>
      <div className="border-t border-border px-5 py-4 sm:px-6">
        <Alert variant={tone} data-testid="wallet-status" data-status={status} data-outbound={outbound} className="border-0 px-0 py-0 bg-transparent">
          <StatusIcon aria-hidden />
          <AlertDescription>
            {t(`status.${status}`, {
              minimum: money(callMinimum),
              threshold: alertThreshold === null ? "" : money(alertThreshold),
            })}{" "}
            {t(`outbound.${outbound}`, { trial: money(trial) })}
          </AlertDescription>
        </Alert>
      </div>
    </Card>
  );
}
