import { getLocale, getTranslations } from "next-intl/server";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import type { Currency } from "@/lib/generated/prisma/enums";
import type { LedgerEntryView } from "@/lib/ledger/entries";
import { formatMoney } from "@/lib/money";

/**
 * Ledger entries, newest first; dates in the workspace's time zone. Each shows the bucket it
 * moved (paid balance or trial credit) and the available balance after it (paid + trial, as the
 * wallet shows it). Under 640 px the date and the available balance move into the entry's and
 * the amount's cells, so every figure shows without scrolling the table sideways.
 */
export async function LedgerTable({
  rows,
  currency,
  timeZone,
  caption,
}: {
  rows: LedgerEntryView[];
  currency: Currency;
  timeZone: string;
  caption: string;
}) {
  const t = await getTranslations("ledger");
  const channels = await getTranslations("channelNames");
  const usage = await getTranslations("usageTable");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const when = (date: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  // What the entry was for: the channel of a usage charge, the reason staff gave an adjustment.
  const detail = (row: LedgerEntryView) =>
    row.usage
      ? `${channels(row.usage.channel)} · ${usage(`directions.${row.usage.direction}`)}`
      : row.kind === "ADJUSTMENT"
        ? row.description
        : null;
  return (
    <Table>
      <TableHeading caption={caption}>
        <TableHead className="hidden sm:table-cell">{t("date")}</TableHead>
        <TableHead>{t("kind")}</TableHead>
        <TableHead className="text-right">{t("amount")}</TableHead>
        <TableHead className="hidden text-right sm:table-cell">{t("availableAfter")}</TableHead>
      </TableHeading>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="ledger-row" data-kind={row.kind} data-bucket={row.bucket}>
            <DateTimeCell date={row.createdAt} timeZone={timeZone} className="hidden sm:table-cell" />
            <TableCell className="min-w-0">
              <div className="font-medium">{t(`kinds.${row.kind}`)}</div>
              {detail(row) ? <div className="mt-0.5 text-xs break-words text-muted-foreground">{detail(row)}</div> : null}
              <time dateTime={row.createdAt.toISOString()} className="mt-0.5 block text-xs text-muted-foreground sm:hidden">
                {when(row.createdAt)}
              </time>
            </TableCell>
            <TableCell className="text-right align-top sm:align-middle">
              <div className={cn("tabular font-medium whitespace-nowrap", row.amount < 0n ? "text-foreground" : "text-success")}>
                {row.amount > 0n ? "+" : ""}
                {money(row.amount)}
              </div>
              <div className="mt-0.5 text-xs whitespace-nowrap text-muted-foreground" data-testid="ledger-bucket">
                {t(`buckets.${row.bucket}`)}
              </div>
              <div className="tabular mt-0.5 text-xs whitespace-nowrap text-muted-foreground sm:hidden">
                {t("availableAfterInline", { balance: money(row.availableAfter) })}
              </div>
            </TableCell>
            <TableCell className="tabular hidden text-right whitespace-nowrap text-muted-foreground sm:table-cell" data-testid="ledger-available-after">
              {money(row.availableAfter)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
