-- Daily usage rollups (decision 011): what the wallet's chart, the usage totals, the per-day view
-- and the WhatsApp calls view read, so none of them aggregates the raw events (issue 12: at
-- 1,000,000 events the wallet took p95 172 ms and the calls filter 411 ms scanning them).
--
-- One row per (workspace, local day, channel, direction, outcome). The day is the calendar day
-- in the workspace's time zone when the row was written; a workspace's zone is fixed at
-- creation, and `saldo-admin usage:rollup` re-buckets everything from the events should it ever
-- change. `outcome` is null for messages and e-mails, so the unique index treats nulls as equal
-- (NULLS NOT DISTINCT, PostgreSQL 15+): the ingest's ON CONFLICT needs exactly one row per key.
-- Written by lib/usage/ingest.ts in the statement that inserts the events, under the wallet's
-- lock; rebuilt by lib/usage/rollups.ts (`saldo_usage_rollup_rows` below is its source of truth).
CREATE TABLE "UsageDailyRollup" (
  "id"            UUID NOT NULL DEFAULT saldo_uuid_v7(),
  "workspaceId"   UUID NOT NULL,
  "day"           DATE NOT NULL,
  "channel"       "Channel" NOT NULL,
  "direction"     "Direction" NOT NULL,
  "outcome"       "CallOutcome",
  "events"        INTEGER NOT NULL,
  "quantity"      BIGINT NOT NULL,
  "seconds"       BIGINT NOT NULL,
  "billedSeconds" BIGINT NOT NULL,
  "charge"        BIGINT NOT NULL,
  "trialCharge"   BIGINT NOT NULL,
  CONSTRAINT "UsageDailyRollup_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "UsageDailyRollup_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "UsageDailyRollup_workspaceId_day_channel_direction_outcome_key"
  ON "UsageDailyRollup" ("workspaceId", "day", "channel", "direction", "outcome") NULLS NOT DISTINCT;

-- A workspace's events as rollup rows, from `since` (inclusive, an instant) on: the rebuild's
-- and this backfill's one definition. Billed seconds follow R1/R7 as lib/rating/charge.ts
-- computes them: timed channels, connected calls only, rounded up to the increment of the price
-- the event was rated with (60 s when it names none); test/integration/usage-rollups.test.ts
-- checks that the ingest's incremental rows equal these.
CREATE FUNCTION saldo_usage_rollup_rows(ws UUID, since TIMESTAMPTZ)
RETURNS TABLE ("day" DATE, "channel" "Channel", "direction" "Direction", "outcome" "CallOutcome", "events" INTEGER,
               "quantity" BIGINT, "seconds" BIGINT, "billedSeconds" BIGINT, "charge" BIGINT, "trialCharge" BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT (u."occurredAt" AT TIME ZONE w."timeZone")::date, u.channel, u.direction, u.outcome, count(*)::int,
         coalesce(sum(u.quantity), 0)::bigint, coalesce(sum(u."durationSeconds"), 0)::bigint,
         coalesce(sum(CASE
           WHEN u.channel IN ('voice_call', 'whatsapp_call', 'ai_voice') AND coalesce(u.outcome, 'connected') = 'connected'
           THEN ceil(coalesce(u."durationSeconds", 0)::numeric / coalesce(p."billingIncrementSeconds", 60)) * coalesce(p."billingIncrementSeconds", 60)
           ELSE 0 END), 0)::bigint,
         coalesce(sum(u.charge), 0)::bigint, coalesce(sum(u."trialCharge"), 0)::bigint
  FROM "UsageEvent" u
  JOIN "Workspace" w ON w.id = u."workspaceId"
  LEFT JOIN "Price" p ON p.id = u."priceId"
  WHERE u."workspaceId" = ws AND u."occurredAt" >= since
  GROUP BY 1, 2, 3, 4
$$;

INSERT INTO "UsageDailyRollup" ("workspaceId", "day", "channel", "direction", "outcome", "events", "quantity", "seconds", "billedSeconds", "charge", "trialCharge")
SELECT w.id, r.* FROM "Workspace" w CROSS JOIN LATERAL saldo_usage_rollup_rows(w.id, '-infinity') r;
