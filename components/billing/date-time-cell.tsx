import { useFormatter } from "next-intl";
import { TableCell } from "@/components/ui/table";

/** A table cell with the date above the time, both in the workspace's time zone. */
export function DateTimeCell({ date, timeZone }: { date: Date; timeZone: string }) {
  const format = useFormatter();
  return (
    <TableCell className="whitespace-nowrap">
      <time dateTime={date.toISOString()} className="grid gap-0.5">
        <span>{format.dateTime(date, { dateStyle: "medium", timeZone })}</span>
        <span className="text-xs text-muted-foreground">{format.dateTime(date, { timeStyle: "short", timeZone })}</span>
      </time>
    </TableCell>
  );
}
