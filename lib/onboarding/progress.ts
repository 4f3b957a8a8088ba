import "server-only";
import { cache } from "react";
import { can } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { onboardingProgress, type OnboardingProgress } from "@/lib/onboarding/steps";

// Where the walkthrough's state lives. Steps 2, 3 and 5 are read from the workspace itself (a
// card, auto-recharge on, the services working); steps 1 and 4 are one timestamp each on the
// workspace, written by the wallet and usage pages when an owner or billing admin opens them.
// Per workspace, like the other three steps: the tutorial sets the workspace up, so a second
// owner invited later sees what is already done rather than starting again. Hiding the
// walkthrough, and its "all done" message, are per person (on the membership).

/** Who follows the walkthrough: the roles that can do its steps (manageBilling). Members never see it. */
export function followsOnboarding(role: MemberRole): boolean {
  return can(role, "manageBilling");
}

export type OnboardingView = {
  progress: OnboardingProgress;
  /** Hidden by this person (the user menu offers it back while steps remain). */
  dismissed: boolean;
  /** Complete, and this is the first page that says so to this person. */
  justCompleted: boolean;
  /** Show the walkthrough on this page: unfinished and not hidden, or just completed. */
  visible: boolean;
};

type Row = {
  walletOpened: boolean;
  usageOpened: boolean;
  whatsappApiConfigured: boolean;
  whatsappCallingEnabled: boolean;
  hasPaymentMethod: boolean;
  autoRechargeEnabled: boolean;
  trialBalance: bigint;
  dismissed: boolean;
  completionSeen: boolean;
};

/**
 * The walkthrough as `userId` sees it in the workspace, or null for a role that does not follow
 * it. One query (it runs on every page through the app shell), once per request. The first time
 * it finds every step done it records that this person has been told, so only this request's
 * pages say "all done".
 */
export const getOnboardingView = cache(async (workspaceId: string, userId: string, role: MemberRole): Promise<OnboardingView | null> => {
  if (!followsOnboarding(role)) return null;
  const [row] = await db.$queryRaw<Row[]>`
    SELECT w."onboardingWalletOpenedAt" IS NOT NULL AS "walletOpened",
           w."onboardingUsageOpenedAt" IS NOT NULL AS "usageOpened",
           w."whatsappApiConfiguredAt" IS NOT NULL AS "whatsappApiConfigured",
           w."whatsappCallingEnabled",
           EXISTS (SELECT 1 FROM "PaymentMethod" pm WHERE pm."workspaceId" = w.id) AS "hasPaymentMethod",
           COALESCE((SELECT ar.enabled FROM "AutoRecharge" ar WHERE ar."workspaceId" = w.id), false) AS "autoRechargeEnabled",
           wa."trialBalance",
           m."onboardingDismissedAt" IS NOT NULL AS "dismissed",
           m."onboardingCompletionSeenAt" IS NOT NULL AS "completionSeen"
    FROM "Workspace" w
    JOIN "Wallet" wa ON wa."workspaceId" = w.id
    JOIN "Membership" m ON m."workspaceId" = w.id AND m."userId" = ${userId}::uuid
    WHERE w.id = ${workspaceId}::uuid`;
  if (!row) return null;
  const progress = onboardingProgress(row);
  let justCompleted = false;
  if (progress.complete && !row.completionSeen) {
    // Conditional, so two pages rendering at once cannot both claim the first telling.
    const { count } = await db.membership.updateMany({
      where: { workspaceId, userId, onboardingCompletionSeenAt: null },
      data: { onboardingCompletionSeenAt: new Date() },
    });
    justCompleted = count > 0;
  }
  return {
    progress,
    dismissed: row.dismissed,
    justCompleted,
    visible: justCompleted || (!progress.complete && !row.dismissed),
  };
});

export type VisitedScreen = "wallet" | "usage";

/**
 * Records that the workspace's wallet (step 1) or usage screen (step 4) was opened by someone
 * who follows the walkthrough. Idempotent: only the first visit writes, and the answer says
 * whether this one did (the page then refreshes the app shell, which rendered before it).
 */
export async function recordOnboardingVisit(workspaceId: string, role: MemberRole, screen: VisitedScreen): Promise<boolean> {
  if (!followsOnboarding(role)) return false;
  const column = screen === "wallet" ? "onboardingWalletOpenedAt" : "onboardingUsageOpenedAt";
  const { count } = await db.workspace.updateMany({
    where: { id: workspaceId, [column]: null },
    data: { [column]: new Date() },
  });
  return count > 0;
}

/** Hides the walkthrough for this person, or (dismissed = false) brings it back. */
export async function setOnboardingDismissed(workspaceId: string, userId: string, dismissed: boolean): Promise<void> {
  await db.membership.updateMany({
    where: { workspaceId, userId },
    data: { onboardingDismissedAt: dismissed ? new Date() : null },
  });
}
