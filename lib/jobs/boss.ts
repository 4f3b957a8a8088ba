import "server-only";
import { PgBoss } from "pg-boss";
import { databaseUrl, env } from "@/lib/env";
import { JOB_NAMES, JOBS, JOBS_SCHEMA } from "@/lib/jobs/queues";

// One pg-boss per process, started on first use: the web process enqueues from inside its own
// transactions (lib/jobs/enqueue.ts) and, once instrumentation.ts has run, also works the queues.
// pg-boss keeps its tables in the `pgboss` schema, so the Prisma-managed `public` schema (and the
// schema-drift test) never sees them. Kept on globalThis so dev-mode reloads reuse one pool.

const globalForJobs = globalThis as unknown as { saldoBoss?: Promise<PgBoss> };

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
  // JOBS_POOL_SIZE: connections pg-boss may open, on top of Prisma's pool (DATABASE_POOL_SIZE).
  const boss = new PgBoss({ connectionString: databaseUrl(), schema: JOBS_SCHEMA, max: env().JOBS_POOL_SIZE });
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
