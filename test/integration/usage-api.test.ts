import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { checkLedgerInvariant } from "@/lib/ledger/balances";
import { api, workspaceWithKey } from "@/test/helpers/api";

const owner = { type: "user" as const, id: "owner" };
const fund = (workspaceId: string, dollars: number) =>
  adjustBalance(workspaceId, BigInt(Math.round(dollars * 100)) * 10_000n, "test funds", { type: "system" });
const call = (id: string, durationSeconds: number, extra: object = {}) => ({
  id,
  channel: "whatsapp_call",
  direction: "outbound",
  durationSeconds,
  ...extra,
});

beforeEach(() => resetRateLimits());

async function snapshot(workspaceId: string) {
  const [events, entries, wallet, records] = await Promise.all([
    db.usageEvent.count({ where: { workspaceId } }),
    db.ledgerEntry.count({ where: { workspaceId } }),
    db.wallet.findUniqueOrThrow({ where: { workspaceId } }),
    db.idempotencyRecord.count({ where: { workspaceId } }),
  ]);
  return { events, entries, paid: wallet.paidBalance, trial: wallet.trialBalance, records };
}

describe("POST /api/v1/usage-events — rating rules", () => {
  it("R1: charges outbound calls per connected minute, every started increment counts", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 20);
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      body: { events: [call("c1", 61), call("c2", 60), call("c3", 1, { channel: "voice_call" })] },
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { id: "c1", status: "charged", charge: "0.200000", currency: "USD", balance: "19.800000" },
      { id: "c2", status: "charged", charge: "0.100000", currency: "USD", balance: "19.700000" },
      { id: "c3", status: "charged", charge: "0.014000", currency: "USD", balance: "19.686000" },
    ]);
  });

  it("charges counted channels quantity × unit price, fractions of a cent exactly", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 1);
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      body: { id: "sms-1", channel: "sms", quantity: 3, source: { type: "campaign", id: "black-friday" } },
    });
    expect(response.body.results[0]).toMatchObject({ status: "charged", charge: "0.023700", balance: "0.976300" });
  });

  it("R2: inbound WhatsApp calls are free", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    const response = await api("POST", "/api/v1/usage-events", { key, body: call("in-1", 600, { direction: "inbound" }) });
    expect(response.body.results[0]).toMatchObject({ status: "free", charge: "0.000000", balance: "0.000000" });
    expect((await snapshot(workspaceId)).entries).toBe(0);
  });

  it("R4: a call is charged in full even when it takes the paid balance below zero", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    const response = await api("POST", "/api/v1/usage-events", { key, body: call("long", 3 * 3600, { channel: "ai_voice" }) });
    expect(response.body.results[0]).toMatchObject({ status: "charged", charge: "21.600000", balance: "-11.600000" });
    expect((await snapshot(workspaceId)).paid).toBe(-11_600_000n);
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });

  it("R7: calls that do not connect cost nothing and still appear in the history at 0", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    const outcomes = ["busy", "no_answer", "failed"];
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      body: { events: outcomes.map((outcome) => call(`x-${outcome}`, 30, { outcome })) },
    });
    expect(response.body.results.map((r: { status: string; charge: string }) => [r.status, r.charge])).toEqual(
      outcomes.map(() => ["free", "0.000000"]),
    );
    const history = await api("GET", "/api/v1/usage-events?channel=whatsapp_call", { key });
    expect(history.body.data).toHaveLength(3);
    expect(history.body.data.map((e: { outcome: string; charge: string }) => [e.outcome, e.charge]).sort()).toEqual(
      outcomes.map((o) => [o, "0.000000"]).sort(),
    );
    expect((await snapshot(workspaceId)).paid).toBe(10_000_000n);
  });

  it("R8: the first enabling grants $1.00 trial credit once; it pays outbound WhatsApp calls first", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    expect((await setWhatsappCalling(workspaceId, true, owner)).trialGranted).toBe(1_000_000n);
    await setWhatsappCalling(workspaceId, false, owner);
    expect((await setWhatsappCalling(workspaceId, true, owner)).trialGranted).toBe(0n);
    expect((await snapshot(workspaceId)).trial).toBe(1_000_000n);

    // 9 minutes from trial, then 3 minutes: 1 from trial, 2 from paid. SMS never touches trial.
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      body: { events: [call("t1", 540), call("t2", 180), { id: "s1", channel: "sms" }] },
    });
    expect(response.body.results.map((r: { charge: string; balance: string }) => [r.charge, r.balance])).toEqual([
      ["0.900000", "10.100000"],
      ["0.300000", "9.800000"],
      ["0.007900", "9.792100"],
    ]);
    const wallet = await snapshot(workspaceId);
    expect(wallet).toMatchObject({ trial: 0n, paid: 9_792_100n });
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });

  it("R8: INR plans get the price book's INR trial amount", async () => {
    const { workspaceId } = await workspaceWithKey("INR");
    expect((await setWhatsappCalling(workspaceId, true, owner)).trialGranted).toBe(80_000_000n);
  });

  it("R9: usage history per call, newest first, with keyset pagination", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 50);
    // Yesterday's midnight (UTC), one call a minute from then.
    const start = Math.floor(Date.now() / 86_400_000 - 1) * 86_400_000;
    const minute = (i: number) => new Date(start + i * 60_000).toISOString();
    const events = Array.from({ length: 25 }, (_, i) => call(`h${i}`, 60, { occurredAt: minute(i) }));
    await api("POST", "/api/v1/usage-events", { key, body: { events } });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await api(
        "GET",
        `/api/v1/usage-events?limit=10${cursor ? `&cursor=${cursor}` : ""}`,
        { key },
      );
      ids.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(events.map((e) => e.id).reverse());
    const window = await api("GET", `/api/v1/usage-events?from=${minute(10)}&to=${minute(12)}`, { key });
    expect(window.body.data.map((e: { id: string }) => e.id)).toEqual(["h11", "h10"]);
  });

  it("applies the price in force when the event occurred", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    // A price change ten days ago (events may be reported up to 35 days late).
    const validFrom = new Date(Math.floor(Date.now() / 86_400_000 - 10) * 86_400_000);
    await db.price.create({
      data: { currency: "USD", channel: "email", direction: "outbound", unit: "email", unitPrice: 2000n, validFrom },
    });
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      body: { events: [
        { id: "old", channel: "email", occurredAt: new Date(validFrom.getTime() - 1000).toISOString() },
        { id: "new", channel: "email", occurredAt: validFrom.toISOString() },
      ] },
    });
    expect(response.body.results.map((r: { charge: string }) => r.charge)).toEqual(["0.001000", "0.002000"]);
    await db.price.deleteMany({ where: { validFrom } });
    expect(workspaceId).toBeTruthy();
  });
});

describe("POST /api/v1/usage-events — duplicates and idempotency", () => {
  it("answers a replayed id as the first time and changes nothing, also within one batch", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    const first = await api("POST", "/api/v1/usage-events", { key, body: call("d1", 120) });
    const replay = await api("POST", "/api/v1/usage-events", { key, body: { events: [call("d1", 999), call("d2", 60), call("d2", 60)] } });
    expect(first.body.results[0]).toMatchObject({ status: "charged", charge: "0.200000", balance: "9.800000" });
    expect(replay.body.results).toMatchObject([
      { id: "d1", status: "duplicate", charge: "0.200000", balance: "9.800000" },
      { id: "d2", status: "charged", charge: "0.100000", balance: "9.700000" },
      { id: "d2", status: "duplicate", charge: "0.100000", balance: "9.700000" },
    ]);
    expect(await snapshot(workspaceId)).toMatchObject({ events: 2, paid: 9_700_000n });
  });

  it("replays a stored response for the same Idempotency-Key and refuses another body with 409", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    const headers = { "Idempotency-Key": "batch-7" };
    const first = await api("POST", "/api/v1/usage-events", { key, body: call("i1", 60), headers });
    await api("POST", "/api/v1/usage-events", { key, body: call("i2", 60) });
    const retry = await api("POST", "/api/v1/usage-events", { key, body: call("i1", 60), headers });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    const other = await api("POST", "/api/v1/usage-events", { key, body: call("i3", 60), headers });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    expect((await snapshot(workspaceId)).events).toBe(2);
    const tooLong = await api("POST", "/api/v1/usage-events", { key, body: call("i4", 60), headers: { "Idempotency-Key": "k".repeat(256) } });
    expect(tooLong.status).toBe(400);
    expect((await snapshot(workspaceId)).events).toBe(2);
  });

  it("20 concurrent batches with overlapping ids charge each id once, to the exact balance", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 100);
    // Batch b holds ids b*10 … b*10+29: each id appears in up to three batches.
    const batches = Array.from({ length: 20 }, (_, b) => ({
      events: Array.from({ length: 30 }, (_, i) => call(`o${b * 10 + i}`, 61)),
    }));
    const responses = await Promise.all(batches.map((body) => api("POST", "/api/v1/usage-events", { key, body })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const distinct = 19 * 10 + 30;
    const charged = responses.flatMap((r) => r.body.results).filter((r: { status: string }) => r.status === "charged");
    expect(charged).toHaveLength(distinct);
    // $1.00 trial is off (calling not enabled), so every 61 s call costs $0.20 of paid balance.
    expect(await snapshot(workspaceId)).toMatchObject({ events: distinct, entries: distinct + 1, paid: 100_000_000n - BigInt(distinct) * 200_000n });
    expect((await checkLedgerInvariant(workspaceId)).ok).toBe(true);
  });
});

describe("POST /api/v1/usage-events — invalid input is refused and writes nothing", () => {
  const cases: [string, { body?: unknown; rawBody?: string }, number, string, string?][] = [
    ["malformed JSON", { rawBody: '{"id": "a",' }, 400, "invalid_json"],
    ["unknown channel", { body: { id: "a", channel: "fax" } }, 400, "unknown_channel", "channel"],
    ["missing channel", { body: { id: "a" } }, 400, "invalid_field", "channel"],
    ["missing id", { body: { channel: "sms" } }, 400, "invalid_field", "id"],
    ["empty id", { body: { id: "", channel: "sms" } }, 400, "invalid_field", "id"],
    ["id over 128 chars", { body: { id: "x".repeat(129), channel: "sms" } }, 400, "invalid_field", "id"],
    ["negative quantity", { body: { id: "a", channel: "sms", quantity: -1 } }, 400, "invalid_field", "quantity"],
    ["fractional quantity", { body: { id: "a", channel: "sms", quantity: 1.5 } }, 400, "invalid_field", "quantity"],
    ["quantity as a string", { body: { id: "a", channel: "sms", quantity: "2" } }, 400, "invalid_field", "quantity"],
    ["quantity over 10000", { body: { id: "a", channel: "sms", quantity: 10001 } }, 400, "invalid_field", "quantity"],
    ["missing duration on a call", { body: { id: "a", channel: "voice_call" } }, 400, "invalid_field", "durationSeconds"],
    ["negative duration", { body: { id: "a", channel: "voice_call", durationSeconds: -5 } }, 400, "invalid_field", "durationSeconds"],
    ["fractional duration", { body: { id: "a", channel: "voice_call", durationSeconds: 1.2 } }, 400, "invalid_field", "durationSeconds"],
    ["duration over a day", { body: { id: "a", channel: "voice_call", durationSeconds: 86401 } }, 400, "invalid_field", "durationSeconds"],
    ["unknown outcome", { body: { id: "a", channel: "voice_call", durationSeconds: 5, outcome: "hung" } }, 400, "invalid_field", "outcome"],
    ["bad direction", { body: { id: "a", channel: "sms", direction: "sideways" } }, 400, "invalid_field", "direction"],
    ["date without zone", { body: { id: "a", channel: "sms", occurredAt: "2026-11-01 10:00" } }, 400, "invalid_field", "occurredAt"],
    ["date over 35 days ago", { body: { id: "a", channel: "sms", occurredAt: new Date(Date.now() - 36 * 86_400_000).toISOString() } }, 400, "invalid_field", "occurredAt"],
    ["date in the future", { body: { id: "a", channel: "sms", occurredAt: new Date(Date.now() + 6 * 60_000).toISOString() } }, 400, "invalid_field", "occurredAt"],
    ["unknown field", { body: { id: "a", channel: "sms", duration: 5 } }, 400, "invalid_field", "duration"],
    ["bad source", { body: { id: "a", channel: "sms", source: { type: "ad", id: "1" } } }, 400, "invalid_field", "source.type"],
    ["an array body", { body: [{ id: "a", channel: "sms" }] }, 400, "invalid_field"],
    ["empty batch", { body: { events: [] } }, 400, "invalid_field", "events"],
    ["batch over 1000", { body: { events: Array.from({ length: 1001 }, (_, i) => ({ id: `e${i}`, channel: "sms" })) } }, 400, "invalid_field", "events"],
    ["one bad event in a batch", { body: { events: [{ id: "ok", channel: "sms" }, { id: "bad", channel: "sms", quantity: 0 }] } }, 400, "invalid_field", "events[1].quantity"],
    ["body over 1 MiB", { rawBody: JSON.stringify({ events: [{ id: "a", channel: "sms" }], pad: "x".repeat(1024 * 1024) }) }, 413, "payload_too_large"],
  ];

  it.each(cases)("%s → %i %s", async (_name, request, status, code, field) => {
    const { key, workspaceId } = await workspaceWithKey();
    await fund(workspaceId, 10);
    const before = await snapshot(workspaceId);
    const response = await api("POST", "/api/v1/usage-events", { key, ...request, headers: { "Idempotency-Key": "k" } });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe("string");
    if (field) expect(response.body.error.field).toBe(field);
    expect(await snapshot(workspaceId)).toEqual(before);
  });
});

describe("API keys, rate limit and tenancy", () => {
  it("refuses missing, malformed, unknown and revoked keys with 401", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    const keyRow = await db.apiKey.findFirstOrThrow({ where: { workspaceId } });
    for (const header of [undefined, "Basic abc", "Bearer nope", `Bearer sk_saldo_${"A".repeat(43)}`]) {
      const response = await api("GET", "/api/v1/wallet", { headers: header ? { authorization: header } : {} });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("unauthorized");
    }
    expect((await api("GET", "/api/v1/wallet", { key })).status).toBe(200);
    await revokeApiKey(workspaceId, keyRow.id);
    expect((await api("GET", "/api/v1/wallet", { key })).status).toBe(401);
  });

  it("answers 429 with Retry-After past the per-key burst", async () => {
    process.env.API_RATE_LIMIT_PER_SECOND = "1";
    process.env.API_RATE_LIMIT_BURST = "3";
    try {
      const { key } = await workspaceWithKey();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await api("GET", "/api/v1/wallet", { key }));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(statuses[3].headers.get("Retry-After")).toBe("1");
      expect(statuses[3].body.error.code).toBe("rate_limited");
    } finally {
      delete process.env.API_RATE_LIMIT_PER_SECOND;
      delete process.env.API_RATE_LIMIT_BURST;
    }
  });

  it("keeps workspaces apart: the same event id in two workspaces, and no reading across", async () => {
    const a = await workspaceWithKey();
    const b = await workspaceWithKey("INR");
    await fund(a.workspaceId, 10);
    await api("POST", "/api/v1/usage-events", { key: a.key, body: call("shared-id", 60, { channel: "voice_call" }) });
    const inB = await api("POST", "/api/v1/usage-events", { key: b.key, body: call("shared-id", 60, { channel: "voice_call" }) });
    expect(inB.body.results[0]).toMatchObject({ status: "charged", currency: "INR", charge: "1.200000", balance: "-1.200000" });
    const listA = await api("GET", "/api/v1/usage-events", { key: a.key });
    const listB = await api("GET", "/api/v1/usage-events", { key: b.key });
    expect(listA.body.data).toHaveLength(1);
    expect(listA.body.data[0].currency).toBe("USD");
    expect(listB.body.data).toHaveLength(1);
    expect((await api("GET", "/api/v1/wallet", { key: b.key })).body).toMatchObject({ currency: "INR", balance: "-1.200000" });
  });
});
