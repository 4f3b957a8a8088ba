import { fromMajorUnits, type Currency, type Micros } from "@/lib/money";

// Suggested auto-recharge settings, pre-filled in the form until the owner saves their own.
// They come from the onboarding tutorial (seed 003, step 3, R11): "Activar recarga cuando el saldo
// llegue a: $5 — Recargar automáticamente $20 o $25". We pre-fill $25 of the two, so one recharge
// lifts a wallet at the threshold ($5) to $30, above the $10 call minimum (R3).
//
// The tutorial gives dollars only (R11: "INR: pick equivalents"). INR uses about the exchange
// rate, 1:80 — ₹400 / ₹2,000 — rather than the plans' 1:50 ($10 ↔ ₹500), because these are what
// a card is charged and should feel like the same money; one recharge from the threshold
// (₹2,400) still clears the ₹500 call minimum. The monthly cap is 20 recharges' worth in both
// currencies: room for a busy month, a stop for a runaway loop.
export const AUTO_RECHARGE_DEFAULTS: Record<Currency, { threshold: Micros; amount: Micros; monthlyCap: Micros }> = {
  USD: { threshold: fromMajorUnits(5), amount: fromMajorUnits(25), monthlyCap: fromMajorUnits(500) },
  INR: { threshold: fromMajorUnits(400), amount: fromMajorUnits(2_000), monthlyCap: fromMajorUnits(40_000) },
};

/** Failures in a row after which auto-recharge switches itself off (PRODUCT.md, Payments). */
export const MAX_CONSECUTIVE_FAILURES = 3;

export type AutoRechargeSuggestion = {
  threshold: Micros;
  /** The tutorial's two amounts, "$20 or $25": the second is the one "Use suggested values" fills. */
  amounts: [Micros, Micros];
  /** The threshold was raised to the call minimum because WhatsApp calling is on. */
  raisedForCalls: boolean;
};

/**
 * What "Use suggested values" fills (R11): the tutorial's $5 → $20 or $25 (INR equivalents).
 * With WhatsApp calling on, a threshold below the call minimum (R3: $10 / ₹500) would let the
 * paid balance sink under it before a recharge fires, and new calls would be refused in the
 * meantime: the suggestion then starts at the call minimum instead.
 */
export function suggestedAutoRecharge(currency: Currency, calls: { callMinimumBalance: Micros; whatsappCallingEnabled: boolean }): AutoRechargeSuggestion {
  const { threshold, amount } = AUTO_RECHARGE_DEFAULTS[currency];
  const raisedForCalls = calls.whatsappCallingEnabled && threshold < calls.callMinimumBalance;
  return {
    threshold: raisedForCalls ? calls.callMinimumBalance : threshold,
    amounts: [(amount * 4n) / 5n, amount],
    raisedForCalls,
  };
}
