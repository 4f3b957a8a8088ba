import { ArrowRight, CreditCard, History, PieChart } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { BalanceCard } from "@/components/billing/balance-card";
import { LedgerTable } from "@/components/billing/ledger-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { getWalletOverview } from "@/lib/ledger/wallet-view";
import { formatMoney } from "@/lib/money";
import { CHANNELS } from "@/lib/rating/channels";
import { getUsageByChannel } from "@/lib/usage/usage-view";

const USAGE_WINDOW_DAYS = 30;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("wallet");
  return { title: t("title") };
}

export default async function WalletPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace } = await loadMemberWorkspace(slug);
  const [wallet, usage, entries] = await Promise.all([
    getWalletOverview(workspace.id),
    getUsageByChannel(workspace.id, USAGE_WINDOW_DAYS),
    getRecentLedgerEntries(workspace.id, 10),
  ]);
  const t = await getTranslations("wallet");
  const channelNames = await getTranslations("channelNames");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, workspace.currency, locale);

  const usageByChannel = new Map(usage.map((row) => [row.channel, row]));
  const maxCharge = usage.reduce((max, row) => (row.charge > max ? row.charge : max), 0n);
  const base = `/${workspace.slug}/settings/billing`;

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />

      <div className="grid grid-cols-1 gap-6">
        <BalanceCard
          currency={workspace.currency}
          paid={wallet.paidBalance}
          trial={wallet.trialBalance}
          callMinimum={wallet.callMinimumBalance}
          alertThreshold={workspace.lowBalanceAlertThreshold}
        />

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>{t("usageTitle")}</CardTitle>
              <CardDescription>{t("usageDescription", { days: USAGE_WINDOW_DAYS })}</CardDescription>
            </CardHeader>
            <CardContent>
              {usage.length === 0 ? (
                <EmptyState testId="usage-empty" icon={PieChart} title={t("usageEmptyTitle")} description={t("usageEmpty")} />
              ) : (
                <ul className="grid gap-4" data-testid="usage-by-channel">
                  {CHANNELS.map((channel) => {
                    const row = usageByChannel.get(channel);
                    const charge = row?.charge ?? 0n;
                    const width = maxCharge > 0n ? Number((charge * 100n) / maxCharge) : 0;
                    return (
                      <li key={channel} className="grid gap-1.5">
                        <div className="flex items-baseline justify-between gap-3 text-sm">
                          <span className="font-medium">{channelNames(channel)}</span>
                          <span className="tabular text-muted-foreground">{money(charge)}</span>
                        </div>
                        <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden>
                          <div className="h-full rounded-full bg-primary" style={{ width: `${Math.max(width, charge > 0n ? 2 : 0)}%` }} />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("paymentMethodsTitle")}</CardTitle>
              <CardDescription>{t("paymentMethodsDescription")}</CardDescription>
            </CardHeader>
            <CardContent>
              <EmptyState
                testId="payment-methods-empty"
                icon={CreditCard}
                title={t("paymentMethodsEmptyTitle")}
                description={t("paymentMethodsEmpty")}
              />
            </CardContent>
          </Card>
        </div>

        <Card>
          <CardHeader className="flex-row items-start justify-between gap-4">
            <div className="grid gap-1.5">
              <CardTitle>{t("historyTitle")}</CardTitle>
              <CardDescription>{t("historyDescription")}</CardDescription>
            </div>
            {entries.length > 0 ? (
              <Link
                href={`${base}/transactions`}
                className="inline-flex shrink-0 items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline"
              >
                {t("historyAll")}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            ) : null}
          </CardHeader>
          {entries.length === 0 ? (
            <CardContent>
              <EmptyState testId="history-empty" icon={History} title={t("historyEmptyTitle")} description={t("historyEmpty")} />
            </CardContent>
          ) : (
            <div className="border-t border-border">
              <LedgerTable rows={entries} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("historyTitle")} />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
