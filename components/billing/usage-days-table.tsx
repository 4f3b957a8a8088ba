import { getLocale, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import type { Channel, Currency } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { CHANNEL_UNIT, isTimedChannel } from "@/lib/rating/channels";

export type UsageDayRow = { day: string; channel: Channel; events: number; quantity: number; billedSeconds: number; charge: bigint };

/** A local calendar day ("2026-11-30") in words, read as the day itself (no time zone shift). */
export function dayLabel(day: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** The Usage screen's per-day view: one row per day and channel, read from the daily rollups. */
export async function UsageDaysTable({ rows, currency, caption }: { rows: UsageDayRow[]; currency: Currency; caption: string }) {
  const t = await getTranslations("usage.days");
  const table = await getTranslations("usageTable");
  const channels = await getTranslations("channelNames");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const amount = (row: Pick<UsageDayRow, "channel" | "quantity" | "billedSeconds">) =>
    isTimedChannel(row.channel)
      ? t("billedMinutes", { minutes: row.billedSeconds / 60 })
      : table(`quantity.${CHANNEL_UNIT[row.channel]}`, { count: row.quantity });
  const total = rows.reduce((sum, row) => sum + row.charge, 0n);
  const events = rows.reduce((sum, row) => sum + row.events, 0);
  return (
    <Table data-testid="usage-days">
      <TableHeading caption={caption}>
        <TableHead>{t("day")}</TableHead>
        <TableHead>{t("channel")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("events")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("amount")}</TableHead>
        <TableHead className="text-right">{t("charge")}</TableHead>
      </TableHeading>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.day}-${row.channel}`} data-testid="usage-day-row" data-day={row.day} data-channel={row.channel}>
            <TableCell className="whitespace-nowrap">{dayLabel(row.day, locale)}</TableCell>
            <TableCell>
              <div className="grid gap-0.5">
                <span className="font-medium">{channels(row.channel)}</span>
                {/* On a phone the counts sit under the channel they belong to. */}
                <span className="text-xs text-muted-foreground md:hidden">
                  {t("eventsCount", { count: row.events })} · {amount(row)}
                </span>
              </div>
            </TableCell>
            <TableCell className="tabular hidden text-right md:table-cell">{row.events.toLocaleString(locale)}</TableCell>
            <TableCell className="tabular hidden text-right text-muted-foreground md:table-cell">{amount(row)}</TableCell>
            <TableCell className="tabular text-right font-medium whitespace-nowrap" data-testid="usage-day-charge">
              {money(row.charge)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow className="hover:bg-transparent">
          <TableCell colSpan={2} className="font-medium">
            {t("total")}
            <span className="block text-xs font-normal text-muted-foreground md:hidden">{t("eventsCount", { count: events })}</span>
          </TableCell>
          <TableCell className="tabular hidden text-right font-medium md:table-cell">{events.toLocaleString(locale)}</TableCell>
          <TableCell className="hidden md:table-cell" />
          <TableCell className="tabular text-right font-semibold whitespace-nowrap" data-testid="usage-days-total">
            {money(total)}
          </TableCell>
        </TableRow>
      </TableFooter>
    </Table>
  );
}
