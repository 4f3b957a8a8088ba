import "server-only";
import { createHash } from "node:crypto";
import { db, type Prisma } from "@/lib/db";

/** An answer as it went out: the status and the body's exact JSON text, replayed byte for byte. */
export type StoredAnswer = { status: number; body: string };

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export type IdempotencyLookup = { state: "new" } | { state: "replay"; answer: StoredAnswer } | { state: "conflict" };

export async function findIdempotent(workspaceId: string, key: string, hash: string): Promise<IdempotencyLookup> {
  const record = await db.idempotencyRecord.findUnique({
    where: { workspaceId_key: { workspaceId, key } },
    select: { requestHash: true, status: true, response: true },
  });
  if (!record) return { state: "new" };
  if (record.requestHash !== hash) return { state: "conflict" };
  return { state: "replay", answer: { status: record.status, body: record.response } };
}

/**
 * Stores the answer for later retries, in `client`: the transaction that did the work, so the
 * two commit together, or the database for work that writes nothing. False when the key is
 * already taken: a concurrent request with the same key committed first (ON CONFLICT waits for
 * it to commit or roll back), so the caller must roll its own work back and look again.
 */
export async function saveIdempotent(
  client: Prisma.TransactionClient,
  workspaceId: string,
  key: string,
  hash: string,
  answer: StoredAnswer,
): Promise<boolean> {
  const inserted = await client.$executeRaw`
    INSERT INTO "IdempotencyRecord" ("workspaceId", key, "requestHash", status, response)
    VALUES (${workspaceId}::uuid, ${key}, ${hash}, ${answer.status}, ${answer.body})
    ON CONFLICT ("workspaceId", key) DO NOTHING`;
  return inserted === 1;
}
