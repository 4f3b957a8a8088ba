// What must hold after the run, checked with SQL against the database (and against the Stripe
// emulator's record of what it charged): every acknowledged event recorded once and charged
// once, every wallet equal to its ledger and to its history, every payment Stripe took credited
// exactly once, one auto-recharge per trip below the threshold, and every retry answered with
// the first answer. Each figure that must be zero is a defect when it is not.
import pg from "pg";
import type { PayerReport } from "./payers";
import type { SenderReport } from "./senders";

export type Figure = { label: string; value: number | string; mustBeZero?: boolean };

export type CheckInput = {
  databaseUrl: string;
  wallets: { workspaceId: string; opening: bigint; threshold: bigint | null }[];
  senders: SenderReport[];
  payers: PayerReport[];
  /** Credit grants the harness made, each under its own key. */
  grants: { workspaceId: string; key: string; amount: bigint; acknowledged: boolean }[];
  /** What Stripe (the emulator) charged. */
  stripeCharges: { intentId: string; paymentId: string | undefined; amount: number }[];
  /** Answers to the final resend of keyed batches that differ from their first answer. */
  replaySweep: { resent: number; differing: string[] };
};

export async function runChecks(input: CheckInput): Promise<Figure[]> {
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  try {
    return [
      ...(await usageFigures(client, input)),
      ...answerFigures(input, await recordedEvents(client, input)),
      ...(await walletFigures(client, input)),
      ...(await paymentFigures(client, input)),
      ...(await autoRechargeFigures(client, input)),
    ];
  } finally {
    await client.end();
  }
}

const ids = (input: CheckInput) => input.wallets.map((wallet) => wallet.workspaceId);

async function count(client: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query<{ n: string }>(sql, params);
  return Number(rows[0].n);
}

async function usageFigures(client: pg.Client, input: CheckInput): Promise<Figure[]> {
  const batches = input.senders.flatMap((sender) => sender.batches.map((batch) => ({ ...batch, workspaceId: sender.workspaceId })));
  const sent = batches.reduce((sum, batch) => sum + batch.eventIds.length, 0);
  const acknowledged = batches.filter((batch) => batch.acknowledged);
  const ackWorkspaces = acknowledged.flatMap((batch) => batch.eventIds.map(() => batch.workspaceId));
  const ackIds = acknowledged.flatMap((batch) => batch.eventIds);
  const recorded = await count(client, `SELECT count(*) AS n FROM "UsageEvent" WHERE "workspaceId" = ANY($1::uuid[])`, [ids(input)]);
  const missing = await count(
    client,
    `SELECT count(*) AS n FROM unnest($1::uuid[], $2::text[]) AS a("workspaceId", id)
     WHERE NOT EXISTS (SELECT 1 FROM "UsageEvent" u WHERE u."workspaceId" = a."workspaceId" AND u."externalId" = a.id)`,
    [ackWorkspaces, ackIds],
  );
  const twice = await count(
    client,
    `SELECT count(*) AS n FROM (SELECT 1 FROM "UsageEvent" WHERE "workspaceId" = ANY($1::uuid[]) GROUP BY "workspaceId", "externalId" HAVING count(*) > 1) d`,
    [ids(input)],
  );
  // Each event's USAGE entries (paid and trial parts) add up to its charge, and no entry is
  // without its event.
  const chargedWrong = await count(
    client,
    `SELECT count(*) AS n FROM "UsageEvent" u
     LEFT JOIN (SELECT "workspaceId", reference, -sum(amount) AS charged FROM "LedgerEntry"
                WHERE kind = 'USAGE' AND "workspaceId" = ANY($1::uuid[]) GROUP BY 1, 2) l
       ON l."workspaceId" = u."workspaceId" AND l.reference = u."externalId"
     WHERE u."workspaceId" = ANY($1::uuid[]) AND COALESCE(l.charged, 0) <> u.charge`,
    [ids(input)],
  );
  const orphanEntries = await count(
    client,
    `SELECT count(*) AS n FROM "LedgerEntry" l WHERE l.kind = 'USAGE' AND l."workspaceId" = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM "UsageEvent" u WHERE u."workspaceId" = l."workspaceId" AND u."externalId" = l.reference)`,
    [ids(input)],
  );
  return [
    { label: "usage events sent", value: sent },
    { label: "usage events acknowledged", value: ackIds.length },
    { label: "usage events recorded", value: recorded },
    { label: "events sent but never acknowledged (senders retry until they are)", value: sent - ackIds.length, mustBeZero: true },
    { label: "acknowledged but missing", value: missing, mustBeZero: true },
    { label: "recorded but not acknowledged", value: recorded - (ackIds.length - missing), mustBeZero: true },
    { label: "recorded twice", value: twice, mustBeZero: true },
    { label: "events whose ledger charge ≠ their charge, or charges without an event", value: chargedWrong + orphanEntries, mustBeZero: true },
  ];
}

type Recorded = Map<string, { charge: bigint; balance: bigint }>;

async function recordedEvents(client: pg.Client, input: CheckInput): Promise<Recorded> {
  const { rows } = await client.query<{ workspaceId: string; externalId: string; charge: string; balanceAfter: string }>(
    `SELECT "workspaceId", "externalId", charge::text, "balanceAfter"::text FROM "UsageEvent" WHERE "workspaceId" = ANY($1::uuid[])`,
    [ids(input)],
  );
  return new Map(rows.map((row) => [`${row.workspaceId}/${row.externalId}`, { charge: BigInt(row.charge), balance: BigInt(row.balanceAfter) }]));
}

/** The API's decimal form of micro-units ("0.300000"), as lib/money's formatAmount writes it. */
function decimal(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  return `${negative ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
}

function answerFigures(input: CheckInput, recorded: Recorded): Figure[] {
  let retried = 0;
  let differing = 0;
  let disagreeing = 0;
  const examples: string[] = [];
  for (const sender of input.senders) {
    for (const batch of sender.batches) {
      const [first, ...later] = batch.answers;
      if (!first) continue;
      if (later.length) retried++;
      // With an Idempotency-Key every answer is the first one, byte for byte.
      if (batch.key && later.some((answer) => answer.status !== first.status || answer.body !== first.body)) {
        differing++;
        examples.push(`${batch.key}: ${first.body.slice(0, 120)} ≠ ${later.find((answer) => answer.body !== first.body)?.body.slice(0, 120)}`);
      }
      // Every answer says what the database holds: the first recording's charge and balance.
      // `duplicate` only where a sender without a key resent events whose first answer was lost.
      for (const answer of batch.answers.filter((candidate) => candidate.status === 200)) {
        const { results } = JSON.parse(answer.body) as { results: { id: string; status: string; charge: string; balance: string }[] };
        const wrong = results.find((result, index) => {
          const row = recorded.get(`${sender.workspaceId}/${result.id}`);
          if (!row || result.id !== batch.eventIds[index]) return true;
          if (result.charge !== decimal(row.charge) || result.balance !== decimal(row.balance)) return true;
          if (result.status === "duplicate") return batch.key !== null;
          return result.status !== (row.charge > 0n ? "charged" : "free");
        });
        if (wrong) {
          disagreeing++;
          examples.push(`${batch.key ?? batch.eventIds[0]}: answered ${JSON.stringify(wrong)}, recorded ${JSON.stringify(recorded.get(`${sender.workspaceId}/${wrong.id}`), (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
        }
      }
    }
  }
  let topUpRetried = 0;
  let topUpDiffering = 0;
  for (const payer of input.payers) {
    for (const topUp of payer.topUps) {
      if (topUp.answers.length > 1) topUpRetried++;
      if (new Set(topUp.answers.map((answer) => answer.paymentId)).size > 1) topUpDiffering++;
    }
  }
  for (const example of [...examples, ...input.replaySweep.differing].slice(0, 5)) console.error(`  ! ${example}`);
  return [
    { label: "usage batches answered more than once (resent)", value: retried },
    { label: "retries whose answer differs from the first (byte for byte, Idempotency-Key)", value: differing, mustBeZero: true },
    { label: "answers that disagree with what was recorded", value: disagreeing, mustBeZero: true },
    { label: "keyed batches resent once more at the end", value: input.replaySweep.resent },
    { label: "…whose answer differs from the first", value: input.replaySweep.differing.length, mustBeZero: true },
    { label: "top-ups answered more than once", value: topUpRetried },
    { label: "top-up retries answering another payment", value: topUpDiffering, mustBeZero: true },
  ];
}

async function walletFigures(client: pg.Client, input: CheckInput): Promise<Figure[]> {
  const { rows: ledger } = await client.query<{ workspaceId: string; paid: string; trial: string; paidBalance: string; trialBalance: string }>(
    `SELECT w."workspaceId", w."paidBalance"::text AS "paidBalance", w."trialBalance"::text AS "trialBalance",
            COALESCE(sum(l.amount) FILTER (WHERE l.bucket = 'PAID'), 0)::text AS paid,
            COALESCE(sum(l.amount) FILTER (WHERE l.bucket = 'TRIAL'), 0)::text AS trial
     FROM "Wallet" w LEFT JOIN "LedgerEntry" l ON l."workspaceId" = w."workspaceId"
     WHERE w."workspaceId" = ANY($1::uuid[]) GROUP BY w."workspaceId", w."paidBalance", w."trialBalance"`,
    [ids(input)],
  );
  const notLedger = ledger.filter((row) => row.paid !== row.paidBalance || row.trial !== row.trialBalance).length;
  // Walked in the order the wallet lock granted, each entry's available-after is the previous
  // one's plus its amount.
  const chainBreaks = await count(
    client,
    `SELECT count(*) AS n FROM (
       SELECT "availableAfter" - amount AS before, lag("availableAfter", 1, 0::bigint) OVER (PARTITION BY "workspaceId" ORDER BY seq) AS previous
       FROM "LedgerEntry" WHERE "workspaceId" = ANY($1::uuid[])) e
     WHERE before <> previous`,
    [ids(input)],
  );
  // The wallet from its history, each part from its own table: the opening balance and grants
  // the harness made (each once), what the Payment table says succeeded, what usage charged.
  const { rows: parts } = await client.query<{ workspaceId: string; payments: string; charges: string }>(
    `SELECT w."workspaceId",
            (SELECT COALESCE(sum(amount), 0) FROM "Payment" p WHERE p."workspaceId" = w."workspaceId" AND p.status = 'SUCCEEDED')::text AS payments,
            (SELECT COALESCE(sum(charge), 0) FROM "UsageEvent" u WHERE u."workspaceId" = w."workspaceId")::text AS charges
     FROM "Wallet" w WHERE w."workspaceId" = ANY($1::uuid[])`,
    [ids(input)],
  );
  let notHistory = 0;
  for (const part of parts) {
    const wallet = input.wallets.find((candidate) => candidate.workspaceId === part.workspaceId)!;
    const granted = input.grants.filter((grant) => grant.workspaceId === part.workspaceId && grant.acknowledged).reduce((sum, grant) => sum + grant.amount, 0n);
    const row = ledger.find((candidate) => candidate.workspaceId === part.workspaceId)!;
    const expected = wallet.opening + granted + BigInt(part.payments) - BigInt(part.charges);
    if (BigInt(row.paidBalance) + BigInt(row.trialBalance) !== expected) {
      notHistory++;
      console.error(`  ! wallet ${part.workspaceId}: balance ${decimal(BigInt(row.paidBalance) + BigInt(row.trialBalance))}, history says ${decimal(expected)}`);
    }
  }
  return [
    { label: "wallets", value: input.wallets.length },
    { label: "wallets where balance ≠ sum of ledger", value: notLedger, mustBeZero: true },
    { label: "ledger entries whose available-after breaks the chain", value: chainBreaks, mustBeZero: true },
    { label: "wallets where balance ≠ opening + payments + grants − recorded charges", value: notHistory, mustBeZero: true },
  ];
}

async function paymentFigures(client: pg.Client, input: CheckInput): Promise<Figure[]> {
  const { rows: payments } = await client.query<{ id: string; kind: string; status: string; amount: string; credits: string; credited: string; key: string }>(
    `SELECT p.id, p.kind::text, p.status::text, p.amount::text, p."idempotencyKey" AS key,
            count(l.id)::text AS credits, COALESCE(sum(l.amount), 0)::text AS credited
     FROM "Payment" p LEFT JOIN "LedgerEntry" l ON l."workspaceId" = p."workspaceId" AND l."idempotencyKey" = 'payment:' || p.id
     WHERE p."workspaceId" = ANY($1::uuid[]) GROUP BY p.id`,
    [ids(input)],
  );
  const succeeded = payments.filter((payment) => payment.status === "SUCCEEDED");
  const creditedWrong =
    succeeded.filter((payment) => payment.credits !== "1" || payment.credited !== payment.amount).length +
    payments.filter((payment) => payment.status !== "SUCCEEDED" && payment.credits !== "0").length;
  const byId = new Map(payments.map((payment) => [payment.id, payment]));
  const intentsPerPayment = new Map<string, number>();
  for (const charge of input.stripeCharges) intentsPerPayment.set(charge.paymentId ?? charge.intentId, (intentsPerPayment.get(charge.paymentId ?? charge.intentId) ?? 0) + 1);
  const takenNotCredited = input.stripeCharges.filter((charge) => byId.get(charge.paymentId ?? "")?.status !== "SUCCEEDED").length;
  const chargedTwice = [...intentsPerPayment.values()].filter((n) => n > 1).length;
  const creditedNotTaken = succeeded.filter((payment) => !intentsPerPayment.has(payment.id)).length;

  // One Payment per top-up the owner started (per key), whatever the retries.
  const keys = input.payers.flatMap((payer) => payer.topUps.map((topUp) => ({ workspaceId: payer.workspaceId, topUp })));
  const perKey = new Map<string, number>();
  for (const payment of payments) if (payment.kind === "TOP_UP") perKey.set(payment.key, (perKey.get(payment.key) ?? 0) + 1);
  const topUpsWrong = keys.filter(({ topUp }) => {
    const n = perKey.get(`top_up:${topUp.key}`) ?? 0;
    const answered = topUp.answers[0]?.paymentId;
    return n > 1 || (answered && (n !== 1 || !byId.has(answered)));
  }).length;

  const { rows: grants } = await client.query<{ key: string; n: string }>(
    `SELECT "idempotencyKey" AS key, count(*)::text AS n FROM "LedgerEntry" WHERE kind = 'ADJUSTMENT' AND "workspaceId" = ANY($1::uuid[]) GROUP BY 1`,
    [ids(input)],
  );
  const grantCount = new Map(grants.map((row) => [row.key, Number(row.n)]));
  // The granter retries until a grant is acknowledged: each must be in the ledger exactly once.
  const grantsWrong = input.grants.filter((grant) => !grant.acknowledged || grantCount.get(grant.key) !== 1).length;
  const open = payments.filter((payment) => payment.status === "PROCESSING" || payment.status === "REQUIRES_ACTION").length;
  return [
    { label: "top-ups started", value: keys.length },
    { label: "payments (top-ups and auto-recharges)", value: payments.length },
    { label: "…succeeded", value: succeeded.length },
    { label: "…still open at the end", value: open },
    { label: "succeeded payments credited ≠ once (or others credited at all)", value: creditedWrong, mustBeZero: true },
    { label: "payments Stripe took but the wallet was not credited for", value: takenNotCredited, mustBeZero: true },
    { label: "payments credited that Stripe never took", value: creditedNotTaken, mustBeZero: true },
    { label: "payments Stripe charged more than once", value: chargedTwice, mustBeZero: true },
    { label: "top-ups with ≠ 1 payment for their key", value: topUpsWrong, mustBeZero: true },
    { label: "credit grants", value: input.grants.length },
    { label: "credit grants applied ≠ once", value: grantsWrong, mustBeZero: true },
  ];
}

/**
 * Auto-recharges against the ledger, in the order the wallet lock granted (seq). A threshold
 * crossing is a debit that takes the available balance from at or above the threshold to below
 * it. Each recharge is tied to the debit whose transaction started it — its charge job was
 * enqueued in that transaction, so the job's creation time is that transaction's start, which
 * is also the time of the debit's ledger entries — and ends with its credit. A recharge started
 * while another was still uncredited is a second recharge for one crossing.
 */
async function autoRechargeFigures(client: pg.Client, input: CheckInput): Promise<Figure[]> {
  const thresholds = input.wallets.filter((wallet) => wallet.threshold !== null);
  let crossings = 0;
  let recharges = 0;
  let doubles = 0;
  let untied = 0;
  let aboveThreshold = 0;
  let longestMs = 0;
  for (const wallet of thresholds) {
    const { rows: entries } = await client.query<{ seq: string; kind: string; amount: string; availableAfter: string; createdAt: Date }>(
      `SELECT seq::text, kind::text, amount::text, "availableAfter"::text AS "availableAfter", "createdAt"
       FROM "LedgerEntry" WHERE "workspaceId" = $1 ORDER BY seq`,
      [wallet.workspaceId],
    );
    const threshold = wallet.threshold!;
    crossings += entries.filter((entry) => BigInt(entry.amount) < 0n && BigInt(entry.availableAfter) < threshold && BigInt(entry.availableAfter) - BigInt(entry.amount) >= threshold).length;
    const { rows: payments } = await client.query<{ id: string; status: string; enqueued: Date | null; creditSeq: string | null; creditedAt: Date | null }>(
      `SELECT p.id, p.status::text,
              (SELECT min(j.created_on)::timestamptz(3) FROM pgboss.job j WHERE j.name = 'auto-recharge.charge' AND j.data->>'paymentId' = p.id::text) AS enqueued,
              l.seq::text AS "creditSeq", l."createdAt" AS "creditedAt"
       FROM "Payment" p LEFT JOIN "LedgerEntry" l ON l."workspaceId" = p."workspaceId" AND l."idempotencyKey" = 'payment:' || p.id
       WHERE p."workspaceId" = $1 AND p.kind = 'AUTO_RECHARGE'`,
      [wallet.workspaceId],
    );
    for (const payment of payments) {
      if (payment.enqueued && payment.creditedAt) longestMs = Math.max(longestMs, payment.creditedAt.getTime() - payment.enqueued.getTime());
    }
    recharges += payments.length;

    const tied = payments.map((payment) => {
      const trigger = payment.enqueued
        ? entries.filter((entry) => entry.kind === "USAGE" && entry.createdAt.getTime() === payment.enqueued!.getTime()).at(-1)
        : undefined;
      return { ...payment, trigger };
    });
    untied += tied.filter((payment) => !payment.trigger).length;
    aboveThreshold += tied.filter((payment) => payment.trigger && BigInt(payment.trigger.availableAfter) >= threshold).length;
    const ordered = tied.filter((payment) => payment.trigger).sort((a, b) => Number(BigInt(a.trigger!.seq) - BigInt(b.trigger!.seq)));
    for (let i = 1; i < ordered.length; i++) {
      const previous = ordered[i - 1];
      const settledAt = previous.creditSeq ? BigInt(previous.creditSeq) : previous.status === "FAILED" || previous.status === "CANCELED" ? 0n : null;
      if (settledAt === null || BigInt(ordered[i].trigger!.seq) < settledAt) doubles++;
    }
  }
  // A slot held by a payment that has ended blocks every later recharge of that wallet.
  const heldByEnded = await count(
    client,
    `SELECT count(*) AS n FROM "AutoRecharge" a JOIN "Payment" p ON p.id = a."inFlightPaymentId"
     WHERE a."workspaceId" = ANY($1::uuid[]) AND p.status IN ('SUCCEEDED', 'FAILED', 'CANCELED')`,
    [ids(input)],
  );
  const stillInFlight = await count(client, `SELECT count(*) AS n FROM "AutoRecharge" WHERE "workspaceId" = ANY($1::uuid[]) AND "inFlightPaymentId" IS NOT NULL`, [
    ids(input),
  ]);
  // A charge job whose worker was killed mid-charge is retried by pg-boss once it expires.
  const retriedJobs = await count(client, `SELECT count(*) AS n FROM pgboss.job WHERE name = 'auto-recharge.charge' AND retry_count > 0`, []);
  return [
    { label: "auto-recharge threshold crossings", value: crossings },
    { label: "auto-recharges started", value: recharges },
    { label: "auto-recharges per threshold crossing > 1 (started while one was in flight)", value: doubles, mustBeZero: true },
    { label: "auto-recharges started above the threshold", value: aboveThreshold, mustBeZero: true },
    { label: "auto-recharges not tied to a debit (job lost?)", value: untied, mustBeZero: true },
    { label: "longest auto-recharge, from its debit to its credit", value: `${(longestMs / 1000).toFixed(1)} s` },
    { label: "auto-recharge charge jobs retried by pg-boss (worker killed mid-charge)", value: retriedJobs },
    { label: "auto-recharges still in flight at the end", value: stillInFlight },
    { label: "auto-recharge slots held by a payment that has ended", value: heldByEnded, mustBeZero: true },
  ];
}
