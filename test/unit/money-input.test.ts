import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyInput, parseMoneyInput } from "@/lib/money";
import { moneyField } from "@/lib/money/field";

const usd = (cents: bigint) => cents * 10_000n;

describe("money fields: shown in the viewer's language, read back exactly", () => {
  it("shows the page's decimal separator and no grouping", () => {
    expect(formatMoneyInput(usd(500n), "en")).toBe("5.00");
    expect(formatMoneyInput(usd(500n), "es")).toBe("5,00");
    expect(formatMoneyInput(usd(123456789n), "es")).toBe("1234567,89");
    expect(formatMoneyInput(usd(123456789n), "en-US")).toBe("1234567.89");
    expect(formatMoneyInput(usd(50n), "es-MX")).toBe("0.50"); // Mexican Spanish writes a point, as Intl says
    // …agreeing with the amounts around the field.
    expect(formatMoney(usd(500n), "USD", "es")).toMatch(/^5,00\sUS\$$/);
  });

  it("reads what people type in either language: 25, 25.50, 25,50; refuses grouping rather than guess", () => {
    expect(parseMoneyInput("25")).toEqual({ ok: true, value: usd(2500n) });
    expect(parseMoneyInput("25,5")).toEqual({ ok: true, value: usd(2550n) });
    expect(parseMoneyInput(" $25.50 ")).toEqual({ ok: true, value: usd(2550n) });
    expect(parseMoneyInput("1.000")).toEqual({ ok: false, error: "amount_invalid" });
    expect(parseMoneyInput("1,000.00")).toEqual({ ok: false, error: "amount_invalid" });
    expect(parseMoneyInput("-5")).toEqual({ ok: false, error: "amount_negative" });
    expect(parseMoneyInput("")).toEqual({ ok: false, error: "amount_required" });
  });

  it("refuses text longer than any amount before reading it; the server's zod field says the same", () => {
    const padded = `${" ".repeat(30)}25`; // 32 characters: still an amount
    expect(parseMoneyInput(padded)).toEqual({ ok: true, value: usd(2500n) });
    expect(parseMoneyInput(` ${padded}`)).toEqual({ ok: false, error: "amount_invalid" });
    expect(moneyField.safeParse(` ${padded}`).error?.issues[0].message).toBe("amount_invalid");
    expect(moneyField.safeParse(padded).data).toBe(usd(2500n));
  });

  it("round trip: any whole-cent amount, shown in en, es or es-MX, parses back to itself", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 99_999_999_999_99n }), fc.constantFrom("en", "es", "es-MX", "en-IN"), (cents, locale) => {
        expect(parseMoneyInput(formatMoneyInput(usd(cents), locale))).toEqual({ ok: true, value: usd(cents) });
      }),
      { numRuns: 2_000 },
    );
  });
});
