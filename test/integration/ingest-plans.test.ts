// The ingest's duplicate-id lookup must cost one index probe per id whatever PostgreSQL's
// statistics say (issue 8, item 4). A new workspace growing in a table that other tenants fill
// looks tiny to stale statistics; the planner then joined the batch with every event of the
// workspace, and ingest slowed down in proportion to the workspace's size. Here the statistics
// are made stale, then absent, and the lookup's plan is run with EXPLAIN ANALYZE: it may read
// no more UsageEvent rows than the batch has ids. Last, the rows written per event get
// time-ordered ids, so their primary keys do not slow inserts down as the tables grow.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recentOutboundCallQuery } from "@/lib/mail/balance-alerts";
import { ingestUsage, insertEventsQuery, recordedEventsQuery, type EventRow } from "@/lib/usage/ingest";
import { parseUsageEvents } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Join Filter"?: number;
  Plans?: PlanNode[];
};

let ours: string;
const BATCH = 500;
// Half the batch was recorded before, half is new.
const ids = Array.from({ length: BATCH }, (_, i) => (i % 2 ? `ours-${i * 7}` : `new-${i}`));

async function seed(workspaceId: string, prefix: string, count: number, padding = 0) {
  await db.$executeRaw`
    INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "occurredAt", charge, "balanceAfter")
    SELECT ${workspaceId}::uuid, ${prefix} || n || repeat('x', ${padding}), 'sms', 'outbound', 1, now() - n * interval '1 second', 7900, 0
    FROM generate_series(0, ${count - 1}) AS n`;
}

/** UsageEvent rows the plan read: returned or filtered out by its scans, and discarded by join filters. */
function rowsRead(node: PlanNode): number {
  const own =
    (node["Relation Name"] === "UsageEvent" ? node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0) : 0) +
    (node["Rows Removed by Join Filter"] ?? 0);
  return own * node["Actual Loops"] + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child), 0);
}

async function explain(query: Prisma.Sql): Promise<PlanNode> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`);
  return row["QUERY PLAN"][0].Plan;
}

async function explainLookup() {
  const plan = await explain(recordedEventsQuery(ours, ids));
  const found = await db.$queryRaw<{ externalId: string }[]>(recordedEventsQuery(ours, ids));
  return { plan, found: found.map((event) => event.externalId).sort() };
}

beforeAll(async () => {
  // Autovacuum must not refresh the statistics behind the test's back.
  await db.$executeRaw`ALTER TABLE "UsageEvent" SET (autovacuum_enabled = false)`;
  const other = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  ours = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace.id;
  // Long ids make the unique (workspaceId, externalId) index much bigger than the
  // (workspaceId, occurredAt, id) one, as senders' ids do at scale: believing our workspace
  // empty, the planner then preferred the smaller index and filtered on externalId.
  await seed(other.workspace.id, "theirs-", 60_000, 110);
  await db.$executeRaw`ANALYZE "UsageEvent"`; // statistics: the table is all theirs…
  await seed(ours, "ours-", 20_000); // …while ours grows unseen
}, 120_000);

describe("the ingest's duplicate-id lookup", () => {
  const expected = ids.filter((id) => id.startsWith("ours-")).sort();

  it("probes the unique index once per id when the statistics are stale", async () => {
    const { plan, found } = await explainLookup();
    expect(found).toEqual(expected);
    expect(rowsRead(plan)).toBeLessThanOrEqual(BATCH);
    expect(JSON.stringify(plan)).toContain('"Index Name":"UsageEvent_workspaceId_externalId_key"');
  });

  it("…and when there are none", async () => {
    await db.$executeRaw`DELETE FROM pg_statistic WHERE starelid = '"UsageEvent"'::regclass`;
    const { plan, found } = await explainLookup();
    expect(found).toEqual(expected);
    expect(rowsRead(plan)).toBeLessThanOrEqual(BATCH);
  });
});

describe("the balance alerts' 'placed an outbound call recently?' (inside the debit transaction)", () => {
  const since = new Date(Date.now() - 30 * 86_400_000);

  it("is one probe of the outbound-call index for a workspace of messages only", async () => {
    const plan = await explain(recentOutboundCallQuery(ours, since));
    expect(rowsRead(plan)).toBe(0);
    expect(JSON.stringify(plan)).toContain('"Index Name":"UsageEvent_outbound_call_idx"');
    const [row] = await db.$queryRaw<{ found: boolean }[]>(recentOutboundCallQuery(ours, since));
    expect(row.found).toBe(false);
  });

  it("finds a recent outbound call, and only an outbound call", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const found = async () => (await db.$queryRaw<{ found: boolean }[]>(recentOutboundCallQuery(workspace.id, since)))[0].found;
    await db.$executeRaw`
      INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "durationSeconds", "occurredAt", charge, "balanceAfter")
      VALUES (${workspace.id}::uuid, 'in', 'voice_call', 'inbound', 1, 60, now(), 0, 0),
             (${workspace.id}::uuid, 'old', 'ai_voice', 'outbound', 1, 60, now() - interval '31 days', 0, 0)`;
    expect(await found()).toBe(false);
    await db.$executeRaw`
      INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "durationSeconds", "occurredAt", charge, "balanceAfter")
      VALUES (${workspace.id}::uuid, 'out', 'whatsapp_call', 'outbound', 1, 60, now(), 0, 0)`;
    expect(await found()).toBe(true);
  });
});

describe("the ingest's insert and rollup upsert (one statement per batch)", () => {
  it("reads no event, and finds each rollup row by the unique index, with stale statistics", async () => {
    // Another tenant's rollups fill the table and are analyzed; ours are unseen.
    await db.$executeRaw`
      INSERT INTO "UsageDailyRollup" ("workspaceId", day, channel, direction, outcome, events, quantity, seconds, "billedSeconds", charge, "trialCharge")
      SELECT w.id, r.* FROM "Workspace" w CROSS JOIN LATERAL saldo_usage_rollup_rows(w.id, '-infinity') r WHERE w.id <> ${ours}::uuid
      ON CONFLICT DO NOTHING`;
    await db.$executeRaw`ANALYZE "UsageDailyRollup"`;
    const rows: EventRow[] = Array.from({ length: BATCH }, (_, i) => ({
      external_id: `upsert-${i}`, channel: i % 2 ? "sms" : "voice_call", direction: "outbound", quantity: 1,
      duration_seconds: i % 2 ? null : 61, outcome: i % 2 ? null : "connected",
      occurred_at: new Date(Date.now() - (i % 3) * 86_400_000).toISOString(), source_type: null, source_id: null, price_id: null,
      charge: "7900", trial_charge: "0", balance_after: "0", billed_seconds: i % 2 ? 0 : 120,
    }));
    // EXPLAIN ANALYZE runs the statement: inside a transaction that is rolled back.
    let plan: PlanNode | undefined;
    await db
      .$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${insertEventsQuery(ours, rows)}`);
        plan = row["QUERY PLAN"][0].Plan;
        throw new Error("rollback");
      })
      .catch((error: Error) => {
        if (error.message !== "rollback") throw error;
      });
    const text = JSON.stringify(plan);
    expect(text).toContain('"Conflict Arbiter Indexes":["UsageDailyRollup_workspaceId_day_channel_direction_outcome_key"]');
    expect(rowsRead(plan!)).toBe(0);
    expect(text).not.toMatch(/"Relation Name":"(UsageEvent|UsageDailyRollup)"[^}]*"Node Type":"Seq Scan"|"Node Type":"Seq Scan"[^}]*"Relation Name":"(UsageEvent|UsageDailyRollup)"/);
  });
});

describe("ids of the rows the ingest writes per event", () => {
  it("are time-ordered (UUID v7): a later batch's rows sort after an earlier batch's", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const api = { type: "api_key" as const, id: "test" };
    await ingestUsage(workspace.id, parseUsageEvents({ events: [{ id: "first", channel: "sms" }] }), api);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ingestUsage(workspace.id, parseUsageEvents({ events: [{ id: "second", channel: "sms" }] }), api);
    const rows = await db.$queryRaw<{ kind: string; version: string; ref: string }[]>`
      SELECT 'event' AS kind, substr(id::text, 15, 1) AS version, "externalId" AS ref FROM "UsageEvent" WHERE "workspaceId" = ${workspace.id}::uuid
      UNION ALL
      SELECT 'entry', substr(id::text, 15, 1), reference FROM "LedgerEntry" WHERE "workspaceId" = ${workspace.id}::uuid AND kind = 'USAGE'
      ORDER BY kind, ref`;
    expect(rows.map((row) => row.version)).toEqual(["7", "7", "7", "7"]);
    const byId = await db.$queryRaw<{ ref: string }[]>`
      SELECT "externalId" AS ref FROM "UsageEvent" WHERE "workspaceId" = ${workspace.id}::uuid ORDER BY id`;
    expect(byId.map((row) => row.ref)).toEqual(["first", "second"]);
  });
});
