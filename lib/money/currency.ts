import { toBigInt } from "./arithmetic";

/** Plan currencies. A workspace's currency is fixed at creation (India → INR). */
export const CURRENCIES = ["USD", "INR"] as const;
export type Currency = (typeof CURRENCIES)[number];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

/** An amount in micro-units: 10⁻⁶ of the currency unit. Never a float. */
export type Micros = bigint;

export const MICROS_PER_UNIT = 1_000_000n;

/**
 * PostgreSQL `bigint` bounds: every stored amount lives in one, so parsing refuses anything
 * outside (≈ ±9.2 trillion currency units).
 */
export const MAX_MICROS = 2n ** 63n - 1n;
export const MIN_MICROS = -(2n ** 63n);

/** Whole currency units (dollars, rupees) to micro-units. */
export function fromMajorUnits(units: bigint | number): Micros {
  return toBigInt(units, "units") * MICROS_PER_UNIT;
}

// Both plan currencies have two-decimal minor units (cents, paise); Stripe counts in them.
const MICROS_PER_MINOR_UNIT: Record<Currency, bigint> = { USD: 10_000n, INR: 10_000n };

/** Stripe-style minor units (cents, paise) to micro-units. */
export function fromMinorUnits(minor: bigint | number, currency: Currency): Micros {
  return toBigInt(minor, "minor units") * MICROS_PER_MINOR_UNIT[currency];
}

/**
 * Micro-units to minor units, for charging a card. Throws when the amount has sub-cent digits:
 * a card charge must be exactly the amount credited, so rounding here would be a silent bug.
 */
export function toMinorUnits(micros: Micros, currency: Currency): bigint {
  const per = MICROS_PER_MINOR_UNIT[currency];
  if (micros % per !== 0n) {
    throw new RangeError(`${micros} micro-units is not a whole number of ${currency} minor units`);
  }
  return micros / per;
}
