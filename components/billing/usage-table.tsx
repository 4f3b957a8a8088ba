import { getLocale, getTranslations } from "next-intl/server";
import { DateTimeCell } from "@/components/billing/date-time-cell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
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
      <TableHeading caption={caption}>
        <TableHead>{t("date")}</TableHead>
        <TableHead>{t("channel")}</TableHead>
        <TableHead className="hidden md:table-cell">{t("detail")}</TableHead>
        <TableHead className="text-right">{t("charge")}</TableHead>
      </TableHeading>
      <TableBody>
        {rows.map((row) => {
          // What the charge is for: units, connected time, or why a call cost nothing (R7).
          const detail = !isTimedChannel(row.channel) ? (
            t(`quantity.${CHANNEL_UNIT[row.channel]}`, { count: row.quantity })
          ) : row.outcome && row.outcome !== "connected" ? (
            <Badge variant="muted">{t(`outcomes.${row.outcome}`)}</Badge>
          ) : (
            t("duration", { minutes: Math.floor((row.durationSeconds ?? 0) / 60), seconds: (row.durationSeconds ?? 0) % 60 })
          );
          return (
            <TableRow key={row.id} data-testid="usage-row" data-channel={row.channel} data-outcome={row.outcome ?? undefined}>
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
                <span data-testid="usage-detail">{detail}</span>
              </TableCell>
              <TableCell className="text-right">
                {/* On a phone the detail column is left out and its words sit under the charge they explain. */}
                <div className="grid justify-items-end gap-1">
                  <span className="tabular font-medium whitespace-nowrap" data-testid="usage-charge">
                    {formatMoney(row.charge, currency, locale)}
                  </span>
                  <span className="text-xs text-muted-foreground md:hidden" data-testid="usage-detail">
                    {detail}
                  </span>
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
