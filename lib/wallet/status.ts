import type { Micros } from "@/lib/money";
import { outboundState, paidCoversCallMinimum, type OutboundBalance, type OutboundState } from "@/lib/wallet/outbound";

// The wallet's status line (PRODUCT.md, Screens: healthy / below threshold / below call
// minimum / negative), shown on the wallet and overview pages and by the banner above every
// workspace page.

export type WalletStatus = "negative" | "empty" | "trial_only" | "below_call_minimum" | "below_alert" | "healthy";

export type WalletStatusInput = OutboundBalance & {
  /** The owner's low-balance alert; null when none is set. */
  alertThreshold: Micros | null;
};

/** The status's input from the wallet's read (lib/wallet/view.ts) and the workspace's settings. */
export function walletStatusInput(
  wallet: { paidBalance: Micros; trialBalance: Micros; callMinimumBalance: Micros },
  workspace: { lowBalanceAlertThreshold: Micros | null; whatsappCallingEnabled: boolean },
): WalletStatusInput {
  return {
    paid: wallet.paidBalance,
    trial: wallet.trialBalance,
    callMinimum: wallet.callMinimumBalance,
    alertThreshold: workspace.lowBalanceAlertThreshold,
    whatsappCallingEnabled: workspace.whatsappCallingEnabled,
  };
}

/**
 * The worst thing true of the wallet's balance, and what may start with it (lib/wallet/outbound.ts):
 * outbound calls need the plan's call minimum in paid balance — or, for WhatsApp calls with
 * calling on, unused trial credit (R3, R8); messages need a positive available balance (R5).
 */
export function walletStatus(input: WalletStatusInput): { status: WalletStatus; outbound: OutboundState } {
  const { paid, trial, callMinimum, alertThreshold } = input;
  const outbound = outboundState(input);
  if (paid < 0n) return { status: "negative", outbound };
  if (paid === 0n && trial === 0n) return { status: "empty", outbound };
  if (paid === 0n) return { status: "trial_only", outbound };
  if (!paidCoversCallMinimum(paid, callMinimum)) return { status: "below_call_minimum", outbound };
  if (alertThreshold !== null && paid + trial < alertThreshold) return { status: "below_alert", outbound };
  return { status: "healthy", outbound };
}
