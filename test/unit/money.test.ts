import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AmountParseError,
  MAX_MICROS,
  MIN_MICROS,
  formatAmount,
  formatAmountShort,
  formatMoney,
  fromMajorUnits,
  fromMinorUnits,
  isCurrency,
  mulDivRoundHalfUp,
  multiplyByQuantity,
  parseAmount,
  safeParseAmount,
  toMinorUnits,
} from "@/lib/money";

const NBSP = "\u00a0";
const amounts = fc.bigInt({ min: MIN_MICROS, max: MAX_MICROS });

describe("parseAmount", () => {
  it.each([
    ["12.50", 12_500_000n],
    ["-3", -3_000_000n],
    ["0.000001", 1n],
    ["0", 0n],
    ["-0", 0n],
    ["007.5", 7_500_000n],
    ["9.700000", 9_700_000n],
    ["9223372036854.775807", MAX_MICROS],
    ["-9223372036854.775808", MIN_MICROS],
  ])("%s → %d micro-units", (text, micros) => {
    expect(parseAmount(text)).toBe(micros);
  });

  it.each([
    ["", "empty"],
    ["+1", "syntax"],
    ["-", "syntax"],
    [".5", "syntax"],
    ["5.", "syntax"],
    ["1e3", "syntax"],
    ["1E-2", "syntax"],
    [" 1", "syntax"],
    ["1 ", "syntax"],
    ["1,50", "syntax"],
    ["1_000", "syntax"],
    ["--1", "syntax"],
    ["0x10", "syntax"],
    ["Infinity", "syntax"],
    ["NaN", "syntax"],
    ["١٢", "syntax"],
    ["1.0000001", "too_many_decimals"],
    ["0.0000000", "too_many_decimals"],
    ["9223372036854.775808", "out_of_range"],
    ["1".repeat(5000), "out_of_range"],
  ])("rejects %j (%s)", (text, reason) => {
    expect(() => parseAmount(text)).toThrow(AmountParseError);
    const result = safeParseAmount(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.message).toMatch(/\S/);
    }
  });

  it("rejects non-strings without throwing from safeParseAmount", () => {
    expect(safeParseAmount(12.5)).toMatchObject({ ok: false, error: { reason: "not_a_string" } });
    expect(safeParseAmount(null)).toMatchObject({ ok: false, error: { reason: "not_a_string" } });
  });

  it("the error says what is wrong", () => {
    expect(() => parseAmount("1.1234567")).toThrow('"1.1234567" has more than 6 decimal places.');
  });
});

describe("formatAmount / formatAmountShort", () => {
  it.each([
    [9_700_000n, "9.700000", "9.70"],
    [-500_000n, "-0.500000", "-0.50"],
    [0n, "0.000000", "0.00"],
    [10_000_000n, "10.000000", "10.00"],
    [7_900n, "0.007900", "0.0079"],
    [1n, "0.000001", "0.000001"],
    [-1_234_567_891n, "-1234.567891", "-1234.567891"],
    [100_000n, "0.100000", "0.10"],
    [MIN_MICROS, "-9223372036854.775808", "-9223372036854.775808"],
  ])("%d → %s / %s", (micros, full, short) => {
    expect(formatAmount(micros)).toBe(full);
    expect(formatAmountShort(micros)).toBe(short);
  });
});

describe("parse and format properties", () => {
  it("parse ∘ format is the identity on every storable amount, both forms", () => {
    fc.assert(
      fc.property(amounts, (micros) => {
        expect(parseAmount(formatAmount(micros))).toBe(micros);
        expect(parseAmount(formatAmountShort(micros))).toBe(micros);
      }),
    );
  });

  // Any accepted spelling (leading zeros, 0–6 decimals, "-0") formats to one canonical string.
  const spelling = fc.record({
    negative: fc.boolean(),
    leadingZeros: fc.nat({ max: 3 }),
    whole: fc.bigInt({ min: 0n, max: 9_000_000_000_000n }),
    fraction: fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 6 }),
  });

  it("format ∘ parse gives the canonical six-decimal form", () => {
    fc.assert(
      fc.property(spelling, ({ negative, leadingZeros, whole, fraction }) => {
        const text = `${negative ? "-" : ""}${"0".repeat(leadingZeros)}${whole}${fraction ? `.${fraction}` : ""}`;
        const isZero = whole === 0n && /^0*$/.test(fraction);
        const canonical = `${negative && !isZero ? "-" : ""}${whole}.${fraction.padEnd(6, "0")}`;
        expect(formatAmount(parseAmount(text))).toBe(canonical);
      }),
    );
  });

  it("rejects every amount with more than six decimals", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 7, maxLength: 30 }),
        (whole, fraction) => {
          const result = safeParseAmount(`${whole}.${fraction}`);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.reason).toBe("too_many_decimals");
        },
      ),
    );
  });

  it("arbitrary text is either a plain decimal or an AmountParseError, never anything else", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = safeParseAmount(text);
        if (result.ok) expect(text).toMatch(/^-?\d+(\.\d{1,6})?$/);
        else expect(result.error).toBeInstanceOf(AmountParseError);
      }),
    );
  });
});

describe("mulDivRoundHalfUp", () => {
  it.each([
    [5n, 1n, 2n, 3n], // 2.5 → 3
    [-5n, 1n, 2n, -3n], // −2.5 → −3: ties go away from zero
    [5n, -1n, 2n, -3n],
    [5n, 1n, -2n, -3n],
    [-5n, 1n, -2n, 3n],
    [7n, 1n, 3n, 2n], // 2.33 → 2
    [-7n, 1n, 3n, -2n],
    [8n, 1n, 3n, 3n], // 2.67 → 3
    [-8n, 1n, 3n, -3n],
    [0n, 123n, 7n, 0n],
    [61n, 100_000n, 60n, 101_667n], // 61 s at $0.10/min, 1-second increment
  ])("%d × %d ÷ %d = %d", (a, b, c, expected) => {
    expect(mulDivRoundHalfUp(a, b, c)).toBe(expected);
  });

  it("refuses to divide by zero", () => {
    expect(() => mulDivRoundHalfUp(1n, 1n, 0n)).toThrow(RangeError);
  });

  // Reference, straight from the definition on exact rationals: r is the nearest integer to
  // ab/c (|ab − rc| ≤ |c|/2), and on a tie it is the one farther from zero.
  it("matches the exact rational definition of round-half-away-from-zero", () => {
    const big = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    const divisor = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((c) => c !== 0n);
    fc.assert(
      fc.property(big, big, divisor, (a, b, c) => {
        const r = mulDivRoundHalfUp(a, b, c);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        const twiceError = 2n * abs(a * b - r * c);
        expect(twiceError <= abs(c)).toBe(true);
        if (twiceError === abs(c)) expect(abs(r * c) > abs(a * b)).toBe(true);
        expect(mulDivRoundHalfUp(-a, b, c)).toBe(-r); // symmetric: reversals cancel exactly
      }),
    );
  });
});

describe("conversions and arithmetic", () => {
  it("multiplies a unit price by a whole quantity exactly", () => {
    expect(multiplyByQuantity(7_900n, 3)).toBe(23_700n); // 3 SMS segments at $0.0079
    expect(multiplyByQuantity(7_900n, 10_000n)).toBe(79_000_000n);
    expect(() => multiplyByQuantity(7_900n, 1.5)).toThrow(RangeError);
    expect(() => multiplyByQuantity(7_900n, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it("converts major and minor units", () => {
    expect(fromMajorUnits(10)).toBe(10_000_000n);
    expect(fromMajorUnits(-3n)).toBe(-3_000_000n);
    expect(() => fromMajorUnits(0.5)).toThrow(RangeError);
    expect(fromMinorUnits(2_500, "USD")).toBe(25_000_000n);
    expect(fromMinorUnits(50_000n, "INR")).toBe(500_000_000n);
    expect(toMinorUnits(25_000_000n, "USD")).toBe(2_500n);
    expect(toMinorUnits(500_000_000n, "INR")).toBe(50_000n);
    expect(() => toMinorUnits(7_900n, "USD")).toThrow(RangeError);
  });

  it("minor-unit conversion round-trips", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.constantFrom("USD", "INR" as const), (cents, currency) => {
        expect(toMinorUnits(fromMinorUnits(cents, currency), currency)).toBe(cents);
      }),
    );
  });

  it("knows its currencies", () => {
    expect(isCurrency("USD")).toBe(true);
    expect(isCurrency("INR")).toBe(true);
    expect(isCurrency("EUR")).toBe(false);
    expect(isCurrency("usd")).toBe(false);
  });
});

describe("formatMoney", () => {
  it.each([
    [10_000_000n, "USD", "en", "$10.00"],
    [10_000_000n, "USD", "es", `10,00${NBSP}US$`],
    [500_000_000n, "INR", "en-IN", "₹500.00"],
    [7_900n, "USD", "en", "$0.0079"], // sub-cent prices keep their digits
    [7_900n, "USD", "es", `0,0079${NBSP}US$`],
    [1n, "USD", "en", "$0.000001"],
    [-500_000n, "USD", "en", "-$0.50"],
    [0n, "USD", "en", "$0.00"],
    [12_345_678_500_000n, "INR", "en-IN", "₹1,23,45,678.50"], // lakh grouping
    [MAX_MICROS, "USD", "en", "$9,223,372,036,854.775807"], // past 2⁵³: every digit survives
  ])("%d %s in %s → %s", (micros, currency, locale, expected) => {
    expect(formatMoney(micros, currency as "USD" | "INR", locale)).toBe(expected);
  });

  it("shows exactly the digits of the short form, whatever the size", () => {
    fc.assert(
      fc.property(amounts, (micros) => {
        const shown = formatMoney(micros, "USD", "en").replace(/[$,]/g, "");
        expect(shown).toBe(formatAmountShort(micros));
      }),
    );
  });
});
