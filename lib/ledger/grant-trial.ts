import "server-only";
import { ledgerKeys } from "@/lib/ledger/keys";
import type { Actor, WalletSession } from "@/lib/ledger/post";

/**
 * Grants WhatsApp calling's trial credit to the trial bucket (R8): once per workspace, ever —
 * the key makes a second grant impossible even if the workspace's flag were reset by hand.
 * Answers the amount granted: 0 when it was granted before.
 */
export async function grantWhatsappCallTrial(session: WalletSession, amount: bigint, actor: Actor): Promise<bigint> {
  const [entry] = await session.post([
    {
      kind: "TRIAL_GRANT",
      bucket: "TRIAL",
      amount,
      idempotencyKey: ledgerKeys.whatsappCallTrial(),
      reference: "whatsapp_call",
      description: "WhatsApp calling trial credit",
      actor,
    },
  ]);
  return entry ? entry.amount : 0n;
}
