import { CircleAlert, Loader2, RefreshCw, TriangleAlert } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { RefreshWhile } from "@/components/app/refresh-while";
import { AutoRechargeForm } from "@/components/billing/auto-recharge-form";
import { bankMessageTranslator } from "@/components/payments/bank-message";
import { brandName } from "@/lib/payments/card-brand";
import type { CardSummary } from "@/components/payments/types";
import { Alert, AlertContent, AlertDescription } from "@/components/ui/alert";
import { LockedWhileViewing } from "@/components/support/locked-while-viewing";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatAmountShort, formatMoney, formatMoneyInput, type Currency, type Micros } from "@/lib/money";

/** Auto-recharge as the wallet page reads it (settings, or the suggested values, and state). */
export type AutoRechargeState = {
  enabled: boolean;
  threshold: Micros;
  amount: Micros;
  monthlyCap: Micros;
  /** The card it charges (a PaymentMethod row id), or null for the default card. */
  cardId: string | null;
  inFlight: boolean;
  consecutiveFailures: number;
  lastFailureMessage: string | null;
  /** Switched itself off after too many failures in a row. */
  disabledAt: Date | null;
  spentThisMonth: Micros;
  maxFailures: number;
};

/**
 * Auto-recharge (R11): state lines everyone sees (on/off, recharge in progress, the last
 * failure, switched off after failures), and the settings form for owners and billing admins.
 */
export async function AutoRechargeCard({
  workspaceSlug,
  currency,
  state,
  cards,
  canManage,
  locked,
  suggestion,
  callMinimum,
  whatsappCallingEnabled,
}: {
  workspaceSlug: string;
  currency: Currency;
  state: AutoRechargeState;
  cards: CardSummary[];
  canManage: boolean;
  /** Why the form is disabled (support staff viewing): it shows, disabled, with this beside it. */
  locked?: string;
  suggestion: { threshold: Micros; amounts: [Micros, Micros]; raisedForCalls: boolean };
  callMinimum: Micros;
  whatsappCallingEnabled: boolean;
}) {
  const t = await getTranslations("autoRecharge");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const card = (state.cardId ? cards.find((entry) => entry.id === state.cardId) : undefined) ?? cards.find((entry) => entry.isDefault);
  const cardLabel = card ? t("cardOption", { brand: brandName(card.brand), last4: card.last4 }) : t("noCard");
  const switchedOff = !state.enabled && state.disabledAt !== null;
  const reason = (await bankMessageTranslator())(state.lastFailureMessage);
  // lib/auto-recharge starts no recharge that would pass the cap: say so rather than stay silent.
  const capReached = state.enabled && !state.inFlight && state.spentThisMonth + state.amount > state.monthlyCap;
  // Managers read "off" from the switch in the form; the lines above it are for what needs saying.
  const hasStateLines = switchedOff || state.inFlight || state.enabled || !canManage;

  return (
    <Card id="auto-recharge" className="scroll-mt-24" data-testid="auto-recharge-card" data-enabled={state.enabled ? "true" : "false"}>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>{t("title")}</CardTitle>
          <Badge variant={state.enabled ? "success" : switchedOff ? "destructive" : "muted"} data-testid="auto-recharge-badge">
            {state.enabled ? t("on") : t("off")}
          </Badge>
        </div>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {hasStateLines ? (
          <div className="grid gap-3" data-testid="auto-recharge-state">
            {switchedOff ? (
              <Alert variant="destructive" role="status" data-testid="auto-recharge-switched-off">
                <CircleAlert aria-hidden />
                <AlertContent title={t("switchedOff", { count: state.maxFailures })}>
                  {reason ? <AlertDescription>{t("lastFailure", { reason })}</AlertDescription> : null}
                </AlertContent>
              </Alert>
            ) : null}
            {/* Until the bank answers: then the balance (or the failure) shows without a reload. */}
            <RefreshWhile active={state.inFlight} />
            {state.inFlight ? (
              <Alert variant="info" role="status" data-testid="auto-recharge-in-flight">
                <Loader2 aria-hidden className="animate-spin" />
                <AlertDescription>{t("inFlight", { amount: money(state.amount), card: cardLabel })}</AlertDescription>
              </Alert>
            ) : null}
            {state.enabled && state.consecutiveFailures > 0 ? (
              <Alert variant="warning" role="status" data-testid="auto-recharge-failing">
                <TriangleAlert aria-hidden />
                <AlertContent title={t("failing", { count: state.consecutiveFailures, max: state.maxFailures })}>
                  {reason ? <AlertDescription>{t("lastFailure", { reason })}</AlertDescription> : null}
                </AlertContent>
              </Alert>
            ) : null}
            {capReached ? (
              <Alert variant="warning" role="status" data-testid="auto-recharge-cap-reached">
                <TriangleAlert aria-hidden />
                <AlertDescription>{t("capReached", { cap: money(state.monthlyCap) })}</AlertDescription>
              </Alert>
            ) : null}
            {state.enabled ? (
              <p className="flex items-start gap-2 text-sm" data-testid="auto-recharge-summary">
                <RefreshCw aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                <span>
                  {t("summaryOn", { threshold: money(state.threshold), amount: money(state.amount), card: cardLabel })}{" "}
                  <span className="text-muted-foreground">
                    {t("summaryCap", { spent: money(state.spentThisMonth), cap: money(state.monthlyCap) })}
                  </span>
                </span>
              </p>
            ) : !switchedOff && !canManage ? (
              <p className="text-sm text-muted-foreground" data-testid="auto-recharge-summary">
                {t("summaryOff")}
              </p>
            ) : null}
          </div>
        ) : null}

        {canManage ? (
          <div className={hasStateLines ? "border-t border-border pt-5" : undefined}>
            <LockedOrNot id="auto-recharge-locked" locked={locked}>
            <AutoRechargeForm
              workspaceSlug={workspaceSlug}
              currency={currency}
              cards={cards}
              initial={{
                enabled: state.enabled,
                threshold: formatMoneyInput(state.threshold, locale),
                amount: formatMoneyInput(state.amount, locale),
                monthlyCap: formatMoneyInput(state.monthlyCap, locale),
                cardId: state.cardId && cards.some((entry) => entry.id === state.cardId) ? state.cardId : "",
              }}
              suggestion={{
                threshold: formatAmountShort(suggestion.threshold),
                amounts: [formatAmountShort(suggestion.amounts[0]), formatAmountShort(suggestion.amounts[1])],
                raisedForCalls: suggestion.raisedForCalls,
              }}
              callMinimum={formatAmountShort(callMinimum)}
              whatsappCallingEnabled={whatsappCallingEnabled}
            />
            </LockedOrNot>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="auto-recharge-read-only">
            {t("readOnly")}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function LockedOrNot({ id, locked, children }: { id: string; locked?: string; children: React.ReactNode }) {
  return locked ? (
    <LockedWhileViewing id={id} reason={locked}>
      {children}
    </LockedWhileViewing>
  ) : (
    children
  );
}
