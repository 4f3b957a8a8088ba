import "server-only";
import { AppError } from "@/lib/errors";
import { ledgerKeys } from "@/lib/ledger/keys";
import { postEntry, type Actor } from "@/lib/ledger/post";

/**
 * A manual adjustment of the paid balance (goodwill credit, correction), positive or negative,
 * always with a reason. Pass an idempotency key when the caller may retry.
 */
export async function adjustBalance(workspaceId: string, amount: bigint, reason: string, actor: Actor, idempotencyKey = ledgerKeys.adjustment()) {
  const trimmed = reason.trim();
  if (amount === 0n) throw new AppError("invalid_field", "The amount must not be zero", "amount");
  if (trimmed.length < 3 || trimmed.length > 500) throw new AppError("invalid_field", "Give a reason of 3 to 500 characters", "reason");
  return postEntry(workspaceId, {
    kind: "ADJUSTMENT",
    bucket: "PAID",
    amount,
    idempotencyKey,
    description: trimmed,
    actor,
  });
}
