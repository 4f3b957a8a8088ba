import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { loadStaff } from "@/app/support/_lib/staff";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/app/page-header";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { AUDIT_ACTIONS, auditActionKey } from "@/lib/audit/actions";
import { auditCursor, listAuditEvents } from "@/lib/audit/read";
import { findWorkspaceByRef, workspaceNames } from "@/lib/support/search";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("support.audit");

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const filtersSchema = z.object({
  /** A workspace id or slug. */
  workspace: z.string().trim().max(64).catch("").default(""),
  actor: z.string().trim().max(254).catch("").default(""),
  action: z.enum(AUDIT_ACTIONS).or(z.literal("")).catch("").default(""),
  from: z.string().regex(DATE).or(z.literal("")).catch("").default(""),
  to: z.string().regex(DATE).or(z.literal("")).catch("").default(""),
  after: auditCursor.optional().catch(undefined),
});

/** The audit trail across workspaces (UTC dates), filtered by workspace, actor, action and date. */
export default async function SupportAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await loadStaff();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const filters = filtersSchema.parse(raw);
  const t = await getTranslations("support.audit");
  const labels = await getTranslations("auditLog.actions");

  const workspace = await findWorkspaceByRef(filters.workspace);
  const unknownWorkspace = Boolean(filters.workspace) && !workspace;
  const { events, next } = unknownWorkspace
    ? { events: [], next: null }
    : await listAuditEvents(
        {
          workspaceId: workspace?.id,
          actorEmail: filters.actor || undefined,
          action: filters.action || undefined,
          from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
          to: filters.to ? new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
        },
        filters.after,
      );
  const ids = [...new Set(events.flatMap((event) => (event.workspaceId ? [event.workspaceId] : [])))];
  const names = await workspaceNames(ids);
  const query = (extra: Record<string, string>) => {
    const { after: _after, ...rest } = raw;
    void _after;
    return `/support/audit?${new URLSearchParams({ ...rest, ...extra })}`;
  };

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardContent className="pt-6">
          <form action="/support/audit" method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("filters")}>
            <div className="grid gap-2">
              <Label htmlFor="audit-workspace">{t("workspace")}</Label>
              <Input id="audit-workspace" name="workspace" defaultValue={filters.workspace} placeholder={t("workspacePlaceholder")} />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="audit-actor">{t("actor")}</Label>
              <Input id="audit-actor" name="actor" type="email" defaultValue={filters.actor} placeholder="support@example.com" />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="audit-action">{t("action")}</Label>
              <Select id="audit-action" name="action" defaultValue={filters.action}>
                <option value="">{t("anyAction")}</option>
                {AUDIT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {labels(auditActionKey(action))}
                  </option>
                ))}
              </Select>
            </div>
            <DateRangeFields idPrefix="audit" labels={{ from: t("from"), to: t("to") }} from={filters.from} to={filters.to} />
            <div className="flex items-end gap-2">
              <Button type="submit">{t("apply")}</Button>
              <Link href="/support/audit" className={buttonVariants({ variant: "ghost" })}>
                {t("clear")}
              </Link>
            </div>
          </form>
        </CardContent>
      </Card>
      {unknownWorkspace ? (
        <p role="status" className="mb-4 text-sm text-muted-foreground">
          {t("unknownWorkspace", { workspace: filters.workspace })}
        </p>
      ) : null}
      <Card>
        <AuditTable events={events} timeZone="UTC" caption={t("title")} workspaceNames={names} />
        {next ? (
          <div className="flex justify-end border-t border-border px-4 py-3">
            <Link href={query({ after: next })} className={buttonVariants({ variant: "outline", size: "sm" })}>
              {t("older")}
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
