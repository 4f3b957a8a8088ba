import { AppError } from "@/lib/errors";
import { formatMoney, type Currency, type Micros } from "@/lib/money";
import { TOP_UP_LIMITS, wholeMinorUnits } from "@/lib/payments/limits";
import { paidCoversCallMinimum } from "@/lib/wallet/outbound";

// The settings an auto-recharge may have (R11): the one home of its limits. Saving refuses what
// breaks them (lib/auto-recharge/settings.ts); the form and the wallet say the same. Pure.

export type AutoRechargeAmounts = { threshold: Micros; amount: Micros; monthlyCap: Micros };

/** Every problem of the three amounts together, first field first (empty when they fit). */
export function autoRechargeProblems(input: AutoRechargeAmounts, currency: Currency): AppError[] {
  const { max, min } = TOP_UP_LIMITS[currency];
  const money = (amount: Micros) => formatMoney(amount, currency, "en");
  const amount = (micros: Micros) => ({ amount: micros, currency });
  const problems: (AppError | null)[] = (["threshold", "amount", "monthlyCap"] as const).map((field) =>
    wholeMinorUnits(input[field], field, currency),
  );
  // A recharge is a top-up the owner is not there to type.
  if (input.amount < min || input.amount > max) {
    problems.push(
      new AppError("invalid_field", `The recharge amount must be between ${money(min)} and ${money(max)}`, "amount", {
        key: "auto_recharge_amount_range",
        values: { min: amount(min), max: amount(max) },
      }),
    );
  }
  // A threshold above what one recharge may add is a typo, not a plan.
  if (input.threshold < 0n || input.threshold > max) {
    problems.push(
      new AppError("invalid_field", `The threshold must be between ${money(0n)} and ${money(max)}`, "threshold", {
        key: "auto_recharge_threshold_range",
        values: { max: amount(max) },
      }),
    );
  }
  if (input.monthlyCap < input.amount) {
    problems.push(new AppError("invalid_field", "The monthly cap must be at least the recharge amount", "monthlyCap", { key: "auto_recharge_cap_below_amount" }));
  } else if (input.monthlyCap > max * 100n) {
    // 100 recharges of the largest amount: beyond that a cap protects nobody.
    problems.push(
      new AppError("invalid_field", `The monthly cap can be at most ${money(max * 100n)}`, "monthlyCap", {
        key: "auto_recharge_cap_too_large",
        values: { max: amount(max * 100n) },
      }),
    );
  }
  return problems.filter((problem): problem is AppError => problem !== null);
}

/**
 * With WhatsApp calling on, a threshold under the call minimum lets calls be refused (R3) before
 * the recharge fires: the form warns while typing, the saved settings carry the warning.
 */
export function thresholdBelowCallMinimum(threshold: Micros, callMinimum: Micros, whatsappCallingEnabled: boolean): boolean {
  return whatsappCallingEnabled && !paidCoversCallMinimum(threshold, callMinimum);
}
