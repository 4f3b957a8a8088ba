// The webhook route against correctly signed but malformed events and oversized bodies: each is
// refused with a 4xx (never the 500 that Stripe retries for days) and records nothing. Real
// emulator and SDK for the signatures, real PostgreSQL for "records nothing".
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET, signatureHeader } from "@/tools/stripe-emulator";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/payments/webhooks";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();

function event(overrides: Record<string, unknown> = {}) {
  return {
    id: "evt_1Malformed0000000000000",
    object: "event",
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "payment_intent.succeeded",
    data: { object: { id: "pi_1Malformed0000000000000", object: "payment_intent" } },
    ...overrides,
  };
}

async function recorded() {
  return { events: await db.stripeEvent.count(), entries: await db.ledgerEntry.count(), payments: await db.payment.count() };
}

describe("correctly signed, malformed events", () => {
  const cases: [string, string][] = [
    ["a numeric event id", JSON.stringify(event({ id: 12345 }))],
    ["a 300-character event id", JSON.stringify(event({ id: `evt_${"a".repeat(296)}` }))],
    ["a NUL in the event id", JSON.stringify(event({ id: "evt_a\u0000b" }))],
    ["a lone surrogate in the event id", JSON.stringify(event({ id: "evt_a\ud800b" }))],
    ["a null body", "null"],
    ["an array body", "[]"],
    ["a string body", '"evt_1"'],
    ["no data", JSON.stringify(event({ data: undefined }))],
    ["data without an object", JSON.stringify(event({ data: {} }))],
    ["an object that is a string", JSON.stringify(event({ data: { object: "pi_1" } }))],
    ["an object id that is a number", JSON.stringify(event({ data: { object: { id: 42 } } }))],
    ["a NUL in the object id", JSON.stringify(event({ data: { object: { id: "pi_a\u0000b" } } }))],
    ["a 300-character object id", JSON.stringify(event({ data: { object: { id: `pi_${"b".repeat(297)}` } } }))],
    ["a numeric type", JSON.stringify(event({ type: 7 }))],
    ["no type", JSON.stringify(event({ type: undefined }))],
  ];

  it.each(cases)("%s is 400 invalid_event and records nothing", async (_, raw) => {
    const before = await recorded();
    const answer = await stripe.postWebhook(raw);
    expect(answer.status).toBe(400);
    expect(answer.body?.error?.code).toBe("invalid_event");
    expect(await recorded()).toEqual(before);
  });

  it("an event type named like an Object.prototype member is ignored, not dispatched", async () => {
    const answer = await stripe.postWebhook(JSON.stringify(event({ type: "constructor" })));
    expect(answer).toEqual({ status: 200, body: { received: true, ignored: true } });
  });

  it("an ignored type whose object has no id is still acknowledged (Stripe sends such events)", async () => {
    const raw = JSON.stringify(event({ type: "balance.available", data: { object: { object: "balance", available: [] } } }));
    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true, ignored: true } });
  });

  it("a well-formed event about an unknown PaymentIntent is acknowledged and recorded once", async () => {
    const raw = JSON.stringify(event({ id: "evt_1WellFormed0000000000" }));
    expect(await stripe.postWebhook(raw)).toEqual({ status: 200, body: { received: true } });
    expect(await db.stripeEvent.count({ where: { id: "evt_1WellFormed0000000000" } })).toBe(1);
  });
});

describe("body size", () => {
  /** A body streamed in 64 KiB chunks, counting how much of it the route pulled. */
  function streamedBody(totalBytes: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stats = { pulled: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stats.pulled >= totalBytes) return controller.close();
        stats.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { body, stats };
  }

  it("an unsigned 8 MiB body is refused with 413 after reading at most the limit", async () => {
    const { body, stats } = streamedBody(8 * 1024 * 1024);
    const request = new Request("http://saldo.test/api/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(stats.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + 2 * 64 * 1024);
  });

  it("a Content-Length over the limit is refused before any of the body is read", async () => {
    const { body, stats } = streamedBody(8 * 1024 * 1024);
    const request = new Request("http://saldo.test/api/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(8 * 1024 * 1024) },
      body,
      duplex: "half",
    } as RequestInit);
    expect((await POST(request)).status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it("a signed event padded to just under the limit is still processed", async () => {
    const base = JSON.stringify(event({ id: "evt_1Padded000000000000000", type: "customer.updated", data: { object: { id: "cus_1" } } }));
    const raw = base.slice(0, -1) + `,"padding":"${"x".repeat(MAX_WEBHOOK_BODY_BYTES - base.length - 20)}"}`;
    expect(raw.length).toBeLessThan(MAX_WEBHOOK_BODY_BYTES);
    const response = await POST(
      new Request("http://saldo.test/api/webhooks/stripe", {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signatureHeader(raw, DEFAULT_EMULATOR_WEBHOOK_SECRET) },
        body: raw,
      }),
    );
    expect(response.status).toBe(200);
  });
});
