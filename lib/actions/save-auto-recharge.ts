"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { ChargeNowUnconfirmed, saveAutoRecharge as save, type AutoRechargeView } from "@/lib/auto-recharge/settings";
import { formatMoney, formatMoneyInput, parseMoneyInput, TOP_UP_LIMITS, type Currency, type Micros } from "@/lib/money";

// Exact: the typed text becomes micro-units through parseAmount, never a float. Messages are
// keys of the `errors` namespace, shown next to the field.
const money = z
  .string()
  .max(32, "amount_invalid")
  .transform((value, context) => {
    const parsed = parseMoneyInput(value);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

const schema = z.object({
  enabled: z.boolean(),
  threshold: money,
  amount: money,
  monthlyCap: money,
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
const action = workspaceAction("manageBilling", schema, async (input, { workspace }) => {
  // lib/auto-recharge checks these too; checking here first words the message for the field.
  const problems = await rangeProblems(input, workspace.currency);
  if (problems) return { saved: false as const, fieldErrors: problems };
  try {
    const view = await save(workspace.id, {
      enabled: input.enabled,
      threshold: input.threshold,
      amount: input.amount,
      monthlyCap: input.monthlyCap,
      paymentMethodId: input.cardId === "" ? null : input.cardId,
      confirmedChargeNow: input.confirmedChargeNow ?? null,
    });
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

/** The bounds lib/auto-recharge enforces, as translated field messages (null when all fit). */
async function rangeProblems(
  input: { threshold: Micros; amount: Micros; monthlyCap: Micros },
  currency: Currency,
): Promise<Record<string, string> | null> {
  const t = await getTranslations("autoRecharge.errors");
  const locale = await getLocale();
  const limits = TOP_UP_LIMITS[currency];
  const format = (micros: Micros) => formatMoney(micros, currency, locale);
  const problems: Record<string, string> = {};
  if (input.amount < limits.min || input.amount > limits.max) {
    problems.amount = t("amountRange", { min: format(limits.min), max: format(limits.max) });
  }
  if (input.threshold > limits.max) problems.threshold = t("thresholdRange", { max: format(limits.max) });
  if (input.monthlyCap < input.amount) problems.monthlyCap = t("capBelowAmount");
  else if (input.monthlyCap > limits.max * 100n) problems.monthlyCap = t("capTooLarge", { max: format(limits.max * 100n) });
  return Object.keys(problems).length ? problems : null;
}
