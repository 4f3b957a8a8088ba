import type { OnboardingStep } from "@/lib/onboarding/steps";

/**
 * Where each step's "Show me" goes: the screen, with ?tour=<step> for the guided tour
 * (components/onboarding/guided-tour.tsx) to highlight the control.
 */
export function stepHref(workspaceSlug: string, step: OnboardingStep): string {
  const base = `/${workspaceSlug}/settings`;
  const screen = step === "enableChannels" ? `${base}/channels` : `${base}/billing/wallet`;
  return `${screen}?tour=${step}`;
}
