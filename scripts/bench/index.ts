// npm run bench — measures the usage hot path on this machine and prints the figures:
//   1. events/s through POST /api/v1/usage-events (batches of 1000) spread over 100 wallets
//   2. the same on one hot wallet (every batch queues on the same row lock)
//   3. POST /api/v1/authorize latency p50/p99 with 50 concurrent clients, each asking 10 times a
//      second (500 req/s offered, a busy platform), then flat out (the saturation throughput)
//   4. the ceiling: the same inserts as raw SQL from this process, no HTTP, no app
//   5. a growing workspace in a full table: 1,000,000 events into one NEW workspace while
//      UsageEvent already holds another tenant's 1,000,000, with statistics taken before the
//      new workspace's first event and never again (autovacuum off for the ingest's tables), as
//      on a production database between two autoanalyze runs. The rate over the first and the
//      last 100,000 events must stay level: a query planned from those stale statistics would
//      slow down with the workspace's size (issue 8: 210 events/s after 57,000 events). Then
//      the EXPLAIN ANALYZE of the ingest's insert + rollup upsert on those stale statistics.
//   6. pages at scale (scripts/bench/pages-at-scale.ts): one workspace with 1,000,000 events over
//      30 days and their rollups; p50/p95 of the wallet, usage (unfiltered, WhatsApp calls), per-day
//      and calls pages, the CSV export's time and the server's memory, the wallet's first-load JS,
//      and each page's queries under EXPLAIN ANALYZE.
// It starts its own throwaway PostgreSQL and production server (building once if needed).
// Timings are printed, never asserted.
import { existsSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { createApiKey } from "@/lib/auth/api-keys";
import { insertEventsQuery, type EventRow } from "@/lib/usage/ingest";
import { disconnectDb } from "@/lib/db";
import { exitOnInvalidEnv, scriptEnv } from "@/lib/env";
import { adjustBalance } from "@/lib/ledger/adjust";
import { createWorkspaceWithPeople, FACTORY_PASSWORD } from "@/prisma/factories";
import { freePort, startEmbedded } from "../lib/database";
import { log } from "../lib/log";
import { migrate } from "../lib/migrate";
import { NPX, run, startAppServer } from "../lib/processes";
import { explainPages, explainUpsert, pagesAtScale, rebuildRollups, seedWorkspaceAtScale, signInCookie } from "./pages-at-scale";

const PORT = 3300;
const BASE = `http://127.0.0.1:${PORT}`;
const BATCH = 1000;
exitOnInvalidEnv();
const {
  BENCH_SPREAD_EVENTS: SPREAD_EVENTS,
  BENCH_HOT_EVENTS: HOT_EVENTS,
  BENCH_AUTHORIZE_REQUESTS: AUTHORIZE_REQUESTS,
  BENCH_GROWTH_EVENTS: GROWTH_EVENTS,
  BENCH_OTHER_TENANT_EVENTS: OTHER_TENANT_EVENTS,
  BENCH_PAGES_EVENTS: PAGES_EVENTS,
  BENCH_PAGES_REQUESTS: PAGES_REQUESTS,
} = scriptEnv();
/** The first and the last this many events of part 5 are timed apart. */
const GROWTH_WINDOW = Math.min(100_000, Math.floor(GROWTH_EVENTS / 2 / BATCH) * BATCH);
const CONCURRENCY = 4;
// The latency clients use node:http on kept-alive connections: fetch's own overhead on this
// machine added ~10 ms to the measured p99, which is the client's cost, not the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });

const database = await startEmbedded({ name: `bench-pg-${process.pid}`, port: await freePort(), database: "saldo_bench", throwaway: true });
process.env.DATABASE_URL = database.url;
let server: ReturnType<typeof startAppServer> | undefined;
try {
  await migrate(database.url);
  if (!existsSync(".next/BUILD_ID")) {
    log("No production build: running next build once");
    await run(NPX, ["next", "build"], { env: { ...process.env, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret" } });
  }
  log("Creating 100 workspaces with API keys and funds");
  const wallets = [];
  for (let i = 0; i < 100; i++) {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const { secret } = await createApiKey(workspace.id, "bench");
    await adjustBalance(workspace.id, 1_000_000_000_000n, "bench funds", { type: "system" });
    wallets.push({ id: workspace.id, key: secret });
  }
  log("Creating the tenant with a full table and the new, growing workspace of part 5");
  const fullTenant = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace.id;
  const growing = (await createWorkspaceWithPeople({ billingAdmin: false, member: false })).workspace;
  await adjustBalance(growing.id, 1_000_000_000_000n, "bench funds", { type: "system" });
  const growingKey = (await createApiKey(growing.id, "bench")).secret;
  const atScale = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
  await disconnectDb();

  log(`Starting the production server on ${BASE}`);
  server = startAppServer(PORT, {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      API_RATE_LIMIT_PER_SECOND: "1000000",
      API_RATE_LIMIT_BURST: "1000000",
      DATABASE_POOL_SIZE: "20",
      // No Stripe keys: the production server runs on the emulator only when told to.
      STRIPE_EMULATOR: "on",
    },
  });
  await waitFor(`${BASE}/login`);
  // Warm-up: compile routes and fill connection pools.
  await ingest(wallets.slice(0, 4), 8 * BATCH, "warm");

  const figures: [string, string][] = [];
  log(`[1/6] ${SPREAD_EVENTS.toLocaleString("en")} events over 100 wallets, ${CONCURRENCY} batches in flight`);
  const { rate: spread } = await ingest(wallets, SPREAD_EVENTS, "spread");
  figures.push(["HTTP ingest, 100 wallets", `${fmt(spread)} events/s`]);

  log(`[2/6] ${HOT_EVENTS.toLocaleString("en")} events on one wallet`);
  const { rate: hot } = await ingest([wallets[0]], HOT_EVENTS, "hot");
  figures.push(["HTTP ingest, 1 hot wallet", `${fmt(hot)} events/s`]);

  log(`[3/6] authorize from 50 concurrent clients: 10 req/s each for 20 s, then ${AUTHORIZE_REQUESTS.toLocaleString("en")} flat out`);
  const paced = await authorizeLatency(wallets, 50 * 10 * 20, 50, 100);
  figures.push(["authorize p50 (50 clients × 10/s)", `${paced.p50.toFixed(2)} ms`]);
  figures.push(["authorize p99 (50 clients × 10/s)", `${paced.p99.toFixed(2)} ms`]);
  const saturated = await authorizeLatency(wallets, AUTHORIZE_REQUESTS, 50, 0);
  figures.push(["authorize flat out, 50 clients", `${fmt(saturated.rps)} req/s, p50 ${saturated.p50.toFixed(1)} ms, p99 ${saturated.p99.toFixed(1)} ms`]);

  log(`[4/6] ceiling: the same inserts as raw SQL over 100 wallets`);
  const ceiling = await rawSqlCeiling(database.url, wallets, SPREAD_EVENTS);
  figures.push(["raw SQL ceiling, 100 wallets", `${fmt(ceiling)} events/s`]);
  figures.push(["HTTP ingest / raw SQL", `${((spread / ceiling) * 100).toFixed(0)} %`]);

  log(`[5/6] a new workspace growing to ${GROWTH_EVENTS.toLocaleString("en")} events beside another tenant's ${OTHER_TENANT_EVENTS.toLocaleString("en")}`);
  log("      autovacuum is off for UsageEvent and LedgerEntry during this part, so nothing analyzes behind its back");
  await staleStatistics(database.url, fullTenant, OTHER_TENANT_EVENTS);
  const growth = await ingest([{ key: growingKey }], GROWTH_EVENTS, "growth");
  const windowRate = (from: number, to: number) => GROWTH_WINDOW / ((growth.doneAt[to - 1] - (from > 0 ? growth.doneAt[from - 1] : 0)) / 1000);
  const windowBatches = GROWTH_WINDOW / BATCH;
  const first = windowRate(0, windowBatches);
  const last = windowRate(growth.doneAt.length - windowBatches, growth.doneAt.length);
  const sizes = `${fmt(GROWTH_WINDOW / 1000)}k`;
  figures.push([`growing workspace, first ${sizes} events`, `${fmt(first)} events/s`]);
  figures.push([`growing workspace, last ${sizes} events`, `${fmt(last)} events/s (${(last / first).toFixed(2)} × the first)`]);
  figures.push([`growing workspace, all ${fmt(GROWTH_EVENTS / 1000)}k events`, `${fmt(growth.rate)} events/s`]);
  const windows = Array.from({ length: Math.floor(growth.doneAt.length / windowBatches) }, (_, w) => windowRate(w * windowBatches, (w + 1) * windowBatches));
  log(`      events/s per ${sizes} events: ${windows.map((rate) => fmt(rate)).join(", ")}`);
  await explainUpsert(database.url, growing.id, insertEventsQuery(growing.id, benchRows(1000, "explain")), log);

  log(`[6/6] pages at scale: one workspace with ${PAGES_EVENTS.toLocaleString("en")} events over 30 days, ${PAGES_REQUESTS} requests per page`);
  await seedWorkspaceAtScale(database.url, atScale.workspace.id, PAGES_EVENTS, log);
  const cookie = await signInCookie(BASE, atScale.owner.email, FACTORY_PASSWORD);
  figures.push(...(await pagesAtScale({ base: BASE, slug: atScale.workspace.slug, cookie, requests: PAGES_REQUESTS, serverGroupId: server.child.pid!, log })));
  await explainPages(database.url, atScale.workspace.id, atScale.workspace.timeZone, log);

  console.log("\nSaldo benchmark (2-core machine figures vary ±10% between runs)");
  const width = Math.max(...figures.map(([name]) => name.length));
  for (const [name, value] of figures) console.log(`  ${name.padEnd(width)}  ${value}`);
} finally {
  agent.destroy();
  await server?.stop();
  await database.stop();
}

/** Events/s overall, and when each batch was answered (ms from the start, in the order answered). */
async function ingest(wallets: { key: string }[], total: number, tag: string): Promise<{ rate: number; doneAt: number[] }> {
  const batches = Math.ceil(total / BATCH);
  let next = 0;
  const doneAt: number[] = [];
  const started = performance.now();
  const worker = async () => {
    while (next < batches) {
      const b = next++;
      const wallet = wallets[b % wallets.length];
      const events = Array.from({ length: BATCH }, (_, i) =>
        i % 2 ? { id: `${tag}-${b}-${i}`, channel: "sms", quantity: 2 } : { id: `${tag}-${b}-${i}`, channel: "voice_call", durationSeconds: 61 + i },
      );
      const response = await fetch(`${BASE}/api/v1/usage-events`, {
        method: "POST",
        headers: { authorization: `Bearer ${wallet.key}`, "content-type": "application/json" },
        body: JSON.stringify({ events }),
      });
      if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      doneAt.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rate: (batches * BATCH) / ((performance.now() - started) / 1000), doneAt };
}

/**
 * Fills UsageEvent with another tenant's events (set-based, in SQL), takes statistics once —
 * they now say the table is that tenant's and the growing workspace has nothing — and turns
 * autovacuum off for the ingest's tables so that no autoanalyze refreshes them during part 5.
 */
async function staleStatistics(url: string, tenantId: string, events: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "UsageEvent" SET (autovacuum_enabled = false)`);
    await client.query(`ALTER TABLE "LedgerEntry" SET (autovacuum_enabled = false)`);
    const started = performance.now();
    await client.query(
      `INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "durationSeconds", outcome, "occurredAt", charge, "balanceAfter")
       SELECT $1, 'other-' || n, CASE WHEN n % 2 = 0 THEN 'sms' ELSE 'voice_call' END::"Channel", 'outbound', 1,
              CASE WHEN n % 2 = 0 THEN NULL ELSE 61 END, CASE WHEN n % 2 = 0 THEN NULL ELSE 'connected' END::"CallOutcome",
              now() - n * interval '2 seconds', 7900, 0
       FROM generate_series(1, $2::int) AS n`,
      [tenantId, events],
    );
    // Every writer of usage keeps the rollups (docs/decisions/011): rebuilt from the events
    // (part 4's raw inserts may have reached this tenant too).
    await rebuildRollups(client, tenantId);
    await client.query(`ANALYZE "UsageEvent"`);
    await client.query(`ANALYZE "LedgerEntry"`);
    await client.query(`ANALYZE "UsageDailyRollup"`);
    log(`      ${events.toLocaleString("en")} events of the other tenant seeded in ${((performance.now() - started) / 1000).toFixed(0)} s; statistics taken, none after`);
  } finally {
    await client.end();
  }
}

function post(path: string, key: string, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
    const request = http.request(`${BASE}${path}`, { method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.end(payload);
  });
}

/** Each client sends a request every `intervalMs` (0: as fast as answers come back). */
async function authorizeLatency(wallets: { key: string }[], total: number, clients: number, intervalMs: number) {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  const client = async (c: number) => {
    // Spread the clients' first requests over one interval so they do not arrive in lockstep.
    if (intervalMs) await sleep((c / clients) * intervalMs);
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      const body = JSON.stringify({ channel: c % 2 ? "whatsapp_call" : "sms", direction: "outbound" });
      const status = await post("/api/v1/authorize", wallets[c % wallets.length].key, body);
      if (status !== 200) throw new Error(`authorize answered ${status}`);
      latencies.push(performance.now() - t0);
      if (intervalMs) await sleep(Math.max(0, intervalMs - (performance.now() - t0)));
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p99: at(0.99), rps: latencies.length / seconds };
}

/** What PostgreSQL alone does with the same work: lock, insert events and entries, update. */
async function rawSqlCeiling(url: string, wallets: { id?: string; key: string }[], total: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  // The 100 wallets of parts 1–3 only: not part 5's or part 6's workspaces.
  const ids = wallets.map((wallet) => wallet.id!);
  const batches = Math.ceil(total / BATCH);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < batches) {
        const b = next++;
        const workspaceId = ids[b % ids.length];
        const rows = Array.from({ length: BATCH }, (_, i) => ({ external_id: `raw-${b}-${i}`, charge: "7900", balance_after: "0" }));
        const json = JSON.stringify(rows);
        await client.query("BEGIN");
        await client.query(`SELECT 1 FROM "Wallet" WHERE "workspaceId" = $1 FOR UPDATE`, [workspaceId]);
        // The ingest's lookup (lib/usage/ingest.ts): one unique-index probe per id.
        await client.query(
          `SELECT e."externalId" FROM jsonb_array_elements($2::jsonb) AS r
           CROSS JOIN LATERAL (SELECT "externalId" FROM "UsageEvent" WHERE "workspaceId" = $1 AND "externalId" = r->>'external_id' LIMIT 1) e`,
          [workspaceId, json],
        );
        await client.query(
          `INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "occurredAt", charge, "balanceAfter")
           SELECT $1, r.external_id, 'sms', 'outbound', 1, now(), r.charge::bigint, r.balance_after::bigint
           FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, charge text, balance_after text)`,
          [workspaceId, json],
        );
        // …and the daily rollup's upsert, as the ingest does (one row per key and batch).
        await client.query(
          `INSERT INTO "UsageDailyRollup" AS d ("workspaceId", day, channel, direction, outcome, events, quantity, seconds, "billedSeconds", charge, "trialCharge")
           SELECT $1, current_date, 'sms', 'outbound', NULL, count(*), count(*), 0, 0, sum(r.charge::bigint), 0
           FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, charge text)
           ON CONFLICT ("workspaceId", day, channel, direction, outcome) DO UPDATE SET events = d.events + excluded.events,
             quantity = d.quantity + excluded.quantity, charge = d.charge + excluded.charge`,
          [workspaceId, json],
        );
        await client.query(
          `INSERT INTO "LedgerEntry" ("workspaceId", kind, bucket, amount, "balanceAfter", "availableAfter", reference, "actorType", "idempotencyKey")
           SELECT $1, 'USAGE', 'PAID', -r.charge::bigint, 0, 0, r.external_id, 'system', 'usage:' || r.external_id
           FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, charge text, balance_after text)`,
          [workspaceId, json],
        );
        await client.query(`UPDATE "Wallet" SET "paidBalance" = "paidBalance" - $2 WHERE "workspaceId" = $1`, [workspaceId, 7900 * BATCH]);
        await client.query("COMMIT");
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = (batches * BATCH) / ((performance.now() - started) / 1000);
  await pool.end();
  return rate;
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A batch as the ingest writes it (lib/usage/ingest.ts EventRow): half SMS, half 61-second voice calls. */
function benchRows(count: number, tag: string): EventRow[] {
  return Array.from({ length: count }, (_, i) => ({
    external_id: `${tag}-${i}`, channel: i % 2 ? "sms" : "voice_call", direction: "outbound", quantity: i % 2 ? 2 : 1,
    duration_seconds: i % 2 ? null : 61, outcome: i % 2 ? null : "connected", occurred_at: new Date().toISOString(),
    source_type: null, source_id: null, price_id: null, charge: "7900", trial_charge: "0", balance_after: "0", billed_seconds: i % 2 ? 0 : 120,
  }));
}

function fmt(n: number) {
  return Math.round(n).toLocaleString("en");
}
