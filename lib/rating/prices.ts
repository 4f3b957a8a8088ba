import "server-only";
import { db } from "@/lib/db";
import type { Channel, Currency, Direction } from "@/lib/generated/prisma/enums";

export type PriceRow = {
  id: string;
  channel: Channel;
  direction: Direction;
  unit: string;
  unitPrice: bigint;
  billingIncrementSeconds: number | null;
  validFrom: Date;
};

/** Every price row of a currency, newest first: a whole price book, for rating a batch. */
export async function loadPriceBook(currency: Currency): Promise<PriceBook> {
  const rows = await db.price.findMany({
    where: { currency },
    orderBy: { validFrom: "desc" },
    select: { id: true, channel: true, direction: true, unit: true, unitPrice: true, billingIncrementSeconds: true, validFrom: true },
  });
  return new PriceBook(rows);
}

export class PriceBook {
  private readonly byPair = new Map<string, PriceRow[]>();

  constructor(rows: PriceRow[]) {
    for (const row of rows) {
      const key = `${row.channel}:${row.direction}`;
      const list = this.byPair.get(key) ?? [];
      list.push(row);
      this.byPair.set(key, list);
    }
  }

  /**
   * The price in force when the event occurred: the newest row not after it. An event older
   * than the whole book takes the oldest row (there is no earlier price to apply).
   */
  priceAt(channel: Channel, direction: Direction, at: Date): PriceRow {
    const rows = this.byPair.get(`${channel}:${direction}`);
    if (!rows?.length) throw new Error(`No price for ${channel}/${direction}`);
    return rows.find((row) => row.validFrom <= at) ?? rows[rows.length - 1];
  }

  /** The rows in force now, one per (channel, direction). */
  current(now = new Date()): PriceRow[] {
    return [...this.byPair.values()].map((rows) => rows.find((row) => row.validFrom <= now) ?? rows[rows.length - 1]);
  }
}

export async function getCurrencyPlan(currency: Currency) {
  return db.currencyPlan.findUniqueOrThrow({ where: { currency } });
}
