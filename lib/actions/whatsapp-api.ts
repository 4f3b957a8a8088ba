"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { configureWhatsappApi, removeWhatsappApi as remove, whatsappApiSchema } from "@/lib/channels/whatsapp-api";

// Owners and billing admins (the walkthrough's step 5). A setting, not money: it moves no
// balance, so support staff viewing the workspace may set it up too (manageSettings).
const save = workspaceAction("manageSettings", whatsappApiSchema, async (input, { workspace, audit }) => {
  const view = await configureWhatsappApi(workspace.id, input, audit);
  return { phoneNumber: view.phoneNumber, phoneNumberId: view.phoneNumberId, businessAccountId: view.businessAccountId };
});

const removal = workspaceAction("manageSettings", z.object({}), async (_input, { workspace, audit }) => {
  await remove(workspace.id, audit);
  return { removed: true };
});

export async function saveWhatsappApi(workspaceSlug: string, input: z.input<typeof whatsappApiSchema>) {
  return save(workspaceSlug, input);
}

export async function removeWhatsappApi(workspaceSlug: string) {
  return removal(workspaceSlug, {});
}
