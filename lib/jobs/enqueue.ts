import "server-only";
import { fromPrisma, type SendOptions } from "pg-boss";
import type { Prisma } from "@/lib/db";
import { getBoss } from "@/lib/jobs/boss";
import { JOBS, type JobData, type JobName } from "@/lib/jobs/queues";

export type EnqueueOptions = Pick<SendOptions, "startAfter" | "singletonKey" | "priority">;

/**
 * Adds a job inside the caller's Prisma transaction (ARCHITECTURE.md: "enqueue inside the same
 * transaction that makes the job necessary"): the job row commits or rolls back with the change
 * that needs it, so there is never a job for a change that did not happen, nor a change whose
 * job was lost. Returns the job id.
 */
export async function enqueueInTransaction<N extends JobName>(
  tx: Prisma.TransactionClient,
  name: N,
  data: JobData<N>,
  options: EnqueueOptions = {},
): Promise<string> {
  const parsed = JOBS[name].data.parse(data);
  const boss = await getBoss();
  const id = await boss.send(name, parsed, { ...options, db: fromPrisma(tx) });
  // Only a throttled or singleton send answers null, and no queue here is one.
  if (!id) throw new Error(`Job ${name} was not enqueued`);
  return id;
}
