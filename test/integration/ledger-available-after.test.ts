// Each ledger entry stores the available balance (paid + trial) right after it — what the
// Wallet and Transactions screens show as "Available after" — next to its own bucket's balance.
// Here: a call paid with trial credit, a call split between both buckets, concurrent postings to
// both buckets, and the migration's backfill of entries written before the column existed.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { readMigrations } from "@/scripts/lib/migrate";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { getBalances } from "@/lib/ledger/balances";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { postEntry } from "@/lib/ledger/post";
import { ingestUsage } from "@/lib/usage/ingest";
import { parseUsageEvents } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const staff = { type: "staff" as const, id: "test" };
const api = { type: "api_key" as const, id: "test" };
const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));

async function workspaceWithTrial(paid: number) {
  const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  await setWhatsappCalling(workspace.id, true, staff); // $1.00 of trial credit
  if (paid) await adjustBalance(workspace.id, usd(paid), "opening balance", staff);
  return workspace.id;
}

function whatsappCall(workspaceId: string, id: string, seconds: number) {
  return ingestUsage(workspaceId, parseUsageEvents({ id, channel: "whatsapp_call", durationSeconds: seconds }), api);
}

/** Entries oldest first, and a check that each one's available balance follows from the one before. */
async function chain(workspaceId: string) {
  const entries = await db.ledgerEntry.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });
  entries.forEach((entry, i) => expect(entry.availableAfter - entry.amount).toBe(i === 0 ? 0n : entries[i - 1].availableAfter));
  const { paidBalance, trialBalance } = await getBalances(workspaceId);
  expect(entries.at(-1)?.availableAfter).toBe(paidBalance + trialBalance);
  return entries;
}

describe("available balance after each ledger entry", () => {
  it("a call paid with trial credit: the trial bucket reads $0.00, the available balance $3.00", async () => {
    const workspaceId = await workspaceWithTrial(3);
    await whatsappCall(workspaceId, "ten-minutes", 600); // $0.10/min × 10 = the whole $1.00 trial credit
    const [call] = await getRecentLedgerEntries(workspaceId, 1);
    expect(call).toMatchObject({ kind: "USAGE", bucket: "TRIAL", amount: -usd(1), balanceAfter: 0n, availableAfter: usd(3) });
    await chain(workspaceId);
  });

  it("a call split between the buckets: each part shows the available balance after it", async () => {
    const workspaceId = await workspaceWithTrial(3);
    await whatsappCall(workspaceId, "five-minutes", 300); // trial 1.00 → 0.50
    await whatsappCall(workspaceId, "ten-more", 600); // $1.00: 0.50 from trial, 0.50 from paid
    const [paidPart, trialPart, first] = await getRecentLedgerEntries(workspaceId, 3);
    expect(first).toMatchObject({ bucket: "TRIAL", amount: -usd(0.5), balanceAfter: usd(0.5), availableAfter: usd(3.5) });
    expect(trialPart).toMatchObject({ bucket: "TRIAL", amount: -usd(0.5), balanceAfter: 0n, availableAfter: usd(3) });
    expect(paidPart).toMatchObject({ bucket: "PAID", amount: -usd(0.5), balanceAfter: usd(2.5), availableAfter: usd(2.5) });
    await chain(workspaceId);
  });

  it("stays exact under concurrent postings to both buckets and concurrent usage batches", async () => {
    const workspaceId = await workspaceWithTrial(0);
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => adjustBalance(workspaceId, BigInt(i + 1) * 1_000_003n, `paid ${i}`, staff, `paid-${i}`)),
      ...Array.from({ length: 20 }, (_, i) =>
        postEntry(workspaceId, { kind: "ADJUSTMENT", bucket: "TRIAL", amount: BigInt(i + 1) * 7_001n, idempotencyKey: `trial-${i}`, actor: staff }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        ingestUsage(
          workspaceId,
          parseUsageEvents({
            events: [
              { id: `call-${i}`, channel: "whatsapp_call", durationSeconds: 61 },
              { id: `sms-${i}`, channel: "sms", quantity: 3 },
            ],
          }),
          api,
        ),
      ),
    ]);
    const entries = await chain(workspaceId);
    expect(entries.length).toBeGreaterThanOrEqual(1 + 40 + 20 + 40);
    expect(new Set(entries.map((entry) => entry.bucket))).toEqual(new Set(["PAID", "TRIAL"]));
  });

  it("the migration backfills entries written before it, from their order and amounts", async () => {
    const name = `saldo_backfill_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: inject("databaseServerUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(inject("databaseServerUrl"));
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const migrations = readMigrations();
      const index = migrations.findIndex((migration) => migration.name.endsWith("_ledger_available_after"));
      expect(index).toBeGreaterThan(0);
      for (const migration of migrations.slice(0, index)) await client.query(migration.sql);

      // Two workspaces' entries as the old code wrote them (each bucket's own balance), interleaved.
      const [a, b] = await Promise.all(
        ["a", "b"].map(async (slug) => {
          const { rows } = await client.query<{ id: string }>(
            `INSERT INTO "Workspace" (name, slug, currency, country, "timeZone", locale, "updatedAt") VALUES ($1, $1, 'USD', 'US', 'UTC', 'en', now()) RETURNING id`,
            [slug],
          );
          return rows[0].id;
        }),
      );
      const old = [
        [a, "TRIAL_GRANT", "TRIAL", 1_000_000n, 1_000_000n],
        [b, "TOP_UP", "PAID", 5_000_000n, 5_000_000n],
        [a, "TOP_UP", "PAID", 3_000_000n, 3_000_000n],
        [a, "USAGE", "TRIAL", -1_000_000n, 0n],
        [b, "USAGE", "PAID", -14_000n, 4_986_000n],
        [a, "USAGE", "PAID", -7_900n, 2_992_100n],
      ] as const;
      for (const [i, [workspaceId, kind, bucket, amount, balanceAfter]] of old.entries()) {
        await client.query(
          `INSERT INTO "LedgerEntry" ("workspaceId", kind, bucket, amount, "balanceAfter", "actorType", "idempotencyKey")
           VALUES ($1, $2::"LedgerKind", $3::"LedgerBucket", $4, $5, 'system', $6)`,
          [workspaceId, kind, bucket, amount.toString(), balanceAfter.toString(), `k${i}`],
        );
      }

      await client.query(migrations[index].sql);
      const { rows } = await client.query<{ workspaceId: string; availableAfter: string }>(
        `SELECT "workspaceId", "availableAfter"::text FROM "LedgerEntry" ORDER BY seq`,
      );
      expect(rows.map((row) => [row.workspaceId, BigInt(row.availableAfter)])).toEqual([
        [a, 1_000_000n],
        [b, 5_000_000n],
        [a, 4_000_000n],
        [a, 3_000_000n], // the trial-paid call: $3.00 available, though its bucket reads $0.00
        [b, 4_986_000n],
        [a, 2_992_100n],
      ]);
    } finally {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
