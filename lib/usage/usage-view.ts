import "server-only";
import { db } from "@/lib/db";

// Reads behind the usage and wallet screens. The workspace id comes from requireWorkspace,
// never from the client, and is always in `where`.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Charges and quantities per channel over the last `days` days (outbound and inbound together). */
export async function getUsageByChannel(workspaceId: string, days: number) {
  const since = new Date(Date.now() - days * DAY_MS);
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
