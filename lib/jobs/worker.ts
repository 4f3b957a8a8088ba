import "server-only";
import type { JobWithMetadata } from "pg-boss";
import { runChargeJob } from "@/lib/auto-recharge/charge-job";
import { env } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { JOB_NAMES, JOBS, type JobData, type JobName } from "@/lib/jobs/queues";
import { deliverMail } from "@/lib/mail";
import { sendDueWeeklySummaries } from "@/lib/mail/weekly-summary";
import { reconcilePayments } from "@/lib/payments/reconcile";

// Working the queues, in the web process: instrumentation.ts calls startWorkers() when the
// Node.js server starts (next dev, next start, the e2e server). Several processes may work the
// same queues; pg-boss hands each job to one of them.

type Handler<N extends JobName> = (data: JobData<N>, job: JobWithMetadata<unknown>) => Promise<unknown>;

const HANDLERS: { [N in JobName]: Handler<N> } = {
  "auto-recharge.charge": (data, job) => runChargeJob(data, { retryCount: job.retryCount, retryLimit: job.retryLimit }),
  "mail.deliver": async ({ mailId }) => {
    const { error } = await deliverMail(mailId);
    if (error) throw new Error(error); // pg-boss retries
  },
  "mail.weekly-summaries": () => sendDueWeeklySummaries(),
  "payments.reconcile": () => reconcilePayments(),
};

const RETRY_SECONDS = 30;

const globalForWorkers = globalThis as unknown as { saldoWorkers?: Promise<boolean> };

/**
 * Registers a worker per queue, and the schedules of scheduled jobs, once per process (later
 * calls answer the first call's result). Resolves to false, without throwing, when there is no
 * database to work against.
 */
export function startWorkers(): Promise<boolean> {
  if (!env().DATABASE_URL) {
    console.warn("[jobs] DATABASE_URL is not set: background jobs will not run in this process");
    return Promise.resolve(false);
  }
  globalForWorkers.saldoWorkers ??= register().catch((error: unknown) => {
    console.error(`[jobs] could not start the workers (trying again in ${RETRY_SECONDS} s):`, error);
    // The database may still be starting. Try again later rather than leave the queues unworked;
    // unref'd so a process that is otherwise done is not kept alive for it.
    setTimeout(() => {
      globalForWorkers.saldoWorkers = undefined;
      void startWorkers();
    }, RETRY_SECONDS * 1000).unref();
    return false;
  });
  return globalForWorkers.saldoWorkers;
}

async function register(): Promise<boolean> {
  const boss = await getBoss();
  for (const name of JOB_NAMES) {
    await boss.work(name, { includeMetadata: true, batchSize: 1, localConcurrency: 2 }, async ([job]) => runJob(name, job));
    // Stored in pg-boss's schedule table (one row per queue, rewritten by every process that
    // starts): any started pg-boss sends the job, at most once per occurrence, and whichever
    // worker is free runs it.
    const { schedule } = JOBS[name] as { schedule?: string };
    if (schedule) await boss.schedule(name, schedule, {}, { tz: "UTC" });
  }
  return true;
}

/** Validates the job's data and runs its handler; a throw makes pg-boss retry the job. */
export async function runJob<N extends JobName>(name: N, job: JobWithMetadata<unknown>): Promise<unknown> {
  const parsed = JOBS[name].data.safeParse(job.data);
  if (!parsed.success) {
    // Retrying cannot fix the data: log it and let the job complete.
    console.error(`[jobs] ${name} ${job.id}: invalid data, skipped:`, parsed.error.message);
    return { skipped: "invalid_data" };
  }
  return HANDLERS[name](parsed.data as JobData<N>, job);
}
