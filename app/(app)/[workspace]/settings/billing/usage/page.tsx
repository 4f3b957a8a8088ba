import { BarChart3, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { recordVisit } from "@/app/(app)/[workspace]/_lib/onboarding";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { UsageFilters } from "@/components/billing/usage-filters";
import { UsageTable } from "@/components/billing/usage-table";
import { VisitRecorded } from "@/components/onboarding/visit-recorded";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import { CHANNELS, isTimedChannel } from "@/lib/rating/channels";
import { filterFromSearch, listUsage, usageSearchSchema, usageTotals } from "@/lib/usage/list";

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("title") };
}

type Props = WorkspaceParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsagePage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const context = await loadMemberWorkspace(slug);
  const { workspace } = context;
  // Walkthrough step 4: the consumption history and usage by type were looked at.
  const visitRecorded = await recordVisit(workspace.id, context, "usage");
  const search = usageSearchSchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const filter = filterFromSearch(search, workspace.timeZone);
  const [page, totals] = await Promise.all([
    listUsage(workspace.id, { ...filter, limit: PAGE_SIZE, cursor: search.cursor }).catch(() => listUsage(workspace.id, { ...filter, limit: PAGE_SIZE })),
    usageTotals(workspace.id, filter),
  ]);
  const t = await getTranslations("usage");
  const channelNames = await getTranslations("channelNames");
  const locale = await getLocale();

  const query = new URLSearchParams(
    Object.entries({ ...search, cursor: undefined }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const base = `/${workspace.slug}/settings/billing/usage`;
  const filtered = query.size > 0;
  const grand = totals.reduce((sum, row) => sum + row.charge, 0n);
  const eventCount = totals.reduce((sum, row) => sum + row.events, 0);

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <VisitRecorded recorded={visitRecorded} />
      <UsageFilters values={search} resetHref={base} />

      <Card className="mt-6" data-testid="usage-totals">
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>{t("totalsTitle")}</CardTitle>
            <CardDescription>{t("totalsDescription", { count: eventCount })}</CardDescription>
          </div>
          <div className="text-right">
            <div className="text-xs text-muted-foreground">{t("totalCharged")}</div>
            <div className="tabular text-2xl font-semibold" data-testid="usage-total">{formatMoney(grand, workspace.currency, locale)}</div>
          </div>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {CHANNELS.map((channel) => {
              const row = totals.find((total) => total.channel === channel);
              return (
                <div key={channel} className="rounded-lg border border-border p-3" data-testid={`usage-total-${channel}`}>
                  <dt className="text-xs text-muted-foreground">{channelNames(channel)}</dt>
                  <dd className="tabular mt-1 font-semibold">{formatMoney(row?.charge ?? 0n, workspace.currency, locale)}</dd>
                  <dd className="text-xs text-muted-foreground">
                    {isTimedChannel(channel)
                      ? t("minutes", { minutes: Math.ceil((row?.seconds ?? 0) / 60), events: row?.events ?? 0 })
                      : t("units", { units: row?.quantity ?? 0, events: row?.events ?? 0 })}
                  </dd>
                </div>
              );
            })}
          </dl>
        </CardContent>
      </Card>

      <Card className="mt-6">
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>{t("listTitle")}</CardTitle>
            <CardDescription>{t("listDescription")}</CardDescription>
          </div>
          {eventCount > 0 ? (
            <Button asChild variant="outline" size="sm">
              <a href={`${base}/export?${query.toString()}`} download>
                <Download aria-hidden />
                {t("exportCsv")}
              </a>
            </Button>
          ) : null}
        </CardHeader>
        {page.data.length === 0 ? (
          <CardContent>
            <EmptyState
              testId="usage-empty"
              icon={BarChart3}
              title={filtered ? t("noMatchTitle") : t("emptyTitle")}
              description={filtered ? t("noMatch") : t("empty")}
            />
          </CardContent>
        ) : (
          <div className="border-t border-border">
            <UsageTable rows={page.data} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("listTitle")} />
          </div>
        )}
        {search.cursor || page.nextCursor ? (
          <nav aria-label={t("pagination")} className="flex items-center justify-between gap-3 border-t border-border px-6 py-4">
            {search.cursor ? (
              <Button asChild variant="ghost" size="sm">
                <Link href={`${base}?${query.toString()}`}>{t("firstPage")}</Link>
              </Button>
            ) : (
              <span />
            )}
            {page.nextCursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`${base}?${new URLSearchParams([...query, ["cursor", page.nextCursor]]).toString()}`}>{t("olderEvents")}</Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
