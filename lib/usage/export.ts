import "server-only";
import pg from "pg";
import Cursor from "pg-cursor";
import { csvNumber, csvRow } from "@/lib/csv";
import { databaseUrl } from "@/lib/env";
import type { Currency } from "@/lib/generated/prisma/enums";
import { formatAmount } from "@/lib/money";
import type { UsageFilter } from "@/lib/usage/list";

// The Usage screen's CSV export at database speed: one query read through a server-side cursor
// (pg-cursor), a few thousand rows per read, each row through lib/csv.ts — the one home of the
// quoting and formula rules. The stream is pull-based: the next rows are read only when the
// client has taken the previous chunk, so a slow download holds one chunk in memory, not the file.

export const USAGE_CSV_COLUMNS = ["occurred_at", "event_id", "channel", "direction", "quantity", "duration_seconds", "outcome", "source_type", "source_id", "charge", "trial_charge", "currency"];
const ROWS_PER_READ = 2000;

// Exports take connections of their own: a download can last minutes at a slow client's pace,
// and must not hold one of the pool the pages and the API share. Kept on globalThis like the
// Prisma client (lib/db.ts), as this module can be evaluated twice in one process.
const globalForExport = globalThis as unknown as { usageExportPool?: pg.Pool };
function exportPool(): pg.Pool {
  if (!globalForExport.usageExportPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4 });
    // An idle connection the server closed (a restart, a dropped test database) is discarded by
    // the pool and the next export opens a new one; without a listener it would crash the process.
    pool.on("error", () => {});
    globalForExport.usageExportPool = pool;
  }
  return globalForExport.usageExportPool;
}

type Row = [string, string, string, string, number, number | null, string | null, string | null, string | null, string, string];

/** The filter as SQL: the same meaning as lib/usage/list.ts's `where` (test/integration/usage-export.test.ts compares them). */
export function exportQuery(workspaceId: string, filter: UsageFilter): { text: string; values: unknown[] } {
  const values: unknown[] = [workspaceId];
  const conditions = [`"workspaceId" = $1`];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace("?", `$${values.length}`));
  };
  if (filter.channel) add(`channel = ?::"Channel"`, filter.channel);
  if (filter.direction) add(`direction = ?::"Direction"`, filter.direction);
  if (filter.outcome) add(`outcome = ?::"CallOutcome"`, filter.outcome);
  if (filter.source) add(`"sourceType" = ?::"UsageSourceType"`, filter.source);
  if (filter.from) add(`"occurredAt" >= ?`, filter.from);
  if (filter.to) add(`"occurredAt" < ?`, filter.to);
  return {
    text: `SELECT to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "externalId", channel::text, direction::text,
             quantity, "durationSeconds", outcome::text, "sourceType"::text, "sourceId", charge::text, "trialCharge"::text
           FROM "UsageEvent" WHERE ${conditions.join(" AND ")}
           ORDER BY "occurredAt" DESC, id DESC`,
    values,
  };
}

function line(row: Row, currency: Currency): string {
  const [occurredAt, externalId, channel, direction, quantity, durationSeconds, outcome, sourceType, sourceId, charge, trialCharge] = row;
  return csvRow([
    occurredAt,
    externalId,
    channel,
    direction,
    csvNumber(quantity),
    durationSeconds === null ? null : csvNumber(durationSeconds),
    outcome,
    sourceType,
    sourceId,
    csvNumber(formatAmount(BigInt(charge))),
    csvNumber(formatAmount(BigInt(trialCharge))),
    currency,
  ]);
}

/** Every event the filter matches, newest first, as CSV (header row first, even with no rows). */
export function usageCsvStream(workspaceId: string, currency: Currency, filter: UsageFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let client: pg.PoolClient | undefined;
  let cursor: Cursor<Row> | undefined;
  const release = async (error?: Error) => {
    const held = client;
    client = undefined;
    if (!held) return;
    await cursor?.close().catch(() => {});
    held.release(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        controller.enqueue(encoder.encode(`${USAGE_CSV_COLUMNS.join(",")}\r\n`));
        client = await exportPool().connect();
        const { text, values } = exportQuery(workspaceId, filter);
        cursor = client.query(new Cursor<Row>(text, values, { rowMode: "array" }));
      },
      // Called only when the consumer wants more: this is the backpressure.
      async pull(controller) {
        try {
          const rows = await cursor!.read(ROWS_PER_READ);
          if (rows.length === 0) {
            await release();
            controller.close();
            return;
          }
          let chunk = "";
          for (const row of rows) chunk += `${line(row, currency)}\r\n`;
          controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          await release(error as Error);
          controller.error(error);
        }
      },
      // The client went away: give the connection back at once.
      async cancel() {
        await release();
      },
    },
    { highWaterMark: 1 },
  );
}
