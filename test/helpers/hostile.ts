// Hostile input, generated (issue 13, item 2): fast-check arbitraries for what a careless or
// malicious client sends to a boundary — wrong types, boundary values, huge and deeply nested
// JSON, text PostgreSQL cannot store (NUL, lone surrogates) and other unicode traps, invalid and
// extreme dates, duplicate keys, wrong content types, bodies over the limit, odd headers — and
// the checks every boundary owes them: never a 5xx, the documented error shape, and nothing
// written by a request that was refused (`tableSnapshot`, every table counted in SQL).
//
// The generators live in hostile-values.ts (no test runner, no database), which Playwright's
// server-action run (e2e/action-input.spec.ts) shares; this module adds Vitest's checks.
import fc from "fast-check";
import { expect } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { adjustBalance } from "@/lib/ledger/adjust";
import { workspaceWithKey } from "./api";
import { announceSeed, badAuthorization, goodAuthorization, runs, StatusTally } from "./hostile-values";

export * from "./hostile-values";
export { snapshotDelta, tableSnapshot } from "./table-snapshot";

// ───────────────────────────── runs ─────────────────────────────

/**
 * One hostile property: the seed announced, `cases` generated values checked (`check` adds each
 * answer to the tally), and the tally printed — the same label on both lines, to find them.
 */
export async function assertHostile<T>(what: string, cases: number, values: fc.Arbitrary<T>, check: (value: T, tally: StatusTally) => Promise<void>) {
  announceSeed(what, cases);
  const tally = new StatusTally();
  await fc.assert(
    fc.asyncProperty(values, (value) => check(value, tally)),
    runs(cases),
  );
  tally.print(what);
}

/**
 * The caller of a hostile run against the public API: a workspace with `funds` and a key, a
 * second key revoked, and Authorization headers to pick from — `good`, the key as it may be
 * written; `bad`, the revoked key, a spoiled one and malformed headers. Fixed seeds, so every
 * run picks from the same headers.
 */
export async function hostileApiCaller(funds: bigint) {
  const workspace = await workspaceWithKey();
  await adjustBalance(workspace.workspaceId, funds, "hostile input funds", { type: "system" });
  const revoked = await createApiKey(workspace.workspaceId, "revoked");
  await revokeApiKey(workspace.workspaceId, revoked.apiKey.id);
  return {
    ...workspace,
    good: fc.sample(goodAuthorization(workspace.key), { numRuns: 5, seed: 1 }),
    bad: fc.sample(badAuthorization(workspace.key, revoked.secret), { numRuns: 50, seed: 1 }),
  };
}

// ───────────────────────────── checks ─────────────────────────────

export type ApiAnswer = { status: number; headers: Headers; text: string };

/** What API.md promises of every answer: JSON, and on a 4xx the error shape with its code. */
export function expectDocumentedAnswer(answer: ApiAnswer, method: string) {
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  if (answer.status === 204) return expect(answer.text).toBe("");
  // Over a socket HEAD has no body (Node.js drops it); a handler called in-process still writes it.
  if (method === "HEAD" && answer.text === "") return;
  expect(answer.headers.get("content-type") ?? "").toContain("application/json");
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  if (answer.status < 400) return body;
  expectErrorShape(body, answer.status);
  if (answer.status === 401) expect(answer.headers.get("www-authenticate")).toBe("Bearer");
  if (answer.status === 405) expect(answer.headers.get("allow")).toMatch(/^[A-Z]+(, [A-Z]+)*$/);
  if (answer.status === 429) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  return body;
}

/** The codes API.md gives each status. */
const CODES: Record<number, string[]> = {
  400: ["invalid_json", "invalid_field", "unknown_channel"],
  401: ["unauthorized"],
  404: ["not_found"],
  405: ["method_not_allowed"],
  409: ["idempotency_conflict"],
  413: ["payload_too_large"],
  429: ["rate_limited"],
};

export function expectErrorShape(body: Record<string, unknown>, status: number) {
  expect(Object.keys(body)).toEqual(["error"]);
  const error = body.error as { code: unknown; message: unknown; field?: unknown };
  expect(CODES[status] ?? [], `status ${status}`).toContain(error.code);
  expect(typeof error.message === "string" && error.message.length > 0).toBe(true);
  expect(Object.keys(error).every((key) => ["code", "message", "field"].includes(key))).toBe(true);
  if ("field" in error) expect(typeof error.field === "string" && error.field.length > 0).toBe(true);
}
