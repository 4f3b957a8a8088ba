import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { PlatformRole } from "@/lib/generated/prisma/enums";
import { userFields } from "@/lib/workspaces/schema";

export const PLATFORM_ROLES = Object.values(PlatformRole) as [PlatformRole, ...PlatformRole[]];

// Messages are translation keys (errors.*), like the workspace schemas.
export const createStaffSchema = z.object({
  email: userFields.email,
  password: userFields.password,
  /** Defaults to the part of the e-mail before the @. */
  name: userFields.name.optional(),
  role: z.enum(PLATFORM_ROLES, { message: "role_unknown" }).default("SUPPORT"),
});

export type CreateStaffInput = z.input<typeof createStaffSchema>;

/**
 * Creates a platform staff user (SUPPORT or ADMIN). Staff belong to no workspace: they see one
 * only by impersonating it from the support console.
 */
export async function createStaffUser(input: CreateStaffInput) {
  const data = createStaffSchema.parse(input);
  if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw new AppError("email_taken", "An account with this e-mail already exists", "email");
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.user.create({
      data: {
        email: data.email,
        name: data.name ?? data.email.split("@")[0],
        passwordHash,
        platformRole: data.role,
      },
    });
  } catch (error) {
    // Another request took the address between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("email_taken", "An account with this e-mail already exists", "email");
    }
    throw error;
  }
}
