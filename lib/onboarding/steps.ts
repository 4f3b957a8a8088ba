import { channelState, type ChannelState } from "@/lib/channels/availability";
import type { Channel } from "@/lib/rating/channels";

// The onboarding walkthrough: the five sub-steps of the CRM tutorial's step 2 (seed 003).
// Each step is done when the thing is true, read from the database — never from a click —
// except steps 1 and 4, which are about looking: they are done once an owner or billing admin
// has opened the screen (recorded server-side by the page, lib/onboarding/progress.ts).

export const ONBOARDING_STEPS = ["openWallet", "addPaymentMethod", "autoRecharge", "checkBalance", "enableChannels"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/**
 * The services the tutorial's step 5 names (R13): SMS, WhatsApp (the API), e-mail, calls and the
 * AI voice bot. WhatsApp calling is not among them: it is a separate, optional service that
 * starts switched off (R8), so step 5 never asks for it.
 */
export const STEP_FIVE_CHANNELS = ["sms", "whatsapp", "email", "voice_call", "ai_voice"] as const satisfies readonly Channel[];

export type OnboardingFacts = {
  walletOpened: boolean;
  hasPaymentMethod: boolean;
  autoRechargeEnabled: boolean;
  usageOpened: boolean;
  whatsappApiConfigured: boolean;
  whatsappCallingEnabled: boolean;
  trialBalance: bigint;
};

export type OnboardingProgress = {
  steps: { id: OnboardingStep; done: boolean }[];
  doneCount: number;
  total: number;
  complete: boolean;
  /** The first step not done yet, where "Continue" leads; null when complete. */
  next: OnboardingStep | null;
  /** Step 5's services that do not work yet, and why: what the Channels screen asks for next. */
  pendingChannels: { channel: (typeof STEP_FIVE_CHANNELS)[number]; state: ChannelState }[];
};

export function onboardingProgress(facts: OnboardingFacts): OnboardingProgress {
  const pendingChannels = STEP_FIVE_CHANNELS.map((channel) => ({ channel, state: channelState(channel, facts) })).filter(
    (entry) => entry.state !== "active",
  );
  const done: Record<OnboardingStep, boolean> = {
    openWallet: facts.walletOpened,
    addPaymentMethod: facts.hasPaymentMethod,
    // Enabled and still on: switched off after failures (or by hand) is not done any more.
    autoRecharge: facts.autoRechargeEnabled,
    checkBalance: facts.usageOpened,
    // Every service of step 5 works: a card exists and the WhatsApp API is configured.
    enableChannels: pendingChannels.length === 0,
  };
  const steps = ONBOARDING_STEPS.map((id) => ({ id, done: done[id] }));
  const doneCount = steps.filter((step) => step.done).length;
  return {
    steps,
    doneCount,
    total: steps.length,
    complete: doneCount === steps.length,
    next: steps.find((step) => !step.done)?.id ?? null,
    pendingChannels,
  };
}
