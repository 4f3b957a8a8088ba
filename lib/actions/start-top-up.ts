"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { formatAmountShort, parseMoneyInput, TOP_UP_LIMITS } from "@/lib/money";
import { startTopUp as start } from "@/lib/payments/top-ups";

// Messages are keys of the `errors` namespace, shown next to the field.
const schema = z.object({
  // Exact: the typed text becomes micro-units through parseAmount, never a float.
  amount: z
    .string()
    .max(32, "amount_invalid")
    .transform((value, context) => {
      const parsed = parseMoneyInput(value);
      if (parsed.ok) return parsed.value;
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  cardId: z.uuid("card_required"),
  // One per opening of the Add funds dialog: a double click, or a retry, is one payment.
  idempotencyKey: z.uuid("invalid_field"),
});

export type StartTopUpInput = z.input<typeof schema>;

// Owners and billing admins only: members see no Add funds button, and this refuses them.
const action = workspaceAction("manageBilling", schema, async ({ amount, cardId, idempotencyKey }, { workspace, user }) => {
  const limits = TOP_UP_LIMITS[workspace.currency];
  if (amount < limits.min || amount > limits.max) {
    return { status: "out_of_range" as const, min: formatAmountShort(limits.min), max: formatAmountShort(limits.max) };
  }
  // Never credits: the wallet is credited once, when Stripe's webhook confirms the payment.
  return start(workspace.id, { amount, cardId, idempotencyKey, userId: user.id });
});

export async function startTopUp(workspaceSlug: string, input: StartTopUpInput) {
  return action(workspaceSlug, input);
}
