import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Currency } from "@/lib/generated/prisma/enums";
import { chargeUsage } from "@/lib/ledger/charge-usage";
import { withWallet, type Actor } from "@/lib/ledger/post";
import { computeCharge } from "@/lib/rating/charge";
import { loadPriceBook } from "@/lib/rating/prices";
import type { UsageEventInput } from "@/lib/usage/schema";
import { workspaceCurrency } from "@/lib/workspaces/currency";

export type IngestStatus = "charged" | "free" | "duplicate";
export type IngestResult = { id: string; status: IngestStatus; charge: bigint; balance: bigint };
export type IngestOutcome = { currency: Currency; results: IngestResult[] };

/**
 * Rates and records a validated batch, set-based: a handful of statements whatever its size
 * (ARCHITECTURE.md "Set-based hot paths"). Under the wallet's lock it finds the ids already
 * recorded, rates the new events in request order, charges them (lib/ledger/charge-usage.ts:
 * trial credit first for outbound WhatsApp calls, ledger entries in one statement), inserts
 * them in one statement, and the balance moves once. A charge always applies in full: the paid
 * balance may go negative (R4).
 */
export async function ingestUsage(workspaceId: string, events: UsageEventInput[], actor: Actor): Promise<IngestOutcome>;
/**
 * …and runs `finish` with the outcome last in the same transaction, returning what it returns:
 * whatever must commit with the events or not at all (the API's stored answer).
 */
export async function ingestUsage<T>(
  workspaceId: string,
  events: UsageEventInput[],
  actor: Actor,
  finish: (tx: Prisma.TransactionClient, outcome: IngestOutcome) => Promise<T>,
): Promise<T>;
export async function ingestUsage<T>(
  workspaceId: string,
  events: UsageEventInput[],
  actor: Actor,
  finish?: (tx: Prisma.TransactionClient, outcome: IngestOutcome) => Promise<T>,
): Promise<T | IngestOutcome> {
  const currency = await workspaceCurrency(workspaceId);
  const prices = await loadPriceBook(currency);

  return withWallet(workspaceId, async (session) => {
    const { tx } = session;
    const recorded = await tx.$queryRaw<{ externalId: string; charge: bigint; balanceAfter: bigint }[]>(
      recordedEventsQuery(workspaceId, events.map((event) => event.externalId)),
    );
    const outcome = new Map(recorded.map((row) => [row.externalId, { charge: row.charge, balance: row.balanceAfter }]));

    // Rate what is new, in request order; an id repeated within the batch is its first one's duplicate.
    const fresh = new Map<string, { event: UsageEventInput; priceId: string; charge: bigint; billedSeconds: number }>();
    for (const event of events) {
      if (outcome.has(event.externalId) || fresh.has(event.externalId)) continue;
      const price = prices.priceAt(event.channel, event.direction, event.occurredAt);
      const { amount: charge, billedSeconds } = computeCharge(
        {
          channel: event.channel,
          direction: event.direction,
          quantity: event.quantity,
          durationSeconds: event.durationSeconds ?? undefined,
          outcome: event.outcome ?? undefined,
        },
        price,
      );
      fresh.set(event.externalId, { event, priceId: price.id, charge, billedSeconds: billedSeconds ?? 0 });
    }

    const rated = [...fresh.values()];
    const charged = await chargeUsage(
      session,
      rated.map(({ event, charge }) => ({ eventId: event.externalId, amount: charge, channel: event.channel, direction: event.direction })),
      actor,
    );
    const rows: EventRow[] = rated.map(({ event, priceId, charge, billedSeconds }, index) => {
      const { fromTrial, balanceAfter } = charged[index];
      outcome.set(event.externalId, { charge, balance: balanceAfter });
      return {
        external_id: event.externalId,
        channel: event.channel,
        direction: event.direction,
        quantity: event.quantity,
        duration_seconds: event.durationSeconds,
        outcome: event.outcome,
        occurred_at: event.occurredAt.toISOString(),
        source_type: event.source?.type ?? null,
        source_id: event.source?.id ?? null,
        price_id: priceId,
        charge: charge.toString(),
        trial_charge: fromTrial.toString(),
        balance_after: balanceAfter.toString(),
        billed_seconds: billedSeconds,
      };
    });
    if (rows.length > 0) await tx.$executeRaw(insertEventsQuery(workspaceId, rows));

    const answered = new Set<string>();
    const results: IngestResult[] = events.map((event) => {
      const { charge, balance } = outcome.get(event.externalId)!;
      const first = fresh.has(event.externalId) && !answered.has(event.externalId);
      answered.add(event.externalId);
      return { id: event.externalId, status: first ? (charge > 0n ? "charged" : "free") : "duplicate", charge, balance };
    });
    return finish ? finish(tx, { currency, results }) : { currency, results };
  });
}

export type EventRow = {
  external_id: string;
  channel: string;
  direction: string;
  quantity: number;
  duration_seconds: number | null;
  outcome: string | null;
  occurred_at: string;
  source_type: string | null;
  source_id: string | null;
  price_id: string | null;
  charge: string;
  trial_charge: string;
  balance_after: string;
  /** Seconds charged (computeCharge's billedSeconds, 0 for counted channels): for the rollup only. */
  billed_seconds: number;
};

/**
 * Inserts new events and adds them to the daily rollups (docs/decisions/011) in ONE statement:
 * the events go in through a data-modifying CTE, and the batch, grouped by (local day, channel,
 * direction, outcome), is upserted into "UsageDailyRollup" — one row per key however many events
 * the batch holds, never one statement per event. The rollups therefore commit with the events
 * or not at all. The day is the event's calendar day in the workspace's time zone.
 *
 * Concurrency: every batch of a workspace runs under its wallet's row lock (withWallet), so two
 * batches never upsert the same workspace's rows at once, and a rebuild (lib/usage/rollups.ts)
 * takes the same lock. Other workspaces' rows are other keys. The upsert touches only the
 * unique index's rows of this workspace's batch days: index lookups, whatever the statistics.
 */
export function insertEventsQuery(workspaceId: string, rows: EventRow[]): Prisma.Sql {
  return Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT r.* FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(external_id text, channel text, direction text,
        quantity int, duration_seconds int, outcome text, occurred_at timestamptz, source_type text, source_id text,
        price_id uuid, charge text, trial_charge text, balance_after text, billed_seconds int)
    ), inserted AS (
      INSERT INTO "UsageEvent" ("workspaceId", "externalId", channel, direction, quantity, "durationSeconds", outcome,
        "occurredAt", "sourceType", "sourceId", "priceId", charge, "trialCharge", "balanceAfter")
      SELECT ${workspaceId}::uuid, b.external_id, b.channel::"Channel", b.direction::"Direction", b.quantity, b.duration_seconds,
        b.outcome::"CallOutcome", b.occurred_at, b.source_type::"UsageSourceType", b.source_id, b.price_id, b.charge::bigint,
        b.trial_charge::bigint, b.balance_after::bigint
      FROM batch b
    )
    INSERT INTO "UsageDailyRollup" AS d ("workspaceId", day, channel, direction, outcome, events, quantity, seconds, "billedSeconds", charge, "trialCharge")
    SELECT ${workspaceId}::uuid, (b.occurred_at AT TIME ZONE (SELECT w."timeZone" FROM "Workspace" w WHERE w.id = ${workspaceId}::uuid))::date,
      b.channel::"Channel", b.direction::"Direction", b.outcome::"CallOutcome", count(*)::int, coalesce(sum(b.quantity), 0),
      coalesce(sum(b.duration_seconds), 0), sum(b.billed_seconds), sum(b.charge::bigint), sum(b.trial_charge::bigint)
    FROM batch b
    GROUP BY 2, 3, 4, 5
    ON CONFLICT ("workspaceId", day, channel, direction, outcome) DO UPDATE SET
      events = d.events + excluded.events,
      quantity = d.quantity + excluded.quantity,
      seconds = d.seconds + excluded.seconds,
      "billedSeconds" = d."billedSeconds" + excluded."billedSeconds",
      charge = d.charge + excluded.charge,
      "trialCharge" = d."trialCharge" + excluded."trialCharge"`;
}

/**
 * The events among `ids` the workspace already recorded, with their first charge and balance:
 * one probe of the unique (workspaceId, externalId) index per id, whatever the statistics say.
 * Statistics lag behind a new workspace growing in a table other tenants fill; believing it
 * empty, PostgreSQL read all of its events on every batch (issue 8), so ingest slowed down in
 * proportion to the workspace's size, under the wallet lock. Two things stop that:
 * - a LATERAL subquery with LIMIT 1 per id cannot become a join: the set-shaped
 *   `IN (SELECT …)` this replaces was planned as a hash or nested-loop join over the workspace's
 *   events;
 * - the workspace id is a subquery, a value the planner cannot look up in the statistics, so it
 *   costs the probe with the table's average workspace instead of "this one is empty" — with the
 *   latter, the smaller (workspaceId, occurredAt, id) index looked as good and each probe
 *   filtered through the whole workspace on externalId.
 * test/integration/ingest-plans.test.ts runs this plan with stale and with absent statistics.
 */
export function recordedEventsQuery(workspaceId: string, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT e."externalId", e.charge, e."balanceAfter"
    FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) AS batch(id)
    CROSS JOIN LATERAL (
      SELECT u."externalId", u.charge, u."balanceAfter" FROM "UsageEvent" u
      WHERE u."workspaceId" = (SELECT ${workspaceId}::uuid) AND u."externalId" = batch.id
      LIMIT 1
    ) e`;
}
