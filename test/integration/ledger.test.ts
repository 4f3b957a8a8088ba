import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { getRecentLedgerEntries } from "@/lib/ledger/entries";
import { getWalletBanner } from "@/lib/wallet/view";
import { postEntry } from "@/lib/ledger/post";
import { ingestUsage } from "@/lib/usage/ingest";
import { parseUsageEvents } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const staff = { type: "staff" as const, id: "test" };

describe("ledger", () => {
  it("the banner's one query: balances, the plan's call minimum, and auto-recharge health when set up", async () => {
    const usd = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace;
    const inr = (await createWorkspaceWithPeople({ currency: "INR", billingAdmin: false, member: false })).workspace;
    await adjustBalance(usd.id, 7_500_000n, "funds", staff);
    expect(await getWalletBanner(usd.id)).toEqual({ paidBalance: 7_500_000n, trialBalance: 0n, callMinimumBalance: 10_000_000n, autoRecharge: null });
    await db.autoRecharge.create({
      data: { workspaceId: inr.id, enabled: false, threshold: 400_000_000n, amount: 2_000_000_000n, monthlyCap: 20_000_000_000n, consecutiveFailures: 3, lastFailureMessage: "Your card was declined.", disabledAt: new Date() },
    });
    expect(await getWalletBanner(inr.id)).toMatchObject({
      paidBalance: 0n,
      callMinimumBalance: 500_000_000n,
      autoRecharge: { enabled: false, consecutiveFailures: 3, lastFailureMessage: "Your card was declined.", disabledAt: expect.any(Date) },
    });
  });

  it("history names the channel of each usage entry, from this workspace's events only", async () => {
    const ours = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace;
    const theirs = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace;
    await adjustBalance(ours.id, 20_000_000n, "Goodwill credit", staff);
    await adjustBalance(theirs.id, 20_000_000n, "funds", staff);
    const api = { type: "api_key" as const, id: "k" };
    // The same event id in the other workspace is a voice call; ours is an SMS.
    await ingestUsage(theirs.id, parseUsageEvents({ id: "evt-1", channel: "voice_call", durationSeconds: 60 }), api);
    await ingestUsage(ours.id, parseUsageEvents({ events: [{ id: "evt-1", channel: "sms" }, { id: "evt-2", channel: "email", direction: "outbound" }] }), api);

    const entries = await getRecentLedgerEntries(ours.id, 10);
    expect(entries.map((entry) => [entry.kind, entry.usage, entry.description])).toEqual([
      ["USAGE", { channel: "email", direction: "outbound" }, null],
      ["USAGE", { channel: "sms", direction: "outbound" }, null],
      ["ADJUSTMENT", null, "Goodwill credit"],
    ]);
  });

  it("posts an entry with the balance after it, and a replayed key changes nothing", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const entry = { kind: "ADJUSTMENT" as const, bucket: "PAID" as const, amount: 12_500_000n, idempotencyKey: "k1", actor: staff };
    const first = await postEntry(workspace.id, entry);
    const again = await postEntry(workspace.id, { ...entry, amount: 99n });
    expect(first.duplicate).toBe(false);
    expect(first.entry.balanceAfter).toBe(12_500_000n);
    expect(again.duplicate).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    expect((await getBalances(workspace.id)).paidBalance).toBe(12_500_000n);
    expect(await db.ledgerEntry.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("adjustments need a reason and a non-zero amount, and may be negative", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await expect(adjustBalance(workspace.id, 0n, "nothing", staff)).rejects.toMatchObject({ code: "invalid_field" });
    await expect(adjustBalance(workspace.id, 5n, " ", staff)).rejects.toMatchObject({ code: "invalid_field" });
    await adjustBalance(workspace.id, -3_000_000n, "Correction of a double top-up", staff);
    expect((await getBalances(workspace.id)).paidBalance).toBe(-3_000_000n);
    expect(await db.ledgerEntry.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("keeps balance = sum of entries under 100 concurrent postings", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    // Distinct positive amounts: every running balance is unique, so the chain can be checked.
    const amounts = Array.from({ length: 100 }, (_, i) => BigInt(i + 1) * 1_000_003n);
    await Promise.all(amounts.map((amount, i) => adjustBalance(workspace.id, amount, `concurrent ${i}`, staff, `c${i}`)));
    // Replays of half of them, also concurrent, change nothing.
    await Promise.all(amounts.slice(0, 50).map((amount, i) => adjustBalance(workspace.id, amount, `concurrent ${i}`, staff, `c${i}`)));
    const expected = amounts.reduce((sum, amount) => sum + amount, 0n);
    expect((await getBalances(workspace.id)).paidBalance).toBe(expected);
    expect((await checkLedgerInvariant(workspace.id)).ok).toBe(true);
    const entries = await db.ledgerEntry.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
    expect(entries).toHaveLength(100);
    // Serialized by the wallet lock, in `seq` order: each entry starts where the previous ended.
    entries.forEach((entry, i) => expect(entry.balanceAfter - entry.amount).toBe(i === 0 ? 0n : entries[i - 1].balanceAfter));
  });
});
