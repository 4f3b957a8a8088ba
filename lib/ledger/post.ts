import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LedgerBucket, LedgerKind } from "@/lib/generated/prisma/enums";
import { afterBalanceChange, type WalletThresholds } from "@/lib/ledger/after-change";

// The only code that changes wallet balances. Every change is a ledger entry written in the
// same transaction as the wallet update, under a row lock on the wallet, so the wallet always
// equals the sum of its entries and concurrent writers queue instead of racing. The ways money
// moves are the other files of this folder (credit-payment.ts, charge-usage.ts, …), each
// choosing its entries' kind, bucket and key (keys.ts); they post through a WalletSession.

export type Actor = { type: "user" | "staff" | "api_key" | "system"; id?: string };

export type EntryInput = {
  kind: LedgerKind;
  bucket: LedgerBucket;
  /** Signed micro-units. */
  amount: bigint;
  /** Unique per workspace (lib/ledger/keys.ts); posting a used key again changes nothing. */
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

export type PostedEntry = EntryInput & { balanceAfter: bigint; availableAfter: bigint };

export type WalletSession = {
  tx: Prisma.TransactionClient;
  /** The wallet as of now, including entries posted in this session. */
  wallet: LockedWallet;
  /**
   * Appends the entries whose keys are new (in order) and moves the balances; an entry whose
   * key was used before — a replay — is skipped. Answers the entries posted, so a caller can
   * tell a replay (nothing posted) from a first time.
   */
  post(entries: EntryInput[]): Promise<PostedEntry[]>;
};

/**
 * Runs `work` in a transaction holding the wallet's row lock. Balance updates are written once,
 * when `work` returns, whatever number of entries it posted; then the after-change step
 * (lib/ledger/after-change.ts) runs, still under the lock.
 */
export async function withWallet<T>(workspaceId: string, work: (session: WalletSession) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      // The alert thresholds come along in the same round trip; only the wallet row is locked.
      const [locked] = await tx.$queryRaw<(LockedWallet & WalletThresholds)[]>`
        SELECT wa."workspaceId", wa.currency::text AS currency, wa."paidBalance", wa."trialBalance",
               w."lowBalanceAlertThreshold" AS "alertThreshold", p."callMinimumBalance" AS "callMinimum"
        FROM "Wallet" wa JOIN "Workspace" w ON w.id = wa."workspaceId" JOIN "CurrencyPlan" p ON p.currency = wa.currency
        WHERE wa."workspaceId" = ${workspaceId}::uuid FOR UPDATE OF wa`;
      if (!locked) throw new AppError("not_found", "Wallet not found");
      const { alertThreshold, callMinimum, ...row } = locked;
      const wallet: LockedWallet = { ...row };
      const before = { paid: row.paidBalance, trial: row.trialBalance };
      const kinds = new Set<LedgerKind>();

      const post = async (entries: EntryInput[]) => {
        if (entries.length === 0) return [];
        const used = await usedKeys(tx, workspaceId, entries.map((entry) => entry.idempotencyKey));
        const posted = entries
          .filter((entry) => !used.has(entry.idempotencyKey))
          .map((entry) => {
            if (entry.bucket === "PAID") wallet.paidBalance += entry.amount;
            else wallet.trialBalance += entry.amount;
            if (wallet.trialBalance < 0n) throw new Error("Trial credit cannot go below zero");
            kinds.add(entry.kind);
            return {
              ...entry,
              balanceAfter: entry.bucket === "PAID" ? wallet.paidBalance : wallet.trialBalance,
              availableAfter: wallet.paidBalance + wallet.trialBalance,
            };
          });
        if (posted.length > 0) await insertEntries(tx, workspaceId, posted);
        return posted;
      };

      const result = await work({ tx, wallet, post });
      const after = { paid: wallet.paidBalance, trial: wallet.trialBalance };
      if (after.paid !== before.paid || after.trial !== before.trial) {
        await tx.$executeRaw`
          UPDATE "Wallet" SET "paidBalance" = ${after.paid}, "trialBalance" = ${after.trial}, "updatedAt" = now()
          WHERE "workspaceId" = ${workspaceId}::uuid`;
        await afterBalanceChange(tx, { workspaceId, currency: wallet.currency, before, after, kinds, alertThreshold, callMinimum });
      }
      return result;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/**
 * The keys among `keys` the workspace's ledger already holds: one probe of the unique
 * (workspaceId, idempotencyKey) index per key, whatever the statistics say — a LATERAL
 * subquery with LIMIT 1 cannot become a join over the workspace's entries, and the workspace id
 * is a subquery so stale statistics cannot plan for "this workspace is empty" (as in
 * recordedEventsQuery, lib/usage/ingest.ts).
 */
export function usedKeysQuery(workspaceId: string, keys: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT e."idempotencyKey" AS key
    FROM jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) AS batch(key)
    CROSS JOIN LATERAL (
      SELECT l."idempotencyKey" FROM "LedgerEntry" l
      WHERE l."workspaceId" = (SELECT ${workspaceId}::uuid) AND l."idempotencyKey" = batch.key
      LIMIT 1
    ) e`;
}

async function usedKeys(tx: Prisma.TransactionClient, workspaceId: string, keys: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ key: string }[]>(usedKeysQuery(workspaceId, keys));
  return new Set(rows.map((row) => row.key));
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
  // Used keys were skipped under the lock, so a conflict here is one key twice in one posting,
  // a programming error: abort rather than move a balance without its entry.
  if (inserted !== entries.length) throw new Error("Ledger idempotency key reused within a posting");
}

/**
 * Posts one entry unless its idempotency key was already used, in which case nothing changes
 * and the first entry is returned with `duplicate: true`.
 */
export async function postEntry(workspaceId: string, entry: EntryInput) {
  return withWallet(workspaceId, async ({ tx, wallet, post }) => {
    const posted = await post([entry]);
    const stored = await tx.ledgerEntry.findUniqueOrThrow({
      where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: entry.idempotencyKey } },
    });
    return { entry: stored, duplicate: posted.length === 0, wallet: { ...wallet } };
  });
}
