import "server-only";
import type { PaymentKind } from "@/lib/generated/prisma/enums";
import { ledgerKeys } from "@/lib/ledger/keys";
import type { PostedEntry, WalletSession } from "@/lib/ledger/post";

/**
 * Credits a card payment Stripe confirmed — a top-up, or an auto-recharge — to the paid
 * balance, once per payment (`payment:<id>`). Answers the entry, or null when the payment was
 * credited before (a replayed webhook): nothing moves then.
 */
export async function creditPayment(
  session: WalletSession,
  payment: { id: string; kind: PaymentKind; createdById: string | null },
  credit: { amount: bigint; reference: string; description: string },
): Promise<PostedEntry | null> {
  const [entry] = await session.post([
    {
      kind: payment.kind === "AUTO_RECHARGE" ? "AUTO_RECHARGE" : "TOP_UP",
      bucket: "PAID",
      amount: credit.amount,
      idempotencyKey: ledgerKeys.payment(payment.id),
      reference: credit.reference,
      description: credit.description,
      actor: payment.createdById ? { type: "user", id: payment.createdById } : { type: "system" },
    },
  ]);
  return entry ?? null;
}
