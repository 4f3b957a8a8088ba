"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { setDefaultCard as setDefault } from "@/lib/payments/cards";

const schema = z.object({ cardId: z.uuid("not_found") });

export type SetDefaultCardInput = z.input<typeof schema>;

// Another workspace's card is "not found": lib/payments looks it up within this workspace.
const action = workspaceAction("moveMoney", schema, async ({ cardId }, { workspace, audit }) => {
  const card = await setDefault(workspace.id, cardId, audit);
  return { id: card.id };
});

export async function setDefaultCard(workspaceSlug: string, input: SetDefaultCardInput) {
  return action(workspaceSlug, input);
}
