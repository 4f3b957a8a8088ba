import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type StoredResponse = { status: number; body: unknown };

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export type IdempotencyLookup =
  | { state: "new" }
  | { state: "replay"; response: StoredResponse }
  | { state: "conflict" };

export async function findIdempotent(workspaceId: string, key: string, hash: string): Promise<IdempotencyLookup> {
  const record = await db.idempotencyRecord.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
  if (!record) return { state: "new" };
  if (record.requestHash !== hash) return { state: "conflict" };
  return { state: "replay", response: { status: record.status, body: record.response } };
}

/**
 * Stores the response for later retries. When a concurrent request with the same key stored
 * first, its response wins and is returned instead (the work itself is idempotent underneath:
 * usage events by id, ledger entries by key).
 */
export async function saveIdempotent(
  workspaceId: string,
  key: string,
  hash: string,
  response: StoredResponse,
): Promise<IdempotencyLookup> {
  try {
    await db.idempotencyRecord.create({
      data: { workspaceId, key, requestHash: hash, status: response.status, response: response.body as Prisma.InputJsonValue },
    });
    return { state: "new" };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return findIdempotent(workspaceId, key, hash);
    }
    throw error;
  }
}
