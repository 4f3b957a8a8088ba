import "server-only";
import { db, type Prisma } from "@/lib/db";
import { Prisma as P } from "@/lib/generated/prisma/client";

// The support console's workspace search: a case-insensitive prefix of the workspace's name,
// its slug or its owner's e-mail, or its exact id. Each branch is one range scan of its own
// index (migration 20261201130000: lower(name) and the e-mail with text_pattern_ops, so LIKE
// 'prefix%' can use them whatever the database's collation), so a search stays a few
// milliseconds at 100,000 workspaces however stale the statistics.

export const SEARCH_PAGE_SIZE = 20;

export type WorkspaceHit = { id: string; name: string; slug: string; currency: "USD" | "INR"; ownerEmail: string | null; createdAt: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LIKE's own characters taken literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function searchQuery(query: string, page: number): Prisma.Sql {
  const text = query.trim().toLowerCase().replaceAll("\u0000", "").toWellFormed().slice(0, 254);
  const prefix = likePrefix(text);
  const byId = UUID.test(text) ? P.sql`UNION SELECT id FROM "Workspace" WHERE id = ${text}::uuid` : P.empty;
  return P.sql`
    SELECT w.id, w.name, w.slug, w.currency::text AS currency, w."createdAt",
           (SELECT u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId"
            WHERE m."workspaceId" = w.id AND m.role = 'OWNER' ORDER BY m."createdAt" LIMIT 1) AS "ownerEmail"
    FROM "Workspace" w
    WHERE w.id IN (
      SELECT id FROM "Workspace" WHERE lower(name) LIKE ${prefix}
      UNION SELECT id FROM "Workspace" WHERE slug LIKE ${prefix}
      UNION SELECT m."workspaceId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id AND m.role = 'OWNER' WHERE u.email LIKE ${prefix}
      ${byId}
    )
    ORDER BY lower(w.name), w.id
    LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET ${Math.max(0, page) * SEARCH_PAGE_SIZE}`;
}

/** One page of matches, by name; `more` when another page follows. An empty query finds nothing. */
export async function searchWorkspaces(query: string, page = 0): Promise<{ hits: WorkspaceHit[]; more: boolean }> {
  if (query.trim() === "") return { hits: [], more: false };
  const rows = await db.$queryRaw<WorkspaceHit[]>(searchQuery(query, page));
  return { hits: rows.slice(0, SEARCH_PAGE_SIZE), more: rows.length > SEARCH_PAGE_SIZE };
}

/** The workspace a staff member names by id or slug (the audit filter), or null. */
export async function findWorkspaceByRef(ref: string): Promise<{ id: string } | null> {
  const text = ref.trim().toLowerCase();
  if (!text) return null;
  return db.workspace.findFirst({ where: UUID.test(text) ? { id: text } : { slug: text }, select: { id: true } });
}

/** Names of the given workspaces, by id, for a list that spans several. */
export async function workspaceNames(ids: string[]): Promise<Map<string, string>> {
  const rows = await db.workspace.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}
