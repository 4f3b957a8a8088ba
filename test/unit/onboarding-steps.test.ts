import { describe, expect, it } from "vitest";
import { AUTO_RECHARGE_DEFAULTS, suggestedAutoRecharge } from "@/lib/auto-recharge/defaults";
import { fromMajorUnits } from "@/lib/money";
import { onboardingProgress, type OnboardingFacts } from "@/lib/onboarding/steps";

const fresh: OnboardingFacts = {
  walletOpened: false,
  hasPaymentMethod: false,
  autoRechargeEnabled: false,
  usageOpened: false,
  whatsappApiConfigured: false,
  whatsappCallingEnabled: false,
  trialBalance: 0n,
};
const done = (facts: Partial<OnboardingFacts>) =>
  Object.fromEntries(onboardingProgress({ ...fresh, ...facts }).steps.map((step) => [step.id, step.done]));

describe("onboardingProgress: the tutorial's five steps from the workspace's state", () => {
  it("a new workspace has done nothing: 0 of 5, next is opening the wallet", () => {
    const progress = onboardingProgress(fresh);
    expect(progress).toMatchObject({ doneCount: 0, total: 5, complete: false, next: "openWallet" });
    expect(progress.steps.map((step) => step.id)).toEqual(["openWallet", "addPaymentMethod", "autoRecharge", "checkBalance", "enableChannels"]);
  });

  it("each step follows its own fact", () => {
    expect(done({ walletOpened: true })).toMatchObject({ openWallet: true, addPaymentMethod: false });
    expect(done({ usageOpened: true })).toMatchObject({ checkBalance: true, openWallet: false });
    expect(done({ autoRechargeEnabled: true })).toMatchObject({ autoRecharge: true });
    // A card alone does not enable every service: the WhatsApp API still needs configuring.
    expect(done({ hasPaymentMethod: true })).toMatchObject({ addPaymentMethod: true, enableChannels: false });
  });

  it("step 5 is done when SMS, WhatsApp, e-mail, calls and the AI voice bot all work: a card and the WhatsApp API", () => {
    expect(done({ whatsappApiConfigured: true })).toMatchObject({ enableChannels: false });
    expect(done({ hasPaymentMethod: true, whatsappApiConfigured: true })).toMatchObject({ enableChannels: true });
    expect(onboardingProgress({ ...fresh, hasPaymentMethod: true }).pendingChannels).toEqual([{ channel: "whatsapp", state: "needs_whatsapp_setup" }]);
    expect(onboardingProgress(fresh).pendingChannels.map((entry) => entry.state)).toEqual(Array(5).fill("needs_payment_method"));
  });

  it("WhatsApp calling, off by default (R8), is not part of step 5; trial credit is no card", () => {
    expect(done({ hasPaymentMethod: true, whatsappApiConfigured: true, whatsappCallingEnabled: false })).toMatchObject({ enableChannels: true });
    expect(done({ whatsappApiConfigured: true, whatsappCallingEnabled: true, trialBalance: 1n })).toMatchObject({
      addPaymentMethod: false,
      enableChannels: false,
    });
  });

  it("next is the first step left, in the tutorial's order; all five is complete", () => {
    expect(onboardingProgress({ ...fresh, walletOpened: true, autoRechargeEnabled: true }).next).toBe("addPaymentMethod");
    const all = onboardingProgress({ ...fresh, walletOpened: true, hasPaymentMethod: true, autoRechargeEnabled: true, usageOpened: true, whatsappApiConfigured: true });
    expect(all).toMatchObject({ doneCount: 5, complete: true, next: null, pendingChannels: [] });
  });

  it("auto-recharge switched off again (after failures) is not done any more", () => {
    const on = onboardingProgress({ ...fresh, autoRechargeEnabled: true });
    const off = onboardingProgress({ ...fresh, autoRechargeEnabled: false });
    expect([on.doneCount, off.doneCount]).toEqual([1, 0]);
  });
});

describe("suggestedAutoRecharge: the tutorial's values (R11), raised for WhatsApp calls", () => {
  it("$5 → $20 or $25; INR's equivalents from AUTO_RECHARGE_DEFAULTS", () => {
    expect(suggestedAutoRecharge("USD", { callMinimumBalance: fromMajorUnits(10), whatsappCallingEnabled: false })).toEqual({
      threshold: fromMajorUnits(5),
      amounts: [fromMajorUnits(20), fromMajorUnits(25)],
      raisedForCalls: false,
    });
    const inr = suggestedAutoRecharge("INR", { callMinimumBalance: fromMajorUnits(500), whatsappCallingEnabled: false });
    expect(inr).toEqual({ threshold: AUTO_RECHARGE_DEFAULTS.INR.threshold, amounts: [fromMajorUnits(1_600), fromMajorUnits(2_000)], raisedForCalls: false });
  });

  it("with WhatsApp calling on the threshold starts at the call minimum ($10 / ₹500)", () => {
    expect(suggestedAutoRecharge("USD", { callMinimumBalance: fromMajorUnits(10), whatsappCallingEnabled: true })).toMatchObject({
      threshold: fromMajorUnits(10),
      amounts: [fromMajorUnits(20), fromMajorUnits(25)],
      raisedForCalls: true,
    });
    expect(suggestedAutoRecharge("INR", { callMinimumBalance: fromMajorUnits(500), whatsappCallingEnabled: true })).toMatchObject({
      threshold: fromMajorUnits(500),
      raisedForCalls: true,
    });
    // A plan whose minimum is already below the tutorial's threshold keeps the tutorial's.
    expect(suggestedAutoRecharge("USD", { callMinimumBalance: fromMajorUnits(2), whatsappCallingEnabled: true })).toMatchObject({
      threshold: fromMajorUnits(5),
      raisedForCalls: false,
    });
  });
});
