import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeading, TableRow } from "@/components/ui/table";
import { auditActionKey } from "@/lib/audit/actions";
import type { AuditEventRow } from "@/lib/audit/read";
import { formatMoney, isCurrency, parseAmount } from "@/lib/money";
import { brandName } from "@/lib/payments/card-brand";

/**
 * Audit rows, newest first: when, who (staff visits marked), what, and what changed. The owner's
 * Settings → Audit log and the support console show the same table; `workspaceNames` adds a
 * workspace column for the console's cross-workspace view.
 */
export async function AuditTable({
  events,
  timeZone,
  caption,
  workspaceNames,
}: {
  events: AuditEventRow[];
  timeZone: string;
  caption: string;
  workspaceNames?: Map<string, string>;
}) {
  const t = await getTranslations("auditLog");
  const format = await getFormatter();
  const locale = await getLocale();
  const label = (action: string) => (t.has(`actions.${auditActionKey(action)}`) ? t(`actions.${auditActionKey(action)}`) : action);
  const field = (name: string) => (t.has(`fields.${name}`) ? t(`fields.${name}`) : name);

  if (events.length === 0) {
    return (
      <p className="px-4 py-6 text-sm text-muted-foreground sm:px-6" data-testid="audit-empty">
        {t("empty")}
      </p>
    );
  }
  return (
    <Table data-testid="audit-table">
      <TableHeading caption={caption}>
        <TableHead>{t("when")}</TableHead>
        <TableHead>{t("what")}</TableHead>
        <TableHead className="hidden md:table-cell">{t("who")}</TableHead>
      </TableHeading>
      <TableBody>
        {events.map((event) => {
          const who = actorLabel(event, t("system"));
          const changes = describeChanges(event.changes, field, locale, {
            yes: t("yes"),
            no: t("no"),
            date: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "medium", timeZone }),
          });
          const refused = event.action === "impersonation.refused" && event.target && t.has(`refused.${event.target}`) ? t(`refused.${event.target}`) : null;
          return (
            <TableRow key={event.id} data-testid="audit-row" data-action={event.action}>
              <TableCell className="align-top whitespace-nowrap">
                <time dateTime={event.createdAt.toISOString()} className="grid gap-0.5">
                  <span>{format.dateTime(event.createdAt, { dateStyle: "medium", timeZone })}</span>
                  <span className="text-xs text-muted-foreground">{format.dateTime(event.createdAt, { timeStyle: "medium", timeZone })}</span>
                </time>
              </TableCell>
              <TableCell className="align-top">
                <div className="grid gap-1">
                  <span className="flex flex-wrap items-center gap-2 font-medium">
                    {label(event.action)}
                    {event.impersonationId ? <Badge variant="warning">{t("supportVisit")}</Badge> : null}
                  </span>
                  {workspaceNames && event.workspaceId ? (
                    <span className="text-xs text-muted-foreground">{workspaceNames.get(event.workspaceId) ?? event.workspaceId}</span>
                  ) : null}
                  {event.reason ? <span className="text-sm break-words">{t("reason", { reason: event.reason })}</span> : null}
                  {refused ? <span className="text-sm">{refused}</span> : null}
                  {changes.length ? (
                    <ul className="grid gap-0.5 text-xs text-muted-foreground">
                      {changes.map((line) => (
                        <li key={line} className="break-all">
                          {line}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {/* Under md the actor column is hidden: shown here instead. */}
                  <span className="text-xs break-all text-muted-foreground md:hidden">{t("by", { who })}</span>
                </div>
              </TableCell>
              <TableCell className="hidden align-top md:table-cell">
                <div className="grid gap-0.5">
                  <span className="break-all">{who}</span>
                  {event.actorType === "staff" ? <span className="text-xs text-muted-foreground">{t("staff")}</span> : null}
                  {event.ip ? <span className="font-mono text-xs text-muted-foreground">{event.ip}</span> : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function actorLabel(event: AuditEventRow, system: string): string {
  return event.actorEmail ?? system;
}

/** "Threshold: $5.00 → $10.00", "Amount: $5.00": amounts in the row's currency, in the reader's language. */
function describeChanges(
  changes: unknown,
  field: (name: string) => string,
  locale: string,
  words: { yes: string; no: string; date: (value: Date) => string },
): string[] {
  if (!changes || typeof changes !== "object") return [];
  const { currency, ...rest } = changes as Record<string, unknown>;
  const show = (value: unknown, key?: string) => {
    if (typeof value === "boolean") return value ? words.yes : words.no;
    if (typeof value === "string" && ISO_TIME.test(value)) return words.date(new Date(value));
    if (key === "brand" && typeof value === "string") return brandName(value);
    return showValue(value, isCurrency(currency) ? (text: string) => formatMoney(parseAmount(text), currency, locale) : null);
  };
  return Object.entries(rest).map(([key, value]) => {
    if (value && typeof value === "object" && "to" in value) {
      const { from, to } = value as { from: unknown; to: unknown };
      return `${field(key)}: ${show(from)} → ${show(to)}`;
    }
    return `${field(key)}: ${show(value, key)}`;
  });
}

const DECIMAL_AMOUNT = /^-?\d+\.\d{6}$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function showValue(value: unknown, money: ((text: string) => string) | null): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" && money && DECIMAL_AMOUNT.test(value)) return money(value);
  if (typeof value === "object") {
    const card = value as { brand?: string; last4?: string };
    if (card.last4) return `${card.brand ? brandName(card.brand) : ""} •••• ${card.last4}`.trim();
    return JSON.stringify(value);
  }
  return String(value);
}
