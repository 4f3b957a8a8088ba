import { ReceiptText } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { LedgerTable } from "@/components/billing/ledger-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";

const LIMIT = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("transactions");
  return { title: t("title") };
}

export default async function TransactionsPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace } = await loadMemberWorkspace(slug);
  const entries = await getRecentLedgerEntries(workspace.id, LIMIT);
  const t = await getTranslations("transactions");

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("listTitle")}</CardTitle>
          <CardDescription>{t("listDescription", { limit: LIMIT })}</CardDescription>
        </CardHeader>
        {entries.length === 0 ? (
          <CardContent>
            <EmptyState testId="transactions-empty" icon={ReceiptText} title={t("emptyTitle")} description={t("empty")} />
          </CardContent>
        ) : (
          <div className="border-t border-border">
            <LedgerTable rows={entries} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("listTitle")} />
          </div>
        )}
      </Card>
    </>
  );
}
