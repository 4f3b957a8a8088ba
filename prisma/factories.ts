// Builders for the data every environment needs: the demo seed, integration tests and e2e
// fixtures all create workspaces and users through these, on top of the same domain functions
// the app uses (lib/workspaces/create.ts, lib/auth/staff.ts), so test data obeys the app's rules.
//
//   create*  always creates; defaults are unique per call (tests).
//   ensure*  find-or-create by e-mail / slug and never changes what it finds (the seed).
import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { createStaffUser } from "@/lib/auth/staff";
import { db } from "@/lib/db";
import type { MemberRole, PlatformRole } from "@/lib/generated/prisma/enums";
import type { Membership, User, Workspace } from "@/lib/generated/prisma/client";
import { addMember, createWorkspace } from "@/lib/workspaces/create";
import { currencyForCountry, type Currency } from "@/lib/workspaces/countries";
import { userFields } from "@/lib/workspaces/schema";

/** Good enough for tests; never used outside them and the demo seed. */
export const FACTORY_PASSWORD = "factory-password-2026";

export type UserSpec = { email: string; name: string; password?: string; locale?: string | null };

export type WorkspaceSpec = {
  name: string;
  /** Derived from the name when absent (and made unique). */
  slug?: string;
  country: string;
  /** The country's main zone when absent. */
  timeZone?: string;
  locale: "en" | "es";
  owner: UserSpec;
  billingAdmin?: UserSpec;
  member?: UserSpec;
};

export type WorkspaceWithPeople = {
  workspace: Workspace;
  owner: User;
  billingAdmin?: User;
  member?: User;
  /** False when `ensureWorkspace` found the workspace already there. */
  created: boolean;
};

// scrypt costs ~100 ms by design; a seed or test file creating many users with the same
// password hashes it once. (Every user still gets a hash that verifies; only the salt is shared.)
const hashes = new Map<string, Promise<string>>();
function passwordHashFor(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(userFields.password.parse(password));
    hashes.set(password, hash);
  }
  return hash;
}

function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** Creates a user who belongs to nothing yet. Fails if the e-mail is taken. */
export async function createUser(spec: Partial<UserSpec> & { platformRole?: PlatformRole } = {}): Promise<User> {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: userFields.email.parse(spec.email ?? `user-${suffix}@factory.example`),
      name: spec.name ?? `User ${suffix}`,
      passwordHash: await passwordHashFor(spec.password ?? FACTORY_PASSWORD),
      locale: spec.locale ?? null,
      platformRole: spec.platformRole ?? null,
    },
  });
}

/** The user with this e-mail, created if missing; an existing user is returned unchanged. */
export async function ensureUser(spec: UserSpec & { platformRole?: PlatformRole }): Promise<{ user: User; created: boolean }> {
  const email = userFields.email.parse(spec.email);
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return { user: existing, created: false };
  return { user: await createUser({ ...spec, email }), created: true };
}

/**
 * Creates a workspace (with its wallet) and its owner through `createWorkspace`, plus a billing
 * admin and a member when asked. Every default is unique, so tests can call it freely.
 */
export async function createWorkspaceWithPeople(
  overrides: Partial<Omit<WorkspaceSpec, "owner" | "billingAdmin" | "member">> & {
    currency?: Currency;
    owner?: Partial<UserSpec>;
    billingAdmin?: Partial<UserSpec> | false;
    member?: Partial<UserSpec> | false;
  } = {},
): Promise<WorkspaceWithPeople> {
  const suffix = uniqueSuffix();
  const country = overrides.country ?? (overrides.currency === "INR" ? "IN" : "US");
  if (overrides.currency && currencyForCountry(country) !== overrides.currency) {
    throw new Error(`A workspace in ${country} pays in ${currencyForCountry(country)}, not ${overrides.currency}`);
  }
  const locale = overrides.locale ?? "en";
  const person = (role: string, spec: Partial<UserSpec> = {}): UserSpec => ({
    email: `${role}-${suffix}@factory.example`,
    name: `${role[0].toUpperCase()}${role.slice(1)} ${suffix}`,
    locale,
    ...spec,
  });
  return buildWorkspace(
    {
      name: overrides.name ?? `Workspace ${suffix}`,
      slug: overrides.slug,
      country,
      timeZone: overrides.timeZone,
      locale,
      owner: person("owner", overrides.owner),
      billingAdmin: overrides.billingAdmin === false ? undefined : person("billing", overrides.billingAdmin),
      member: overrides.member === false ? undefined : person("member", overrides.member),
    },
    false,
  );
}

/**
 * The workspace with `spec.slug`, created with its people if missing. When it exists, missing
 * people are added but nothing that exists is changed, so running it again changes nothing.
 */
export async function ensureWorkspace(spec: WorkspaceSpec & { slug: string }): Promise<WorkspaceWithPeople> {
  return buildWorkspace(spec, true);
}

async function buildWorkspace(spec: WorkspaceSpec, findExisting: boolean): Promise<WorkspaceWithPeople> {
  const ownerPassword = spec.owner.password ?? FACTORY_PASSWORD;
  let workspace = findExisting && spec.slug ? await db.workspace.findUnique({ where: { slug: spec.slug } }) : null;
  let owner: User;
  const created = !workspace;
  if (!workspace) {
    if (findExisting && (await db.user.findUnique({ where: { email: userFields.email.parse(spec.owner.email) } }))) {
      throw new Error(
        `${spec.owner.email} already exists but workspace "${spec.slug}" does not; ` +
          "remove that user (or reset the database) and run again",
      );
    }
    const result = await createWorkspace({
      name: spec.name,
      slug: spec.slug,
      country: spec.country,
      timeZone: spec.timeZone,
      locale: spec.locale,
      owner: { email: spec.owner.email, name: spec.owner.name, password: ownerPassword },
    });
    workspace = result.workspace;
    owner = result.owner;
  } else {
    owner = await ensureMember(workspace, spec.owner, "OWNER", ownerPassword);
  }

  const result: WorkspaceWithPeople = { workspace, owner, created };
  if (spec.billingAdmin) result.billingAdmin = await ensureMember(workspace, spec.billingAdmin, "BILLING_ADMIN");
  if (spec.member) result.member = await ensureMember(workspace, spec.member, "MEMBER");
  return result;
}

/** Finds or creates the user and gives them `role` in the workspace unless they already have a membership. */
async function ensureMember(workspace: Workspace, spec: UserSpec, role: MemberRole, password = spec.password): Promise<User> {
  const { user } = await ensureUser({ ...spec, password, locale: spec.locale ?? workspace.locale });
  const membership = await findMembership(workspace.id, user.id);
  if (!membership) await addMember(workspace.id, user.id, role);
  return user;
}

function findMembership(workspaceId: string, userId: string): Promise<Membership | null> {
  return db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
}

/** Creates a platform staff user through the same function as `saldo-admin staff:create`. */
export async function createStaff(
  spec: { email?: string; name?: string; password?: string; role?: PlatformRole } = {},
): Promise<User> {
  return createStaffUser({
    email: spec.email ?? `staff-${uniqueSuffix()}@factory.example`,
    name: spec.name,
    password: spec.password ?? FACTORY_PASSWORD,
    role: spec.role ?? "SUPPORT",
  });
}

/** The staff user with this e-mail, created if missing; an existing user is returned unchanged. */
export async function ensureStaff(spec: {
  email: string;
  name: string;
  password: string;
  role: PlatformRole;
}): Promise<{ user: User; created: boolean }> {
  return ensureUser({ ...spec, locale: null, platformRole: spec.role });
}
