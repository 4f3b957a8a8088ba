"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { setWhatsappCalling as toggle } from "@/lib/channels/whatsapp-calling";

// Owners and billing admins: turning calling on can grant trial credit (R8), a money matter.
const action = workspaceAction("manageSettings", z.object({ enabled: z.boolean() }), async ({ enabled }, { workspace, user, audit }) => {
  // The trial credit (R8) names who turned calling on: the member, or the staff member viewing.
  const result = await toggle(workspace.id, enabled, { type: audit.actor.type === "staff" ? "staff" : "user", id: user.id }, audit);
  return { enabled: result.enabled, trialGranted: result.trialGranted.toString() };
});

export async function setWhatsappCalling(workspaceSlug: string, input: { enabled: boolean }) {
  return action(workspaceSlug, input);
}
