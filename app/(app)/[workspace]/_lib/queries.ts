import "server-only";
import { db } from "@/lib/db";
import type { Currency } from "@/lib/generated/prisma/enums";
import { CALL_MINIMUM } from "@/lib/money";

// Read-only queries behind the workspace pages. Every one takes the workspace id and puts it in
// `where`: the id comes from requireWorkspace, never from the client.

export async function getWallet(workspaceId: string, currency: Currency) {
  const [wallet, plan] = await Promise.all([
    db.wallet.findUnique({
      where: { workspaceId },
      select: { paidBalance: true, trialBalance: true, updatedAt: true },
    }),
    db.currencyPlan.findUnique({ where: { currency } }),
  ]);
  const paid = wallet?.paidBalance ?? 0n;
  const trial = wallet?.trialBalance ?? 0n;
  return {
    paid,
    trial,
    available: paid + trial,
    updatedAt: wallet?.updatedAt ?? null,
    callMinimum: plan?.callMinimumBalance ?? CALL_MINIMUM[currency],
    whatsappTrialCredit: plan?.whatsappCallTrialCredit ?? null,
  };
}

/** Charges and quantities per channel over the last `days` days (outbound and inbound together). */
export async function getUsageByChannel(workspaceId: string, days: number) {
  const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
  const rows = await db.usageEvent.groupBy({
    by: ["channel"],
    where: { workspaceId, occurredAt: { gte: since } },
    _sum: { charge: true, quantity: true },
    _count: { _all: true },
  });
  return rows.map((row) => ({
    channel: row.channel,
    charge: row._sum.charge ?? 0n,
    quantity: row._sum.quantity ?? 0,
    events: row._count._all,
  }));
}

export async function getRecentLedgerEntries(workspaceId: string, take: number) {
  return db.ledgerEntry.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, bucket: true, amount: true, balanceAfter: true, description: true, createdAt: true },
  });
}

export async function getRecentUsageEvents(workspaceId: string, take: number) {
  return db.usageEvent.findMany({
    where: { workspaceId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      channel: true,
      direction: true,
      quantity: true,
      durationSeconds: true,
      outcome: true,
      sourceType: true,
      occurredAt: true,
      charge: true,
    },
  });
}

export async function getApiKeys(workspaceId: string) {
  return db.apiKey.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function getMembers(workspaceId: string) {
  return db.membership.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

export async function getChannelState(workspaceId: string) {
  return db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { whatsappCallingEnabled: true, whatsappApiConfiguredAt: true, whatsappTrialGrantedAt: true },
  });
}

/** The outbound price in force now for each channel of a currency (the price book is global). */
export async function getCurrentOutboundPrices(currency: Currency, now = new Date()) {
  const rows = await db.price.findMany({
    where: { currency, direction: "outbound", validFrom: { lte: now } },
    orderBy: { validFrom: "desc" },
    select: { channel: true, unit: true, unitPrice: true },
  });
  const byChannel = new Map<string, { unit: string; unitPrice: bigint }>();
  for (const row of rows) if (!byChannel.has(row.channel)) byChannel.set(row.channel, row);
  return byChannel;
}

/** The first owner's e-mail: where receipts and alerts go when no billing e-mail is set. */
export async function getOwnerEmail(workspaceId: string) {
  const owner = await db.membership.findFirst({
    where: { workspaceId, role: "OWNER" },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  return owner?.user.email ?? null;
}
