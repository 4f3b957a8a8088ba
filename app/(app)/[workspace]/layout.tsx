import type { ReactNode } from "react";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { AppShell } from "@/components/app/app-shell";
import { can } from "@/lib/auth/roles";

export default async function WorkspaceLayout({ children, params }: WorkspaceParams & { children: ReactNode }) {
  const { workspace: slug } = await params;
  const { user, workspace, role } = await loadMemberWorkspace(slug);
  return (
    <AppShell
      workspace={{ slug: workspace.slug, name: workspace.name, currency: workspace.currency }}
      user={{ name: user.name, email: user.email }}
      role={role}
      canManageBilling={can(role, "manageBilling")}
    >
      {children}
    </AppShell>
  );
}
