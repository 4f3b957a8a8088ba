import { apiMethods, apiRoute } from "@/lib/api/handler";
import { formatAmount } from "@/lib/money";
import { CHANNELS, DIRECTIONS } from "@/lib/rating/channels";
import { loadPriceBook } from "@/lib/rating/prices";
import { workspaceCurrency } from "@/lib/workspaces/currency";

const prices = apiRoute(async ({ caller }) => {
  const currency = await workspaceCurrency(caller.workspaceId);
  const book = await loadPriceBook(currency);
  const now = new Date();
  const prices = CHANNELS.flatMap((channel) =>
    DIRECTIONS.map((direction) => {
      const price = book.priceAt(channel, direction, now);
      return {
        channel,
        direction,
        unit: price.unit,
        unitPrice: price.unitPrice === 0n ? "0" : formatAmount(price.unitPrice),
        billingIncrementSeconds: price.billingIncrementSeconds,
      };
    }),
  );
  return { body: { currency, prices } };
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: prices });
