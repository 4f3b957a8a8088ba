import "server-only";
import { db, type Prisma } from "@/lib/db";
import { afterBalanceChange } from "@/lib/auto-recharge/trigger";
import { AppError } from "@/lib/errors";
import { queueBalanceAlerts } from "@/lib/mail/balance-alerts";
import type { LedgerBucket, LedgerKind } from "@/lib/generated/prisma/enums";

// The only code that changes wallet balances. Every change is a ledger entry written in the
// same transaction as the wallet update, under a row lock on the wallet, so the wallet always
// equals the sum of its entries and concurrent writers queue instead of racing.

export type Actor = { type: "user" | "staff" | "api_key" | "system"; id?: string };

export type EntryInput = {
  kind: LedgerKind;
  bucket: LedgerBucket;
  /** Signed micro-units. */
  amount: bigint;
  /** Unique per workspace; a replay with the same key changes nothing. */
  idempotencyKey: string;
  reference?: string | null;
  description?: string | null;
  actor: Actor;
};

export type LockedWallet = {
  workspaceId: string;
  currency: "USD" | "INR";
  paidBalance: bigint;
  trialBalance: bigint;
};

type Thresholds = { alertThreshold: bigint | null; callMinimum: bigint };

export type PostedEntry = EntryInput & { balanceAfter: bigint; availableAfter: bigint };

export type WalletSession = {
  tx: Prisma.TransactionClient;
  /** The wallet as of now, including entries posted in this session. */
  wallet: LockedWallet;
  /** Appends entries (in order) and moves the balances. Keys must be new: check first. */
  post(entries: EntryInput[]): Promise<PostedEntry[]>;
};

/**
 * Runs `work` in a transaction holding the wallet's row lock. Balance updates are written once,
 * when `work` returns, whatever number of entries it posted.
 */
export async function withWallet<T>(workspaceId: string, work: (session: WalletSession) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      // The alert thresholds come along in the same round trip; only the wallet row is locked.
      const [locked] = await tx.$queryRaw<(LockedWallet & Thresholds)[]>`
        SELECT wa."workspaceId", wa.currency::text AS currency, wa."paidBalance", wa."trialBalance",
               w."lowBalanceAlertThreshold" AS "alertThreshold", p."callMinimumBalance" AS "callMinimum"
        FROM "Wallet" wa JOIN "Workspace" w ON w.id = wa."workspaceId" JOIN "CurrencyPlan" p ON p.currency = wa.currency
        WHERE wa."workspaceId" = ${workspaceId}::uuid FOR UPDATE OF wa`;
      if (!locked) throw new AppError("not_found", "Wallet not found");
      const { alertThreshold, callMinimum, ...row } = locked;
      const wallet: LockedWallet = { ...row };
      const start = { paid: row.paidBalance, trial: row.trialBalance };

      // Money handed back (refunds, disputes) must not make auto-recharge charge the same card again.
      let spent = false;
      const post = async (entries: EntryInput[]) => {
        if (entries.length === 0) return [];
        spent ||= entries.some((entry) => entry.kind !== "REFUND" && entry.kind !== "REVERSAL");
        const posted = entries.map((entry) => {
          if (entry.bucket === "PAID") wallet.paidBalance += entry.amount;
          else wallet.trialBalance += entry.amount;
          if (wallet.trialBalance < 0n) throw new Error("Trial credit cannot go below zero");
          return {
            ...entry,
            balanceAfter: entry.bucket === "PAID" ? wallet.paidBalance : wallet.trialBalance,
            availableAfter: wallet.paidBalance + wallet.trialBalance,
          };
        });
        await insertEntries(tx, workspaceId, posted);
        return posted;
      };

      const result = await work({ tx, wallet, post });
      if (wallet.paidBalance !== start.paid || wallet.trialBalance !== start.trial) {
        await tx.$executeRaw`
          UPDATE "Wallet" SET "paidBalance" = ${wallet.paidBalance}, "trialBalance" = ${wallet.trialBalance}, "updatedAt" = now()
          WHERE "workspaceId" = ${workspaceId}::uuid`;
        // Still under the lock: a recharge the new balance calls for, and the e-mails a crossed
        // threshold calls for, commit with it (R11, Notifications).
        if (spent) {
          const change = { workspaceId, currency: wallet.currency, before: start.paid + start.trial, after: wallet.paidBalance + wallet.trialBalance };
          const rechargeStarted = await afterBalanceChange(tx, change);
          await queueBalanceAlerts(tx, {
            ...change,
            paidBefore: start.paid,
            paidAfter: wallet.paidBalance,
            alertThreshold,
            callMinimum,
            rechargeStarted,
          });
        }
      }
      return result;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** One statement for any number of entries. */
async function insertEntries(tx: Prisma.TransactionClient, workspaceId: string, entries: PostedEntry[]) {
  const rows = JSON.stringify(
    entries.map((e) => ({
      kind: e.kind,
      bucket: e.bucket,
      amount: e.amount.toString(),
      balance_after: e.balanceAfter.toString(),
      available_after: e.availableAfter.toString(),
      reference: e.reference ?? null,
      description: e.description ?? null,
      actor_type: e.actor.type,
      actor_id: e.actor.id ?? null,
      idempotency_key: e.idempotencyKey,
    })),
  );
  const inserted = await tx.$executeRaw`
    INSERT INTO "LedgerEntry" ("workspaceId", kind, bucket, amount, "balanceAfter", "availableAfter", reference, description, "actorType", "actorId", "idempotencyKey")
    SELECT ${workspaceId}::uuid, r.kind::"LedgerKind", r.bucket::"LedgerBucket", r.amount::bigint, r.balance_after::bigint,
           r.available_after::bigint, r.reference, r.description, r.actor_type, r.actor_id, r.idempotency_key
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(kind text, bucket text, amount text, balance_after text, available_after text,
         reference text, description text, actor_type text, actor_id text, idempotency_key text)
    ON CONFLICT ("workspaceId", "idempotencyKey") DO NOTHING`;
  // Callers check keys under the lock first, so a conflict here is a programming error: abort
  // rather than move a balance without its entry.
  if (inserted !== entries.length) throw new Error("Ledger idempotency key reused within a posting");
}

/**
 * Posts one entry unless its idempotency key was already used, in which case nothing changes
 * and the first entry is returned with `duplicate: true`.
 */
export async function postEntry(workspaceId: string, entry: EntryInput) {
  return withWallet(workspaceId, async ({ tx, wallet, post }) => {
    const existing = await tx.ledgerEntry.findUnique({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: entry.idempotencyKey } },
    });
    if (existing) return { entry: existing, duplicate: true, wallet: { ...wallet } };
    await post([entry]);
    const created = await tx.ledgerEntry.findUniqueOrThrow({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: entry.idempotencyKey } },
    });
    return { entry: created, duplicate: false, wallet: { ...wallet } };
  });
}
