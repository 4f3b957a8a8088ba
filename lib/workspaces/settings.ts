import "server-only";
import { z } from "zod";
import { changedFields, recordAudit, type AuditContext } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { formatMoneyInput, MICROS_PER_UNIT, type Micros } from "@/lib/money";
import { optionalMoneyField } from "@/lib/money/field";

/** The highest low-balance alert a workspace may set: 1,000,000 units of its plan currency. */
export const MAX_ALERT_THRESHOLD: Micros = 1_000_000n * MICROS_PER_UNIT;

// Messages are keys of the `errors` namespace, shown next to the field.
export const billingSettingsSchema = z.object({
  billingEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "email_invalid")
    .transform((value) => (value === "" ? null : value))
    .pipe(z.email("email_invalid").nullable()),
  // Empty: no alert.
  lowBalanceAlertThreshold: z.pipe(optionalMoneyField, z.bigint().max(MAX_ALERT_THRESHOLD, "amount_too_large").nullable()),
  weeklySummary: z.boolean("invalid_field"),
});

export type BillingSettings = z.output<typeof billingSettingsSchema>;

/** Saves a workspace's billing contact and alerts; answers them as stored. */
export async function updateBillingSettings(workspaceId: string, input: BillingSettings, audit: AuditContext) {
  const select = { billingEmail: true, lowBalanceAlertThreshold: true, weeklySummaryEnabled: true } as const;
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select });
    const workspace = await tx.workspace.update({
      where: { id: workspaceId },
      data: { billingEmail: input.billingEmail, lowBalanceAlertThreshold: input.lowBalanceAlertThreshold, weeklySummaryEnabled: input.weeklySummary },
      select,
    });
    const changes = changedFields(before, workspace);
    // Saving the form unchanged changes nothing, so there is nothing to record.
    if (Object.keys(changes).length > 0) {
      const { currency } = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { currency: true } });
      await recordAudit(tx, audit, { action: "billing_settings.updated", changes: { ...changes, currency } });
    }
    return workspace;
  });
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
