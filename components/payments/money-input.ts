import { formatAmountShort, parseAmount, type Micros } from "@/lib/money";

export type MoneyInputError = "amount_required" | "amount_invalid" | "amount_negative";
export type MoneyInputResult = { ok: true; value: Micros } | { ok: false; error: MoneyInputError };

// What a person types: digits, then optionally one decimal separator and one or two digits. A
// comma is accepted as the separator because Spanish writes "25,50"; grouping separators are
// not, so "1,000" is refused rather than guessed. Leading currency signs and spaces are allowed.
const AMOUNT = /^(\d{1,12})(?:[.,](\d{1,2}))?$/;

/**
 * Parses an amount typed in a money field into micro-units, exactly: the text is normalised to
 * a plain decimal string and handed to `parseAmount`, never through a float. Shared by the
 * forms (to say what is wrong before sending) and the server actions (which decide).
 */
export function parseMoneyInput(text: string): MoneyInputResult {
  const value = text.trim().replace(/^[$₹]\s*/, "");
  if (value === "") return { ok: false, error: "amount_required" };
  if (value.startsWith("-")) return { ok: false, error: "amount_negative" };
  const match = AMOUNT.exec(value);
  if (!match) return { ok: false, error: "amount_invalid" };
  const [, whole, fraction] = match;
  return { ok: true, value: parseAmount(fraction === undefined ? whole : `${whole}.${fraction}`) };
}

/** Micro-units to what a money field shows: "25.00", "0.50". */
export function moneyInputValue(micros: Micros): string {
  return formatAmountShort(micros);
}
