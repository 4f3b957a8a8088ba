import "server-only";
import { db } from "@/lib/db";
import type { Currency } from "@/lib/generated/prisma/enums";

// A workspace's currency is fixed at creation, so it is safe to remember for the process's life.
const currencies = new Map<string, Currency>();

export async function workspaceCurrency(workspaceId: string): Promise<Currency> {
  const cached = currencies.get(workspaceId);
  if (cached) return cached;
  const { currency } = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { currency: true } });
  currencies.set(workspaceId, currency);
  return currency;
}
