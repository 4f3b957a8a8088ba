// What passes the public API's validation must be valid for PostgreSQL (issue 8, item 1): a
// value PostgreSQL refuses inside the ingest is a 500, which tells a sender to retry a batch that
// can never succeed. Each bad value must be a 400 invalid_field naming the field, and write nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { createApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { filterFromSearch, listUsage, usageSearchSchema, usageTotals } from "@/lib/usage/list";
import { api, workspaceWithKey } from "@/test/helpers/api";

beforeEach(() => resetRateLimits());

const DAY_MS = 86_400_000;

/** Rows of the workspace in every table a request can write, counted in SQL. */
async function written(workspaceId: string) {
  const [row] = await db.$queryRaw<{ events: bigint; entries: bigint; records: bigint; paid: bigint }[]>`
    SELECT (SELECT count(*) FROM "UsageEvent" WHERE "workspaceId" = ${workspaceId}::uuid) AS events,
           (SELECT count(*) FROM "LedgerEntry" WHERE "workspaceId" = ${workspaceId}::uuid) AS entries,
           (SELECT count(*) FROM "IdempotencyRecord" WHERE "workspaceId" = ${workspaceId}::uuid) AS records,
           (SELECT "paidBalance" FROM "Wallet" WHERE "workspaceId" = ${workspaceId}::uuid) AS paid`;
  return row;
}

async function fundedWorkspace() {
  const workspace = await workspaceWithKey();
  await adjustBalance(workspace.workspaceId, 10_000_000n, "test funds", { type: "system" });
  return workspace;
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("POST /api/v1/usage-events — values PostgreSQL would refuse are 400 invalid_field", () => {
  const old = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
  // [name, raw JSON body, field]. Raw bodies, so the escapes are exactly what a sender sends.
  const cases: [string, string, string][] = [
    ["NUL in id (the issue's reproduction)", String.raw`{"id":"a\u0000b","channel":"sms"}`, "id"],
    ["lone high surrogate in id", String.raw`{"id":"a\ud800b","channel":"sms"}`, "id"],
    ["lone low surrogate at the end of id", String.raw`{"id":"ab\udc00","channel":"sms"}`, "id"],
    ["NUL in source.id", String.raw`{"id":"a","channel":"sms","source":{"type":"campaign","id":"x\u0000"}}`, "source.id"],
    ["lone surrogate in source.id", String.raw`{"id":"a","channel":"sms","source":{"type":"campaign","id":"\udfff"}}`, "source.id"],
    ["NUL in the second event of a batch", String.raw`{"events":[{"id":"ok","channel":"sms"},{"id":"\u0000","channel":"sms"}]}`, "events[1].id"],
    ["occurredAt in year 0", `{"id":"a","channel":"sms","occurredAt":"0000-01-01T00:00:00Z"}`, "occurredAt"],
    ["occurredAt in year 1 at +14:00 (year 0 in UTC)", `{"id":"a","channel":"sms","occurredAt":"0001-01-01T00:00:00+14:00"}`, "occurredAt"],
    ["occurredAt in 1969", `{"id":"a","channel":"sms","occurredAt":"1969-12-31T23:59:59Z"}`, "occurredAt"],
    ["occurredAt older than the 35-day window", `{"id":"a","channel":"sms","occurredAt":"${old(35.01)}"}`, "occurredAt"],
  ];

  it.each(cases)("%s", async (_name, rawBody, field) => {
    const { key, workspaceId } = await fundedWorkspace();
    const before = await written(workspaceId);
    const response = await api("POST", "/api/v1/usage-events", { key, rawBody, headers: { "Idempotency-Key": "bad-input" } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_field", field });
    expect(typeof response.body.error.message).toBe("string");
    expect(await written(workspaceId)).toEqual(before);
  });

  it("accepts what is valid next to those: paired surrogates (emoji), other control characters, 35 days back", async () => {
    const { key, workspaceId } = await fundedWorkspace();
    const response = await api("POST", "/api/v1/usage-events", {
      key,
      rawBody: String.raw`{"events":[{"id":"\ud83d\ude00-1","channel":"sms","source":{"type":"campaign","id":"tab\there"}},` +
        `{"id":"old","channel":"sms","occurredAt":"${old(34.99)}"}]}`,
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { id: string; status: string }) => [result.id, result.status])).toEqual([
      ["😀-1", "charged"],
      ["old", "charged"],
    ]);
    const [stored] = await db.$queryRaw<{ sourceId: string }[]>`
      SELECT "sourceId" FROM "UsageEvent" WHERE "workspaceId" = ${workspaceId}::uuid AND "externalId" = '😀-1'`;
    expect(stored.sourceId).toBe("tab\there");
  });
});

describe("GET /api/v1/usage-events — query values PostgreSQL would refuse are 400 invalid_field", () => {
  const cases: [string, string, string][] = [
    ["from in year 0", "from=0000-01-01T00:00:00Z", "from"],
    ["to in year 0", "to=0000-06-01T00:00:00Z", "to"],
    ["from in year 1 at +14:00", "from=0001-01-01T00:00:00%2B14:00", "from"],
    ["to past year 9999 in UTC", "to=9999-12-31T23:00:00-14:00", "to"],
    ["a cursor with a non-UUID id", `cursor=${cursorOf(["2026-01-01T00:00:00Z", "ffffffff-ffff-ffff-ffff-ffffffffffff".replace(/-/g, "f")])}`, "cursor"],
    ["a cursor with dashes only", `cursor=${cursorOf(["2026-01-01T00:00:00Z", "-".repeat(36)])}`, "cursor"],
    ["a cursor in year −271821", `cursor=${cursorOf([-8.64e15, "6f1c1a5e-8a3b-4c2d-9e0f-1a2b3c4d5e6f"])}`, "cursor"],
    ["a cursor in year −271821 as text", `cursor=${cursorOf(["-271821-04-20T00:00:00.000Z", "6f1c1a5e-8a3b-4c2d-9e0f-1a2b3c4d5e6f"])}`, "cursor"],
    ["a cursor in year 0", `cursor=${cursorOf(["0000-01-01T00:00:00.000Z", "6f1c1a5e-8a3b-4c2d-9e0f-1a2b3c4d5e6f"])}`, "cursor"],
    ["a cursor that is not JSON", "cursor=bm90LWpzb24", "cursor"],
  ];

  it.each(cases)("%s", async (_name, query, field) => {
    const { key } = await fundedWorkspace();
    const response = await api("GET", `/api/v1/usage-events?${query}`, { key });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "invalid_field", field });
  });

  it("still pages with the cursors it hands out", async () => {
    const { key } = await fundedWorkspace();
    await api("POST", "/api/v1/usage-events", { key, body: { events: [{ id: "p1", channel: "sms" }, { id: "p2", channel: "sms" }] } });
    const first = await api("GET", "/api/v1/usage-events?limit=1&from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", { key });
    expect(first.body.data).toHaveLength(1);
    const second = await api("GET", `/api/v1/usage-events?limit=1&cursor=${first.body.nextCursor}`, { key });
    expect(second.status).toBe(200);
    expect([first.body.data[0].id, second.body.data[0].id].sort()).toEqual(["p1", "p2"]);
  });
});

describe("the Usage screen's filter (and its CSV export) — dates PostgreSQL would refuse are ignored", () => {
  it.each(["0000-01-01", "0001-01-01", "9999-12-31"])("from=to=%s", async (date) => {
    const { workspaceId } = await fundedWorkspace();
    const search = usageSearchSchema.parse({ from: date, to: date });
    expect(search).toEqual({});
    const filter = filterFromSearch(search, "Asia/Kolkata");
    await expect(listUsage(workspaceId, { ...filter, limit: 10 })).resolves.toMatchObject({ data: [] });
    await expect(usageTotals(workspaceId, filter)).resolves.toEqual([]);
  });
});

describe("API key names", () => {
  it.each(["a\u0000b", "\ud800"])("refuses %j as a name, writing nothing", async (name) => {
    const { workspaceId } = await fundedWorkspace();
    const before = await db.apiKey.count({ where: { workspaceId } });
    await expect(createApiKey(workspaceId, name)).rejects.toMatchObject({ code: "invalid_field", field: "name" });
    expect(await db.apiKey.count({ where: { workspaceId } })).toBe(before);
  });
});
