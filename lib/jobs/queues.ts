import { z } from "zod";
import type { Queue } from "pg-boss";

// Every background job the app knows: its queue settings and the shape of its data. Data is
// validated with zod when it is enqueued and again when a worker picks it up (a job may have been
// written by an older release), so a handler only ever sees data of the declared shape.

type JobDefinition = {
  data: z.ZodType<object>;
  queue: Omit<Queue, "name">;
  /** A cron expression (UTC): pg-boss sends one job with data `{}` at each occurrence. */
  schedule?: string;
};

export const JOBS = {
  /** Charges one auto-recharge Payment off-session (lib/auto-recharge/charge-job.ts). */
  "auto-recharge.charge": {
    data: z.object({ workspaceId: z.uuid(), paymentId: z.uuid() }),
    queue: {
      // Retries here are for "Stripe could not be reached", not for declines (a decline is an
      // outcome, recorded once). Each retry reuses the Payment's idempotency key, so Stripe never
      // charges twice for one attempt.
      retryLimit: 5,
      retryDelay: 15,
      retryBackoff: true,
      retryDelayMax: 600,
      // A charge is one Stripe call; anything still active after this is a dead worker.
      expireInSeconds: 300,
      // A live worker refreshes the job every 5 s; a job whose worker died (a server killed
      // mid-charge) goes back to the queue after 10 s without one, at the next supervision pass
      // (boss.ts), instead of holding its wallet's one in-flight recharge for the 5 minutes of
      // expireInSeconds (issue 13). The retry uses the Payment's Stripe idempotency key.
      heartbeatSeconds: 10,
    },
  },
  /** Sends one stored e-mail through SMTP (lib/mail); queued in the transaction that wrote it. */
  "mail.deliver": {
    data: z.object({ mailId: z.uuid() }),
    // A mail server that is down gets a few more chances over about half an hour.
    queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 120 },
  },
  /** Writes the weekly summaries that are due (lib/mail/weekly-summary.ts). */
  "mail.weekly-summaries": {
    data: z.object({}),
    // The next hour's run is the retry: a workspace stays due until its summary is written.
    queue: { retryLimit: 0, expireInSeconds: 600 },
    schedule: "5 * * * *",
  },
  /** Settles payments whose Stripe webhook never arrived (lib/payments/reconcile.ts). */
  "payments.reconcile": {
    data: z.object({}),
    queue: {
      // The next run, 10 minutes later, is the retry; a failing payment is reported, not thrown.
      retryLimit: 0,
      // A run is at most RECONCILE_BATCH_SIZE payments, two Stripe reads each.
      expireInSeconds: 300,
    },
    schedule: "*/10 * * * *",
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]["data"]>;

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** PostgreSQL schema of pg-boss's tables: never the Prisma-managed `public`. */
export const JOBS_SCHEMA = "pgboss";
