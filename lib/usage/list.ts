import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Channel } from "@/lib/rating/channels";

export type UsageQuery = { channel?: Channel; from?: Date; to?: Date; limit: number; cursor?: string };

/**
 * Usage events newest first, paged by keyset (occurredAt, id) so deep pages cost the same as
 * the first. The cursor is opaque to callers.
 */
export async function listUsage(workspaceId: string, query: UsageQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db.usageEvent.findMany({
    where: {
      workspaceId,
      ...(query.channel ? { channel: query.channel } : {}),
      occurredAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) },
      ...(after
        ? { OR: [{ occurredAt: { lt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { data: page, nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null };
}

function encodeCursor(occurredAt: Date, id: string) {
  return Buffer.from(JSON.stringify([occurredAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const occurredAt = new Date(at);
    if (Number.isNaN(occurredAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { occurredAt, id };
  } catch {
    throw new AppError("invalid_field", "cursor is not a cursor returned by this API", "cursor");
  }
}
