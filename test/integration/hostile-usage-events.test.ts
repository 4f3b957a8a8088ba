// POST /api/v1/usage-events under hostile input at volume (issue 13, item 2): thousands of
// generated requests — mutated events and batches, bodies spoiled or over 1 MiB, odd content
// types, Idempotency-Keys and Authorization headers — through the route handler as the
// production door calls it. Every answer is below 500 and in the documented shape; a refused
// request (or a replay) writes nothing in any table; an accepted batch is applied whole — one
// row per new event, stored as sent, its charges in the ledger and the balance — and nothing else.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { MAX_BODY_BYTES } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { CHANNELS, DIRECTIONS, OUTCOMES, isTimedChannel } from "@/lib/rating/channels";
import { rawApi } from "@/test/helpers/api";
import {
  assertHostile,
  expectDocumentedAnswer,
  field,
  hostileApiCaller,
  hostileContentType,
  hostileHeaderValue,
  hostileNumber,
  hostileString,
  hostileTimestamp,
  hostileValue,
  mutated,
  nearMisses,
  rawJson,
  snapshotDelta,
  tableSnapshot,
  HOSTILE_TIMEOUT_MS,
} from "@/test/helpers/hostile";

const CASES = 4_000;
let workspaceId = "";
let good: string[] = [];
let bad: (string | undefined)[] = [];

beforeAll(async () => {
  // Rich enough that no batch crosses an alert or the call minimum (which would write e-mails).
  ({ workspaceId, good, bad } = await hostileApiCaller(10n ** 15n));
});

const validEvent = fc.oneof(
  fc.record({ id: fc.uuid(), channel: fc.constantFrom("sms", "whatsapp", "email"), quantity: fc.integer({ min: 1, max: 10_000 }) }, { requiredKeys: ["id", "channel"] }),
  fc.record(
    {
      id: fc.uuid(),
      channel: fc.constantFrom("voice_call", "whatsapp_call", "ai_voice"),
      direction: fc.constantFrom(...DIRECTIONS),
      durationSeconds: fc.integer({ min: 0, max: 86_400 }),
      outcome: fc.constantFrom(...OUTCOMES),
      occurredAt: fc.integer({ min: -34 * 86_400, max: 240 }).map((seconds) => new Date(Date.now() + seconds * 1000).toISOString()),
      source: fc.record({ type: fc.constantFrom("conversation", "campaign", "broadcast"), id: fc.string({ minLength: 1, maxLength: 128 }) }),
    },
    { requiredKeys: ["id", "channel", "durationSeconds"] },
  ),
);

const hostileEvent = mutated(validEvent, {
  id: field(["a", "x".repeat(128)], [hostileString]),
  channel: field(CHANNELS, [nearMisses(CHANNELS)]),
  direction: field(DIRECTIONS, [nearMisses(DIRECTIONS)]),
  quantity: field([1, 10_000], [hostileNumber]),
  durationSeconds: field([0, 86_400], [hostileNumber]),
  outcome: field(OUTCOMES, [nearMisses(OUTCOMES)]),
  occurredAt: field([new Date().toISOString()], [hostileTimestamp]),
  source: field([{ type: "campaign", id: "c" }], [
    fc.record({ type: field(["conversation", "campaign", "broadcast"]), id: field(["s"], [hostileString]) }),
  ]),
});

const bodyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: hostileEvent },
  { weight: 10, arbitrary: fc.array(fc.oneof(hostileEvent, validEvent), { minLength: 0, maxLength: 6 }).map((events) => ({ events })) },
  { weight: 4, arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 20 }).map((events) => ({ events })) },
  { weight: 2, arbitrary: fc.tuple(fc.array(validEvent, { maxLength: 3 }), hostileValue).map(([events, extra]) => ({ events, extra })) },
  { weight: 2, arbitrary: hostileValue.map((events) => ({ events })) },
  { weight: 2, arbitrary: hostileValue },
);

/** The batch limit, in a run of its own (each accepted case adds a thousand rows): 1000 events go through, 1001 do not. */
const LIMIT_CASES = 40;
const fullBatch = fc.tuple(fc.constantFrom(999, 1000, 1001), fc.uuid(), fc.nat(2)).map(([n, id, spoil]) => ({
  events: Array.from({ length: n }, (_, i) => (i === n - 1 && spoil === 0 ? { id: `${id}-${i}`, channel: "sms", quantity: 0 } : { id: `${id}-${i}`, channel: "sms" })),
}));

const requestOf = (body: fc.Arbitrary<unknown>) => fc.record({
  method: fc.oneof({ weight: 18, arbitrary: fc.constant("POST") }, { weight: 3, arbitrary: fc.constantFrom("PUT", "PATCH", "DELETE") }),
  authorization: fc.oneof({ weight: 6, arbitrary: fc.constant("good") }, { weight: 1, arbitrary: fc.constant("bad") }),
  goodAuthorization: fc.nat(4),
  badAuthorization: fc.nat(),
  contentType: hostileContentType,
  // A fresh key, none, one shared with other cases (replays and conflicts), or an odd value.
  idempotencyKey: fc.oneof(
    { weight: 3, arbitrary: fc.constant<"fresh" | undefined>("fresh") },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom("shared-1", "shared-2", "shared-3") },
    { weight: 2, arbitrary: hostileHeaderValue },
  ),
  body: rawJson(body, { maxBytes: MAX_BODY_BYTES }),
});

let fresh = 0;

describe("POST /api/v1/usage-events, hostile input", () => {
  it(`${CASES.toLocaleString("en")} generated requests: never a 5xx, the documented shape, all or nothing`, async () => {
    await check(requestOf(bodyValue), CASES, "POST /api/v1/usage-events");
  }, HOSTILE_TIMEOUT_MS);

  it(`${LIMIT_CASES} generated batches at the 1000-event limit: whole or not at all`, async () => {
    await check(requestOf(fullBatch), LIMIT_CASES, "POST /api/v1/usage-events, the batch limit");
  }, HOSTILE_TIMEOUT_MS);
});

async function check(request: ReturnType<typeof requestOf>, cases: number, what: string) {
  await assertHostile(what, cases, request, async (req, tally) => {
    resetRateLimits();
    const idempotencyKey = req.idempotencyKey === "fresh" ? `fresh-${++fresh}` : req.idempotencyKey;
    const headers = {
      authorization: req.authorization === "good" ? good[req.goodAuthorization % good.length] : bad[req.badAuthorization % bad.length],
      "content-type": req.contentType,
      "idempotency-key": idempotencyKey,
    };
    const before = await tableSnapshot();
    const answer = await rawApi(req.method as "POST", "/api/v1/usage-events", { headers, body: req.body.text });
    const body = expectDocumentedAnswer(answer, req.method);
    tally.add(answer.headers.get("idempotent-replayed") ? `${answer.status} replayed` : answer.status);
    const delta = snapshotDelta(before, await tableSnapshot());
    if (answer.status !== 200 || answer.headers.get("idempotent-replayed") === "true") {
      expect(delta, `${answer.status} ${answer.text.slice(0, 200)}`).toEqual({});
      return;
    }
    expect(req.method).toBe("POST");
    await expectAppliedWhole(req.body.text, body as { results: Result[] }, delta, idempotencyKey !== undefined && idempotencyKey.trim() !== "");
  });
}

type Result = { id: string; status: string; charge: string; currency: string; balance: string };

const micros = (decimal: string) => {
  const [whole, fraction = ""] = decimal.replace("-", "").split(".");
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
  return decimal.startsWith("-") ? -value : value;
};

/** An accepted batch: every new event stored as sent, charged once, nothing else written. */
async function expectAppliedWhole(raw: string | Uint8Array, body: { results: Result[] }, delta: Record<string, bigint>, keyed: boolean) {
  const sent = JSON.parse(typeof raw === "string" ? raw : new TextDecoder().decode(raw)) as Record<string, unknown> & { events?: Record<string, unknown>[] };
  const events = Array.isArray(sent.events) ? sent.events : [sent];
  expect(body.results.map((result) => result.id)).toEqual(events.map((event) => event.id));
  const fresh = body.results.filter((result) => result.status !== "duplicate");
  const charged = fresh.filter((result) => micros(result.charge) > 0n);
  const total = fresh.reduce((sum, result) => sum + micros(result.charge), 0n);
  const expected: Record<string, bigint> = {};
  if (fresh.length) expected['public."UsageEvent"'] = BigInt(fresh.length);
  if (charged.length) expected['public."LedgerEntry"'] = BigInt(charged.length);
  if (keyed) expected['public."IdempotencyRecord"'] = 1n;
  if (total) expected.paid = -total;
  // The daily rollups gain a row per new (day, channel, direction, outcome) the batch brings:
  // between none (all into existing rows) and one per new event. That they equal the events is
  // test/integration/usage-rollups.test.ts's to prove.
  const { 'public."UsageDailyRollup"': rollupRows = 0n, ...rest } = delta;
  expect(rollupRows >= 0n && rollupRows <= BigInt(fresh.length), `rollup rows added: ${rollupRows}`).toBe(true);
  expect(rest).toEqual(expected);

  const rows = await db.usageEvent.findMany({ where: { workspaceId, externalId: { in: fresh.map((result) => result.id) } } });
  const byId = new Map(rows.map((row) => [row.externalId, row]));
  for (const [index, result] of body.results.entries()) {
    if (result.status === "duplicate") continue;
    const event = events[index];
    const row = byId.get(result.id)!;
    const timed = isTimedChannel(event.channel as (typeof CHANNELS)[number]);
    expect({
      channel: row.channel,
      direction: row.direction,
      quantity: row.quantity,
      durationSeconds: row.durationSeconds,
      outcome: row.outcome,
      source: row.sourceType ? { type: row.sourceType, id: row.sourceId } : undefined,
      charge: row.charge,
    }).toEqual({
      channel: event.channel,
      direction: event.direction ?? "outbound",
      quantity: timed ? 1 : (event.quantity ?? 1),
      durationSeconds: timed ? event.durationSeconds : null,
      outcome: timed ? (event.outcome ?? "connected") : null,
      source: event.source,
      charge: micros(result.charge),
    });
    if (event.occurredAt !== undefined) expect(row.occurredAt.getTime()).toBe(new Date(event.occurredAt as string).getTime());
  }
}
