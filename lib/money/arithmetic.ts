/** A unit price (micro-units) times a whole quantity. Exact: bigint products never round. */
export function multiplyByQuantity(unitPrice: bigint, quantity: bigint | number): bigint {
  return unitPrice * toBigInt(quantity, "quantity");
}

/**
 * `a × b ÷ c`, rounded to the nearest integer with ties going away from zero
 * (2.5 → 3, −2.5 → −3: the same as PostgreSQL's `round(numeric)` and Java's `HALF_UP`).
 * Symmetric on purpose: the reversal of an amount rounds to exactly minus that amount.
 */
export function mulDivRoundHalfUp(a: bigint, b: bigint, c: bigint): bigint {
  if (c === 0n) throw new RangeError("mulDivRoundHalfUp: division by zero");
  let numerator = a * b;
  let divisor = c;
  if (divisor < 0n) {
    numerator = -numerator;
    divisor = -divisor;
  }
  // bigint division truncates toward zero and the remainder takes the numerator's sign.
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twiceRemainder < divisor) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** Accepts a bigint or a safe-integer number; anything else is a programming error. */
export function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return BigInt(value);
}
