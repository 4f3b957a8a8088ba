import "server-only";
import { ledgerKeys } from "@/lib/ledger/keys";
import type { PostedEntry, WalletSession } from "@/lib/ledger/post";

/**
 * Debits the paid balance by a disputed amount, which Stripe takes back at once (a REVERSAL,
 * `dispute:<id>`), even when the balance goes negative. Answers the entry, or null when the
 * dispute was debited before.
 */
export async function debitDispute(
  session: WalletSession,
  dispute: { id: string; amount: bigint },
  about: { reference: string | null; description: string },
): Promise<PostedEntry | null> {
  const [entry] = await session.post([
    {
      kind: "REVERSAL",
      bucket: "PAID",
      amount: -dispute.amount,
      idempotencyKey: ledgerKeys.dispute(dispute.id),
      reference: about.reference,
      description: about.description,
      actor: { type: "system" },
    },
  ]);
  return entry ?? null;
}
