import "server-only";
import { ledgerKeys } from "@/lib/ledger/keys";
import type { PostedEntry, WalletSession } from "@/lib/ledger/post";

/**
 * Debits the paid balance by each refund of a payment not debited before (one REFUND per
 * refund, `refund:<id>`), so a partial refund followed by another debits each once, whatever
 * the order or number of the events telling us. Answers the entries posted now.
 */
export async function debitRefunds(
  session: WalletSession,
  refunds: { id: string; amount: bigint }[],
  about: { reference: string | null; description: string },
): Promise<PostedEntry[]> {
  return session.post(
    refunds.map((refund) => ({
      kind: "REFUND" as const,
      bucket: "PAID" as const,
      amount: -refund.amount,
      idempotencyKey: ledgerKeys.refund(refund.id),
      reference: about.reference,
      description: about.description,
      actor: { type: "system" as const },
    })),
  );
}
