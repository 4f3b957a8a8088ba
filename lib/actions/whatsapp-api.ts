"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { configureWhatsappApi, removeWhatsappApi as remove, whatsappApiSchema } from "@/lib/channels/whatsapp-api";

// Owners and billing admins, who follow the walkthrough whose step 5 this completes. A setting,
// not money: it moves no balance.
const save = workspaceAction("manageBilling", whatsappApiSchema, async (input, { workspace }) => {
  const view = await configureWhatsappApi(workspace.id, input);
  return { phoneNumber: view.phoneNumber, phoneNumberId: view.phoneNumberId, businessAccountId: view.businessAccountId };
});

const removal = workspaceAction("manageBilling", z.object({}), async (_input, { workspace }) => {
  await remove(workspace.id);
  return { removed: true };
});

export async function saveWhatsappApi(workspaceSlug: string, input: z.input<typeof whatsappApiSchema>) {
  return save(workspaceSlug, input);
}

export async function removeWhatsappApi(workspaceSlug: string) {
  return removal(workspaceSlug, {});
}
