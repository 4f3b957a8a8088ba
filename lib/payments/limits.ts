import { AppError } from "@/lib/errors";
import { formatMoney, fromMajorUnits, toMinorUnits, type Currency, type Micros } from "@/lib/money";

// How much one card payment may be: the one home of the top-up limits, which a recharge amount
// obeys too (lib/auto-recharge/limits.ts). lib/payments/top-ups.ts refuses what breaks them;
// the Add funds dialog runs the same check for its hint before sending. Pure, no server code.

/**
 * Bounds of one top-up. The floor keeps card fees sensible and is half the call minimum; the
 * ceiling limits the damage of a stolen card or a typo. INR uses the same 1:50 ratio the plan
 * minimums use ($10 ↔ ₹500) rather than an exchange rate, so the plans stay parallel.
 */
export const TOP_UP_LIMITS: Record<Currency, { min: Micros; max: Micros }> = {
  USD: { min: fromMajorUnits(5), max: fromMajorUnits(10_000) },
  INR: { min: fromMajorUnits(250), max: fromMajorUnits(500_000) },
};

/** A card is charged in cents or paise: the amount credited must be exactly what was charged. */
export function wholeMinorUnits(amount: Micros, field: string, currency: Currency): AppError | null {
  try {
    toMinorUnits(amount, currency);
    return null;
  } catch {
    return new AppError("invalid_field", `Enter the amount in whole ${currency === "INR" ? "paise" : "cents"} (at most 2 decimals)`, field);
  }
}

/** What is wrong with a top-up of `amount`, or null: inside the currency's bounds, in whole cents. */
export function topUpAmountProblem(amount: Micros, currency: Currency): AppError | null {
  const { min, max } = TOP_UP_LIMITS[currency];
  if (amount < min || amount > max) {
    return new AppError("invalid_field", `Top-ups must be between ${formatMoney(min, currency, "en")} and ${formatMoney(max, currency, "en")}`, "amount", {
      key: "top_up_out_of_range",
      values: { min: { amount: min, currency }, max: { amount: max, currency } },
    });
  }
  return wholeMinorUnits(amount, "amount", currency);
}
