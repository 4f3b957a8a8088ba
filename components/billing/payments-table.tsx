import { ExternalLink } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { bankMessageTranslator } from "@/components/payments/bank-message";
import { brandName } from "@/components/payments/brand";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const when = (date: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);

  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="hidden sm:table-cell">{t("date")}</TableHead>
          <TableHead>{t("payment")}</TableHead>
          <TableHead className="hidden sm:table-cell">{t("status")}</TableHead>
          <TableHead className="text-right">{t("amount")}</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">{t("receipt")}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const reason = row.status === "FAILED" || row.status === "CANCELED" ? bankMessage(row.failureMessage, row.failureCode) : null;
          const status = (
            <div className="grid max-w-72 gap-1">
              <Badge variant={STATUS_BADGE[row.status]} className="w-fit">
                {t(`statuses.${row.status}`)}
              </Badge>
              {reason ? <span className="text-xs text-destructive">{reason}</span> : null}
              {row.reversedAmount > 0n ? (
                <span className="text-xs text-muted-foreground">{t("reversed", { amount: money(row.reversedAmount) })}</span>
              ) : null}
            </div>
          );
          return (
            <TableRow key={row.id} data-testid="payment-row" data-kind={row.kind} data-status={row.status}>
              <DateTimeCell date={row.createdAt} timeZone={timeZone} className="hidden sm:table-cell" />
              <TableCell>
                <div className="grid gap-0.5">
                  <span className="font-medium">{t(`kinds.${row.kind}`)}</span>
                  {row.card ? (
                    <span className="text-xs whitespace-nowrap text-muted-foreground">
                      {t("card", { brand: brandName(row.card.brand), last4: row.card.last4 })}
                    </span>
                  ) : null}
                  {/* Under 640 px the date and the status live here, so the table needs no sideways scroll. */}
                  <time dateTime={row.createdAt.toISOString()} className="text-xs text-muted-foreground sm:hidden">
                    {when(row.createdAt)}
                  </time>
                  <div className="mt-1 sm:hidden">{status}</div>
                </div>
              </TableCell>
              <TableCell className="hidden sm:table-cell">{status}</TableCell>
              <TableCell className="tabular text-right font-medium whitespace-nowrap">{money(row.amount)}</TableCell>
              <TableCell className="text-right">
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
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
