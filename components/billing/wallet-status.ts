export type WalletStatus = "negative" | "empty" | "trial_only" | "below_call_minimum" | "below_alert" | "healthy";

/**
 * The wallet's status line, worst first. Messages need a positive paid balance; outbound calls
 * need the plan's call minimum in paid balance, or unused trial credit (R3, R5, R8).
 */
export function walletStatus(input: {
  paid: bigint;
  trial: bigint;
  callMinimum: bigint;
  alertThreshold: bigint | null;
}): WalletStatus {
  const { paid, trial, callMinimum, alertThreshold } = input;
  if (paid < 0n) return "negative";
  if (paid === 0n && trial === 0n) return "empty";
  if (paid === 0n) return "trial_only";
  if (paid < callMinimum && trial === 0n) return "below_call_minimum";
  if (alertThreshold !== null && paid + trial < alertThreshold) return "below_alert";
  return "healthy";
}

export const STATUS_TONE: Record<WalletStatus, "destructive" | "warning" | "success" | "info"> = {
  negative: "destructive",
  empty: "warning",
  trial_only: "info",
  below_call_minimum: "warning",
  below_alert: "warning",
  healthy: "success",
};
