import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { api, workspaceWithKey } from "@/test/helpers/api";

const owner = { type: "user" as const, id: "owner" };
const fund = (workspaceId: string, amount: bigint) => adjustBalance(workspaceId, amount, "test funds", { type: "system" });
const authorize = (key: string, channel: string, direction = "outbound") =>
  api("POST", "/api/v1/authorize", { key, body: { channel, direction } });

/** Ten minutes of WhatsApp calling use up the $1.00 trial credit exactly. */
async function spendTrial(key: string) {
  const { body } = await api("POST", "/api/v1/usage-events", { key, body: { id: "trial-call", channel: "whatsapp_call", durationSeconds: 600 } });
  expect(body.results[0]).toMatchObject({ charge: "1.000000", balance: "0.000000" });
}

beforeEach(() => resetRateLimits());

describe("POST /api/v1/authorize", () => {
  it("R3/R5: refuses outbound calls below the $10 minimum with the reason, while messaging goes on", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await setWhatsappCalling(workspaceId, true, owner);
    await spendTrial(key);
    await fund(workspaceId, 4_000_000n);
    const refused = await authorize(key, "voice_call");
    expect(refused.body).toEqual({
      allowed: false,
      reason: "insufficient_balance",
      currency: "USD",
      balance: "4.000000",
      paidBalance: "4.000000",
      trialCredit: "0",
      minimumBalance: "10.00",
    });
    expect((await authorize(key, "whatsapp_call")).body).toMatchObject({ allowed: false, reason: "insufficient_balance" });
    expect((await authorize(key, "sms")).body).toMatchObject({ allowed: true, reason: null, minimumBalance: "0" });
    expect((await authorize(key, "email")).body.allowed).toBe(true);
    expect((await authorize(key, "voice_call", "inbound")).body.allowed).toBe(true);
  });

  it("R3: allows calls at exactly the minimum; INR plans need ₹500", async () => {
    const usd = await workspaceWithKey();
    await fund(usd.workspaceId, 10_000_000n);
    expect((await authorize(usd.key, "ai_voice")).body).toMatchObject({ allowed: true, minimumBalance: "10.00" });
    const inr = await workspaceWithKey("INR");
    await fund(inr.workspaceId, 499_999_999n);
    expect((await authorize(inr.key, "voice_call")).body).toMatchObject({ allowed: false, currency: "INR", minimumBalance: "500.00" });
    await fund(inr.workspaceId, 1n);
    expect((await authorize(inr.key, "voice_call")).body.allowed).toBe(true);
  });

  it("R3/R8: unused trial credit lets WhatsApp calls start below the minimum, not other calls", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    expect((await authorize(key, "whatsapp_call")).body).toMatchObject({ allowed: false, reason: "channel_disabled" });
    await setWhatsappCalling(workspaceId, true, owner);
    expect((await authorize(key, "whatsapp_call")).body).toMatchObject({ allowed: true, trialCredit: "1.000000", paidBalance: "0.000000" });
    expect((await authorize(key, "voice_call")).body).toMatchObject({ allowed: false, reason: "insufficient_balance" });
  });

  it("R6: a campaign spending the same wallet does not block a call while the minimum holds", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await setWhatsappCalling(workspaceId, true, owner);
    await spendTrial(key);
    await fund(workspaceId, 12_000_000n);
    const campaign = { events: Array.from({ length: 200 }, (_, i) => ({ id: `m${i}`, channel: "sms", source: { type: "campaign", id: "c" } })) };
    const [sent, decision] = await Promise.all([api("POST", "/api/v1/usage-events", { key, body: campaign }), authorize(key, "whatsapp_call")]);
    expect(sent.status).toBe(200);
    expect(decision.body.allowed).toBe(true); // 12.00 - 200 × 0.0079 = 10.42 ≥ 10
    // Once the campaign takes it under the minimum, the next call is refused and messages go on.
    await api("POST", "/api/v1/usage-events", { key, body: { events: Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, channel: "sms" })) } });
    expect((await authorize(key, "whatsapp_call")).body).toMatchObject({ allowed: false, paidBalance: "9.630000" });
    expect((await authorize(key, "sms")).body.allowed).toBe(true);
  });

  it("messages stop at a balance of zero or below; WhatsApp needs the API configured", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    expect((await authorize(key, "sms")).body).toMatchObject({ allowed: false, reason: "insufficient_balance" });
    await fund(workspaceId, 1n);
    expect((await authorize(key, "sms")).body.allowed).toBe(true);
    expect((await authorize(key, "whatsapp")).body).toMatchObject({ allowed: false, reason: "channel_disabled" });
    await db.workspace.update({ where: { id: workspaceId }, data: { whatsappApiConfiguredAt: new Date() } });
    expect((await authorize(key, "whatsapp")).body.allowed).toBe(true);
  });

  it("validates its input", async () => {
    const { key } = await workspaceWithKey();
    const bad = async (body: unknown) => (await api("POST", "/api/v1/authorize", { key, body })).body.error;
    expect(await bad({ channel: "pigeon" })).toMatchObject({ code: "unknown_channel", field: "channel" });
    expect(await bad({})).toMatchObject({ code: "invalid_field", field: "channel" });
    expect(await bad({ channel: "sms", direction: "up" })).toMatchObject({ code: "invalid_field", field: "direction" });
    expect(await bad({ channel: "sms", extra: 1 })).toMatchObject({ code: "invalid_field", field: "extra" });
    expect((await api("POST", "/api/v1/authorize", { key, rawBody: "nope" })).body.error.code).toBe("invalid_json");
  });
});

describe("GET /api/v1/wallet and /api/v1/prices", () => {
  it("shows balances as decimal strings with the currency and plan minimum", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await setWhatsappCalling(workspaceId, true, owner);
    await fund(workspaceId, 11_340_000n);
    expect((await api("GET", "/api/v1/wallet", { key })).body).toEqual({
      currency: "USD",
      balance: "12.340000",
      paidBalance: "11.340000",
      trialCredit: "1.000000",
      minimumCallBalance: "10.00",
      whatsappCalling: { enabled: true },
      autoRecharge: { enabled: false, threshold: null, amount: null },
    });
  });

  it("reports the saved auto-recharge settings: on, off with its amounts, and never set up", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 12_340_000n); // above the threshold: saving starts no recharge
    await db.paymentMethod.create({
      data: { workspaceId, stripePaymentMethodId: "pm_wallet_api", brand: "visa", last4: "4242", expMonth: 12, expYear: 2040, funding: "credit", isDefault: true },
    });
    const settings = { threshold: 5_000_000n, amount: 25_000_000n, monthlyCap: 500_000_000n, paymentMethodId: null };
    await saveAutoRecharge(workspaceId, { enabled: true, ...settings });
    expect((await api("GET", "/api/v1/wallet", { key })).body.autoRecharge).toEqual({ enabled: true, threshold: "5.00", amount: "25.00" });

    await saveAutoRecharge(workspaceId, { enabled: false, ...settings, threshold: 7_500_000n });
    expect((await api("GET", "/api/v1/wallet", { key })).body.autoRecharge).toEqual({ enabled: false, threshold: "7.50", amount: "25.00" });

    const inr = await workspaceWithKey("INR");
    expect((await api("GET", "/api/v1/wallet", { key: inr.key })).body.autoRecharge).toEqual({ enabled: false, threshold: null, amount: null });
  });

  it("lists every (channel, direction) pair of the workspace's currency", async () => {
    const { key } = await workspaceWithKey("INR");
    const { body } = await api("GET", "/api/v1/prices", { key });
    expect(body.currency).toBe("INR");
    expect(body.prices).toHaveLength(12);
    const usd = await workspaceWithKey();
    const prices = (await api("GET", "/api/v1/prices", { key: usd.key })).body.prices;
    expect(prices).toContainEqual({ channel: "whatsapp_call", direction: "outbound", unit: "minute", unitPrice: "0.100000", billingIncrementSeconds: 60 });
    expect(prices).toContainEqual({ channel: "whatsapp_call", direction: "inbound", unit: "minute", unitPrice: "0", billingIncrementSeconds: 60 });
  });
});
