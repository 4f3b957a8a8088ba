// The CSV export reads a server-side cursor at the client's pace (lib/usage/export.ts). It must
// write exactly what the page's filter shows, with lib/csv.ts's quoting and formula rule, a header
// even when empty, and read the next rows only when the client has taken the last ones.
import Cursor from "pg-cursor";
import { describe, expect, it, vi } from "vitest";
import { csvNumber, csvRow } from "@/lib/csv";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { formatAmount } from "@/lib/money";
import { USAGE_CSV_COLUMNS, usageCsvStream } from "@/lib/usage/export";
import { ingestUsage } from "@/lib/usage/ingest";
import { listUsage, type UsageFilter } from "@/lib/usage/list";
import type { UsageEventInput } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const actor = { type: "system" as const };
const HEADER = USAGE_CSV_COLUMNS.join(",");

async function workspace() {
  const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  await adjustBalance(workspace.id, 100_000_000n, "test funds", actor);
  return workspace.id;
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** What the export wrote before it streamed from a cursor: listUsage's rows through lib/csv.ts. */
async function expected(workspaceId: string, filter: UsageFilter) {
  const { data } = await listUsage(workspaceId, { ...filter, limit: 100_000 });
  const lines = data.map((e) =>
    csvRow([
      e.occurredAt.toISOString(), e.externalId, e.channel, e.direction, csvNumber(e.quantity),
      e.durationSeconds === null ? null : csvNumber(e.durationSeconds), e.outcome, e.sourceType, e.sourceId,
      csvNumber(formatAmount(e.charge)), csvNumber(formatAmount(e.trialCharge)), "USD",
    ]),
  );
  return [HEADER, ...lines].map((line) => `${line}\r\n`).join("");
}

const event = (id: string, extra: Partial<UsageEventInput> = {}): UsageEventInput => ({
  externalId: id, channel: "sms", direction: "outbound", quantity: 1, durationSeconds: null, outcome: null,
  occurredAt: new Date(Date.now() - 3_600_000), source: null, ...extra,
});

describe("usage CSV export", () => {
  it("writes the filter's rows with lib/csv.ts's quoting and formula rule, a header even when empty", async () => {
    const workspaceId = await workspace();
    const nasty = ["=HYPERLINK(\"x\")", "-1+1+cmd|' /C calc'!A0", "+sum", "@me", "\tx", "a,b", "say \"hi\"", "line\nbreak", "ünï", "-1"];
    await ingestUsage(
      workspaceId,
      [
        ...nasty.map((text, i) => event(text, { occurredAt: new Date(Date.now() - (i + 1) * 60_000), source: { type: "campaign", id: text } })),
        event("call-1", { channel: "whatsapp_call", quantity: 1, durationSeconds: 61, outcome: "connected" }),
        event("call-2", { channel: "whatsapp_call", quantity: 1, durationSeconds: 0, outcome: "busy", source: { type: "conversation", id: "c" } }),
      ],
      actor,
    );
    for (const filter of [{}, { channel: "sms" }, { source: "campaign" }, { channel: "whatsapp_call", outcome: "busy" }, { from: new Date(Date.now() - 4 * 60_000) }] as UsageFilter[]) {
      expect(await readAll(usageCsvStream(workspaceId, "USD", filter))).toBe(await expected(workspaceId, filter));
    }
    const csv = await readAll(usageCsvStream(workspaceId, "USD", {}));
    expect(csv).toContain("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csv).toContain("'-1+1+cmd|' /C calc'!A0");
    expect(await readAll(usageCsvStream(workspaceId, "USD", { channel: "email" }))).toBe(`${HEADER}\r\n`);
  });

  it("reads the next rows only when the client has taken the last chunk, and frees its connection on cancel", async () => {
    const workspaceId = await workspace();
    const events = Array.from({ length: 30_000 }, (_, i) => event(`bulk-${i}`, { occurredAt: new Date(Date.now() - i * 1000) }));
    for (let i = 0; i < events.length; i += 1000) await ingestUsage(workspaceId, events.slice(i, i + 1000), actor);
    const reads = vi.spyOn(Cursor.prototype, "read");
    const reader = usageCsvStream(workspaceId, "USD", {}).getReader();
    await reader.read(); // the header
    await reader.read(); // the first rows
    await new Promise((resolve) => setTimeout(resolve, 300));
    // 30,000 rows are 15 reads; a stream that did not wait for its client would have done them all.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(3);
    await reader.cancel();
    const pool = (globalThis as unknown as { usageExportPool: { totalCount: number; idleCount: number } }).usageExportPool;
    expect(pool.idleCount).toBe(pool.totalCount);
    reads.mockRestore();
    expect(await db.usageEvent.count({ where: { workspaceId } })).toBe(30_000);
  });
});
