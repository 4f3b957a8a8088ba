import "server-only";
import { cache } from "react";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { can, type Access } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { onboardingProgress, type OnboardingProgress } from "@/lib/onboarding/steps";

// Where the walkthrough's state lives. Steps 2, 3 and 5 are read from the workspace itself (a
// card, auto-recharge on, the services working); steps 1 and 4 are one timestamp each on the
// workspace, written by the wallet and usage pages when an owner or billing admin opens them.
// Per workspace, like the other three steps: the tutorial sets the workspace up, so a second
// owner invited later sees what is already done rather than starting again. Hiding the
// walkthrough, and its "all done" message, are per person (on the membership).
//
// Support staff viewing a workspace see what its owner sees (they count as its OWNER), read
// only: their visits record nothing (they are not the owner looking), they cannot hide it (no
// membership to hide it on) and they are never the one told "all done".

/**
 * Who follows the walkthrough: the roles that do its steps (owners and billing admins, who hold
 * moveMoney's roles). Members never see it.
 */
export function followsOnboarding(role: MemberRole): boolean {
  return can({ role, impersonation: null }, "moveMoney");
}

/** Whose walkthrough: a member, or a staff member viewing the workspace (impersonation set). */
export type OnboardingViewer = Access & { userId: string };

export type OnboardingView = {
  progress: OnboardingProgress;
  /** Hidden by this person (the user menu offers it back while steps remain). */
  dismissed: boolean;
  /** Complete, and this is the first page that says so to this person. */
  justCompleted: boolean;
  /** Show the walkthrough on this page: unfinished and not hidden, or just completed. */
  visible: boolean;
  /** A member may hide it; a viewing staff member may not. */
  canHide: boolean;
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
  isMember: boolean;
};

/**
 * The walkthrough as `userId` sees it in the workspace, or null for a role that does not follow
 * it. One query (it runs on every page through the app shell), once per request. The first time
 * it finds every step done it records that this person has been told, so only this request's
 * pages say "all done".
 */
export function getOnboardingView(workspaceId: string, viewer: OnboardingViewer): Promise<OnboardingView | null> {
  // React's cache compares arguments by identity: primitives, so the layout and the page share one.
  return onboardingViewOnce(workspaceId, viewer.userId, viewer.role, viewer.impersonation !== null);
}

const onboardingViewOnce = cache(async (workspaceId: string, userId: string, role: MemberRole, viewing: boolean): Promise<OnboardingView | null> => {
  if (!followsOnboarding(role)) return null;
  const [row] = await db.$queryRaw<Row[]>`
    SELECT w."onboardingWalletOpenedAt" IS NOT NULL AS "walletOpened",
           w."onboardingUsageOpenedAt" IS NOT NULL AS "usageOpened",
           w."whatsappApiConfiguredAt" IS NOT NULL AS "whatsappApiConfigured",
           w."whatsappCallingEnabled",
           EXISTS (SELECT 1 FROM "PaymentMethod" pm WHERE pm."workspaceId" = w.id) AS "hasPaymentMethod",
           COALESCE((SELECT ar.enabled FROM "AutoRecharge" ar WHERE ar."workspaceId" = w.id), false) AS "autoRechargeEnabled",
           wa."trialBalance",
           COALESCE(m."onboardingDismissedAt" IS NOT NULL, false) AS "dismissed",
           COALESCE(m."onboardingCompletionSeenAt" IS NOT NULL, false) AS "completionSeen",
           m.id IS NOT NULL AS "isMember"
    FROM "Workspace" w
    JOIN "Wallet" wa ON wa."workspaceId" = w.id
    LEFT JOIN "Membership" m ON m."workspaceId" = w.id AND m."userId" = ${userId}::uuid
    WHERE w.id = ${workspaceId}::uuid`;
  // Not a member (and not staff viewing it): nothing to show.
  if (!row || (!row.isMember && !viewing)) return null;
  const progress = onboardingProgress(row);
  let justCompleted = false;
  if (progress.complete && !row.completionSeen && !viewing) {
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
    canHide: !viewing,
  };
});

export type VisitedScreen = "wallet" | "usage";

/**
 * Records that the workspace's wallet (step 1) or usage screen (step 4) was opened by someone
 * who follows the walkthrough. Idempotent: only the first visit writes, and the answer says
 * whether this one did (the page then refreshes the app shell, which rendered before it).
 */
export async function recordOnboardingVisit(workspaceId: string, viewer: Access, screen: VisitedScreen): Promise<boolean> {
  if (!followsOnboarding(viewer.role) || viewer.impersonation) return false;
  const column = screen === "wallet" ? "onboardingWalletOpenedAt" : "onboardingUsageOpenedAt";
  const { count } = await db.workspace.updateMany({
    where: { id: workspaceId, [column]: null },
    data: { [column]: new Date() },
  });
  return count > 0;
}

/** Hides the walkthrough for this member, or (dismissed = false) brings it back; audited when it changes. */
export async function setOnboardingDismissed(workspaceId: string, userId: string, dismissed: boolean, audit: AuditContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({
      where: { workspaceId, userId, onboardingDismissedAt: dismissed ? null : { not: null } },
      data: { onboardingDismissedAt: dismissed ? new Date() : null },
    });
    if (count > 0) await recordAudit(tx, audit, { action: dismissed ? "onboarding.dismissed" : "onboarding.resumed" });
  });
}
