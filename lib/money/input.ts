import { formatAmountShort, parseAmount } from "./decimal";
import type { Micros } from "./currency";

// Money fields: what a person types, and what a field shows, in the viewer's language. Both
// exact: text to micro-units through parseAmount, micro-units to text through the decimal
// string, never a float.

export type MoneyInputError = "amount_required" | "amount_invalid" | "amount_negative";
export type MoneyInputResult = { ok: true; value: Micros } | { ok: false; error: MoneyInputError };

// Digits, then optionally one decimal separator and one or two digits. Both "." and "," are
// taken as the separator (English writes "25.50", Spanish "25,50"); grouping separators are
// not, so "1,000" and "1.000" are refused rather than guessed. A leading $ or ₹ is allowed.
const AMOUNT = /^(\d{1,12})(?:[.,](\d{1,2}))?$/;

/** Longer than any amount a field accepts: refused before it is parsed. */
const MAX_INPUT_LENGTH = 32;

/**
 * Parses an amount typed in a money field into micro-units. Shared by the forms (to say what is
 * wrong before sending) and the server actions (which decide, through moneyField), so both say
 * the same thing. Plain code, no zod: the forms' bundles stay small.
 */
export function parseMoneyInput(text: string): MoneyInputResult {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, error: "amount_invalid" };
  const value = text.trim().replace(/^[$₹]\s*/, "");
  if (value === "") return { ok: false, error: "amount_required" };
  if (value.startsWith("-")) return { ok: false, error: "amount_negative" };
  const match = AMOUNT.exec(value);
  if (!match) return { ok: false, error: "amount_invalid" };
  const [, whole, fraction] = match;
  return { ok: true, value: parseAmount(fraction === undefined ? whole : `${whole}.${fraction}`) };
}

/**
 * Micro-units as a money field shows them to a viewer in `locale`: "25.00" in English, "25,00" in
 * Spanish — the page's own decimal separator, no grouping (so parseMoneyInput reads it back).
 */
export function formatMoneyInput(micros: Micros, locale: string): string {
  const text = formatAmountShort(micros);
  const separator = decimalSeparator(locale);
  return separator === "." ? text : text.replace(".", separator);
}

const separators = new Map<string, string>();

/** The locale's decimal separator, when parseMoneyInput reads it (else "."). */
function decimalSeparator(locale: string): string {
  let separator = separators.get(locale);
  if (separator === undefined) {
    const found = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value;
    separator = found === "," ? "," : ".";
    separators.set(locale, separator);
  }
  return separator;
}
