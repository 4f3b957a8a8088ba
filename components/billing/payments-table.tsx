import { ExternalLink } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { bankMessageTranslator } from "@/components/payments/bank-message";
import { brandName } from "@/lib/payments/card-brand";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import type { Currency, PaymentKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";

export type PaymentRow = {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
  amount: bigint;
  reversedAmount: bigint;
  failureCode: string | null;
  failureMessage: string | null;
  receiptUrl: string | null;
  createdAt: Date;
  card: { brand: string; last4: string } | null;
};

const STATUS_BADGE: Record<PaymentStatus, "success" | "warning" | "destructive" | "muted" | "default"> = {
  SUCCEEDED: "success",
  PROCESSING: "default",
  REQUIRES_ACTION: "warning",
  FAILED: "destructive",
  CANCELED: "muted",
};

/** Card payments (top-ups and auto-recharges), newest first, with the bank's reason and a receipt. */
export async function PaymentsTable({
  rows,
  currency,
  timeZone,
  caption,
}: {
  rows: PaymentRow[];
  currency: Currency;
  timeZone: string;
  caption: string;
}) {
  const t = await getTranslations("payments");
  const bankMessage = await bankMessageTranslator();
  const locale = await getLocale();
  const format = await getFormatter();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);

  // On a phone (under md) the table keeps two columns, Payment and Amount: the date and the
  // status with the bank's reason fold into the Payment cell, so every amount, reason and
  // receipt is on screen without scrolling sideways. The receipt sits under its amount always.
  const statusOf = (row: PaymentRow, reason: string | null) => (
    <div className="grid max-w-72 gap-1">
      <Badge variant={STATUS_BADGE[row.status]} className="w-fit" data-testid="payment-status">
        {t(`statuses.${row.status}`)}
      </Badge>
      {reason ? (
        <span className="text-xs text-destructive" data-testid="payment-reason">
          {reason}
        </span>
      ) : null}
      {row.reversedAmount > 0n ? <span className="text-xs text-muted-foreground">{t("reversed", { amount: money(row.reversedAmount) })}</span> : null}
    </div>
  );

  return (
    <Table>
      <TableHeading caption={caption}>
        <TableHead className="hidden md:table-cell">{t("date")}</TableHead>
        <TableHead>{t("payment")}</TableHead>
        <TableHead className="hidden md:table-cell">{t("status")}</TableHead>
        <TableHead className="text-right">{t("amount")}</TableHead>
      </TableHeading>
      <TableBody>
        {rows.map((row) => {
          const reason = row.status === "FAILED" || row.status === "CANCELED" ? bankMessage(row.failureMessage, row.failureCode) : null;
          return (
            <TableRow key={row.id} data-testid="payment-row" data-kind={row.kind} data-status={row.status}>
              <DateTimeCell date={row.createdAt} timeZone={timeZone} className="hidden md:table-cell" />
              <TableCell>
                <div className="grid gap-0.5">
                  <span className="font-medium">{t(`kinds.${row.kind}`)}</span>
                  {row.card ? (
                    <span className="text-xs whitespace-nowrap text-muted-foreground">
                      {t("card", { brand: brandName(row.card.brand), last4: row.card.last4 })}
                    </span>
                  ) : null}
                  <time dateTime={row.createdAt.toISOString()} className="text-xs text-muted-foreground md:hidden">
                    {format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
                  </time>
                </div>
                <div className="mt-2 md:hidden">{statusOf(row, reason)}</div>
              </TableCell>
              <TableCell className="hidden md:table-cell">{statusOf(row, reason)}</TableCell>
              <TableCell className="text-right align-top md:align-middle">
                <div className="grid justify-items-end gap-1">
                  <span className="tabular font-medium whitespace-nowrap" data-testid="payment-amount">
                    {money(row.amount)}
                  </span>
                  {row.receiptUrl ? (
                    <a
                      href={row.receiptUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      data-testid="payment-receipt"
                      className="inline-flex items-center gap-1 text-sm font-medium whitespace-nowrap text-primary underline-offset-4 hover:underline"
                    >
                      {t("receipt")}
                      <ExternalLink aria-hidden className="size-3.5" />
                      <span className="sr-only">{t("opensInNewTab")}</span>
                    </a>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
