import { BarChart3, Download } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { recordVisit } from "@/app/(app)/[workspace]/_lib/onboarding";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { TableCard } from "@/components/app/table-card";
import { UsageDaysTable } from "@/components/billing/usage-days-table";
import { UsageFilters } from "@/components/billing/usage-filters";
import { UsageTable } from "@/components/billing/usage-table";
import { WhatsappCallsTable } from "@/components/billing/whatsapp-calls-table";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { VisitRecorded } from "@/components/onboarding/visit-recorded";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import { CHANNELS, isTimedChannel } from "@/lib/rating/channels";
import { filterFromSearch, listUsage, usageSearchSchema, usageTotals } from "@/lib/usage/list";
import { addDays, rollupTotals, todayIn, usageByDay, whatsappCallsByDay, type RollupFilter } from "@/lib/usage/rollups";
import { pageTitle } from "@/lib/i18n/page-title";

const PAGE_SIZE = 50;
const VIEWS = ["events", "days", "calls"] as const;
type View = (typeof VIEWS)[number];
/** The per-day and calls views without dates show this many days, today included. */
const DEFAULT_DAYS = 30;

export const generateMetadata = pageTitle("usage");

type Props = WorkspaceParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsagePage({ params, searchParams }: Props) {
  const context = await loadMemberWorkspace(params);
  const { workspace } = context;
  // Walkthrough step 4: the consumption history and usage by type were looked at.
  const visitRecorded = await recordVisit(workspace.id, context, "usage");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const search = usageSearchSchema.parse(raw);
  const view: View = (VIEWS as readonly string[]).includes(raw.view ?? "") ? (raw.view as View) : "events";
  const filter = filterFromSearch(search, workspace.timeZone);
  // Totals and the day views read the daily rollups (docs/decisions/011); the rollups keep no
  // source, so a source filter is the one thing only the raw events can answer.
  const needsEvents = search.source !== undefined;
  const rollupFilter: RollupFilter = { channel: search.channel, direction: search.direction, outcome: search.outcome, fromDay: search.from, toDay: search.to };
  const dayRange: RollupFilter =
    search.from || search.to ? { fromDay: search.from, toDay: search.to } : { fromDay: addDays(todayIn(workspace.timeZone), 1 - DEFAULT_DAYS) };
  const [page, totals, days, calls] = await Promise.all([
    view === "events"
      ? listUsage(workspace.id, { ...filter, limit: PAGE_SIZE, cursor: search.cursor }).catch(() => listUsage(workspace.id, { ...filter, limit: PAGE_SIZE }))
      : null,
    needsEvents ? usageTotals(workspace.id, filter) : rollupTotals(workspace.id, rollupFilter),
    view === "days" && !needsEvents ? usageByDay(workspace.id, { ...rollupFilter, ...dayRange }) : [],
    view === "calls" ? whatsappCallsByDay(workspace.id, dayRange) : [],
  ]);
  const t = await getTranslations("usage");
  const channelNames = await getTranslations("channelNames");
  const locale = await getLocale();

  const query = new URLSearchParams(
    Object.entries({ ...search, cursor: undefined, view: view === "events" ? undefined : view }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const base = `/${workspace.slug}/settings/billing/usage`;
  const filters = new URLSearchParams([...query].filter(([key]) => key !== "view"));
  const filtered = filters.size > 0;
  const viewHref = (target: View) => {
    const next = new URLSearchParams(filters);
    if (target !== "events") next.set("view", target);
    return next.size ? `${base}?${next}` : base;
  };
  const grand = totals.reduce((sum, row) => sum + row.charge, 0n);
  const eventCount = totals.reduce((sum, row) => sum + row.events, 0);

  // The view's table, or in its place why there is none.
  const shown =
    view === "days"
      ? {
          empty: needsEvents ? (
            <Alert data-testid="usage-days-needs-events">
              <AlertDescription>{t("days.needsEvents")}</AlertDescription>
            </Alert>
          ) : days.length === 0 ? (
            <EmptyState testId="usage-empty" icon={BarChart3} title={t("noMatchTitle")} description={t("noMatch")} />
          ) : null,
          table: <UsageDaysTable rows={days} currency={workspace.currency} caption={t("views.days.title")} />,
        }
      : view === "calls"
        ? {
            empty: calls.length === 0 ? <EmptyState testId="usage-empty" icon={BarChart3} title={t("calls.emptyTitle")} description={t("calls.empty")} /> : null,
            table: <WhatsappCallsTable rows={calls} currency={workspace.currency} caption={t("views.calls.title")} />,
          }
        : {
            empty:
              !page || page.data.length === 0 ? (
                <EmptyState
                  testId="usage-empty"
                  icon={BarChart3}
                  title={filtered ? t("noMatchTitle") : t("emptyTitle")}
                  description={filtered ? t("noMatch") : t("empty")}
                />
              ) : null,
            table: page ? <UsageTable rows={page.data} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("listTitle")} /> : null,
          };

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <VisitRecorded recorded={visitRecorded} />
      <UsageFilters values={search} resetHref={view === "events" ? base : `${base}?view=${view}`} view={view === "events" ? undefined : view} />

      <Card className="mt-6" data-testid="usage-totals">
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>{t("totalsTitle")}</CardTitle>
            <CardDescription>{t("totalsDescription", { count: eventCount })}</CardDescription>
            {needsEvents ? <p className="text-xs text-muted-foreground" data-testid="usage-totals-from-events">{t("totalsFromEvents")}</p> : null}
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

      <nav aria-label={t("viewsLabel")} className="mt-6 flex flex-wrap gap-2" data-testid="usage-views">
        {VIEWS.map((target) => (
          <Button key={target} asChild size="sm" variant={target === view ? "default" : "outline"}>
            <Link href={viewHref(target)} aria-current={target === view ? "page" : undefined}>
              {t(`views.${target}.tab`)}
            </Link>
          </Button>
        ))}
      </nav>

      <TableCard
        className="mt-4"
        title={t(`views.${view}.title`)}
        description={t(`views.${view}.description`, { days: DEFAULT_DAYS, dated: search.from || search.to ? "yes" : "no" })}
        action={
          eventCount > 0 ? (
            <Button asChild variant="outline" size="sm">
              <a href={`${base}/export?${filters.toString()}`} download>
                <Download aria-hidden />
                {t("exportCsv")}
              </a>
            </Button>
          ) : null
        }
        empty={shown.empty}
        footer={
          page && (search.cursor || page.nextCursor) ? (
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
          ) : null
        }
      >
        {shown.table}
      </TableCard>
    </>
  );
}
