"use server";

import { z } from "zod";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import { currentRequest } from "@/lib/auth/session";
import {
  acceptInvitation as accept,
  changeMemberRole as changeRole,
  inviteMember as invite,
  inviteSchema,
  MEMBER_ROLES,
  removeMember as remove,
  revokeInvitation as revoke,
} from "@/lib/workspaces/invitations";

// Team actions. Inviting is a lasting way in (grantAccess): owners only, and refused to support
// staff viewing the workspace — an invitation would outlive their 30-minute visit. Changing
// roles, removing members and revoking invitations are owners' workspace settings
// (manageWorkspace): staff viewing may do them for the owner, audited with their impersonation;
// each only narrows or rearranges access among people already let in, and the last owner stays.

const inviteAction = workspaceAction("grantAccess", inviteSchema, async (input, { workspace, user, audit }) => {
  const { invitation } = await invite(workspace.id, input, { id: user.id, name: user.name }, audit);
  return { id: invitation.id, email: invitation.email };
});

const revokeAction = workspaceAction("manageWorkspace", z.object({ invitationId: z.guid() }), async ({ invitationId }, { workspace, audit }) => {
  await revoke(workspace.id, invitationId, audit);
  return { revoked: true };
});

const roleAction = workspaceAction(
  "manageWorkspace",
  z.object({ membershipId: z.guid(), role: z.enum(MEMBER_ROLES, { message: "member_role_unknown" }) }),
  async ({ membershipId, role }, { workspace, audit }) => {
    const membership = await changeRole(workspace.id, membershipId, role, audit);
    return { role: membership.role };
  },
);

const removeAction = workspaceAction("manageWorkspace", z.object({ membershipId: z.guid() }), async ({ membershipId }, { workspace, audit }) => {
  await remove(workspace.id, membershipId, audit);
  return { removed: true };
});

const acceptAction = userAction(z.object({ token: z.string().min(1).max(100) }), async ({ token }, user) => {
  const { slug } = await accept(token, user, await currentRequest());
  return { slug };
});

export async function inviteMember(workspaceSlug: string, input: z.input<typeof inviteSchema>) {
  return inviteAction(workspaceSlug, input);
}
export async function revokeInvitation(workspaceSlug: string, input: { invitationId: string }) {
  return revokeAction(workspaceSlug, input);
}
export async function changeMemberRole(workspaceSlug: string, input: { membershipId: string; role: string }) {
  return roleAction(workspaceSlug, input as { membershipId: string; role: "OWNER" });
}
export async function removeMember(workspaceSlug: string, input: { membershipId: string }) {
  return removeAction(workspaceSlug, input);
}
export async function acceptInvitation(input: { token: string }) {
  return acceptAction(input);
}
