import "server-only";
import { AppError } from "@/lib/errors";
import { ledgerKeys } from "@/lib/ledger/keys";
import { withWallet, type Actor, type PostedEntry, type WalletSession } from "@/lib/ledger/post";

/**
 * A manual adjustment of the paid balance (goodwill credit, correction), positive or negative,
 * always with a reason. Pass an idempotency key when the caller may retry. `alsoInTransaction`
 * runs in the same transaction right after a first posting (not on a replay): the audit row.
 */
export async function adjustBalance(
  workspaceId: string,
  amount: bigint,
  reason: string,
  actor: Actor,
  idempotencyKey = ledgerKeys.adjustment(),
  alsoInTransaction?: (session: WalletSession, entry: PostedEntry) => Promise<void>,
) {
  return withWallet(workspaceId, async (session) => {
    const posted = await postAdjustment(session, amount, reason, actor, idempotencyKey);
    if (posted && alsoInTransaction) await alsoInTransaction(session, posted);
    const entry = await session.tx.ledgerEntry.findUniqueOrThrow({ where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey } } });
    return { entry, duplicate: !posted, wallet: { ...session.wallet } };
  });
}

/**
 * The adjustment inside a wallet session already open (lib/support/goodwill.ts checks its caps
 * under the same lock). Answers the entry posted, or null for a replay of the key.
 */
export async function postAdjustment(session: WalletSession, amount: bigint, reason: string, actor: Actor, idempotencyKey: string): Promise<PostedEntry | null> {
  const trimmed = reason.trim();
  if (amount === 0n) throw new AppError("invalid_field", "The amount must not be zero", "amount");
  if (trimmed.length < 3 || trimmed.length > 500) throw new AppError("invalid_field", "Give a reason of 3 to 500 characters", "reason", { key: "goodwill_reason_length" });
  const [entry] = await session.post([{ kind: "ADJUSTMENT", bucket: "PAID", amount, idempotencyKey, description: trimmed, actor }]);
  return entry ?? null;
}
