import type { MemberRole } from "@/lib/generated/prisma/enums";

/**
 * What each workspace role may do, and whether a support staff member viewing the workspace
 * (impersonating it, lib/auth/impersonation.ts) may do it too. Checked on the server for every
 * page and action (lib/auth/session.ts requireWorkspace). A viewing staff member counts as the
 * workspace's OWNER, except for the permissions marked `whileViewing: false`: those are refused
 * by the check itself, with the error named here.
 */
export const PERMISSIONS = {
  /** See balance, usage, transactions, settings. */
  viewBilling: { roles: ["OWNER", "BILLING_ADMIN", "MEMBER"], whileViewing: true },
  /** Non-money settings: billing contact, alerts, weekly summary, WhatsApp calling, WhatsApp API setup. */
  manageSettings: { roles: ["OWNER", "BILLING_ADMIN"], whileViewing: true },
  /** Money: cards (add, remove, make default), top-ups, auto-recharge (on/off, amounts, card). */
  moveMoney: { roles: ["OWNER", "BILLING_ADMIN"], whileViewing: false, refusal: "viewing_refuses_money" },
  /** Workspace settings: revoking API keys, members' roles, the audit log. */
  manageWorkspace: { roles: ["OWNER"], whileViewing: true },
  /**
   * A lasting way in: creating API keys, inviting members. Refused while viewing, because it
   * would outlive the visit's 30 minutes.
   */
  grantAccess: { roles: ["OWNER"], whileViewing: false, refusal: "viewing_refuses_access" },
} as const satisfies Record<string, { roles: readonly MemberRole[]; whileViewing: boolean; refusal?: string }>;

export type Permission = keyof typeof PERMISSIONS;

/** The AppError codes a viewing staff member gets for a refused permission. */
export type ViewingRefusal = "viewing_refuses_money" | "viewing_refuses_access";

/** Whoever holds the permission: a member's role, or a viewing staff member (role OWNER). */
export type Access = { role: MemberRole; impersonation: { id: string } | null };

export function can(access: Access, permission: Permission): boolean {
  return refusal(access, permission) === null;
}

/** Why `access` may not use `permission`: "forbidden", a viewing refusal, or null when it may. */
export function refusal(access: Access, permission: Permission): "forbidden" | ViewingRefusal | null {
  const rule: { roles: readonly MemberRole[]; whileViewing: boolean; refusal?: string } = PERMISSIONS[permission];
  if (access.impersonation && !rule.whileViewing) return rule.refusal as ViewingRefusal;
  return rule.roles.includes(access.role) ? null : "forbidden";
}
