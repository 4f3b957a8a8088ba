import "server-only";
import type { Channel, Direction } from "@/lib/generated/prisma/enums";
import { ledgerKeys } from "@/lib/ledger/keys";
import type { Actor, EntryInput, WalletSession } from "@/lib/ledger/post";
import { splitTrial } from "@/lib/rating/charge";

export type UsageCharge = { eventId: string; amount: bigint; channel: Channel; direction: Direction };
export type ChargedUsage = { /** The part trial credit paid. */ fromTrial: bigint; /** Available balance (paid + trial) after this event. */ balanceAfter: bigint };

/**
 * Charges rated usage events to the wallet, in order, set-based: outbound WhatsApp calls spend
 * trial credit first (R8), the rest falls on the paid balance, which may go negative (R4). One
 * USAGE entry per bucket an event draws on (`usage:<id>`, `usage:<id>:trial`), all in one
 * statement. Answers each event's trial part and the balance after it, for its UsageEvent row.
 */
export async function chargeUsage(session: WalletSession, charges: UsageCharge[], actor: Actor): Promise<ChargedUsage[]> {
  let paid = session.wallet.paidBalance;
  let trial = session.wallet.trialBalance;
  const entries: EntryInput[] = [];
  const charged = charges.map((charge) => {
    const { fromTrial, fromPaid } = splitTrial(charge.amount, trial, charge.channel, charge.direction);
    trial -= fromTrial;
    paid -= fromPaid;
    const base = { kind: "USAGE" as const, reference: charge.eventId, actor };
    if (fromTrial > 0n) entries.push({ ...base, bucket: "TRIAL", amount: -fromTrial, idempotencyKey: ledgerKeys.usageTrial(charge.eventId) });
    if (fromPaid > 0n) entries.push({ ...base, bucket: "PAID", amount: -fromPaid, idempotencyKey: ledgerKeys.usage(charge.eventId) });
    return { fromTrial, balanceAfter: paid + trial };
  });
  const posted = await session.post(entries);
  // The caller charges only events it found unrecorded under this lock, so every key is new;
  // a skipped one would leave the balances above out of step with the ledger.
  if (posted.length !== entries.length) throw new Error("A usage event's ledger entry exists but its event was not recorded");
  return charged;
}
