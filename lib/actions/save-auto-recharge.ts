"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { ChargeNowUnconfirmed, saveAutoRecharge as save, type AutoRechargeView } from "@/lib/auto-recharge/settings";
import { formatMoneyInput } from "@/lib/money";
import { moneyField } from "@/lib/money/field";

// Messages are keys of the `errors` namespace, shown next to the field.
const schema = z.object({
  enabled: z.boolean(),
  threshold: moneyField,
  amount: moneyField,
  monthlyCap: moneyField,
  /** A card of the workspace, or "" for the default card. */
  cardId: z.union([z.literal(""), z.uuid("not_found")]),
  /** The charge the owner confirmed (micro-units, as the previous answer's `chargeNow.amount` said). */
  confirmedChargeNow: z
    .string()
    .regex(/^\d{1,18}$/, "invalid_field")
    .transform((value) => BigInt(value))
    .optional(),
});

export type SaveAutoRechargeInput = z.input<typeof schema>;
export type AutoRechargeFormValues = { enabled: boolean; threshold: string; amount: string; monthlyCap: string; cardId: string };
/** Saving would charge the card at once: what to ask the owner to confirm (micro-units as decimal strings). */
export type ChargeNowQuestion = { amount: string; available: string; threshold: string; card: { brand: string; last4: string } };

// Owners and billing admins only: members see the state but not the form, and this refuses them.
// lib/auto-recharge refuses amounts outside its limits (lib/auto-recharge/limits.ts), all at once.
const action = workspaceAction("moveMoney", schema, async (input, { workspace, audit }) => {
  try {
    const view = await save(workspace.id, {
      enabled: input.enabled,
      threshold: input.threshold,
      amount: input.amount,
      monthlyCap: input.monthlyCap,
      paymentMethodId: input.cardId === "" ? null : input.cardId,
      confirmedChargeNow: input.confirmedChargeNow ?? null,
    }, audit);
    return { saved: true as const, values: formValues(view, await getLocale()) };
  } catch (error) {
    // Nothing was saved: the form asks the owner, and sends the same values with this amount.
    if (!(error instanceof ChargeNowUnconfirmed)) throw error;
    const { amount, available, threshold, card } = error.charge;
    const chargeNow: ChargeNowQuestion = { amount: String(amount), available: String(available), threshold: String(threshold), card };
    return { saved: false as const, chargeNow };
  }
});

export async function saveAutoRecharge(workspaceSlug: string, input: SaveAutoRechargeInput) {
  return action(workspaceSlug, input);
}

/** The saved values as the form shows them, in the viewer's language. */
function formValues(view: AutoRechargeView, locale: string): AutoRechargeFormValues {
  return {
    enabled: view.enabled,
    threshold: formatMoneyInput(view.threshold, locale),
    amount: formatMoneyInput(view.amount, locale),
    monthlyCap: formatMoneyInput(view.monthlyCap, locale),
    cardId: view.cardId ?? "",
  };
}
