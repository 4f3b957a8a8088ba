import type { Channel } from "@/lib/rating/channels";
import { trialPaysWhatsappCalls } from "@/lib/wallet/outbound";

export type ChannelState = "active" | "needs_payment_method" | "needs_whatsapp_setup" | "off";

/**
 * Whether a service works and, if not, why (R13): with a payment method SMS, e-mail, voice
 * calls and the AI voice bot work within the balance; the WhatsApp API also needs configuring;
 * WhatsApp calling must be turned on, and its trial credit lets it work before any card.
 */
export function channelState(
  channel: Channel,
  workspace: { hasPaymentMethod: boolean; whatsappApiConfigured: boolean; whatsappCallingEnabled: boolean; trialBalance: bigint },
): ChannelState {
  const { hasPaymentMethod, whatsappApiConfigured, whatsappCallingEnabled, trialBalance } = workspace;
  switch (channel) {
    case "whatsapp":
      if (!hasPaymentMethod) return "needs_payment_method";
      return whatsappApiConfigured ? "active" : "needs_whatsapp_setup";
    case "whatsapp_call":
      if (!whatsappCallingEnabled) return "off";
      return hasPaymentMethod || trialPaysWhatsappCalls({ trial: trialBalance, whatsappCallingEnabled }) ? "active" : "needs_payment_method";
    default:
      return hasPaymentMethod ? "active" : "needs_payment_method";
  }
}

/**
 * The trial credit turning WhatsApp calling on would grant now (R8): the plan's amount the first
 * time, nothing once granted (or on a plan without one).
 */
export function whatsappTrialOnOffer(workspace: { whatsappTrialGrantedAt: Date | null }, plan: { whatsappCallTrialCredit: bigint }): bigint {
  return workspace.whatsappTrialGrantedAt === null && plan.whatsappCallTrialCredit > 0n ? plan.whatsappCallTrialCredit : 0n;
}
