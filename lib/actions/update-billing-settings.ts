"use server";

import { getLocale } from "next-intl/server";
import { workspaceAction } from "@/lib/actions/safe-action";
import { billingSettingsForForm, billingSettingsSchema, updateBillingSettings as saveBillingSettings } from "@/lib/workspaces/settings";

export type BillingSettingsInput = { billingEmail: string; lowBalanceAlertThreshold: string; weeklySummary: boolean };

// Owners and billing admins only: the page hides the form from members, and this refuses them.
const action = workspaceAction("manageSettings", billingSettingsSchema, async (input, { workspace, audit }) =>
  billingSettingsForForm(await saveBillingSettings(workspace.id, input, audit), await getLocale()),
);

export async function updateBillingSettings(workspaceSlug: string, input: BillingSettingsInput) {
  return action(workspaceSlug, input);
}
