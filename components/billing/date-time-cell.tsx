import { useFormatter } from "next-intl";
import { cn } from "@/components/ui/cn";
import { TableCell } from "@/components/ui/table";

/** A table cell with the date above the time, both in the workspace's time zone. */
export function DateTimeCell({ date, timeZone, className }: { date: Date; timeZone: string; className?: string }) {
  const format = useFormatter();
  return (
    <TableCell className={cn("whitespace-nowrap", className)}>
      <time dateTime={date.toISOString()} className="grid gap-0.5">
        <span>{format.dateTime(date, { dateStyle: "medium", timeZone })}</span>
        <span className="text-xs text-muted-foreground">{format.dateTime(date, { timeStyle: "short", timeZone })}</span>
      </time>
    </TableCell>
  );
}
