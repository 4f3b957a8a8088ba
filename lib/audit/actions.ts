// Every action the audit trail records, by name. A row's `action` is one of these; the audit
// log pages translate each (messages `audit.actions.<name with _ for .>`), so adding one here
// means adding its label to both message files (test/unit/messages.test.ts checks the keys).
export const AUDIT_ACTIONS = [
  // Money (refused while a staff member is viewing: lib/auth/roles.ts moveMoney).
  "card.added",
  "card.removed",
  "card.default_set",
  "top_up.started",
  "auto_recharge.updated",
  // Goodwill credit: the support console (staff) and saldo-admin credit:grant (operator).
  "credit.granted",
  // Settings.
  "billing_settings.updated",
  "whatsapp_calling.updated",
  "api_key.created",
  "api_key.revoked",
  "whatsapp_api.configured",
  "whatsapp_api.removed",
  // Team (lib/workspaces/invitations.ts).
  "member.invited",
  "member.added",
  "member.role_changed",
  "member.removed",
  "invitation.revoked",
  "invitation.accepted",
  // The onboarding walkthrough hidden or brought back (lib/onboarding/progress.ts).
  "onboarding.dismissed",
  "onboarding.resumed",
  // Support staff viewing a workspace (lib/auth/impersonation.ts).
  "impersonation.started",
  "impersonation.stopped",
  "impersonation.replaced",
  "impersonation.expired",
  /** A viewing staff member tried an action its permission refuses (the attempt, not a change). */
  "impersonation.refused",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The messages key of an action's label: `card.default_set` → `card_default_set`. */
export function auditActionKey(action: string): string {
  return action.replaceAll(".", "_");
}
