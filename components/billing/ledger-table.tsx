import { getLocale, getTranslations } from "next-intl/server";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Currency } from "@/lib/generated/prisma/enums";
import type { LedgerEntryView } from "@/lib/ledger/entries";
import { formatMoney } from "@/lib/money";

/** Ledger entries, newest first; dates in the workspace's time zone. */
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
  // What the entry was for: the channel of a usage charge, the reason staff gave an adjustment.
  const detail = (row: LedgerEntryView) =>
    row.usage
      ? `${channels(row.usage.channel)} · ${usage(`directions.${row.usage.direction}`)}`
      : row.kind === "ADJUSTMENT"
        ? row.description
        : null;
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>{t("date")}</TableHead>
          <TableHead>{t("kind")}</TableHead>
          <TableHead className="text-right">{t("amount")}</TableHead>
          <TableHead className="hidden text-right sm:table-cell">{t("balanceAfter")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="ledger-row" data-kind={row.kind}>
            <DateTimeCell date={row.createdAt} timeZone={timeZone} />
            <TableCell>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t(`kinds.${row.kind}`)}</span>
                {row.bucket === "TRIAL" ? <Badge variant="muted">{t("trialBucket")}</Badge> : null}
              </div>
              {detail(row) ? <div className="mt-0.5 text-xs text-muted-foreground">{detail(row)}</div> : null}
            </TableCell>
            <TableCell
              className={cn("tabular text-right font-medium whitespace-nowrap", row.amount < 0n ? "text-foreground" : "text-success")}
            >
              {row.amount > 0n ? "+" : ""}
              {money(row.amount)}
            </TableCell>
            <TableCell className="tabular hidden text-right whitespace-nowrap text-muted-foreground sm:table-cell">
              {money(row.balanceAfter)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
