import "server-only";
import { PgBoss } from "pg-boss";
import { databaseUrl, env } from "@/lib/env";
import { JOB_NAMES, JOBS, JOBS_SCHEMA } from "@/lib/jobs/queues";

// One pg-boss per process, started on first use: the web process enqueues from inside its own
// transactions (lib/jobs/enqueue.ts) and, once instrumentation.ts has run, also works the queues.
// pg-boss keeps its tables in the `pgboss` schema, so the Prisma-managed `public` schema (and the
// schema-drift test) never sees them. Kept on globalThis so dev-mode reloads reuse one pool.

const globalForJobs = globalThis as unknown as { saldoBoss?: Promise<PgBoss> };

/** Seconds between two supervision passes, and between two monitor passes of a queue. */
export const SUPERVISE_INTERVAL_SECONDS = 10;

/** The started pg-boss, with every queue in `JOBS` created. */
export function getBoss(): Promise<PgBoss> {
  globalForJobs.saldoBoss ??= startBoss().catch((error: unknown) => {
    // Let the next caller try again (the database may have been starting up).
    globalForJobs.saldoBoss = undefined;
    throw error;
  });
  return globalForJobs.saldoBoss;
}

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: JOBS_SCHEMA,
    // JOBS_POOL_SIZE: connections pg-boss may open, on top of Prisma's pool (DATABASE_POOL_SIZE).
    max: env().JOBS_POOL_SIZE,
    // How often jobs whose worker died are looked for (lost heartbeats, expiry): the supervisor
    // wakes every 10 s and each queue's monitor pass, which fails those jobs, is due every 10 s
    // (one process does it, by a claim in the database), rather than pg-boss's 60 s each, so a
    // charge interrupted by a crash is retried within about 20 s.
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
  });
  // pg-boss reports background trouble (a lost connection, a failed maintenance run) as events;
  // without a listener Node would treat an "error" event as an uncaught exception.
  boss.on("error", (error) => console.error("[jobs]", error.message));
  await boss.start();
  for (const name of JOB_NAMES) {
    const { queue } = JOBS[name];
    await boss.createQueue(name, queue); // does nothing when the queue exists…
    await boss.updateQueue(name, queue); // …so settings changed in code are applied here
  }
  return boss;
}

/** Stops pg-boss (workers finish their current job first) and forgets it. Tests and scripts. */
export async function stopBoss(): Promise<void> {
  const started = globalForJobs.saldoBoss;
  globalForJobs.saldoBoss = undefined;
  const boss = await started?.catch(() => null);
  await boss?.stop({ graceful: true, timeout: 10_000 });
}
