import { MAX_MICROS, MICROS_PER_UNIT, MIN_MICROS, type Micros } from "./currency";

export const DECIMALS = 6;

export type AmountParseReason = "not_a_string" | "empty" | "syntax" | "too_many_decimals" | "out_of_range";

/** A money string the API cannot accept; `message` is a sentence fit for an API error. */
export class AmountParseError extends Error {
  constructor(
    readonly reason: AmountParseReason,
    message: string,
  ) {
    super(message);
    this.name = "AmountParseError";
  }
}

export type SafeParseAmountResult = { ok: true; value: Micros } | { ok: false; error: AmountParseError };

// Plain decimal notation only: optional minus, digits, optionally a dot and digits. No "+",
// exponents, whitespace, separators or bare dots, so every accepted string means one exact value.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses an API money string ("12.50", "-3", "0.000001") into micro-units. */
export function safeParseAmount(text: unknown): SafeParseAmountResult {
  const fail = (reason: AmountParseReason, message: string) =>
    ({ ok: false, error: new AmountParseError(reason, message) }) as const;

  if (typeof text !== "string") return fail("not_a_string", "An amount must be a decimal string such as \"12.50\".");
  if (text === "") return fail("empty", "An amount must not be empty.");
  const match = DECIMAL.exec(text);
  if (!match) return fail("syntax", `"${clip(text)}" is not a decimal amount such as "12.50".`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > DECIMALS) {
    return fail("too_many_decimals", `"${clip(text)}" has more than ${DECIMALS} decimal places.`);
  }
  // Reject huge inputs before BigInt() has to chew through them.
  if (whole.replace(/^0+/, "").length > 19) return fail("out_of_range", `"${clip(text)}" is too large.`);

  const magnitude = BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(DECIMALS, "0"));
  const value = sign === "-" ? -magnitude : magnitude;
  if (value > MAX_MICROS || value < MIN_MICROS) return fail("out_of_range", `"${clip(text)}" is too large.`);
  return { ok: true, value };
}

/** Like `safeParseAmount`, but throws `AmountParseError`. */
export function parseAmount(text: string): Micros {
  const result = safeParseAmount(text);
  if (!result.ok) throw result.error;
  return result.value;
}

/** The API form: exactly six decimals ("9.700000", "-0.500000", "0.000000"). */
export function formatAmount(micros: Micros): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  const whole = magnitude / MICROS_PER_UNIT;
  const fraction = (magnitude % MICROS_PER_UNIT).toString().padStart(DECIMALS, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/**
 * The short form for exact amounts such as minimums and thresholds: two decimals ("10.00"),
 * more only when the amount has sub-cent digits ("0.0079"). Never rounds.
 */
export function formatAmountShort(micros: Micros): string {
  return formatAmount(micros).replace(/(\.\d\d\d*?)0+$/, "$1");
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
