import { CreditCard, ReceiptText } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { EmptyState } from "@/components/app/empty-state";
import { PageHeader } from "@/components/app/page-header";
import { TableCard } from "@/components/app/table-card";
import { LedgerTable } from "@/components/billing/ledger-table";
import { PaymentsTable } from "@/components/billing/payments-table";
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
    <TableCard
      testId="payments-card"
      title={t("paymentsTitle")}
      description={t("paymentsDescription", { limit: PAYMENTS_LIMIT })}
      empty={payments.length === 0 ? <EmptyState testId="payments-empty" icon={CreditCard} title={t("paymentsEmptyTitle")} description={t("paymentsEmpty")} /> : null}
    >
      <PaymentsTable rows={payments} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("paymentsTitle")} />
    </TableCard>
  );

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6">
        {/* Card payments come first when there are some (their receipts are what people look for here). */}
        {payments.length > 0 ? paymentsCard : null}
        <TableCard
          title={t("listTitle")}
          description={t("listDescription", { limit: LIMIT })}
          empty={entries.length === 0 ? <EmptyState testId="transactions-empty" icon={ReceiptText} title={t("emptyTitle")} description={t("empty")} /> : null}
        >
          <LedgerTable rows={entries} currency={workspace.currency} timeZone={workspace.timeZone} caption={t("listTitle")} />
        </TableCard>
        {payments.length === 0 ? paymentsCard : null}
      </div>
    </>
  );
}
