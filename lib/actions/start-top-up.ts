"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { moneyField } from "@/lib/money/field";
import { startTopUp as start } from "@/lib/payments/top-ups";

// Messages are keys of the `errors` namespace, shown next to the field.
const schema = z.object({
  amount: moneyField,
  cardId: z.uuid("card_required"),
  // One per opening of the Add funds dialog: a double click, or a retry, is one payment.
  idempotencyKey: z.uuid("invalid_field"),
});

export type StartTopUpInput = z.input<typeof schema>;

// Owners and billing admins only: members see no Add funds button, and this refuses them.
// lib/payments refuses an amount outside the top-up limits (lib/payments/limits.ts).
const action = workspaceAction("moveMoney", schema, async ({ amount, cardId, idempotencyKey }, { workspace, user, audit }) =>
  // Never credits: the wallet is credited once, when Stripe's webhook confirms the payment.
  start(workspace.id, { amount, cardId, idempotencyKey, userId: user.id }, audit),
);

export async function startTopUp(workspaceSlug: string, input: StartTopUpInput) {
  return action(workspaceSlug, input);
}
