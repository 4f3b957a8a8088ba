"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Currency } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money/intl";
import type { Channel } from "@/lib/rating/channels";
import { CHANNEL_COLORS, type ChartDay } from "./usage-chart-data";

// The drawing of the wallet's usage chart: Recharts, imported only by this file, which
// usage-chart.tsx loads with next/dynamic so it is a chunk of its own.

export default function UsageBarChart({
  days,
  channels,
  currency,
  locale,
}: {
  days: ChartDay[];
  channels: { channel: Channel; name: string }[];
  currency: Currency;
  locale: string;
}) {
  // Heights only: the figures people read are formatted from the exact micro-units.
  const data = days.map((day) => ({
    label: day.label,
    ...Object.fromEntries(channels.map(({ channel }) => [channel, Number(day.charges[channel] ?? "0") / 1_000_000])),
    micros: day.charges,
  }));
  const axis = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (
    <ResponsiveContainer width="100%" height="100%">
      {/* No keyboard layer: the drawing is hidden from assistive technology (the table beside it is its accessible form). */}
      <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--color-border, #e5e7eb)" />
        <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} minTickGap={16} />
        <YAxis tickLine={false} axisLine={false} fontSize={11} width={52} tickFormatter={(value: number) => axis.format(value)} />
        <Tooltip
          cursor={{ fill: "rgba(0,0,0,0.04)" }}
          formatter={(_value, name, item) => {
            const channel = String(item.dataKey) as Channel;
            const micros = (item.payload as { micros: Partial<Record<Channel, string>> }).micros[channel] ?? "0";
            return [formatMoney(BigInt(micros), currency, locale), name];
          }}
        />
        {channels.map(({ channel, name }) => (
          <Bar key={channel} dataKey={channel} name={name} stackId="usage" fill={CHANNEL_COLORS[channel]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
