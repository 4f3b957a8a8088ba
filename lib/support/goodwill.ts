import "server-only";
import { z } from "zod";
import { inWorkspace, recordAudit, type AuditContext } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PlatformRole } from "@/lib/generated/prisma/enums";
import { adjustBalance } from "@/lib/ledger/adjust";
import { ledgerKeys } from "@/lib/ledger/keys";
import { formatAmount, parseAmount, type Currency, type Micros } from "@/lib/money";

// Goodwill credit from the support console: a ledger adjustment (lib/ledger/adjust.ts) with the
// staff member as actor and the reason in the entry, and its `credit.granted` audit row in the
// same transaction. SUPPORT is capped per grant and per workspace per UTC day (lib/env.ts);
// ADMIN is not. The day's total is read under the wallet's lock, so two grants at once cannot
// both fit under the cap. One request id per opening of the form: a double click grants once.

export const goodwillReason = z.string("goodwill_reason_length").trim().min(3, "goodwill_reason_length").max(500, "goodwill_reason_length");

export type GoodwillCaps = { perGrant: Micros; perDay: Micros };

/** A SUPPORT staff member's caps in `currency`; null for ADMIN (uncapped). */
export function goodwillCaps(role: PlatformRole, currency: Currency): GoodwillCaps | null {
  if (role === "ADMIN") return null;
  const settings = env();
  return currency === "INR"
    ? { perGrant: parseAmount(settings.SUPPORT_GOODWILL_MAX_INR), perDay: parseAmount(settings.SUPPORT_GOODWILL_DAILY_INR) }
    : { perGrant: parseAmount(settings.SUPPORT_GOODWILL_MAX_USD), perDay: parseAmount(settings.SUPPORT_GOODWILL_DAILY_USD) };
}

export type GoodwillInput = { workspaceId: string; amount: Micros; reason: string; requestId: string };

export async function grantGoodwill(staff: { id: string; platformRole: PlatformRole }, input: GoodwillInput, audit: AuditContext, now = new Date()) {
  if (input.amount <= 0n) throw new AppError("invalid_field", "The amount must be above zero", "amount");
  const reason = goodwillReason.safeParse(input.reason);
  if (!reason.success) throw new AppError("invalid_field", "Give a reason of 3 to 500 characters", "reason", { key: "goodwill_reason_length" });
  const context = inWorkspace(audit, input.workspaceId);
  const key = ledgerKeys.goodwill(input.requestId);
  return adjustBalance(input.workspaceId, input.amount, reason.data, { type: "staff", id: staff.id }, key, async ({ tx, wallet }, entry) => {
    const caps = goodwillCaps(staff.platformRole, wallet.currency);
    if (caps) {
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      // Today's staff goodwill to this workspace, this grant included (it is posted already).
      const [{ total }] = await tx.$queryRaw<{ total: bigint | null }[]>`
        SELECT sum(amount)::bigint AS total FROM "LedgerEntry"
        WHERE "workspaceId" = ${input.workspaceId}::uuid AND kind = 'ADJUSTMENT' AND "actorType" = 'staff'
          AND "idempotencyKey" LIKE 'goodwill:%' AND "createdAt" >= ${dayStart}`;
      const today = total ?? 0n;
      if (entry.amount > caps.perGrant || today > caps.perDay) {
        const left = caps.perDay - (today - entry.amount);
        // Throwing rolls the entry back with the transaction.
        throw new AppError("goodwill_cap_exceeded", `At most ${formatAmount(caps.perGrant)} per grant and ${formatAmount(caps.perDay)} per workspace per day`, "amount", {
          values: {
            max: { amount: caps.perGrant, currency: wallet.currency },
            daily: { amount: caps.perDay, currency: wallet.currency },
            left: { amount: left > 0n ? left : 0n, currency: wallet.currency },
          },
        });
      }
    }
    await recordAudit(tx, context, {
      action: "credit.granted",
      target: entry.idempotencyKey,
      reason: reason.data,
      changes: { amount: formatAmount(entry.amount), currency: wallet.currency },
    });
  });
}
