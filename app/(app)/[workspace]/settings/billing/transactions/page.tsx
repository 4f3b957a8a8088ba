import { CreditCard, ReceiptText } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { LedgerTable } from "@/components/billing/ledger-table";
import { PaymentsTable } from "@/components/billing/payments-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { listPayments } from "@/lib/payments/top-ups";
import { pageTitle } from "@/lib/i18n/page-title";

const LIMIT = 50;
const PAYMENTS_LIMIT = 20;

export const generateMetadata = pageTitle("transactions");

export default async function TransactionsPage({ params }: WorkspaceParams) {
  const { workspace } = await loadMemberWorkspace(params);
  const [entries, payments] = await Promise.all([getRecentLedgerEntries(workspace.id, LIMIT), listPayments(workspace.id, PAYMENTS_LIMIT)]);
  const t = await getTranslations("transactions");

  const paymentsCard = (
    <Card data-testid="payments-card">
      <CardHeader>
        <CardTitle>{t("paymentsTitle")}</CardTitle>
        <CardDescription>{t("paymentsDescription", { limit: PAYMENTS_LIMIT })}</CardDescription>
      </CardHeader>
      {payments.length === 0 ? (
        <CardContent>
          <EmptyState testId="payments-empty" icon={CreditCard} title={t("paymentsEmptyTitle")} description={t("paymentsEmpty")} />
        </CardContent>
      ) : (
        <div className="border-t border-border">
          <PaymentsTable rows={payments} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("paymentsTitle")} />
        </div>
      )}
    </Card>
  );

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6">
        {/* Card payments come first when there are some (their receipts are what people look for here). */}
        {payments.length > 0 ? paymentsCard : null}
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
        {payments.length === 0 ? paymentsCard : null}
      </div>
    </>
  );
}
