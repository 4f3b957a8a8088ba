import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { loadWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { AuditTable } from "@/components/audit/audit-table";
import { Forbidden } from "@/components/app/forbidden";
import { PageHeader } from "@/components/app/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { auditCursor, listAuditEvents } from "@/lib/audit/read";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("auditLog");

/** Settings → Audit log: what happened in this workspace, newest first, support staff's visits included. Owners only. */
export default async function AuditLogPage({ params, searchParams }: WorkspaceParams & { searchParams: Promise<{ after?: string | string[] }> }) {
  const { workspace: slug } = await params;
  const t = await getTranslations("auditLog");
  const context = await loadWorkspace(slug, "manageWorkspace");
  if (!context) {
    return <Forbidden title={t("forbiddenTitle")} body={t("forbiddenBody")} backHref={`/${slug}/settings/billing/wallet`} backLabel={t("forbiddenBack")} />;
  }
  const { workspace } = context;
  const { after } = await searchParams;
  const cursor = auditCursor.safeParse(after);
  const { events, next } = await listAuditEvents({ workspaceId: workspace.id }, cursor.success ? cursor.data : undefined);

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card>
        <AuditTable events={events} timeZone={workspace.timeZone} caption={t("title")} />
        {cursor.success || next ? (
          <nav aria-label={t("pages")} className="flex justify-between gap-2 border-t border-border px-4 py-3">
            {cursor.success ? (
              <Link href={`/${workspace.slug}/settings/audit-log`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                {t("newest")}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link href={`/${workspace.slug}/settings/audit-log?after=${encodeURIComponent(next)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                {t("older")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
