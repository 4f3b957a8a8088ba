// Each way money moves (lib/ledger: one file per movement) against the real database: the kind,
// bucket, key and actor it writes, and a replay that posts nothing and says so. post() itself
// skips keys used before and answers only what it posted.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkLedgerInvariant, getBalances } from "@/lib/ledger/balances";
import { chargeUsage } from "@/lib/ledger/charge-usage";
import { creditPayment } from "@/lib/ledger/credit-payment";
import { debitDispute } from "@/lib/ledger/debit-dispute";
import { debitRefunds } from "@/lib/ledger/debit-refunds";
import { grantWhatsappCallTrial } from "@/lib/ledger/grant-trial";
import { ledgerKeys } from "@/lib/ledger/keys";
import { withWallet } from "@/lib/ledger/post";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));
const system = { type: "system" as const };

async function workspace() {
  return (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace.id;
}

const entries = (workspaceId: string) =>
  db.ledgerEntry.findMany({
    where: { workspaceId },
    orderBy: { seq: "asc" },
    select: { kind: true, bucket: true, amount: true, idempotencyKey: true, actorType: true, actorId: true, reference: true, description: true },
  });

describe("ledger movements", () => {
  it("the key formats stored rows depend on", () => {
    expect([
      ledgerKeys.usage("e1"),
      ledgerKeys.usageTrial("e1"),
      ledgerKeys.payment("p1"),
      ledgerKeys.refund("re_1"),
      ledgerKeys.dispute("dp_1"),
      ledgerKeys.whatsappCallTrial(),
      ledgerKeys.demoOpeningBalance(),
    ]).toEqual(["usage:e1", "usage:e1:trial", "payment:p1", "refund:re_1", "dispute:dp_1", "trial:whatsapp_call", "demo:opening-balance"]);
    expect(ledgerKeys.adjustment()).toMatch(/^adjustment:[0-9a-f-]{36}$/);
  });

  it("post() skips keys used before, within the lock, and answers only the entries it posted", async () => {
    const workspaceId = await workspace();
    const entry = (key: string, amount: number) => ({ kind: "ADJUSTMENT" as const, bucket: "PAID" as const, amount: usd(amount), idempotencyKey: key, actor: system });
    await withWallet(workspaceId, ({ post }) => post([entry("a", 1)]));
    const posted = await withWallet(workspaceId, ({ post }) => post([entry("a", 99), entry("b", 2), entry("c", 3)]));
    expect(posted.map((e) => [e.idempotencyKey, e.balanceAfter])).toEqual([
      ["b", usd(3)],
      ["c", usd(6)],
    ]);
    expect(await withWallet(workspaceId, ({ post }) => post([entry("b", 2)]))).toEqual([]);
    expect((await getBalances(workspaceId)).paidBalance).toBe(usd(6));
    // One key twice in one posting is a programming error, and moves nothing.
    await expect(withWallet(workspaceId, ({ post }) => post([entry("d", 1), entry("d", 1)]))).rejects.toThrow("reused within a posting");
    expect((await getBalances(workspaceId)).paidBalance).toBe(usd(6));
  });

  it("creditPayment: TOP_UP by whoever paid, AUTO_RECHARGE by the system, once per payment", async () => {
    const workspaceId = await workspace();
    const user = await db.user.findFirstOrThrow({ where: { memberships: { some: { workspaceId } } } });
    const topUp = { id: "11111111-1111-4111-8111-111111111111", kind: "TOP_UP" as const, createdById: user.id };
    const recharge = { id: "22222222-2222-4222-8222-222222222222", kind: "AUTO_RECHARGE" as const, createdById: null };
    const credit = { amount: usd(25), reference: "pi_1", description: "Top-up · Visa •••• 4242" };
    expect(await withWallet(workspaceId, (session) => creditPayment(session, topUp, credit))).toMatchObject({ balanceAfter: usd(25) });
    expect(await withWallet(workspaceId, (session) => creditPayment(session, topUp, credit))).toBeNull();
    await withWallet(workspaceId, (session) => creditPayment(session, recharge, { ...credit, reference: "pi_2", description: "Auto-recharge" }));
    expect(await entries(workspaceId)).toEqual([
      { kind: "TOP_UP", bucket: "PAID", amount: usd(25), idempotencyKey: `payment:${topUp.id}`, actorType: "user", actorId: user.id, reference: "pi_1", description: credit.description },
      { kind: "AUTO_RECHARGE", bucket: "PAID", amount: usd(25), idempotencyKey: `payment:${recharge.id}`, actorType: "system", actorId: null, reference: "pi_2", description: "Auto-recharge" },
    ]);
  });

  it("debitRefunds: each refund once, a later one on its own; debitDispute: once", async () => {
    const workspaceId = await workspace();
    const about = { reference: "pi_1", description: "Refund · Top-up" };
    const first = await withWallet(workspaceId, (session) => debitRefunds(session, [{ id: "re_1", amount: usd(5) }], about));
    expect(first.map((e) => e.amount)).toEqual([-usd(5)]);
    const second = await withWallet(workspaceId, (session) =>
      debitRefunds(session, [{ id: "re_1", amount: usd(5) }, { id: "re_2", amount: usd(2) }], about),
    );
    expect(second.map((e) => e.idempotencyKey)).toEqual(["refund:re_2"]);
    const dispute = { id: "dp_1", amount: usd(10) };
    const disputeAbout = { reference: "pi_1", description: "Dispute (fraudulent) · Top-up" };
    expect(await withWallet(workspaceId, (session) => debitDispute(session, dispute, disputeAbout))).toMatchObject({ kind: "REVERSAL", balanceAfter: -usd(17) });
    expect(await withWallet(workspaceId, (session) => debitDispute(session, dispute, disputeAbout))).toBeNull();
    expect((await entries(workspaceId)).map((e) => [e.kind, e.bucket, e.amount, e.actorType])).toEqual([
      ["REFUND", "PAID", -usd(5), "system"],
      ["REFUND", "PAID", -usd(2), "system"],
      ["REVERSAL", "PAID", -usd(10), "system"],
    ]);
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });

  it("grantWhatsappCallTrial: the trial bucket, once per workspace ever", async () => {
    const workspaceId = await workspace();
    const staff = { type: "staff" as const, id: "s1" };
    expect(await withWallet(workspaceId, (session) => grantWhatsappCallTrial(session, usd(1), staff))).toBe(usd(1));
    expect(await withWallet(workspaceId, (session) => grantWhatsappCallTrial(session, usd(1), staff))).toBe(0n);
    expect(await getBalances(workspaceId)).toMatchObject({ paidBalance: 0n, trialBalance: usd(1) });
    expect(await entries(workspaceId)).toEqual([
      { kind: "TRIAL_GRANT", bucket: "TRIAL", amount: usd(1), idempotencyKey: "trial:whatsapp_call", actorType: "staff", actorId: "s1", reference: "whatsapp_call", description: "WhatsApp calling trial credit" },
    ]);
  });

  it("chargeUsage: trial credit first for outbound WhatsApp calls, the rest from paid, which may go negative", async () => {
    const workspaceId = await workspace();
    await withWallet(workspaceId, (session) => grantWhatsappCallTrial(session, usd(1), system));
    const api = { type: "api_key" as const, id: "k1" };
    const charged = await withWallet(workspaceId, (session) =>
      chargeUsage(
        session,
        [
          { eventId: "sms-1", amount: usd(0.5), channel: "sms", direction: "outbound" },
          { eventId: "call-1", amount: usd(1.5), channel: "whatsapp_call", direction: "outbound" },
          { eventId: "missed", amount: 0n, channel: "voice_call", direction: "outbound" },
        ],
        api,
      ),
    );
    expect(charged).toEqual([
      { fromTrial: 0n, balanceAfter: usd(0.5) },
      { fromTrial: usd(1), balanceAfter: -usd(1) },
      { fromTrial: 0n, balanceAfter: -usd(1) },
    ]);
    expect((await entries(workspaceId)).slice(1).map((e) => [e.idempotencyKey, e.bucket, e.amount, e.reference, e.actorType])).toEqual([
      ["usage:sms-1", "PAID", -usd(0.5), "sms-1", "api_key"],
      ["usage:call-1:trial", "TRIAL", -usd(1), "call-1", "api_key"],
      ["usage:call-1", "PAID", -usd(0.5), "call-1", "api_key"],
    ]);
    expect(await getBalances(workspaceId)).toMatchObject({ paidBalance: -usd(1), trialBalance: 0n });
    // A usage key the ledger holds without its event means the caller lost track: nothing moves.
    await expect(
      withWallet(workspaceId, (session) => chargeUsage(session, [{ eventId: "sms-1", amount: usd(0.5), channel: "sms", direction: "outbound" }], api)),
    ).rejects.toThrow("ledger entry exists");
    expect((await getBalances(workspaceId)).paidBalance).toBe(-usd(1));
  });
});
