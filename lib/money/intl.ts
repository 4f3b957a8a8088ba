import type { Currency, Micros } from "./currency";
import { DECIMALS, formatAmount } from "./decimal";

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * For people: `$10.00`, `10,00 US$`, `₹500.00`, `$0.0079`. Two decimals, up to six when the
 * amount has sub-cent digits. Intl receives the exact decimal string, not a Number, so amounts
 * beyond 2⁵³ micro-units print every digit (Intl.NumberFormat accepts decimal strings since
 * ES2023 and formats them exactly).
 */
export function formatMoney(micros: Micros, currency: Currency, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: DECIMALS,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(formatAmount(micros) as Intl.StringNumericLiteral);
}
