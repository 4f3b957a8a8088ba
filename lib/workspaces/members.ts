import "server-only";
import { db, type Prisma } from "@/lib/db";

/** A workspace's members, oldest first, with the user's name and e-mail. */
export async function getMembers(workspaceId: string) {
  return db.membership.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** The first owner's e-mail: where receipts and alerts go when no billing e-mail is set. */
export async function getOwnerEmail(workspaceId: string, client: Prisma.TransactionClient = db) {
  const owner = await client.membership.findFirst({
    where: { workspaceId, role: "OWNER" },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  return owner?.user.email ?? null;
}

/** The slug of the user's first workspace (the oldest membership), or null when they have none. */
export async function firstWorkspaceSlug(userId: string): Promise<string | null> {
  const membership = await db.membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { workspace: { select: { slug: true } } },
  });
  return membership?.workspace.slug ?? null;
}
