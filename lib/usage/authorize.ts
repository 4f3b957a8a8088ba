import "server-only";
import { db } from "@/lib/db";
import type { Currency } from "@/lib/generated/prisma/enums";
import { isTimedChannel, type Channel, type Direction } from "@/lib/rating/channels";
import { mayStartCall, mayStartMessage } from "@/lib/wallet/outbound";

export type AuthorizeReason = "insufficient_balance" | "channel_disabled";

export type AuthorizeDecision = {
  allowed: boolean;
  reason: AuthorizeReason | null;
  currency: Currency;
  paidBalance: bigint;
  trialCredit: bigint;
  minimumBalance: bigint;
};

/**
 * May new outbound work start now? (R3, R5, R6.) Moves no money and takes no lock: it reads
 * one row, so a campaign spending the same wallet never blocks it. The balance rule is
 * lib/wallet/outbound.ts's; this adds the channel switches:
 * - WhatsApp calls need WhatsApp calling on, WhatsApp messages the WhatsApp API configured;
 * - inbound work always may.
 */
export async function authorizeUsage(workspaceId: string, channel: Channel, direction: Direction): Promise<AuthorizeDecision> {
  const [row] = await db.$queryRaw<
    { currency: Currency; calling: boolean; whatsappApi: boolean; paid: bigint; trial: bigint; minimum: bigint }[]
  >`
    SELECT w.currency::text AS currency, w."whatsappCallingEnabled" AS calling,
           w."whatsappApiConfiguredAt" IS NOT NULL AS "whatsappApi",
           wa."paidBalance" AS paid, wa."trialBalance" AS trial, p."callMinimumBalance" AS minimum
    FROM "Workspace" w
    JOIN "Wallet" wa ON wa."workspaceId" = w.id
    JOIN "CurrencyPlan" p ON p.currency = w.currency
    WHERE w.id = ${workspaceId}::uuid`;
  const base = { currency: row.currency, paidBalance: row.paid, trialCredit: row.trial };
  const decide = (allowed: boolean, minimumBalance: bigint, reason: AuthorizeReason = "insufficient_balance") => ({
    ...base,
    allowed,
    reason: allowed ? null : reason,
    minimumBalance,
  });

  if (direction === "inbound") return decide(true, 0n);
  const balance = { paid: row.paid, trial: row.trial, callMinimum: row.minimum, whatsappCallingEnabled: row.calling };
  if (isTimedChannel(channel)) {
    if (channel === "whatsapp_call" && !row.calling) return decide(false, row.minimum, "channel_disabled");
    return decide(mayStartCall(channel, balance), row.minimum);
  }
  if (channel === "whatsapp" && !row.whatsappApi) return decide(false, 0n, "channel_disabled");
  return decide(mayStartMessage(balance), 0n);
}
