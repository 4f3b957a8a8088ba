import { ArrowRight, History, PieChart } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { recordVisit } from "@/app/(app)/[workspace]/_lib/onboarding";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { TableCard } from "@/components/app/table-card";
import { AddFundsDialog } from "@/components/billing/add-funds-dialog";
import { AutoRechargeCard } from "@/components/billing/auto-recharge-card";
import { BalanceCard } from "@/components/billing/balance-card";
import { LedgerTable } from "@/components/billing/ledger-table";
import { PaymentMethodsCard } from "@/components/billing/payment-methods-card";
import { UsageChart, type ChartTotals } from "@/components/billing/usage-chart";
import { VisitRecorded } from "@/components/onboarding/visit-recorded";
import { paymentsClientConfig, testCardOptions } from "@/components/payments/config";
import type { CardSummary } from "@/components/payments/types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LockedWhileViewing } from "@/components/support/locked-while-viewing";
import { can, refusal } from "@/lib/auth/roles";
import { MAX_CONSECUTIVE_FAILURES, suggestedAutoRecharge } from "@/lib/auto-recharge/defaults";
import { getAutoRecharge } from "@/lib/auto-recharge/settings";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { walletStatusInput } from "@/lib/wallet/status";
import { getWalletOverview } from "@/lib/wallet/view";
import { formatMoney } from "@/lib/money";
import { listCards } from "@/lib/payments/cards";
import { CHANNELS, isTimedChannel } from "@/lib/rating/channels";
import { getUsageChart, USAGE_WINDOWS } from "@/lib/usage/usage-view";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("wallet");

export default async function WalletPage({ params }: WorkspaceParams) {
  const context = await loadMemberWorkspace(params);
  const { workspace } = context;
  const [wallet, usage, entries, cardViews, autoRecharge, visitRecorded] = await Promise.all([
    getWalletOverview(workspace.id),
    getUsageChart(workspace.id, workspace.timeZone),
    getRecentLedgerEntries(workspace.id, 10),
    listCards(workspace.id),
    getAutoRecharge(workspace.id),
    // Walkthrough step 1: the wallet was opened.
    recordVisit(workspace.id, context, "wallet"),
  ]);
  const t = await getTranslations("wallet");
  const channelNames = await getTranslations("channelNames");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, workspace.currency, locale);

  const usageTexts = await getTranslations("usage");
  const channelList = CHANNELS.map((channel) => ({ channel, name: channelNames(channel) }));
  const hasUsage = USAGE_WINDOWS.some((window) => Object.keys(usage.totals[window]).length > 0);
  const dayLabel = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  // Every figure people read is formatted here from the rollups' exact sums.
  const chartTotals = Object.fromEntries(
    USAGE_WINDOWS.map((window) => {
      const sums = usage.totals[window];
      const rows: ChartTotals = channelList.map(({ channel, name }) => {
        const row = sums[channel];
        return {
          channel,
          name,
          charge: money(row?.charge ?? 0n),
          detail: isTimedChannel(channel)
            ? usageTexts("minutes", { minutes: Math.ceil((row?.seconds ?? 0) / 60), events: row?.events ?? 0 })
            : usageTexts("units", { units: row?.quantity ?? 0, events: row?.events ?? 0 }),
        };
      });
      const total = Object.values(sums).reduce((sum, row) => sum + (row?.charge ?? 0n), 0n);
      return [String(window), { rows, total: money(total) }];
    }),
  );
  const base = `/${workspace.slug}/settings/billing`;
  // Members see balances, cards and auto-recharge, but no money controls (the actions refuse them too).
  // Support staff viewing the workspace see the controls disabled, with the reason beside them.
  const locked = refusal(context, "moveMoney") === "viewing_refuses_money" ? (await getTranslations("errors"))("viewing_refuses_money") : undefined;
  const canManage = can(context, "moveMoney") || locked !== undefined;
  const config = paymentsClientConfig();
  // Only what the browser needs: no Stripe ids.
  const cards: CardSummary[] = cardViews.map(({ id, brand, last4, expMonth, expYear, funding, isDefault }) => ({
    id,
    brand,
    last4,
    expMonth,
    expYear,
    funding,
    isDefault,
  }));

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <VisitRecorded recorded={visitRecorded} />

      <div className="grid grid-cols-1 gap-6">
        <BalanceCard
          currency={workspace.currency}
          balance={walletStatusInput(wallet, workspace)}
          action={
            locked ? (
              <LockedWhileViewing id="add-funds-locked" reason={locked}>
                <AddFundsDialog workspaceSlug={workspace.slug} currency={workspace.currency} cards={cards} config={config} />
              </LockedWhileViewing>
            ) : canManage ? (
              <AddFundsDialog
                workspaceSlug={workspace.slug}
                currency={workspace.currency}
                cards={cards}
                config={config}
              />
            ) : null
          }
        />

        <PaymentMethodsCard
          workspaceSlug={workspace.slug}
          cards={cards}
          canManage={canManage}
          locked={locked}
          config={config}
          testCards={canManage && config.emulatorUrl ? testCardOptions() : []}
        />

        <AutoRechargeCard
          workspaceSlug={workspace.slug}
          currency={workspace.currency}
          cards={cards}
          canManage={canManage}
          locked={locked}
          state={{ ...autoRecharge, maxFailures: MAX_CONSECUTIVE_FAILURES }}
          // The tutorial's "$5 → $20 or $25" (R11), raised to the call minimum with calling on.
          suggestion={suggestedAutoRecharge(workspace.currency, wallet)}
          callMinimum={wallet.callMinimumBalance}
          whatsappCallingEnabled={wallet.whatsappCallingEnabled}
        />

        <Card data-tour="usage-chart">
          <CardHeader>
            <CardTitle>{t("usageTitle")}</CardTitle>
            <CardDescription>{t("usageChartDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {!hasUsage ? (
              <EmptyState testId="usage-empty" icon={PieChart} title={t("usageEmptyTitle")} description={t("usageEmpty")} />
            ) : (
              <UsageChart
                currency={workspace.currency}
                locale={locale}
                windows={USAGE_WINDOWS}
                days={usage.days.map((day) => ({
                  day: day.day,
                  label: dayLabel.format(new Date(`${day.day}T00:00:00Z`)),
                  charges: Object.fromEntries(Object.entries(day.charges).map(([channel, charge]) => [channel, charge.toString()])),
                }))}
                channels={channelList}
                totals={chartTotals}
                labels={{
                  windowGroup: t("usageWindowGroup"),
                  window: t("usageWindow", { days: "{days}" }),
                  total: t("usageWindowTotal"),
                  tableCaption: t("usageTableCaption", { days: "{days}" }),
                  day: t("usageDay"),
                }}
              />
            )}
          </CardContent>
        </Card>

        <TableCard
          title={t("historyTitle")}
          description={t("historyDescription")}
          action={
            entries.length > 0 ? (
              <Link
                href={`${base}/transactions`}
                className="inline-flex shrink-0 items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
              >
                {t("historyAll")}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            ) : null
          }
          empty={entries.length === 0 ? <EmptyState testId="history-empty" icon={History} title={t("historyEmptyTitle")} description={t("historyEmpty")} /> : null}
        >
          <LedgerTable rows={entries} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("historyTitle")} />
        </TableCard>
      </div>
    </>
  );
}
