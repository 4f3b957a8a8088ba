"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { Currency } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money/intl";
import type { Channel } from "@/lib/rating/channels";
import { CHANNEL_COLORS, type ChartDay } from "./usage-chart-data";

// Recharts is loaded on its own, after the page: only pages that chart download it, and the
// wallet's first load stays small. The totals and the table below are the page's content for
// everyone (and for screen readers, the whole of it: the drawing is hidden from them).
const UsageBarChart = dynamic(() => import("./usage-bar-chart"), {
  ssr: false,
  loading: () => <div className="h-60 animate-pulse rounded-lg bg-muted/60" />,
});

export type ChartTotals = { channel: Channel; name: string; charge: string; detail: string }[];

export type UsageChartProps = {
  currency: Currency;
  locale: string;
  windows: readonly number[];
  /** The longest window, oldest day first; a shorter window is the tail. Charges in micro-units, as strings. */
  days: ChartDay[];
  channels: { channel: Channel; name: string }[];
  /** Per window (as a string key): each channel's totals, formatted on the server from exact sums, and the grand total. */
  totals: Record<string, { rows: ChartTotals; total: string }>;
  labels: { windowGroup: string; window: string; total: string; tableCaption: string; day: string };
};

export function UsageChart({ currency, locale, windows, days, channels, totals, labels }: UsageChartProps) {
  const [window, setWindow] = useState(windows[1] ?? windows[0]);
  const shown = days.slice(-window);
  const current = totals[String(window)];
  const money = (micros: string | undefined) => formatMoney(BigInt(micros ?? "0"), currency, locale);
  return (
    <div className="grid gap-5" data-testid="usage-chart" data-from={shown[0]?.day} data-to={shown[shown.length - 1]?.day}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label={labels.windowGroup} className="inline-flex rounded-lg border border-border p-0.5">
          {windows.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={option === window}
              data-testid={`usage-window-${option}`}
              onClick={() => setWindow(option)}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground aria-pressed:bg-primary aria-pressed:text-primary-foreground"
            >
              {labels.window.replace("{days}", String(option))}
            </button>
          ))}
        </div>
        <div className="text-right">
          <div className="text-xs text-muted-foreground">{labels.total}</div>
          <div className="tabular text-xl font-semibold" data-testid="usage-chart-total">
            {current.total}
          </div>
        </div>
      </div>

      <div data-tour="usage-chart" aria-hidden className="h-60 w-full">
        <UsageBarChart days={shown} channels={channels} currency={currency} locale={locale} />
      </div>

      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="usage-by-channel">
        {current.rows.map((row) => (
          <li key={row.channel} className="grid gap-0.5 rounded-lg border border-border p-3" data-testid={`usage-chart-total-${row.channel}`}>
            <span className="flex items-center gap-2 text-xs text-muted-foreground">
              <span aria-hidden className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: CHANNEL_COLORS[row.channel] }} />
              {row.name}
            </span>
            <span className="tabular font-semibold" data-testid="usage-chart-charge">{row.charge}</span>
            <span className="text-xs text-muted-foreground">{row.detail}</span>
          </li>
        ))}
      </ul>

      {/* sr-only on the wrapper: a table ignores the 1px box and widened the phone page by 179 px. */}
      <div className="sr-only">
        <table data-testid="usage-chart-table">
          <caption>{labels.tableCaption.replace("{days}", String(window))}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.day}</th>
              {channels.map(({ channel, name }) => (
                <th key={channel} scope="col">{name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.label}</th>
                {channels.map(({ channel }) => (
                  <td key={channel}>{money(day.charges[channel])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
