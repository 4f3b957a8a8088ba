import type { ReactNode } from "react";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { outboxEnabled } from "@/app/outbox/_lib/outbox";
import { AppShell } from "@/components/app/app-shell";
import { WorkspaceBanner } from "@/components/billing/workspace-banner";
import { ViewingBanner } from "@/components/support/viewing-banner";
import { can } from "@/lib/auth/roles";
import { MAX_CONSECUTIVE_FAILURES } from "@/lib/auto-recharge/defaults";
import { minutesLeft } from "@/lib/support/visit-time";
import { walletStatusInput } from "@/lib/wallet/status";
import { getWalletBanner } from "@/lib/wallet/view";

export default async function WorkspaceLayout({ children, params }: WorkspaceParams & { children: ReactNode }) {
  const { workspace: slug } = await params;
  const context = await loadMemberWorkspace(slug);
  const { user, workspace, role } = context;
  const canManageBilling = can(context, "manageSettings");
  // The workspace-wide banner: read on the server for every page of the workspace.
  const wallet = await getWalletBanner(workspace.id);
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
      banner={
        <WorkspaceBanner
          workspaceSlug={workspace.slug}
          currency={workspace.currency}
          balance={walletStatusInput(wallet, workspace)}
          autoRecharge={wallet.autoRecharge && { ...wallet.autoRecharge, maxFailures: MAX_CONSECUTIVE_FAILURES }}
          canManageBilling={can(context, "moveMoney")}
        />
      }
    >
      {children}
    </AppShell>
  );
}
