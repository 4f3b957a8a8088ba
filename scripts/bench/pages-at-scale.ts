// Part 6 of npm run bench, "pages at scale" (issue 12): one workspace holding BENCH_PAGES_EVENTS
// usage events over 30 days (seeded set-based in SQL the way the ingest writes them: the events,
// then their daily rollups from saldo_usage_rollup_rows, the rebuild's definition), then the
// server time of the pages that read them, the CSV export's time and the server's memory
// meanwhile, the EXPLAIN ANALYZE of each page's queries, and the wallet's first-load JavaScript.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";

type Figures = [string, string][];

/** Seeds `events` events over the last 30 days into `workspaceId`, and its rollups. */
export async function seedWorkspaceAtScale(url: string, workspaceId: string, events: number, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    // A believable mix: a third SMS, a fifth WhatsApp messages, e-mails, and calls of each kind
    // (some not connected), a third of them from campaigns; outbound WhatsApp calls partly on trial.
    await client.query(
      `INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "durationSeconds", outcome, "occurredAt",
         "sourceType", "sourceId", charge, "trialCharge", "balanceAfter")
       SELECT $1, 'scale-' || n, c.channel::"Channel", CASE WHEN n % 17 = 0 THEN 'inbound' ELSE 'outbound' END::"Direction",
              CASE WHEN c.timed THEN 1 ELSE 1 + n % 3 END,
              CASE WHEN c.timed THEN 15 + n % 400 END,
              CASE WHEN c.timed THEN (CASE WHEN n % 5 = 0 THEN 'no_answer' ELSE 'connected' END) END::"CallOutcome",
              now() - (n::float8 / $2) * interval '30 days',
              CASE n % 3 WHEN 0 THEN 'campaign' WHEN 1 THEN 'conversation' END::"UsageSourceType",
              CASE n % 3 WHEN 0 THEN 'campaign-' || n % 7 WHEN 1 THEN 'conv-' || n % 5000 END,
              c.charge, CASE WHEN c.channel = 'whatsapp_call' AND n % 4 = 0 THEN c.charge ELSE 0 END, 0
       FROM generate_series(1, $2::int) AS n
       CROSS JOIN LATERAL (SELECT (ARRAY['sms','sms','whatsapp','email','voice_call','whatsapp_call','ai_voice','sms','whatsapp','email'])[1 + n % 10] AS channel) ch
       CROSS JOIN LATERAL (SELECT ch.channel, ch.channel IN ('voice_call','whatsapp_call','ai_voice') AS timed,
              CASE ch.channel WHEN 'sms' THEN 7900 WHEN 'whatsapp' THEN 5000 WHEN 'email' THEN 1000 ELSE 100000 END::bigint AS charge) c`,
      [workspaceId, events],
    );
    await rebuildRollups(client, workspaceId);
    await client.query(`ANALYZE "UsageDailyRollup"`);
    log(`      ${events.toLocaleString("en")} events over 30 days and their rollups seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
}

/**
 * Rebuilds `workspaceId`'s daily rollups from its events, as saldo-admin usage:rollup does: the
 * bench's raw inserts bypass the ingest, which keeps them (docs/decisions/011).
 */
export async function rebuildRollups(client: pg.Client, workspaceId: string) {
  await client.query(`DELETE FROM "UsageDailyRollup" WHERE "workspaceId" = $1`, [workspaceId]);
  await client.query(
    `INSERT INTO "UsageDailyRollup" ("workspaceId", day, channel, direction, outcome, events, quantity, seconds, "billedSeconds", charge, "trialCharge")
     SELECT $1, r.* FROM saldo_usage_rollup_rows($1, '-infinity') r`,
    [workspaceId],
  );
}

/** A signed-in session's cookie, through next-auth's credentials sign-in as a browser does it. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair.split("=");
      jar.set(name, value.join("="));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`sign-in failed: ${response.status}`);
  return cookie();
}

function get(url: string, cookie: string, agent: http.Agent): Promise<{ status: number; bytes: number; ms: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent, headers: { cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode!, bytes: body.length, ms: performance.now() - started, body: body.toString("utf8") });
      });
    });
    request.on("error", reject);
  });
}

/** RSS in MB of the largest process in the server's process group (the app server itself). */
function serverRssMb(groupId: number): number {
  let largest = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) largest = Math.max(largest, Number(rss[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return largest;
}

/** The gzipped size of the scripts the HTML loads at first (read from .next/static, as built); Recharts comes later, on its own. */
export function firstLoadJsKb(html: string): { kb: number; files: number } {
  // Module browsers skip `noModule` scripts (Next.js's polyfills), so they are not counted.
  const sources = new Set(
    [...html.matchAll(/<script([^>]+)src="([^"]+\.js)"([^>]*)>/g)].filter((match) => !/nomodule/i.test(match[1] + match[3])).map((match) => match[2]),
  );
  let bytes = 0;
  for (const source of sources) {
    const file = path.join(".next", decodeURIComponent(source.replace(/^\/_next\//, "").split("?")[0]));
    bytes += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return { kb: bytes / 1024, files: sources.size };
}

export async function pagesAtScale(options: {
  base: string;
  slug: string;
  cookie: string;
  requests: number;
  serverGroupId: number;
  log: (line: string) => void;
}): Promise<Figures> {
  const { base, slug, cookie, requests, log } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const figures: Figures = [];
  const pages: [string, string][] = [
    ["wallet page", `/${slug}/settings/billing/wallet`],
    ["usage page, unfiltered", `/${slug}/settings/billing/usage`],
    ["usage page, WhatsApp calls filter", `/${slug}/settings/billing/usage?channel=whatsapp_call`],
    ["usage per-day view", `/${slug}/settings/billing/usage?view=days`],
    ["usage WhatsApp calls view", `/${slug}/settings/billing/usage?view=calls`],
  ];
  for (const [name, page] of pages) {
    // Warm-up: the route's first render compiles and fills caches.
    for (let i = 0; i < 3; i++) await get(`${base}${page}`, cookie, agent);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const response = await get(`${base}${page}`, cookie, agent);
      if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
      times.push(response.ms);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    figures.push([`${name} p50 / p95`, `${at(0.5).toFixed(0)} / ${at(0.95).toFixed(0)} ms (target p95 < 150 ms)`]);
    log(`      ${name}: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms over ${requests} requests`);
  }

  const wallet = await get(`${base}${pages[0][1]}`, cookie, agent);
  const js = firstLoadJsKb(wallet.body);
  figures.push(["wallet first-load JS, gzipped", `${js.kb.toFixed(1)} KB in ${js.files} files (target < 200 KB)`]);

  // The export: time to the last byte, and the server's memory meanwhile, sampled every 50 ms.
  const before = serverRssMb(options.serverGroupId);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb(options.serverGroupId))), 50);
  const started = performance.now();
  const csv = await new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
    http
      .get(`${base}/${slug}/settings/billing/usage/export`, { agent, headers: { cookie } }, (response) => {
        let bytes = 0;
        let lines = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
        });
        response.on("end", () => resolve({ bytes, lines }));
      })
      .on("error", reject);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, serverRssMb(options.serverGroupId));
  figures.push([
    "CSV export, all events",
    `${(csv.lines - 1).toLocaleString("en")} rows, ${(csv.bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s (target < 10 s)`,
  ]);
  figures.push(["server memory during the export", `${before.toFixed(0)} → peak ${peak.toFixed(0)} MB RSS, +${(peak - before).toFixed(0)} MB (target < 100 MB)`]);
  agent.destroy();
  return figures;
}

/** EXPLAIN ANALYZE of what each page asks PostgreSQL, printed for the report (same SQL as Prisma sends, by hand). */
export async function explainPages(url: string, workspaceId: string, timeZone: string, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const since90 = `(now() AT TIME ZONE '${timeZone}')::date - 89`;
  const since30 = `(now() AT TIME ZONE '${timeZone}')::date - 29`;
  const queries: [string, string][] = [
    ["wallet chart (90 days per day and channel)", `SELECT day, channel, sum(events), sum(quantity), sum(seconds), sum("billedSeconds"), sum(charge), sum("trialCharge") FROM "UsageDailyRollup" WHERE "workspaceId" = $1 AND day >= ${since90} GROUP BY day, channel ORDER BY day DESC, channel`],
    ["usage totals (rollups)", `SELECT channel, sum(events), sum(quantity), sum(seconds), sum(charge) FROM "UsageDailyRollup" WHERE "workspaceId" = $1 GROUP BY channel`],
    ["usage totals, WhatsApp calls filter", `SELECT channel, sum(events), sum(quantity), sum(seconds), sum(charge) FROM "UsageDailyRollup" WHERE "workspaceId" = $1 AND channel = 'whatsapp_call' GROUP BY channel`],
    ["usage event list, first page", `SELECT * FROM "UsageEvent" WHERE "workspaceId" = $1 ORDER BY "occurredAt" DESC, id DESC LIMIT 51`],
    ["usage event list, WhatsApp calls filter", `SELECT * FROM "UsageEvent" WHERE "workspaceId" = $1 AND channel = 'whatsapp_call' ORDER BY "occurredAt" DESC, id DESC LIMIT 51`],
    ["per-day view (30 days)", `SELECT day, channel, sum(events), sum(charge) FROM "UsageDailyRollup" WHERE "workspaceId" = $1 AND day >= ${since30} GROUP BY day, channel ORDER BY day DESC, channel`],
    ["calls view (30 days)", `SELECT day, outcome, sum(events), sum("billedSeconds"), sum(charge), sum("trialCharge") FROM "UsageDailyRollup" WHERE "workspaceId" = $1 AND channel = 'whatsapp_call' AND direction = 'outbound' AND day >= ${since30} GROUP BY day, outcome ORDER BY day DESC`],
  ];
  try {
    for (const [name, sql] of queries) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, [workspaceId]);
      log(`      EXPLAIN ANALYZE — ${name}:`);
      for (const row of rows) log(`        ${row["QUERY PLAN"]}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * EXPLAIN ANALYZE of the ingest's insert and rollup upsert for one batch of 1,000 events into
 * `workspaceId`, in a transaction rolled back: run after part 5, when UsageEvent holds another
 * tenant's events and the statistics are stale.
 */
export async function explainUpsert(url: string, workspaceId: string, statement: { text: string; values: unknown[] }, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${statement.text}`, statement.values);
    log(`      EXPLAIN ANALYZE — the ingest's insert + rollup upsert, 1,000 events, stale statistics (workspace ${workspaceId}):`);
    for (const row of rows) log(`        ${row["QUERY PLAN"]}`);
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}
