import { getLocale, getTranslations } from "next-intl/server";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CallOutcome, Channel, Currency, Direction, UsageSourceType } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { CHANNEL_UNIT, isTimedChannel } from "@/lib/rating/channels";

export type UsageRow = {
  id: string;
  channel: Channel;
  direction: Direction;
  quantity: number;
  durationSeconds: number | null;
  outcome: CallOutcome | null;
  sourceType: UsageSourceType | null;
  occurredAt: Date;
  charge: bigint;
};

export async function UsageTable({
  rows,
  currency,
  timeZone,
  caption,
}: {
  rows: UsageRow[];
  currency: Currency;
  timeZone: string;
  caption: string;
}) {
  const t = await getTranslations("usageTable");
  const channels = await getTranslations("channelNames");
  const locale = await getLocale();
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>{t("date")}</TableHead>
          <TableHead>{t("channel")}</TableHead>
          <TableHead className="hidden md:table-cell">{t("detail")}</TableHead>
          <TableHead className="text-right">{t("charge")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <DateTimeCell date={row.occurredAt} timeZone={timeZone} />
            <TableCell>
              <div className="grid gap-0.5">
                <span className="font-medium">{channels(row.channel)}</span>
                <span className="text-xs text-muted-foreground">
                  {t(`directions.${row.direction}`)}
                  {row.sourceType ? ` · ${t(`sources.${row.sourceType}`)}` : ""}
                </span>
              </div>
            </TableCell>
            <TableCell className="hidden text-muted-foreground md:table-cell">
              {!isTimedChannel(row.channel) ? (
                t(`quantity.${CHANNEL_UNIT[row.channel]}`, { count: row.quantity })
              ) : row.outcome && row.outcome !== "connected" ? (
                <Badge variant="muted">{t(`outcomes.${row.outcome}`)}</Badge>
              ) : (
                t("duration", { minutes: Math.floor((row.durationSeconds ?? 0) / 60), seconds: (row.durationSeconds ?? 0) % 60 })
              )}
            </TableCell>
            <TableCell className="tabular text-right font-medium whitespace-nowrap">
              {formatMoney(row.charge, currency, locale)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
