import "server-only";
import { listAuditEvents } from "@/lib/audit/read";
import { db } from "@/lib/db";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { getWalletOverview } from "@/lib/wallet/view";
import { getMembers } from "@/lib/workspaces/members";

/**
 * What the support console shows of one workspace: plan and currency, wallet, auto-recharge and
 * its recent failures, cards (brand, last 4, expiry — never more), the last 20 usage events and
 * ledger entries, members with roles, and the newest audit rows. Null when there is no such workspace.
 */
export async function getWorkspaceOverview(workspaceId: string) {
  const workspace = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { id: true, name: true, slug: true, currency: true, country: true, timeZone: true, createdAt: true, whatsappCallingEnabled: true, whatsappApiConfiguredAt: true },
  });
  if (!workspace) return null;
  const [wallet, autoRecharge, failures, cards, usage, ledger, members, audit] = await Promise.all([
    getWalletOverview(workspaceId),
    db.autoRecharge.findUnique({ where: { workspaceId }, select: { enabled: true, threshold: true, amount: true, monthlyCap: true, consecutiveFailures: true, lastFailureMessage: true, disabledAt: true } }),
    db.payment.findMany({
      where: { workspaceId, kind: "AUTO_RECHARGE", status: "FAILED" },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, amount: true, failureCode: true, failureMessage: true, createdAt: true },
    }),
    db.paymentMethod.findMany({
      where: { workspaceId },
      orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
      select: { id: true, brand: true, last4: true, expMonth: true, expYear: true, isDefault: true },
    }),
    db.usageEvent.findMany({
      where: { workspaceId },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, externalId: true, channel: true, direction: true, durationSeconds: true, outcome: true, occurredAt: true, charge: true },
    }),
    getRecentLedgerEntries(workspaceId, 20),
    getMembers(workspaceId),
    listAuditEvents({ workspaceId }, undefined, 20),
  ]);
  return { workspace, wallet, autoRecharge, failures, cards, usage, ledger, members, audit: audit.events };
}

export type WorkspaceOverview = NonNullable<Awaited<ReturnType<typeof getWorkspaceOverview>>>;
