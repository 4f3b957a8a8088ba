import { Suspense, type ReactNode } from "react";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { outboxEnabled } from "@/app/outbox/_lib/outbox";
import { AppShell } from "@/components/app/app-shell";
import { WorkspaceBanner } from "@/components/billing/workspace-banner";
import { GuidedTour } from "@/components/onboarding/guided-tour";
import { OnboardingWidget } from "@/components/onboarding/onboarding-widget";
import { ViewingBanner } from "@/components/support/viewing-banner";
import { can } from "@/lib/auth/roles";
import { MAX_CONSECUTIVE_FAILURES } from "@/lib/auto-recharge/defaults";
import { minutesLeft } from "@/lib/support/visit-time";
import { walletStatusInput } from "@/lib/wallet/status";
import { getWalletBanner } from "@/lib/wallet/view";
import { getOnboardingView } from "@/lib/onboarding/progress";

export default async function WorkspaceLayout({ children, params }: WorkspaceParams & { children: ReactNode }) {
  const context = await loadMemberWorkspace(params);
  const { user, workspace, role } = context;
  const canManageBilling = can(context, "manageSettings");
  // The workspace-wide banner: read on the server for every page of the workspace.
  const [wallet, onboarding] = await Promise.all([getWalletBanner(workspace.id), getOnboardingView(workspace.id, { userId: user.id, role, impersonation: context.impersonation })]);
  return (
    <AppShell
      workspace={{ slug: workspace.slug, name: workspace.name, currency: workspace.currency }}
      user={{ name: user.name, email: user.email }}
      role={role}
      canManageBilling={canManageBilling}
      canReadAuditLog={can(context, "manageWorkspace")}
      viewing={
        context.impersonation ? (
          <ViewingBanner
            staffEmail={user.email}
            workspaceName={workspace.name}
            workspaceId={workspace.id}
            reason={context.impersonation.reason}
            expiresAt={context.impersonation.expiresAt.toISOString()}
            minutesLeft={minutesLeft(context.impersonation.expiresAt)}
          />
        ) : undefined
      }
      outboxHref={outboxEnabled() ? "/outbox" : undefined}
      // A hidden walkthrough with steps left is offered back from the user menu.
      resumeOnboarding={onboarding?.dismissed && !onboarding.progress.complete ? true : undefined}
      banner={
        <>
        {onboarding ? <OnboardingWidget workspaceSlug={workspace.slug} view={onboarding} /> : null}
        <Suspense fallback={null}>
          <GuidedTour usageHref={`/${workspace.slug}/settings/billing/usage`} />
        </Suspense>
        <WorkspaceBanner
          workspaceSlug={workspace.slug}
          currency={workspace.currency}
          balance={walletStatusInput(wallet, workspace)}
          autoRecharge={wallet.autoRecharge && { ...wallet.autoRecharge, maxFailures: MAX_CONSECUTIVE_FAILURES }}
          canManageBilling={can(context, "moveMoney")}
        />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
