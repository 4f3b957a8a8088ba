import { getLocale, getTranslations } from "next-intl/server";
import { dayLabel } from "@/components/billing/usage-days-table";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import type { Currency } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";

export type CallDayRow = { day: string; placed: number; connected: number; billedSeconds: number; charge: bigint; trialCharge: bigint };

/** The WhatsApp calls view: outbound calls per day, what they cost and who paid (trial credit or paid balance, R8). */
export async function WhatsappCallsTable({ rows, currency, caption }: { rows: CallDayRow[]; currency: Currency; caption: string }) {
  const t = await getTranslations("usage.calls");
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const minutes = (seconds: number) => t("minutesValue", { minutes: seconds / 60 });
  const total = rows.reduce(
    (sum, row) => ({
      placed: sum.placed + row.placed,
      connected: sum.connected + row.connected,
      billedSeconds: sum.billedSeconds + row.billedSeconds,
      charge: sum.charge + row.charge,
      trialCharge: sum.trialCharge + row.trialCharge,
    }),
    { placed: 0, connected: 0, billedSeconds: 0, charge: 0n, trialCharge: 0n },
  );
  const cells = (row: Omit<CallDayRow, "day">, testId?: string) => (
    <>
      <TableCell className="tabular hidden text-right md:table-cell" data-testid={testId && `${testId}-placed`}>{row.placed.toLocaleString(locale)}</TableCell>
      <TableCell className="tabular hidden text-right md:table-cell" data-testid={testId && `${testId}-connected`}>{row.connected.toLocaleString(locale)}</TableCell>
      <TableCell className="tabular hidden text-right md:table-cell" data-testid={testId && `${testId}-minutes`}>{minutes(row.billedSeconds)}</TableCell>
      <TableCell className="tabular hidden text-right md:table-cell" data-testid={testId && `${testId}-trial`}>{money(row.trialCharge)}</TableCell>
      <TableCell className="tabular hidden text-right md:table-cell" data-testid={testId && `${testId}-paid`}>{money(row.charge - row.trialCharge)}</TableCell>
      <TableCell className="text-right">
        <div className="grid justify-items-end gap-0.5">
          <span className="tabular font-medium whitespace-nowrap" data-testid={testId && `${testId}-cost`}>{money(row.charge)}</span>
          {/* On a phone: who paid, under the cost. */}
          <span className="text-xs text-muted-foreground md:hidden">
            {t("paidBy", { trial: money(row.trialCharge), paid: money(row.charge - row.trialCharge) })}
          </span>
        </div>
      </TableCell>
    </>
  );
  const phoneCounts = (row: Omit<CallDayRow, "day">) => (
    <span className="block text-xs font-normal text-muted-foreground md:hidden">
      {t("counts", { placed: row.placed, connected: row.connected })} · {t("minutesBilled", { minutes: row.billedSeconds / 60 })}
    </span>
  );
  return (
    <Table data-testid="whatsapp-calls">
      <TableHeading caption={caption}>
        <TableHead>{t("day")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("placed")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("connected")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("minutes")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("trial")}</TableHead>
        <TableHead className="hidden text-right md:table-cell">{t("paid")}</TableHead>
        <TableHead className="text-right">{t("cost")}</TableHead>
      </TableHeading>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.day} data-testid="whatsapp-calls-row" data-day={row.day}>
            <TableCell>
              {/* Only the date keeps to one line: the phone's counts under it wrap, so a Spanish row fits 390 px. */}
              <span className="whitespace-nowrap">{dayLabel(row.day, locale)}</span>
              {phoneCounts(row)}
            </TableCell>
            {cells(row)}
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow className="hover:bg-transparent">
          <TableCell className="font-medium">
            {t("total")}
            {phoneCounts(total)}
          </TableCell>
          {cells(total, "calls-total")}
        </TableRow>
      </TableFooter>
    </Table>
  );
}
