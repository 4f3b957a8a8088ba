// The top-up and auto-recharge limits have one home each (lib/payments/limits.ts,
// lib/auto-recharge/limits.ts): what the server refuses and what the forms hint come from them,
// with the message key and values a form translates.
import { describe, expect, it } from "vitest";
import { autoRechargeProblems, thresholdBelowCallMinimum } from "@/lib/auto-recharge/limits";
import { formatMessageValues } from "@/lib/errors";
import { toMinorUnits } from "@/lib/money";
import { TOP_UP_LIMITS, topUpAmountProblem } from "@/lib/payments/limits";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));

describe("top-up limits", () => {
  it("top-up limits are ordered and whole cents", () => {
    for (const currency of ["USD", "INR"] as const) {
      const { min, max } = TOP_UP_LIMITS[currency];
      expect(min > 0n && min < max).toBe(true);
      expect(() => toMinorUnits(min, currency)).not.toThrow();
      expect(() => toMinorUnits(max, currency)).not.toThrow();
    }
  });
  it("$5.00 to $10,000.00 and ₹250.00 to ₹500,000.00, in whole cents", () => {
    expect(topUpAmountProblem(usd(5), "USD")).toBeNull();
    expect(topUpAmountProblem(usd(10_000), "USD")).toBeNull();
    expect(topUpAmountProblem(usd(250), "INR")).toBeNull();
    const low = topUpAmountProblem(usd(4.99), "USD")!;
    expect(low).toMatchObject({ code: "invalid_field", field: "amount", message: "Top-ups must be between $5.00 and $10,000.00" });
    expect(low.translation.key).toBe("top_up_out_of_range");
    expect(formatMessageValues(low.translation.values, "en")).toEqual({ min: "$5.00", max: "$10,000.00" });
    expect(topUpAmountProblem(usd(249.99), "INR")?.message).toContain("₹250.00");
    expect(topUpAmountProblem(usd(25) + 1n, "USD")).toMatchObject({ field: "amount", message: "Enter the amount in whole cents (at most 2 decimals)" });
  });
});

describe("auto-recharge limits", () => {
  const valid = { threshold: usd(5), amount: usd(25), monthlyCap: usd(500) };

  it("accepts the boundaries: the minimum amount, a zero threshold, a cap equal to the amount", () => {
    expect(autoRechargeProblems(valid, "USD")).toEqual([]);
    expect(autoRechargeProblems({ threshold: 0n, amount: usd(5), monthlyCap: usd(5) }, "USD")).toEqual([]);
  });

  it("lists every problem at once, first field first, each with its message key", () => {
    const problems = autoRechargeProblems({ threshold: usd(10_000.01), amount: usd(4.99), monthlyCap: usd(1_000_000.01) }, "USD");
    expect(problems.map((problem) => [problem.field, problem.translation.key])).toEqual([
      ["amount", "auto_recharge_amount_range"],
      ["threshold", "auto_recharge_threshold_range"],
      ["monthlyCap", "auto_recharge_cap_too_large"],
    ]);
    expect(formatMessageValues(problems[2].translation.values, "es")).toEqual({ max: "1.000.000,00\u00a0US$" });
    expect(autoRechargeProblems({ ...valid, monthlyCap: usd(24.99) }, "USD").map((problem) => problem.translation.key)).toEqual([
      "auto_recharge_cap_below_amount",
    ]);
    expect(autoRechargeProblems({ ...valid, threshold: 5_000n }, "USD")).toMatchObject([{ field: "threshold", message: "Enter the amount in whole cents (at most 2 decimals)" }]);
  });

  it("warns of a threshold under the call minimum only while WhatsApp calling is on (R3)", () => {
    expect(thresholdBelowCallMinimum(usd(9.99), usd(10), true)).toBe(true);
    expect(thresholdBelowCallMinimum(usd(10), usd(10), true)).toBe(false);
    expect(thresholdBelowCallMinimum(usd(9.99), usd(10), false)).toBe(false);
  });
});
