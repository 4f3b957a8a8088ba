import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { formatMoneyInput, MICROS_PER_UNIT, type Micros } from "@/lib/money";

/** The highest low-balance alert a workspace may set: 1,000,000 units of its plan currency. */
export const MAX_ALERT_THRESHOLD: Micros = 1_000_000n * MICROS_PER_UNIT;

// Digits, then optionally one decimal separator and one or two digits. A comma is accepted as
// the separator because Spanish writes "25,50"; grouping separators are not, so "1,000" is
// refused rather than guessed.
const AMOUNT = /^(\d+)(?:[.,](\d{1,2}))?$/;

type ThresholdResult = { ok: true; value: Micros } | { ok: false; error: "amount_invalid" | "amount_negative" | "amount_too_large" };

/** Parses a threshold typed by a person ("25", "25.5", "25,50") into micro-units, exactly. */
export function parseThreshold(text: string): ThresholdResult {
  const value = text.trim();
  if (value.startsWith("-")) return { ok: false, error: "amount_negative" };
  const match = AMOUNT.exec(value);
  if (!match) return { ok: false, error: "amount_invalid" };
  const [, whole, fraction = ""] = match;
  // More than 7 significant digits is over the limit whatever they are; no need to BigInt them.
  if (whole.replace(/^0+/, "").length > 7) return { ok: false, error: "amount_too_large" };
  const micros = BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, "0"));
  if (micros > MAX_ALERT_THRESHOLD) return { ok: false, error: "amount_too_large" };
  return { ok: true, value: micros };
}

// Messages are keys of the `errors` namespace, shown next to the field.
export const billingSettingsSchema = z.object({
  billingEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "email_invalid")
    .transform((value) => (value === "" ? null : value))
    .pipe(z.email("email_invalid").nullable()),
  lowBalanceAlertThreshold: z
    .string()
    .max(32, "amount_invalid")
    .transform((value, context): Micros | null => {
      if (value.trim() === "") return null;
      const parsed = parseThreshold(value);
      if (parsed.ok) return parsed.value;
      context.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }),
  weeklySummary: z.boolean("invalid_field"),
});

export type BillingSettings = z.output<typeof billingSettingsSchema>;

/** Saves a workspace's billing contact and alerts; answers them as stored. */
export async function updateBillingSettings(workspaceId: string, input: BillingSettings) {
  const workspace = await db.workspace.update({
    where: { id: workspaceId },
    data: { billingEmail: input.billingEmail, lowBalanceAlertThreshold: input.lowBalanceAlertThreshold, weeklySummaryEnabled: input.weeklySummary },
    select: { billingEmail: true, lowBalanceAlertThreshold: true, weeklySummaryEnabled: true },
  });
  return workspace;
}

/** The form's values from the stored ones, amounts as a viewer in `locale` reads them. */
export function billingSettingsForForm(
  workspace: { billingEmail: string | null; lowBalanceAlertThreshold: Micros | null; weeklySummaryEnabled: boolean },
  locale: string,
) {
  const threshold = workspace.lowBalanceAlertThreshold;
  return {
    billingEmail: workspace.billingEmail ?? "",
    // "25.00" / "25,00", or "" when there is no alert.
    lowBalanceAlertThreshold: threshold === null ? "" : formatMoneyInput(threshold, locale),
    weeklySummary: workspace.weeklySummaryEnabled,
  };
}
