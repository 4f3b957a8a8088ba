import { describe, expect, it } from "vitest";
import { channelState, whatsappTrialOnOffer } from "@/lib/channels/availability";
import { CHANNELS } from "@/lib/rating/channels";

const workspace = { hasPaymentMethod: false, whatsappApiConfigured: false, whatsappCallingEnabled: false, trialBalance: 0n };

describe("channelState: whether a service works, and why not (R13)", () => {
  it("without a payment method nothing works but WhatsApp calls on trial credit", () => {
    const states = (extra: Partial<typeof workspace>) => CHANNELS.map((channel) => [channel, channelState(channel, { ...workspace, ...extra })]);
    expect(Object.fromEntries(states({}))).toEqual({
      sms: "needs_payment_method",
      whatsapp: "needs_payment_method",
      email: "needs_payment_method",
      voice_call: "needs_payment_method",
      whatsapp_call: "off",
      ai_voice: "needs_payment_method",
    });
    expect(channelState("whatsapp_call", { ...workspace, whatsappCallingEnabled: true })).toBe("needs_payment_method");
    expect(channelState("whatsapp_call", { ...workspace, whatsappCallingEnabled: true, trialBalance: 1n })).toBe("active");
  });

  it("with a card: SMS, e-mail, calls and the AI voice bot; the WhatsApp API once configured; WhatsApp calls once turned on", () => {
    const card = { ...workspace, hasPaymentMethod: true };
    for (const channel of ["sms", "email", "voice_call", "ai_voice"] as const) expect(channelState(channel, card)).toBe("active");
    expect(channelState("whatsapp", card)).toBe("needs_whatsapp_setup");
    expect(channelState("whatsapp", { ...card, whatsappApiConfigured: true })).toBe("active");
    expect(channelState("whatsapp_call", card)).toBe("off");
    expect(channelState("whatsapp_call", { ...card, whatsappCallingEnabled: true })).toBe("active");
  });
});

describe("whatsappTrialOnOffer: the trial turning WhatsApp calling on grants (R8)", () => {
  it("the plan's credit the first time, nothing once granted or on a plan without one", () => {
    expect(whatsappTrialOnOffer({ whatsappTrialGrantedAt: null }, { whatsappCallTrialCredit: 1_000_000n })).toBe(1_000_000n);
    expect(whatsappTrialOnOffer({ whatsappTrialGrantedAt: new Date() }, { whatsappCallTrialCredit: 1_000_000n })).toBe(0n);
    expect(whatsappTrialOnOffer({ whatsappTrialGrantedAt: null }, { whatsappCallTrialCredit: 0n })).toBe(0n);
  });
});
