export type WalletStatus = "negative" | "empty" | "trial_only" | "below_call_minimum" | "below_alert" | "healthy";

/**
 * What new outbound work may start, as `authorize` (lib/usage/authorize.ts) decides it:
 * - `all`: messages and every call;
 * - `messages`: messages, but no outbound call;
 * - `messages_whatsapp_trial`: messages and WhatsApp calls (paid by trial credit), but no voice or AI voice call;
 * - `whatsapp_trial`: WhatsApp calls on trial credit only;
 * - `none`: nothing outbound.
 */
export type OutboundState = "all" | "messages" | "messages_whatsapp_trial" | "whatsapp_trial" | "none";

export type WalletStatusInput = {
  paid: bigint;
  trial: bigint;
  callMinimum: bigint;
  alertThreshold: bigint | null;
  whatsappCallingEnabled: boolean;
};

/**
 * The wallet's status line: the worst thing true of its balance, and what may start with it.
 * Outbound calls need the plan's call minimum in paid balance — or, for WhatsApp calls with
 * calling on, unused trial credit (R3, R8); messages need a positive available balance (R5).
 */
export function walletStatus(input: WalletStatusInput): { status: WalletStatus; outbound: OutboundState } {
  const { paid, trial, callMinimum, alertThreshold } = input;
  const outbound = outboundState(input);
  if (paid < 0n) return { status: "negative", outbound };
  if (paid === 0n && trial === 0n) return { status: "empty", outbound };
  if (paid === 0n) return { status: "trial_only", outbound };
  if (paid < callMinimum) return { status: "below_call_minimum", outbound };
  if (alertThreshold !== null && paid + trial < alertThreshold) return { status: "below_alert", outbound };
  return { status: "healthy", outbound };
}

function outboundState({ paid, trial, callMinimum, whatsappCallingEnabled }: WalletStatusInput): OutboundState {
  if (paid >= callMinimum) return "all";
  const messages = paid + trial > 0n;
  const whatsappOnTrial = whatsappCallingEnabled && trial > 0n;
  if (whatsappOnTrial) return messages ? "messages_whatsapp_trial" : "whatsapp_trial";
  return messages ? "messages" : "none";
}

export const STATUS_TONE: Record<WalletStatus, "destructive" | "warning" | "success" | "info"> = {
  negative: "destructive",
  empty: "warning",
  trial_only: "info",
  below_call_minimum: "warning",
  below_alert: "warning",
  healthy: "success",
};
