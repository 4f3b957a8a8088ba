import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { currencyForCountry, defaultTimeZone } from "@/lib/workspaces/countries";
import { createWorkspaceSchema, type CreateWorkspaceInput } from "@/lib/workspaces/schema";
import { RESERVED_SLUGS, slugify } from "@/lib/workspaces/slug";

/**
 * Creates a workspace, its wallet and its owner in one transaction. The plan currency follows
 * the country and never changes afterwards; the time zone is the country's main one unless given.
 */
export async function createWorkspace(input: CreateWorkspaceInput) {
  const data = createWorkspaceSchema.parse(input);
  if (data.slug && RESERVED_SLUGS.has(data.slug)) throw new AppError("slug_taken", "That address is reserved", "slug");
  const passwordHash = await hashPassword(data.owner.password);
  const currency = currencyForCountry(data.country);

  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: data.owner.email } });
      if (existing) throw new AppError("email_taken", "An account with this e-mail already exists", "email");
      const slug = data.slug ?? (await freeSlug(tx, data.name));
      const workspace = await tx.workspace.create({
        data: {
          name: data.name,
          slug,
          currency,
          country: data.country,
          timeZone: data.timeZone ?? defaultTimeZone(data.country),
          locale: data.locale,
          wallet: { create: { currency } },
        },
      });
      const owner = await tx.user.create({
        data: { email: data.owner.email, name: data.owner.name, passwordHash, locale: data.locale },
      });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: owner.id, role: "OWNER" } });
      return { workspace, owner };
    });
  } catch (error) {
    // Two sign-ups racing for the same e-mail or slug: the unique index decided; ask which.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      if (await db.user.findUnique({ where: { email: data.owner.email }, select: { id: true } })) {
        throw new AppError("email_taken", "An account with this e-mail already exists", "email");
      }
      throw new AppError("slug_taken", "That workspace address is taken", "slug");
    }
    throw error;
  }
}

async function freeSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.workspace.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((w) => w.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Adds an existing user to a workspace (seed, CLI and, later, invitations). */
export async function addMember(workspaceId: string, userId: string, role: MemberRole) {
  return db.membership.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId, role },
    update: { role },
  });
}
