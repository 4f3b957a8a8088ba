// "Nothing written": every table counted in one SQL statement, before and after a refused
// request (test/helpers/hostile.ts; e2e/authorization/table-snapshot.ts for Playwright).
import { db } from "@/lib/db";

let tables: string[] | undefined;

/**
 * Rows in every table (pg-boss's jobs included) and the sum of every wallet's balances, in one
 * statement: equal before and after a refused request, or something was partly written.
 */
export async function tableSnapshot(): Promise<Record<string, string>> {
  tables ??= (
    await db.$queryRaw<{ name: string }[]>`
      SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND (table_schema = 'public' OR (table_schema = 'pgboss' AND table_name = 'job'))
        AND table_name <> '_prisma_migrations'
      ORDER BY 1`
  ).map((row) => row.name);
  const counts = tables.map((name, i) => `(SELECT count(*) FROM ${name})::text AS c${i}`).join(", ");
  const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(
    `SELECT ${counts}, (SELECT COALESCE(sum("paidBalance"), 0) FROM "Wallet")::text AS paid, (SELECT COALESCE(sum("trialBalance"), 0) FROM "Wallet")::text AS trial`,
  );
  const snapshot: Record<string, string> = { paid: row.paid, trial: row.trial };
  for (const [i, name] of tables.entries()) snapshot[name] = row[`c${i}`];
  return snapshot;
}

/** How the snapshot moved: only the keys that changed, as after − before. */
export function snapshotDelta(before: Record<string, string>, after: Record<string, string>): Record<string, bigint> {
  const delta: Record<string, bigint> = {};
  for (const key of Object.keys(after)) {
    const change = BigInt(after[key]) - BigInt(before[key] ?? "0");
    if (change !== 0n) delta[key] = change;
  }
  return delta;
}

/**
 * The same for one workspace: rows of every table with a "workspaceId" column that belong to it,
 * and its wallet's balances. For runs against a server other tests use at the same time (e2e),
 * where the whole database moves under them.
 */
export async function workspaceSnapshot(workspaceId: string): Promise<Record<string, string>> {
  const scoped = (
    await db.$queryRaw<{ name: string }[]>`
      SELECT format('%I.%I', c.table_schema, c.table_name) AS name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'workspaceId' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`
  ).map((row) => row.name);
  const counts = scoped.map((name, i) => `(SELECT count(*) FROM ${name} WHERE "workspaceId"::text = $1)::text AS c${i}`).join(", ");
  const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(
    `SELECT ${counts}, (SELECT "paidBalance"::text FROM "Wallet" WHERE "workspaceId"::text = $1) AS paid, (SELECT "trialBalance"::text FROM "Wallet" WHERE "workspaceId"::text = $1) AS trial`,
    workspaceId,
  );
  const snapshot: Record<string, string> = { paid: row.paid, trial: row.trial };
  for (const [i, name] of scoped.entries()) snapshot[name] = row[`c${i}`];
  return snapshot;
}
