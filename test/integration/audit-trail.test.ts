// Every audited change writes exactly one audit row, in the change's own transaction: the card,
// top-up, auto-recharge, API key, billing-setting and WhatsApp calling changes for everyone, and
// goodwill credit from the support console with its caps and idempotency. Real PostgreSQL, real
// Stripe emulator with its webhooks.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AuditContext } from "@/lib/audit/record";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { confirmTestCard, removeCard, setDefaultCard, startCardSetup, type CardView } from "@/lib/payments/cards";
import { startTopUp } from "@/lib/payments/top-ups";
import { grantGoodwill } from "@/lib/support/goodwill";
import { updateBillingSettings } from "@/lib/workspaces/settings";
import { createStaff, createWorkspaceWithPeople } from "@/prisma/factories";
import { codeOf } from "@/test/helpers/errors";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();
const USD = (dollars: number) => BigInt(Math.round(dollars * 100)) * 10_000n;

async function setup(currency: "USD" | "INR" = "USD") {
  const people = await createWorkspaceWithPeople({ currency, billingAdmin: false, member: false });
  const audit: AuditContext = {
    actor: { type: "user", id: people.owner.id, email: people.owner.email },
    workspaceId: people.workspace.id,
    impersonationId: null,
    ip: "198.51.100.4",
    userAgent: "vitest",
  };
  return { workspaceId: people.workspace.id, ownerId: people.owner.id, audit };
}

// The card is saved by whichever comes first, the browser's request or the setup_intent.succeeded
// webhook (lib/payments/cards.ts), and that one writes the row. Webhooks are held until the
// browser's request is done, so the actor is the owner; delivered afterwards, they add nothing.
async function addCard(workspaceId: string, audit: AuditContext, token = "pm_card_visa"): Promise<CardView> {
  const { setupIntentId } = await startCardSetup(workspaceId);
  const result = await stripe.withoutWebhooks(() => confirmTestCard(workspaceId, setupIntentId, token, audit));
  if (result.status !== "succeeded") throw new Error(JSON.stringify(result));
  for (const event of stripe.eventsFor(setupIntentId)) await stripe.resend(event.id);
  await stripe.settle();
  return result.card;
}

const rows = (workspaceId: string) => db.auditEvent.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("changes of cards, top-ups and auto-recharge", () => {
  it("each write one row with the actor, IP and user agent; the webhook that follows adds none", async () => {
    const { workspaceId, ownerId, audit } = await setup();
    const visa = await addCard(workspaceId, audit);
    const mastercard = await addCard(workspaceId, audit, "pm_card_mastercard");
    await setDefaultCard(workspaceId, mastercard.id, audit);
    await setDefaultCard(workspaceId, mastercard.id, audit); // already the default: nothing changes
    const key = randomUUID();
    await startTopUp(workspaceId, { amount: USD(10), cardId: mastercard.id, idempotencyKey: key, userId: ownerId }, audit);
    await startTopUp(workspaceId, { amount: USD(10), cardId: mastercard.id, idempotencyKey: key, userId: ownerId }, audit); // a double click
    await stripe.settle();
    await saveAutoRecharge(workspaceId, { enabled: true, threshold: USD(5), amount: USD(20), monthlyCap: USD(200), paymentMethodId: null }, audit);
    await removeCard(workspaceId, visa.id, audit);
    await stripe.settle();

    const events = await rows(workspaceId);
    expect(events.map((event) => [event.action, event.target])).toEqual([
      ["card.added", visa.id],
      ["card.added", mastercard.id],
      ["card.default_set", mastercard.id],
      ["top_up.started", expect.any(String)],
      ["auto_recharge.updated", null],
      ["card.removed", visa.id],
    ]);
    for (const event of events) expect(event).toMatchObject({ actorType: "user", actorId: ownerId, ip: "198.51.100.4", userAgent: "vitest", impersonationId: null });
    expect(events[0].changes).toEqual({ brand: "visa", last4: "4242", expMonth: visa.expMonth, expYear: visa.expYear, isDefault: true });
    expect(events[3].changes).toEqual({ amount: "10.000000", currency: "USD", card: { brand: "mastercard", last4: "4444" } });
    expect(events[4].changes).toMatchObject({ enabled: { from: null, to: true }, threshold: { from: null, to: "5.000000" }, amount: { to: "20.000000" }, currency: "USD" });
  });

  it("a change that is refused or rolled back leaves no row", async () => {
    const { workspaceId, audit } = await setup();
    const card = await addCard(workspaceId, audit);
    const settings = { enabled: true, threshold: USD(5), amount: USD(20), monthlyCap: USD(200), paymentMethodId: null };
    const count = async () => (await rows(workspaceId)).length;
    const before = await count();
    // The balance is under the threshold, so saving charges at once: unconfirmed, the whole transaction rolls back.
    await expect(saveAutoRecharge(workspaceId, settings, audit)).rejects.toThrow(/confirm the amount/);
    expect(await count()).toBe(before);
    await saveAutoRecharge(workspaceId, { ...settings, confirmedChargeNow: USD(20) }, audit);
    expect(await count()).toBe(before + 1);
    // The last card while auto-recharge is on: refused before anything changes.
    expect(await codeOf(removeCard(workspaceId, card.id, audit))).toBe("card_required_for_auto_recharge");
    expect(await codeOf(revokeApiKey(workspaceId, randomUUID(), audit))).toBe("not_found");
    await stripe.settle();
    expect(await count()).toBe(before + 1);
  });
});

describe("settings", () => {
  it("API keys, billing settings and WhatsApp calling each write one row per real change", async () => {
    const { workspaceId, ownerId, audit } = await setup();
    const { apiKey } = await createApiKey(workspaceId, "Platform", ownerId, audit);
    await revokeApiKey(workspaceId, apiKey.id, audit);
    const settings = { billingEmail: "billing@example.com", lowBalanceAlertThreshold: USD(10), weeklySummary: true };
    await updateBillingSettings(workspaceId, settings, audit);
    await updateBillingSettings(workspaceId, settings, audit); // saved unchanged
    await setWhatsappCalling(workspaceId, true, { type: "user", id: ownerId }, audit);
    await setWhatsappCalling(workspaceId, true, { type: "user", id: ownerId }, audit); // already on
    const events = await rows(workspaceId);
    expect(events.map((event) => [event.action, event.changes])).toEqual([
      ["api_key.created", { name: "Platform", prefix: apiKey.prefix }],
      ["api_key.revoked", { name: "Platform", prefix: apiKey.prefix }],
      ["billing_settings.updated", { billingEmail: { from: null, to: "billing@example.com" }, lowBalanceAlertThreshold: { from: null, to: "10.000000" }, currency: "USD" }],
      ["whatsapp_calling.updated", { enabled: { from: false, to: true }, trialGranted: expect.any(String), currency: "USD" }],
    ]);
  });
});

describe("goodwill credit", () => {
  async function staffMember(role: "SUPPORT" | "ADMIN") {
    const user = await createStaff({ role });
    const audit: AuditContext = { actor: { type: "staff", id: user.id, email: user.email }, workspaceId: null, impersonationId: null, ip: "192.0.2.1", userAgent: "vitest" };
    return { staff: { id: user.id, platformRole: role }, audit };
  }
  const grant = (s: Awaited<ReturnType<typeof staffMember>>, workspaceId: string, amount: bigint, requestId = randomUUID()) =>
    grantGoodwill(s.staff, { workspaceId, amount, reason: "Outage on 3 May", requestId }, s.audit);

  it("posts an adjustment with the staff member as actor and the reason, and its audit row", async () => {
    const { workspaceId } = await setup();
    const support = await staffMember("SUPPORT");
    const { entry } = await grant(support, workspaceId, USD(5));
    expect(entry).toMatchObject({ kind: "ADJUSTMENT", bucket: "PAID", amount: USD(5), description: "Outage on 3 May", actorType: "staff", actorId: support.staff.id });
    const [row] = await rows(workspaceId);
    expect(row).toMatchObject({ action: "credit.granted", actorType: "staff", actorId: support.staff.id, reason: "Outage on 3 May", changes: { amount: "5.000000", currency: "USD" } });
  });

  it("a double click grants once, even at the same moment", async () => {
    const { workspaceId } = await setup();
    const support = await staffMember("SUPPORT");
    const requestId = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => grant(support, workspaceId, USD(5), requestId)));
    expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(1);
    expect((await db.wallet.findUniqueOrThrow({ where: { workspaceId } })).paidBalance).toBe(USD(5));
    expect(await rows(workspaceId)).toHaveLength(1);
  });

  it("caps SUPPORT at USD 50 / INR 4,000 per grant and USD 100 / INR 8,000 per workspace per day; ADMIN is uncapped", async () => {
    const usd = await setup();
    const inr = await setup("INR");
    const support = await staffMember("SUPPORT");
    const admin = await staffMember("ADMIN");
    expect(await codeOf(grant(support, usd.workspaceId, USD(50.01)))).toBe("goodwill_cap_exceeded");
    expect(await codeOf(grant(support, inr.workspaceId, USD(4000.01)))).toBe("goodwill_cap_exceeded");
    await grant(support, inr.workspaceId, USD(4000));
    await grant(support, usd.workspaceId, USD(50));
    // Three at once for the last 50 of the day: the wallet's lock lets exactly one fit.
    const concurrent = await Promise.all([1, 2, 3].map(() => codeOf(grant(support, usd.workspaceId, USD(30)))));
    expect(concurrent.filter((code) => code === null)).toHaveLength(1);
    expect(concurrent.filter((code) => code === "goodwill_cap_exceeded")).toHaveLength(2);
    expect(await codeOf(grant(support, usd.workspaceId, USD(20.01)))).toBe("goodwill_cap_exceeded");
    await grant(support, usd.workspaceId, USD(20));
    await grant(admin, usd.workspaceId, USD(5000));
    expect((await db.wallet.findUniqueOrThrow({ where: { workspaceId: usd.workspaceId } })).paidBalance).toBe(USD(5100));
    // A refused grant leaves neither an entry nor an audit row.
    expect((await rows(usd.workspaceId)).map((row) => (row.changes as { amount: string }).amount)).toEqual(["50.000000", "30.000000", "20.000000", "5000.000000"]);
  });

  it("follows the caps set in the environment", async () => {
    const { workspaceId } = await setup();
    const support = await staffMember("SUPPORT");
    process.env.SUPPORT_GOODWILL_MAX_USD = "2.50";
    try {
      expect(await codeOf(grant(support, workspaceId, USD(2.51)))).toBe("goodwill_cap_exceeded");
      await grant(support, workspaceId, USD(2.5));
    } finally {
      delete process.env.SUPPORT_GOODWILL_MAX_USD;
    }
  });

  it("refuses a zero or negative amount and a short reason", async () => {
    const { workspaceId } = await setup();
    const support = await staffMember("SUPPORT");
    expect(await codeOf(grant(support, workspaceId, 0n))).toBe("invalid_field");
    expect(await codeOf(grant(support, workspaceId, -USD(1)))).toBe("invalid_field");
    expect(await codeOf(grantGoodwill(support.staff, { workspaceId, amount: USD(1), reason: "x", requestId: randomUUID() }, support.audit))).toBe("invalid_field");
    expect(await rows(workspaceId)).toEqual([]);
  });
});
