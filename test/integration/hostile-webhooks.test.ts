// POST /api/webhooks/stripe under hostile input at volume (issue 13, item 2): generated
// bodies — events with mutated ids, types and objects, spoiled JSON, binary, deep nesting, over
// 1 MiB — with no signature, broken ones, a wrong secret, stale or future timestamps, and correct
// ones (a malformed event signed by Stripe itself must not hurt either). Through the route's
// handler with the real SDK, the Stripe emulator behind it. Never a 5xx (Stripe would retry it
// for days), the route's JSON shape, nothing written by a refusal, and at most the event's id
// recorded for an event that names nothing of ours.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET, signatureHeader } from "@/tools/stripe-emulator";
import { HANDLED_EVENT_TYPES, MAX_WEBHOOK_BODY_BYTES } from "@/lib/payments/webhooks";
import {
  assertHostile,
  field,
  hostileContentType,
  hostileHeaderValue,
  hostileString,
  hostileValue,
  mutated,
  nearMisses,
  rawJson,
  snapshotDelta,
  tableSnapshot,
  HOSTILE_TIMEOUT_MS,
} from "@/test/helpers/hostile";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

startStripeEmulatorForTests();
const CASES = 1_500;
const TYPES = [...HANDLED_EVENT_TYPES, "customer.created", "invoice.paid", "charge.succeeded"];
const PREFIXES = ["pi_", "ch_", "seti_", "pm_", "cus_", "re_", "dp_"];

const stripeId = fc.tuple(fc.constantFrom(...PREFIXES), fc.stringMatching(/^[A-Za-z0-9]{8,24}$/)).map(([prefix, rest]) => prefix + rest);

const validEvent = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9]{14,24}$/).map((rest) => `evt_${rest}`),
  object: fc.constant("event"),
  api_version: fc.constant("2025-01-01"),
  created: fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }),
  livemode: fc.boolean(),
  pending_webhooks: fc.nat(3),
  request: fc.constant({ id: null, idempotency_key: null }),
  type: fc.constantFrom(...TYPES),
  data: fc.record({ object: fc.record({ id: stripeId, object: fc.constantFrom("payment_intent", "charge", "setup_intent", "payment_method"), metadata: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) }) }),
});

const hostileEvent = mutated(validEvent, {
  id: field(["evt_1", `evt_${"a".repeat(251)}`, `evt_${"a".repeat(252)}`], [hostileString]),
  type: field(TYPES, [nearMisses(HANDLED_EVENT_TYPES), fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty")]),
  data: field([{}, { object: null }], [
    mutated(fc.record({ object: fc.record({ id: stripeId }) }), {
      object: field([{}, { id: "pi_1" }], [mutated(fc.record({ id: stripeId }), { id: field(["pi_1"], [hostileString]) })]),
    }),
  ]),
  created: field([0, -1], []),
  livemode: field([true, false], []),
});

const signature = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "valid" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "wrong secret" as const }) },
  // Older than the SDK's 5-minute tolerance (a replayed delivery). A timestamp in the future is
  // accepted, as by Stripe's own library: only the secret makes one, and it replays nothing.
  { weight: 1, arbitrary: fc.constantFrom(-86_400, -301).map((offset) => ({ kind: "stale" as const, offset })) },
  { weight: 1, arbitrary: fc.constantFrom(30, 301, 86_400).map((offset) => ({ kind: "future" as const, offset })) },
  { weight: 1, arbitrary: fc.constant({ kind: "doubled" as const }) },
  { weight: 1, arbitrary: hostileHeaderValue.map((value) => ({ kind: "garbage" as const, value })) },
);

const request = fc.record({
  body: rawJson(fc.oneof({ weight: 4, arbitrary: hostileEvent }, { weight: 2, arbitrary: validEvent }, { weight: 1, arbitrary: hostileValue }), { maxBytes: MAX_WEBHOOK_BODY_BYTES }),
  signature,
  contentType: hostileContentType,
});

/** The Stripe-Signature header a case sends for `payload`. */
function signatureFor(sig: { kind: string; offset?: number; value?: string }, payload: string): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  switch (sig.kind) {
    case "none":
      return undefined;
    case "wrong secret":
      return signatureHeader(payload, "whsec_not_the_secret");
    case "stale":
    case "future":
      return signatureHeader(payload, DEFAULT_EMULATOR_WEBHOOK_SECRET, now + sig.offset!);
    case "doubled":
      return `${signatureHeader(payload, "whsec_not_the_secret")},${signatureHeader(payload, DEFAULT_EMULATOR_WEBHOOK_SECRET).split(",")[1]}`;
    case "garbage":
      return sig.value;
    default:
      return signatureHeader(payload, DEFAULT_EMULATOR_WEBHOOK_SECRET);
  }
}

/**
 * The signatures that carry a valid v1 for the payload: correct, in the future, or next to a
 * wrong one (Stripe signs with every secret of an endpoint while one is being rolled).
 */
const SIGNED = ["valid", "future", "doubled"];

const CODES: Record<number, string[]> = { 400: ["invalid_signature", "invalid_event"], 413: ["payload_too_large"] };

describe("POST /api/webhooks/stripe, hostile input", () => {
  it(`${CASES.toLocaleString("en")} generated deliveries: never a 5xx, the route's shape, no write but the id of an event naming nothing of ours`, async () => {
    // The route warns about every malformed event it refuses; hundreds of lines say nothing here.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await assertHostile("POST /api/webhooks/stripe", CASES, request, async (req, tally) => {
      // Stripe signs the text it sends; the route verifies the text it reads (UTF-8).
      const payload = typeof req.body.text === "string" ? req.body.text : new TextDecoder().decode(req.body.text);
      const headers = new Headers();
      const header = signatureFor(req.signature, payload);
      if (header !== undefined) headers.set("stripe-signature", header);
      if (req.contentType !== undefined) headers.set("content-type", req.contentType);
      const before = await tableSnapshot();
      const response = await POST(new Request("http://saldo.test/api/webhooks/stripe", { method: "POST", headers, body: req.body.text as BodyInit }));
      const text = await response.text();
      const delta = snapshotDelta(before, await tableSnapshot());
      tally.add(`${response.status} ${req.signature.kind}`);

      expect(response.status, text.slice(0, 300)).toBeLessThan(500);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = JSON.parse(text) as Record<string, unknown>;
      if (response.status === 200) {
        expect(body.received).toBe(true);
        expect(Object.keys(body).every((key) => ["received", "duplicate", "ignored"].includes(key))).toBe(true);
        // None of these events names a payment, card or customer of ours: nothing but, at
        // most, the event's id (so that a replay is one lookup).
        expect(Object.keys(delta).every((key) => key === 'public."StripeEvent"')).toBe(true);
        expect(delta['public."StripeEvent"'] ?? 0n).toBeLessThanOrEqual(1n);
        if (!SIGNED.includes(req.signature.kind)) throw new Error(`accepted a delivery signed ${req.signature.kind}`);
      } else {
        expect(delta).toEqual({});
        expect(Object.keys(body)).toEqual(["error"]);
        const error = body.error as { code: string; message: string };
        expect(CODES[response.status]).toContain(error.code);
        expect(error.message.length).toBeGreaterThan(0);
      }
    });
    vi.restoreAllMocks();
  }, HOSTILE_TIMEOUT_MS);
});
