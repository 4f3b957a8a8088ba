import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { UsageTable } from "@/components/billing/usage-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getRecentUsageEvents } from "@/lib/usage/usage-view";

const LIMIT = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("usage");
  return { title: t("title") };
}

export default async function UsagePage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace } = await loadMemberWorkspace(slug);
  const events = await getRecentUsageEvents(workspace.id, LIMIT);
  const t = await getTranslations("usage");

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("listTitle")}</CardTitle>
          <CardDescription>{t("listDescription", { limit: LIMIT })}</CardDescription>
        </CardHeader>
        {events.length === 0 ? (
          <CardContent>
            <EmptyState testId="usage-empty" icon={BarChart3} title={t("emptyTitle")} description={t("empty")} />
          </CardContent>
        ) : (
          <div className="border-t border-border">
            <UsageTable rows={events} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("listTitle")} />
          </div>
        )}
      </Card>
    </>
  );
}
