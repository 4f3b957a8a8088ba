import type { MemberRole } from "@/lib/generated/prisma/enums";

/** What each workspace role may do. Checked on the server for every page and action. */
export const PERMISSIONS = {
  /** See balance, usage and transactions. */
  viewBilling: ["OWNER", "BILLING_ADMIN", "MEMBER"],
  /** Billing settings, cards, top-ups, auto-recharge. */
  manageBilling: ["OWNER", "BILLING_ADMIN"],
  /** Workspace settings and members. */
  manageWorkspace: ["OWNER"],
} as const satisfies Record<string, readonly MemberRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly MemberRole[]).includes(role);
}
