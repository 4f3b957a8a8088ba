"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { removeCard as remove } from "@/lib/payments/cards";

const schema = z.object({ cardId: z.uuid("not_found") });

export type RemoveCardInput = z.input<typeof schema>;

// The last card cannot go while auto-recharge is on: lib/payments answers
// card_required_for_auto_recharge, shown as the translated message.
const action = workspaceAction("moveMoney", schema, async ({ cardId }, { workspace, audit }) => {
  await remove(workspace.id, cardId, audit);
  return { id: cardId };
});

export async function removeCard(workspaceSlug: string, input: RemoveCardInput) {
  return action(workspaceSlug, input);
}
