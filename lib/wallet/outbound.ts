import type { Micros } from "@/lib/money";
import type { TimedChannel } from "@/lib/rating/channels";

// What new outbound work the wallet lets start (R3, R5, R8) — the one home of the rule that
// authorize (lib/usage/authorize.ts) decides with, the status line and banner describe
// (lib/wallet/status.ts) and the "calls paused" e-mail announces (lib/mail/balance-alerts.ts),
// so the three can never disagree. Pure: the browser may run it too.

export type OutboundBalance = {
  paid: Micros;
  trial: Micros;
  /** The plan's call minimum (CurrencyPlan.callMinimumBalance). */
  callMinimum: Micros;
  whatsappCallingEnabled: boolean;
};

/** R3: the paid balance reaches the call minimum, so any outbound call may start. */
export function paidCoversCallMinimum(paid: Micros, callMinimum: Micros): boolean {
  return paid >= callMinimum;
}

/** R8: unused trial credit starts WhatsApp calls (and only those), while WhatsApp calling is on. */
export function trialPaysWhatsappCalls(balance: Pick<OutboundBalance, "trial" | "whatsappCallingEnabled">): boolean {
  return balance.whatsappCallingEnabled && balance.trial > 0n;
}

/**
 * May an outbound call start now? (R3.) With the paid balance at the call minimum, yes; below
 * it, a WhatsApp call still may while trial credit remains (R8). Checked only when the call
 * starts: one in progress is never cut off (R4).
 */
export function mayStartCall(channel: TimedChannel, balance: OutboundBalance): boolean {
  return paidCoversCallMinimum(balance.paid, balance.callMinimum) || (channel === "whatsapp_call" && trialPaysWhatsappCalls(balance));
}

/** May an outbound message (SMS, WhatsApp, e-mail) be sent? While the available balance is above zero (R5). */
export function mayStartMessage(balance: Pick<OutboundBalance, "paid" | "trial">): boolean {
  return balance.paid + balance.trial > 0n;
}

/**
 * What new outbound work may start, in one word:
 * - `all`: messages and every call;
 * - `messages`: messages, but no outbound call;
 * - `messages_whatsapp_trial`: messages and WhatsApp calls (paid by trial credit), but no voice or AI voice call;
 * - `whatsapp_trial`: WhatsApp calls on trial credit only;
 * - `none`: nothing outbound.
 */
export type OutboundState = "all" | "messages" | "messages_whatsapp_trial" | "whatsapp_trial" | "none";

export function outboundState(balance: OutboundBalance): OutboundState {
  if (mayStartCall("voice_call", balance)) return "all";
  const messages = mayStartMessage(balance);
  if (mayStartCall("whatsapp_call", balance)) return messages ? "messages_whatsapp_trial" : "whatsapp_trial";
  return messages ? "messages" : "none";
}
