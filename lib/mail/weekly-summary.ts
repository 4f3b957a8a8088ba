import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueInTransaction } from "@/lib/jobs/enqueue";
import { mailContext, queueMail } from "@/lib/mail";
import { weeklySummaryMail } from "@/lib/mail/templates";
import type { Channel } from "@/lib/rating/channels";

// The weekly summary e-mail (R14: the owner is encouraged to review the balance weekly). The
// `mail.weekly-summaries` job runs every hour; a workspace is due once its local Monday 09:00 has
// passed and this local week has no summary yet, so a missed hour or a day of downtime delays the
// e-mail instead of losing it. Each workspace is claimed with a conditional update in the same
// transaction that writes the e-mail, so two processes never send it twice.

/** Local time on Monday from which the week's summary goes out. */
export const SEND_FROM_HOUR = 9;
/** Workspaces handled per run; the rest wait for the next hour. */
export const WEEKLY_BATCH_SIZE = 500;

/** The workspaces due at `now` (the job passes the clock; tests pass their own). */
export async function sendDueWeeklySummaries(now = new Date()): Promise<{ sent: number }> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT w.id FROM "Workspace" w
    WHERE ${dueAt(now)}
    ORDER BY w.id
    LIMIT ${WEEKLY_BATCH_SIZE}`;
  let sent = 0;
  for (const { id } of due) {
    try {
      if (await sendWeeklySummary(id, now)) sent++;
    } catch (error) {
      console.error(`[weekly-summary] workspace ${id}:`, error);
    }
  }
  return { sent };
}

/** Claims the workspace's summary for this week and writes it; false when it was not due. */
export async function sendWeeklySummary(workspaceId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ from: Date; to: Date; fromDay: Date; toDay: Date }[]>`
      UPDATE "Workspace" w SET "weeklySummarySentAt" = ${now}
      WHERE w.id = ${workspaceId}::uuid AND ${dueAt(now)}
      RETURNING ((date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") - interval '7 days') AT TIME ZONE w."timeZone") AS "from",
                (date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") AT TIME ZONE w."timeZone") AS "to",
                (date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") - interval '7 days')::date AS "fromDay",
                date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone")::date AS "toDay"`;
    if (!claimed) return false;
    const context = await mailContext(workspaceId, tx);
    if (!context.to) return true;

    const [channels, [{ added }], wallet] = await Promise.all([
      // The week's local days from the daily rollups (the days are the workspace's own, like the
      // week's bounds): at most 7 days × channels × outcomes rows, whatever the week's volume.
      tx.$queryRaw<{ channel: Channel; events: bigint; spent: bigint }[]>`
        SELECT channel::text AS channel, sum(events)::bigint AS events, sum(charge)::bigint AS spent
        FROM "UsageDailyRollup"
        WHERE "workspaceId" = ${workspaceId}::uuid AND day >= ${claimed.fromDay}::date AND day < ${claimed.toDay}::date
        GROUP BY channel ORDER BY spent DESC, channel`,
      tx.$queryRaw<{ added: bigint }[]>`
        SELECT COALESCE(sum(amount), 0)::bigint AS added FROM "LedgerEntry"
        WHERE "workspaceId" = ${workspaceId}::uuid AND kind IN ('TOP_UP', 'AUTO_RECHARGE')
          AND "createdAt" >= ${claimed.from} AND "createdAt" < ${claimed.to}`,
      tx.wallet.findUniqueOrThrow({ where: { workspaceId }, select: { paidBalance: true, trialBalance: true } }),
    ]);
    const content = weeklySummaryMail({
      ...context,
      from: claimed.from,
      to: claimed.to,
      channels: channels.map((row) => ({ channel: row.channel, events: Number(row.events), spent: row.spent })),
      added,
      balance: wallet.paidBalance + wallet.trialBalance,
    });
    const mailId = await queueMail(tx, { workspaceId, kind: "weekly_summary", to: context.to, ...content });
    await enqueueInTransaction(tx, "mail.deliver", { mailId });
    return true;
  });
}

/**
 * Due: opted in, past Monday SEND_FROM_HOUR this local week, none written since this local week
 * began, and the workspace existed before the week began (a new one has nothing to sum up yet).
 */
function dueAt(now: Date) {
  return Prisma.sql`w."weeklySummaryEnabled"
    AND (${now}::timestamptz AT TIME ZONE w."timeZone") >= date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") + make_interval(hours => ${SEND_FROM_HOUR})
    AND (w."weeklySummarySentAt" IS NULL OR w."weeklySummarySentAt" < (date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") AT TIME ZONE w."timeZone"))
    AND w."createdAt" < (date_trunc('week', ${now}::timestamptz AT TIME ZONE w."timeZone") AT TIME ZONE w."timeZone")`;
}
