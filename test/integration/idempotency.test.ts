// Idempotency-Key (API.md "Conventions"; issue 8, item 3): a retry with the same key gets the
// first answer byte for byte, with Idempotent-Replayed — also when the first answer was lost
// because the process died right after the work committed.
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { db, disconnectDb } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { api, workspaceWithKey } from "@/test/helpers/api";

beforeEach(() => resetRateLimits());

/**
 * Simulates the process dying around a transaction's COMMIT, for the next COMMIT this process
 * sends: `afterCommit` lets it through, `beforeCommit` closes that connection instead (PostgreSQL
 * then rolls the transaction back). From then on every statement, from any connection of this
 * process, fails as on a lost connection: nothing more reaches the database, no answer goes out.
 */
const crash = (() => {
  const query = pg.Client.prototype.query as (...args: unknown[]) => Promise<unknown>;
  let state: "off" | "afterCommit" | "beforeCommit" | "dead" = "off";
  const lost = () => Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (state === "beforeCommit" && sql === "COMMIT") {
      state = "dead";
      // Closing the socket is what a killed process does: the server aborts the transaction.
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
    if (state === "dead") {
      const callback = args.find((arg) => typeof arg === "function") as ((error: Error) => void) | undefined;
      if (!callback) return Promise.reject(lost());
      return void setImmediate(() => callback(lost()));
    }
    const result = query.apply(this, args);
    if (state === "afterCommit" && sql === "COMMIT") return result.then((value) => ((state = "dead"), value));
    return result;
  } as typeof pg.Client.prototype.query;
  return {
    afterCommit: () => void (state = "afterCommit"),
    beforeCommit: () => void (state = "beforeCommit"),
    /** The process starts again: a new connection pool. */
    async restart() {
      if (state === "off") return;
      state = "off";
      await disconnectDb().catch(() => undefined);
    },
  };
})();

afterEach(() => crash.restart());

async function funded() {
  const workspace = await workspaceWithKey();
  await adjustBalance(workspace.workspaceId, 10_000_000n, "test funds", { type: "system" });
  return workspace;
}

const counts = async (workspaceId: string) => {
  const [row] = await db.$queryRaw<{ events: bigint; entries: bigint; records: bigint }[]>`
    SELECT (SELECT count(*) FROM "UsageEvent" WHERE "workspaceId" = ${workspaceId}::uuid) AS events,
           (SELECT count(*) FROM "LedgerEntry" WHERE "workspaceId" = ${workspaceId}::uuid AND kind = 'USAGE') AS entries,
           (SELECT count(*) FROM "IdempotencyRecord" WHERE "workspaceId" = ${workspaceId}::uuid) AS records`;
  return { events: Number(row.events), entries: Number(row.entries), records: Number(row.records) };
};

const batch = { events: [{ id: "sms-1", channel: "sms" }, { id: "call-1", channel: "voice_call", durationSeconds: 61 }] };
// What the first request answers: keys in the order the route writes them.
const FIRST_ANSWER =
  '{"results":[{"id":"sms-1","status":"charged","charge":"0.007900","currency":"USD","balance":"9.992100"},' +
  '{"id":"call-1","status":"charged","charge":"0.028000","currency":"USD","balance":"9.964100"}]}';

/**
 * A funded workspace's first request with `idempotencyKey`, the process dying `at` its commit
 * (the answer is lost), then the restart: answers what a retry needs.
 */
async function firstRequestDying(at: "afterCommit" | "beforeCommit", idempotencyKey: string) {
  const { key, workspaceId } = await funded();
  const headers = { "Idempotency-Key": idempotencyKey };
  crash[at]();
  await api("POST", "/api/v1/usage-events", { key, body: batch, headers }); // its answer is lost
  await crash.restart();
  return { key, workspaceId, headers };
}

describe("Idempotency-Key on POST /api/v1/usage-events", () => {
  it("replays the first answer byte for byte, with Idempotent-Replayed", async () => {
    const { key } = await funded();
    const headers = { "Idempotency-Key": "batch-1" };
    const first = await api("POST", "/api/v1/usage-events", { key, body: batch, headers });
    expect(first.text).toBe(FIRST_ANSWER);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    const retry = await api("POST", "/api/v1/usage-events", { key, body: batch, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(retry.text).toBe(first.text);
  });

  it("a crash right after the ingest commits loses the answer, not the record: the retry replays the first answer", async () => {
    const { key, workspaceId, headers } = await firstRequestDying("afterCommit", "batch-crash");
    expect(await counts(workspaceId)).toEqual({ events: 2, entries: 2, records: 1 }); // the work and its answer committed together

    const retry = await api("POST", "/api/v1/usage-events", { key, body: batch, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.text).toBe(FIRST_ANSWER);
    const again = await api("POST", "/api/v1/usage-events", { key, body: batch, headers });
    expect(again.text).toBe(FIRST_ANSWER);
    expect(await counts(workspaceId)).toEqual({ events: 2, entries: 2, records: 1 });
  });

  it("a crash before the commit leaves nothing behind: the retry does the work and answers it", async () => {
    const { key, workspaceId, headers } = await firstRequestDying("beforeCommit", "batch-early");
    expect(await counts(workspaceId)).toEqual({ events: 0, entries: 0, records: 0 });
    const retry = await api("POST", "/api/v1/usage-events", { key, body: batch, headers });
    expect(retry.text).toBe(FIRST_ANSWER);
    expect(retry.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("two requests with one key at the same time: the work is done once and both answers are the same bytes", async () => {
    const { key, workspaceId } = await funded();
    const headers = { "Idempotency-Key": "batch-race" };
    const answers = await Promise.all(Array.from({ length: 4 }, () => api("POST", "/api/v1/usage-events", { key, body: batch, headers })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((answer) => answer.text)).toEqual(Array(4).fill(FIRST_ANSWER));
    expect(answers.filter((answer) => answer.headers.get("Idempotent-Replayed") === "true")).toHaveLength(3);
    expect(await counts(workspaceId)).toEqual({ events: 2, entries: 2, records: 1 });
  });

  it("the same key with another body at the same time is 409 and writes nothing of its own", async () => {
    const { key, workspaceId } = await funded();
    const headers = { "Idempotency-Key": "batch-mixed" };
    const other = { events: [{ id: "other-1", channel: "email" }] };
    const [a, b] = await Promise.all([
      api("POST", "/api/v1/usage-events", { key, body: batch, headers }),
      api("POST", "/api/v1/usage-events", { key, body: other, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? "batch" : "other";
    expect(await counts(workspaceId)).toEqual(winner === "batch" ? { events: 2, entries: 2, records: 1 } : { events: 1, entries: 1, records: 1 });
  });
});

describe("Idempotency-Key on a POST that writes nothing (authorize)", () => {
  it("replays the stored answer byte for byte", async () => {
    const { key } = await funded();
    const headers = { "Idempotency-Key": "authorize-1" };
    const first = await api("POST", "/api/v1/authorize", { key, body: { channel: "sms" }, headers });
    const retry = await api("POST", "/api/v1/authorize", { key, body: { channel: "sms" }, headers });
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.text).toBe(first.text);
    expect((await api("POST", "/api/v1/authorize", { key, body: { channel: "email" }, headers })).status).toBe(409);
  });
});
