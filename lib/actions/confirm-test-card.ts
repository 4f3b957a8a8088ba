"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { confirmTestCard as confirm } from "@/lib/payments/cards";

const schema = z.object({
  setupIntentId: z.string().regex(/^seti_[A-Za-z0-9]+$/, "not_found"),
  // One of Stripe's test tokens; lib/payments refuses anything outside test mode.
  testToken: z.string().regex(/^pm_card_[A-Za-z0-9_]+$/, "test_card_unknown"),
});

export type ConfirmTestCardInput = z.input<typeof schema>;

const action = workspaceAction("moveMoney", schema, ({ setupIntentId, testToken }, { workspace, audit }) =>
  confirm(workspace.id, setupIntentId, testToken, audit),
);

/** Test mode: saves a test card (pm_card_visa, …) on the SetupIntent, in place of Stripe Elements. */
export async function confirmTestCard(workspaceSlug: string, input: ConfirmTestCardInput) {
  return action(workspaceSlug, input);
}
