// npm run db:seed — demo data for local development and the e2e tests: three workspaces (USD
// in English, USD in Spanish, INR), each with an owner, a billing admin and a member, plus a
// support staff user. Re-runnable: what exists is left as it is. Refuses to run in production.
//
// This module's top level only declares constants, so e2e specs can import DEMO_USERS and
// DEMO_PASSWORD without loading Prisma; the database code is imported when seeding.
import { pathToFileURL } from "node:url";

/** Every demo user signs in with this password. Public by design: never seed it in production. */
export const DEMO_PASSWORD = "saldo-demo-2026";
export const DEMO_APP_URL = (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");

export const DEMO_WORKSPACES = {
  acme: {
    name: "Acme Inc",
    slug: "acme",
    country: "US",
    currency: "USD",
    locale: "en",
    activity: { openingBalance: 60_000_000n, whatsappCalling: false, whatsappApi: true, events: 180 },
  },
  tiendaSol: {
    name: "Tienda Sol",
    slug: "tienda-sol",
    country: "MX",
    currency: "USD",
    locale: "es",
    activity: { openingBalance: 25_000_000n, whatsappCalling: true, whatsappApi: true, events: 90 },
  },
  mumbaiTraders: {
    name: "Mumbai Traders",
    slug: "mumbai-traders",
    country: "IN",
    currency: "INR",
    locale: "en",
    activity: { openingBalance: 2_500_000_000n, whatsappCalling: false, whatsappApi: false, events: 120 },
  },
} as const;

export type DemoWorkspaceKey = keyof typeof DEMO_WORKSPACES;
type WorkspaceRole = "OWNER" | "BILLING_ADMIN" | "MEMBER";
type DemoUser =
  | { email: string; name: string; locale: "en" | "es"; workspace: DemoWorkspaceKey; role: WorkspaceRole }
  | { email: string; name: string; locale: null; workspace: null; role: "SUPPORT" | "ADMIN" };

export const DEMO_USERS = {
  acmeOwner: { email: "owner@acme.example", name: "Olivia Owens", locale: "en", workspace: "acme", role: "OWNER" },
  acmeBilling: { email: "billing@acme.example", name: "Ben Billing", locale: "en", workspace: "acme", role: "BILLING_ADMIN" },
  acmeMember: { email: "member@acme.example", name: "Mia Member", locale: "en", workspace: "acme", role: "MEMBER" },
  tiendaOwner: { email: "duena@tiendasol.example", name: "Sofía Duarte", locale: "es", workspace: "tiendaSol", role: "OWNER" },
  tiendaBilling: { email: "facturacion@tiendasol.example", name: "Fernando Cobos", locale: "es", workspace: "tiendaSol", role: "BILLING_ADMIN" },
  tiendaMember: { email: "equipo@tiendasol.example", name: "Marta Equipo", locale: "es", workspace: "tiendaSol", role: "MEMBER" },
  mumbaiOwner: { email: "owner@mumbaitraders.example", name: "Priya Shah", locale: "en", workspace: "mumbaiTraders", role: "OWNER" },
  mumbaiBilling: { email: "billing@mumbaitraders.example", name: "Arjun Mehta", locale: "en", workspace: "mumbaiTraders", role: "BILLING_ADMIN" },
  mumbaiMember: { email: "member@mumbaitraders.example", name: "Kavya Iyer", locale: "en", workspace: "mumbaiTraders", role: "MEMBER" },
  support: { email: "support@saldo.example", name: "Sam Support", locale: null, workspace: null, role: "SUPPORT" },
  admin: { email: "admin@saldo.example", name: "Ada Admin", locale: null, workspace: null, role: "ADMIN" },
} as const satisfies Record<string, DemoUser>;

export type DemoUserKey = keyof typeof DEMO_USERS;

export type SeedSummary = {
  workspaces: { slug: string; id: string; currency: string; created: boolean }[];
  usersCreated: number;
};

export function refuseInProduction() {
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      `Refusing to seed demo data: NODE_ENV is "production". The demo users share a published password (${DEMO_PASSWORD}).`,
    );
  }
}

/** Creates whatever demo data is missing; running it again changes nothing. */
export async function seedDemo(): Promise<SeedSummary> {
  refuseInProduction();
  const { ensureStaff, ensureWorkspace } = await import("./factories");
  const { seedDemoActivity } = await import("./demo-activity");
  const { db } = await import("@/lib/db");
  const users = Object.values(DEMO_USERS) as DemoUser[];
  const emails = users.map((user) => user.email);
  const usersBefore = await db.user.count({ where: { email: { in: emails } } });
  const workspaces: SeedSummary["workspaces"] = [];

  for (const [key, spec] of Object.entries(DEMO_WORKSPACES) as [DemoWorkspaceKey, (typeof DEMO_WORKSPACES)[DemoWorkspaceKey]][]) {
    const person = (role: WorkspaceRole) => {
      const user = users.find((candidate) => candidate.workspace === key && candidate.role === role)!;
      return { email: user.email, name: user.name, password: DEMO_PASSWORD, locale: user.locale };
    };
    const result = await ensureWorkspace({
      name: spec.name,
      slug: spec.slug,
      country: spec.country,
      locale: spec.locale,
      owner: person("OWNER"),
      billingAdmin: person("BILLING_ADMIN"),
      member: person("MEMBER"),
    });
    if (result.workspace.currency !== spec.currency) {
      throw new Error(`Demo workspace ${spec.slug} has currency ${result.workspace.currency}, expected ${spec.currency}`);
    }
    if (result.created) await seedDemoActivity(result.workspace.id, { slug: spec.slug, ...spec.activity });
    workspaces.push({ slug: spec.slug, id: result.workspace.id, currency: result.workspace.currency, created: result.created });
  }

  for (const staff of users.filter((user) => user.workspace === null)) {
    await ensureStaff({ email: staff.email, name: staff.name, password: DEMO_PASSWORD, role: staff.role });
  }
  // This week's summaries, now rather than at the dev server's next hourly run, so the outbox
  // shows one from the start (nothing when it is Monday before 09:00 in a workspace's zone).
  const [{ sendDueWeeklySummaries }, { stopBoss }] = await Promise.all([import("@/lib/mail/weekly-summary"), import("@/lib/jobs/boss")]);
  await sendDueWeeklySummaries().finally(stopBoss);

  const usersAfter = await db.user.count({ where: { email: { in: emails } } });
  return { workspaces, usersCreated: usersAfter - usersBefore };
}

const ROLE_LABELS = {
  OWNER: "Owner",
  BILLING_ADMIN: "Billing admin",
  MEMBER: "Member",
  SUPPORT: "Support staff",
  ADMIN: "Platform admin",
} as const;

/** The sign-in table printed at the end of the seed. */
export function demoLoginTable(baseUrl = DEMO_APP_URL): string {
  const rows = (Object.values(DEMO_USERS) as DemoUser[]).map((user) => [
    user.email,
    DEMO_PASSWORD,
    ROLE_LABELS[user.role],
    user.workspace ? describeWorkspace(DEMO_WORKSPACES[user.workspace]) : "none (platform staff)",
    `${baseUrl}/login`,
  ]);
  const header = ["E-MAIL", "PASSWORD", "ROLE", "WORKSPACE", "OPEN"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), line(widths.map((width) => "─".repeat(width))), ...rows.map(line)].join("\n");
}

function describeWorkspace(workspace: (typeof DEMO_WORKSPACES)[DemoWorkspaceKey]): string {
  return `${workspace.name} (${workspace.currency}, ${workspace.locale === "es" ? "Español" : "English"})`;
}

async function main() {
  try {
    refuseInProduction();
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
  const { connectDatabase } = await import("../scripts/lib/database");
  const { log } = await import("../scripts/lib/log");
  const { migrate } = await import("../scripts/lib/migrate");
  const database = await connectDatabase();
  let failed = false;
  try {
    process.env.DATABASE_URL = database.url;
    const applied = await migrate(database.url, (name) => log(`Applying migration ${name}`));
    if (applied.length) log(`Applied ${applied.length} migration(s)`);
    log("Seeding demo data");
    const summary = await seedDemo();
    for (const workspace of summary.workspaces) {
      log(`  ${workspace.slug} (${workspace.currency}): ${workspace.created ? "created" : "already there"}`);
    }
    const changed = summary.usersCreated > 0 || summary.workspaces.some((workspace) => workspace.created);
    log(changed ? `  ${summary.usersCreated} user(s) created` : "  no changes: the demo data was already there");
    console.log(`\nDemo data ready. Open ${DEMO_APP_URL} and sign in as any of these:\n`);
    console.log(demoLoginTable());
    console.log("");
  } catch (error) {
    failed = true;
    console.error(`✖ Seeding failed: ${(error as Error).message}`);
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    await database.stop();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
