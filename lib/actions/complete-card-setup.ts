"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { completeCardSetup as complete } from "@/lib/payments/cards";

const schema = z.object({ setupIntentId: z.string().regex(/^seti_[A-Za-z0-9]+$/, "not_found") });

export type CompleteCardSetupInput = z.input<typeof schema>;

const action = workspaceAction("moveMoney", schema, ({ setupIntentId }, { workspace, audit }) => complete(workspace.id, setupIntentId, audit));

/** After 3-D Secure or Stripe Elements: saves the card the SetupIntent now holds (idempotent). */
export async function completeCardSetup(workspaceSlug: string, input: CompleteCardSetupInput) {
  return action(workspaceSlug, input);
}
