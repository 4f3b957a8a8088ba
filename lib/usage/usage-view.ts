import "server-only";
import type { Channel } from "@/lib/rating/channels";
import { addDays, todayIn, usageByDay, type UsageSums } from "@/lib/usage/rollups";

// Reads behind the wallet's usage chart, from the daily rollups (docs/decisions/011). The
// workspace id comes from requireWorkspace, never from the client, and is always in `where`.

/** The chart's windows, in local days including today. */
export const USAGE_WINDOWS = [7, 30, 90] as const;
export type UsageWindow = (typeof USAGE_WINDOWS)[number];

export type UsageChartDay = { day: string; charges: Partial<Record<Channel, bigint>> };
export type UsageChart = {
  /** The longest window's days, oldest first; each shorter window is its tail. */
  days: UsageChartDay[];
  /** Per window: charge, events, quantity and billed seconds per channel. */
  totals: Record<UsageWindow, Partial<Record<Channel, UsageSums>>>;
};

/** Charges per local day and channel over the last 90 days, and each window's totals per channel. */
export async function getUsageChart(workspaceId: string, timeZone: string): Promise<UsageChart> {
  const longest = USAGE_WINDOWS[USAGE_WINDOWS.length - 1];
  const today = todayIn(timeZone);
  const rows = await usageByDay(workspaceId, { fromDay: addDays(today, 1 - longest), toDay: today });
  const byDay = new Map<string, UsageChartDay>();
  for (let offset = longest - 1; offset >= 0; offset--) {
    const day = addDays(today, -offset);
    byDay.set(day, { day, charges: {} });
  }
  const totals = Object.fromEntries(USAGE_WINDOWS.map((window) => [window, {}])) as UsageChart["totals"];
  for (const row of rows) {
    byDay.get(row.day)!.charges[row.channel] = row.charge;
    for (const window of USAGE_WINDOWS) {
      if (row.day < addDays(today, 1 - window)) continue;
      const sum = (totals[window][row.channel] ??= { events: 0, quantity: 0, seconds: 0, billedSeconds: 0, charge: 0n, trialCharge: 0n });
      sum.events += row.events;
      sum.quantity += row.quantity;
      sum.seconds += row.seconds;
      sum.billedSeconds += row.billedSeconds;
      sum.charge += row.charge;
      sum.trialCharge += row.trialCharge;
    }
  }
  return { days: [...byDay.values()], totals };
}
