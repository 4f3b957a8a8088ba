import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { loadStaff } from "@/app/support/_lib/staff";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/app/page-header";
import { LedgerTable } from "@/components/billing/ledger-table";
import { GoodwillForm } from "@/components/support/goodwill-form";
import { ViewAsForm } from "@/components/support/view-as-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/lib/money";
import { brandName, expiry } from "@/lib/payments/card-brand";
import { goodwillCaps } from "@/lib/support/goodwill";
import { getWorkspaceOverview } from "@/lib/support/overview";
import { pageTitle } from "@/lib/i18n/page-title";

type Params = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const generateMetadata = pageTitle("support.overview");

/** One workspace as support sees it, with "View as" and goodwill credit. */
export default async function WorkspaceOverviewPage({ params }: Params) {
  const staff = await loadStaff();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const overview = await getWorkspaceOverview(id);
  if (!overview) notFound();
  const { workspace, wallet, autoRecharge, failures, cards, usage, ledger, members, audit } = overview;
  const t = await getTranslations("support.overview");
  const roles = await getTranslations("roles");
  const channelNames = await getTranslations("channelNames");
  const locale = await getLocale();
  const format = await getFormatter();
  const money = (micros: bigint) => formatMoney(micros, workspace.currency, locale);
  const caps = goodwillCaps(staff.platformRole, workspace.currency);
  const capHint = caps ? t("capHint", { max: money(caps.perGrant), daily: money(caps.perDay) }) : t("uncapped");
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: workspace.timeZone });

  return (
    <>
      <PageHeader
        eyebrow={t("eyebrow")}
        title={workspace.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs">{workspace.slug}</span>
            <Badge variant="outline" className="font-mono">
              {workspace.currency}
            </Badge>
            <span className="font-mono text-xs break-all">{workspace.id}</span>
          </span>
        }
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("walletTitle")} description={t("plan", { currency: workspace.currency, country: workspace.country })} testId="overview-wallet">
          <CardContent>
            <dl className="grid grid-cols-3 gap-3 text-sm">
              <div>
                <dt className="text-muted-foreground">{t("paid")}</dt>
                <dd className="font-semibold tabular-nums">{money(wallet.paidBalance)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t("trial")}</dt>
                <dd className="font-semibold tabular-nums">{money(wallet.trialBalance)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">{t("available")}</dt>
                <dd className="font-semibold tabular-nums" data-testid="overview-available">
                  {money(wallet.available)}
                </dd>
              </div>
            </dl>
            <div className="mt-5 grid gap-2 border-t border-border pt-4 text-sm" data-testid="overview-auto-recharge">
              <p className="font-medium">
                {autoRecharge?.enabled
                  ? t("autoRechargeOn", { threshold: money(autoRecharge.threshold), amount: money(autoRecharge.amount), cap: money(autoRecharge.monthlyCap) })
                  : autoRecharge?.disabledAt
                    ? t("autoRechargeSwitchedOff", { date: when(autoRecharge.disabledAt) })
                    : t("autoRechargeOff")}
              </p>
              {failures.length ? (
                <ul className="grid gap-1 text-xs text-muted-foreground" aria-label={t("failures")}>
                  {failures.map((failure) => (
                    <li key={failure.id}>
                      {t("failure", { date: when(failure.createdAt), amount: money(failure.amount), reason: failure.failureMessage ?? failure.failureCode ?? "—" })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-xs text-muted-foreground">{t("noFailures")}</p>
              )}
            </div>
          </CardContent>
        </Section>

        <Section title={t("viewAsTitle")} description={t("viewAsDescription")}>
          <CardContent>
            <ViewAsForm workspaceId={workspace.id} />
          </CardContent>
        </Section>

        <Section title={t("cardsTitle")} testId="overview-cards">
          <CardContent>
            {cards.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noCards")}</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {cards.map((card) => (
                  <li key={card.id} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{t("card", { brand: brandName(card.brand), last4: card.last4 })}</span>
                    <span className="text-muted-foreground">{t("expires", { date: expiry(card.expMonth, card.expYear) })}</span>
                    {card.isDefault ? <Badge>{t("default")}</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Section>

        <Section title={t("goodwillTitle")} description={t("goodwillDescription")}>
          <CardContent>
            <GoodwillForm workspaceId={workspace.id} currency={workspace.currency} capHint={capHint} />
          </CardContent>
        </Section>
      </div>

      <Section title={t("membersTitle")} className="mt-6">
        <Table data-testid="overview-members">
          <TableHeading caption={t("membersTitle")}>
            <TableHead>{t("member")}</TableHead>
            <TableHead>{t("role")}</TableHead>
          </TableHeading>
          <TableBody>
            {members.map((member) => (
              <TableRow key={member.id}>
                <TableCell>
                  <div className="grid gap-0.5">
                    <span className="font-medium">{member.user.name}</span>
                    <span className="text-xs break-all text-muted-foreground">{member.user.email}</span>
                  </div>
                </TableCell>
                <TableCell>
                  <Badge variant={member.role === "MEMBER" ? "outline" : "default"}>{roles(member.role)}</Badge>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>

      <Section title={t("usageTitle")} className="mt-6">
        {usage.length === 0 ? (
          <CardContent>
            <p className="text-sm text-muted-foreground">{t("noUsage")}</p>
          </CardContent>
        ) : (
          <Table data-testid="overview-usage">
            <TableHeading caption={t("usageTitle")}>
              <TableHead className="hidden sm:table-cell">{t("usageWhen")}</TableHead>
              <TableHead>{t("usageWhat")}</TableHead>
              <TableHead className="text-right">{t("usageCharge")}</TableHead>
            </TableHeading>
            <TableBody>
              {usage.map((event) => (
                <TableRow key={event.id}>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">{when(event.occurredAt)}</TableCell>
                  <TableCell>
                    <div className="grid gap-0.5">
                      <span>{channelNames(event.channel)}</span>
                      {/* Under sm the date column is hidden: shown here, so nothing scrolls sideways. */}
                      <span className="text-xs text-muted-foreground sm:hidden">{when(event.occurredAt)}</span>
                      <span className="font-mono text-xs break-all text-muted-foreground">{event.externalId}</span>
                    </div>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(event.charge)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section title={t("ledgerTitle")} className="mt-6">
        <div className="border-t border-border" data-testid="overview-ledger">
          <LedgerTable rows={ledger} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("ledgerTitle")} />
        </div>
      </Section>

      <Card className="mt-6">
        <CardHeader>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle>{t("auditTitle")}</CardTitle>
            <Link href={`/support/audit?workspace=${workspace.id}`} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              {t("auditAll")}
            </Link>
          </div>
        </CardHeader>
        <div className="border-t border-border" data-testid="overview-audit">
          <AuditTable events={audit} timeZone={workspace.timeZone} caption={t("auditTitle")} />
        </div>
      </Card>
    </>
  );
}

/** One card of the overview: its title and, when it has one, a description under it. */
function Section({ title, description, className, testId, children }: { title: string; description?: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <Card className={className} data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      {children}
    </Card>
  );
}
