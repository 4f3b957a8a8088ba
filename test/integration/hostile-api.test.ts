// The rest of the public API under hostile input at volume (issue 13, item 2): POST
// /api/v1/authorize with mutated bodies, the GET routes (wallet, prices, usage history) with
// hostile query strings, and every route with every method and unknown paths — in-process,
// as the production door calls the handlers. Never a 5xx, always the documented shape, never a
// write (none of these writes anything), and what is accepted is what the contract allows.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_API_ROUTES } from "@/app/api/v1/routes";
import { HTTP_METHODS, MAX_BODY_BYTES, type HttpMethod } from "@/lib/api/handler";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { CHANNELS, DIRECTIONS } from "@/lib/rating/channels";
import { api, rawApi } from "@/test/helpers/api";
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

const AUTHORIZE_CASES = 2_000;
const READ_CASES = 2_500;
const METHOD_CASES = 500;
let key = "";
let good: string[] = [];
let bad: (string | undefined)[] = [];

beforeAll(async () => {
  ({ key, good, bad } = await hostileApiCaller(50_000_000n));
  // A history to filter and page through: channels, directions, a month of dates.
  const events = Array.from({ length: 60 }, (_, i) => ({
    id: `history-${i}`,
    channel: CHANNELS[i % CHANNELS.length],
    direction: DIRECTIONS[i % 2],
    ...(["voice_call", "whatsapp_call", "ai_voice"].includes(CHANNELS[i % CHANNELS.length]) ? { durationSeconds: 30 + i } : {}),
    occurredAt: new Date(Date.now() - i * 12 * 3_600_000).toISOString(),
  }));
  expect((await api("POST", "/api/v1/usage-events", { key, body: { events } })).status).toBe(200);
});

const authorizationHeader = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((n) => () => good[n % good.length]) },
  { weight: 1, arbitrary: fc.nat().map((n) => () => bad[n % bad.length]) },
);

/**
 * Runs `request` and checks what every answer owes: below 500, the documented shape, and no
 * write — but the answer itself, stored under an Idempotency-Key for its retries (API.md).
 */
async function expectHarmless(method: HttpMethod, path: string, options: Parameters<typeof rawApi>[2]) {
  resetRateLimits();
  const before = await tableSnapshot();
  const answer = await rawApi(method, path, options);
  const body = expectDocumentedAnswer(answer, method);
  const stored = method === "POST" && answer.status === 200 && answer.headers.get("idempotent-replayed") === null && !!options?.headers?.["idempotency-key"]?.trim();
  expect(snapshotDelta(before, await tableSnapshot()), `${method} ${path}: ${answer.status}`).toEqual(stored ? { 'public."IdempotencyRecord"': 1n } : {});
  return { answer, body: body as Record<string, unknown> | undefined };
}

const MONEY = /^-?\d+(\.\d{1,6})?$/;

describe("POST /api/v1/authorize, hostile input", () => {
  const body = fc.oneof(
    {
      weight: 6,
      arbitrary: mutated(fc.record({ channel: fc.constantFrom(...CHANNELS), direction: fc.constantFrom(...DIRECTIONS) }, { requiredKeys: ["channel"] }), {
        channel: field(CHANNELS, [nearMisses(CHANNELS)]),
        direction: field(DIRECTIONS, [nearMisses(DIRECTIONS)]),
      }),
    },
    { weight: 1, arbitrary: hostileValue },
  );
  const request = fc.record({
    authorization: authorizationHeader,
    contentType: hostileContentType,
    idempotencyKey: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileHeaderValue }),
    body: rawJson(body, { maxBytes: MAX_BODY_BYTES }),
  });

  it(`${AUTHORIZE_CASES.toLocaleString("en")} generated requests: never a 5xx, the documented shape, no write, only valid questions answered`, async () => {
    await assertHostile("POST /api/v1/authorize", AUTHORIZE_CASES, request, async (req, tally) => {
      const headers = { authorization: req.authorization(), "content-type": req.contentType, "idempotency-key": req.idempotencyKey };
      const { answer, body } = await expectHarmless("POST", "/api/v1/authorize", { headers, body: req.body.text });
      tally.add(answer.status);
      if (answer.status !== 200) return;
      // Accepted: the body was exactly {channel, direction?} with values of the contract.
      const sent = JSON.parse(typeof req.body.text === "string" ? req.body.text : new TextDecoder().decode(req.body.text)) as Record<string, unknown>;
      expect(Object.keys(sent).every((name) => name === "channel" || name === "direction")).toBe(true);
      expect(CHANNELS).toContain(sent.channel);
      if ("direction" in sent) expect(DIRECTIONS).toContain(sent.direction);
      expect(Object.keys(body!)).toEqual(["allowed", "reason", "currency", "balance", "paidBalance", "trialCredit", "minimumBalance"]);
      expect(typeof body!.allowed).toBe("boolean");
      expect([null, "insufficient_balance", "channel_disabled"]).toContain(body!.reason);
      for (const name of ["balance", "paidBalance", "trialCredit", "minimumBalance"]) expect(body![name]).toMatch(MONEY);
    });
  }, HOSTILE_TIMEOUT_MS);
});

describe("the GET routes, hostile query strings and headers", () => {
  const value = fc.oneof(hostileString, hostileNumber.map(String), hostileTimestamp.map(String));
  const params = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constant("channel"), fc.oneof(fc.constantFrom(...CHANNELS), nearMisses(CHANNELS), hostileString)) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom("from", "to"), hostileTimestamp.map(String)) },
      { weight: 2, arbitrary: fc.tuple(fc.constant("limit"), fc.oneof(fc.integer({ min: -5, max: 1_005 }).map(String), hostileNumber.map(String))) },
      { weight: 2, arbitrary: fc.tuple(fc.constant("cursor"), fc.oneof(hostileString, hostileValue.map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")))) },
      { weight: 1, arbitrary: fc.tuple(hostileString, value) },
    ),
    { maxLength: 5 },
  );
  // Query text as senders write it, encoded or not: percent escapes that decode to nothing, to
  // NUL, to half a character; bare keys; repeated separators.
  const rawQuery = fc.oneof(
    { weight: 8, arbitrary: params.map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 2, arbitrary: fc.constantFrom("channel=%00", "from=%ZZ", "cursor=%F0%9F", "limit=%31%30", "&&&", "=x", "channel", "channel=sms&channel=email", "limit=1&limit=0", "to=2026-12-01T00:00:00%2B14:00", "a=".padEnd(4_000, "b")) },
  );
  const request = fc.record({
    path: fc.constantFrom("/api/v1/usage-events", "/api/v1/usage-events", "/api/v1/usage-events", "/api/v1/wallet", "/api/v1/prices"),
    method: fc.constantFrom("GET", "GET", "GET", "HEAD"),
    authorization: authorizationHeader,
    query: rawQuery,
    contentType: hostileContentType,
  });

  it(`${READ_CASES.toLocaleString("en")} generated requests: never a 5xx, the documented shape, no write, filters obeyed`, async () => {
    await assertHostile("GET /api/v1/{usage-events,wallet,prices}", READ_CASES, request, async (req, tally) => {
      const headers = { authorization: req.authorization(), "content-type": req.contentType };
      const { answer, body } = await expectHarmless(req.method as HttpMethod, `${req.path}?${req.query}`, { headers });
      tally.add(`${req.path.slice(8)} ${answer.status}`);
      if (answer.status !== 200 || req.method === "HEAD") return;
      if (req.path === "/api/v1/wallet") {
        expect(Object.keys(body!)).toEqual(["currency", "balance", "paidBalance", "trialCredit", "minimumCallBalance", "whatsappCalling", "autoRecharge"]);
      } else if (req.path === "/api/v1/prices") {
        expect((body!.prices as unknown[]).length).toBe(CHANNELS.length * DIRECTIONS.length);
      } else {
        // What the history answers obeys what was asked (the last of repeated parameters).
        const query = new URLSearchParams(req.query);
        const last = (name: string) => query.getAll(name).at(-1);
        const data = body!.data as { channel: string; occurredAt: string }[];
        expect(data.length).toBeLessThanOrEqual(query.has("limit") ? Number(last("limit")) : 100);
        if (query.has("channel")) expect(data.every((item) => item.channel === last("channel"))).toBe(true);
        if (query.has("from")) expect(data.every((item) => new Date(item.occurredAt) >= new Date(last("from")!))).toBe(true);
        if (query.has("to")) expect(data.every((item) => new Date(item.occurredAt) < new Date(last("to")!))).toBe(true);
        expect(body!.nextCursor === null || typeof body!.nextCursor === "string").toBe(true);
      }
    });
  }, HOSTILE_TIMEOUT_MS);
});

describe("every route, every method, unknown paths", () => {
  const segment = fc.oneof(fc.constantFrom("wallet", "prices", "authorize", "usage-events", "usage_events", "Wallet", "v2", "..", ".", "%00", "%2e%2e", "__proto__", ""), hostileString.map((text) => encodeURIComponent(text.toWellFormed())));
  const request = fc.record({
    method: fc.constantFrom(...HTTP_METHODS),
    path: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...Object.keys(PUBLIC_API_ROUTES).filter((path) => !path.includes("["))) },
      { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => `/api/v1/${segments.join("/")}`) },
    ),
    authorization: authorizationHeader,
    body: fc.option(rawJson(hostileValue, { maxBytes: MAX_BODY_BYTES }), { nil: undefined }),
  });

  it(`${METHOD_CASES.toLocaleString("en")} generated requests: 405 with Allow, 404, 204 for OPTIONS, HEAD as GET without a body`, async () => {
    await assertHostile("methods and paths under /api/v1", METHOD_CASES, request, async (req, tally) => {
      const headers = { authorization: req.authorization(), "content-type": "application/json" };
      const { answer } = await expectHarmless(req.method, req.path, { headers, body: req.body?.text });
      tally.add(answer.status);
      const known = Object.hasOwn(PUBLIC_API_ROUTES, new URL(req.path, "http://saldo.test").pathname);
      if (!known) expect(answer.status).toBe(404);
      if (known && req.method === "OPTIONS") expect(answer.status).toBe(204);
      if (answer.status === 204 || answer.status === 405) expect(answer.headers.get("allow")).toContain("OPTIONS");
    });
  }, HOSTILE_TIMEOUT_MS);
});
