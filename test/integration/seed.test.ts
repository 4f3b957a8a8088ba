import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCredentials } from "@/lib/auth/login";
import { db } from "@/lib/db";
import { DEMO_APP_URL, DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACES, demoLoginTable, seedDemo } from "@/prisma/seed";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every row the seed writes, in a stable order, for before/after comparisons. */
async function snapshot() {
  const [workspaces, users, memberships, wallets] = await Promise.all([
    db.workspace.findMany({ orderBy: { slug: "asc" } }),
    db.user.findMany({ orderBy: { email: "asc" } }),
    db.membership.findMany({ orderBy: [{ workspaceId: "asc" }, { userId: "asc" }] }),
    db.wallet.findMany({ orderBy: { workspaceId: "asc" } }),
  ]);
  return { workspaces, users, memberships, wallets };
}

function runSeedScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "prisma/seed.ts")],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the demo seed", () => {
  it("refuses to run in production, before touching anything", async () => {
    vi.stubEnv("NODE_ENV", "production");
    await expect(seedDemo()).rejects.toThrow(/Refusing to seed demo data: NODE_ENV is "production"/);
    vi.unstubAllEnvs();
    expect(await db.user.count()).toBe(0);

    const run = await runSeedScript({ NODE_ENV: "production" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/Refusing to seed demo data/);
    expect(await db.user.count()).toBe(0);
  });

  it("creates three workspaces with an owner, a billing admin and a member each, and a support user", async () => {
    const first = await seedDemo();
    expect(first.usersCreated).toBe(Object.keys(DEMO_USERS).length);
    expect(first.workspaces.map((workspace) => [workspace.slug, workspace.currency, workspace.created])).toEqual([
      ["acme", "USD", true],
      ["tienda-sol", "USD", true],
      ["mumbai-traders", "INR", true],
    ]);

    const workspaces = await db.workspace.findMany({
      include: { wallet: true, memberships: { include: { user: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(workspaces.map((w) => [w.name, w.slug, w.currency, w.country, w.timeZone, w.locale])).toEqual([
      ["Acme Inc", "acme", "USD", "US", "America/New_York", "en"],
      ["Tienda Sol", "tienda-sol", "USD", "MX", "America/Mexico_City", "es"],
      ["Mumbai Traders", "mumbai-traders", "INR", "IN", "Asia/Kolkata", "en"],
    ]);
    for (const workspace of workspaces) {
      expect(workspace.wallet?.currency).toBe(workspace.currency);
      expect(workspace.memberships.map((m) => m.role).sort()).toEqual(["BILLING_ADMIN", "MEMBER", "OWNER"]);
      for (const { user } of workspace.memberships) expect(user.locale).toBe(workspace.locale);
    }
    const tienda = workspaces[1].memberships.map((m) => m.user.email).sort();
    expect(tienda).toEqual([DEMO_USERS.tiendaBilling.email, DEMO_USERS.tiendaMember.email, DEMO_USERS.tiendaOwner.email].sort());

    const support = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.support.email }, include: { memberships: true } });
    expect(support.platformRole).toBe("SUPPORT");
    expect(support.memberships).toEqual([]);
  });

  it("gives each demo wallet a month of activity through the real ledger, balance = sum of entries", async () => {
    const { checkLedgerInvariant } = await import("@/lib/ledger/balances");
    for (const spec of Object.values(DEMO_WORKSPACES)) {
      const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: spec.slug }, include: { wallet: true } });
      expect(await db.usageEvent.count({ where: { workspaceId: workspace.id } })).toBe(spec.activity.events);
      expect(workspace.wallet!.paidBalance).toBeGreaterThan(0n);
      expect(workspace.wallet!.paidBalance).toBeLessThan(spec.activity.openingBalance);
      expect(workspace.whatsappCallingEnabled).toBe(spec.activity.whatsappCalling);
      expect((await checkLedgerInvariant(workspace.id)).ok).toBe(true);
      // This week's summary is in the outbox unless it is Monday before 09:00 there.
      const local = new Intl.DateTimeFormat("en-US", { timeZone: workspace.timeZone, weekday: "short", hour: "numeric", hourCycle: "h23" }).formatToParts(new Date());
      const beforeSummaryTime = local.find((part) => part.type === "weekday")!.value === "Mon" && Number(local.find((part) => part.type === "hour")!.value) < 9;
      expect(await db.mailMessage.count({ where: { workspaceId: workspace.id, kind: "weekly_summary" } })).toBe(beforeSummaryTime ? 0 : 1);
    }
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    const again = await seedDemo();
    expect(again.usersCreated).toBe(0);
    expect(again.workspaces.every((workspace) => !workspace.created)).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(before.workspaces).toHaveLength(3);
    expect(before.users).toHaveLength(11);
    expect(before.memberships).toHaveLength(9);
    expect(before.wallets).toHaveLength(3);
  });

  it("adds only what is missing (a demo member removed by hand comes back; nothing else moves)", async () => {
    const acme = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACES.acme.slug } });
    await db.user.delete({ where: { email: DEMO_USERS.acmeMember.email } });
    const before = await snapshot();
    const result = await seedDemo();
    expect(result.usersCreated).toBe(1);
    const after = await snapshot();
    expect(after.workspaces).toEqual(before.workspaces);
    expect(after.users.filter((user) => user.email !== DEMO_USERS.acmeMember.email)).toEqual(before.users);
    const member = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.acmeMember.email }, include: { memberships: true } });
    expect(member.memberships).toMatchObject([{ workspaceId: acme.id, role: "MEMBER" }]);
  });

  it("lets every demo user sign in with the demo password", async () => {
    for (const demo of Object.values(DEMO_USERS)) {
      const result = await checkCredentials(demo.email, DEMO_PASSWORD);
      expect(result.ok, demo.email).toBe(true);
    }
    expect(await checkCredentials(DEMO_USERS.acmeOwner.email, "wrong-password")).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("prints how to sign in when run as a script, and is re-runnable that way too", async () => {
    const before = await snapshot();
    const run = await runSeedScript({ NODE_ENV: "development" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(demoLoginTable());
    for (const demo of Object.values(DEMO_USERS)) expect(run.stdout).toContain(demo.email);
    expect(run.stdout).toContain(DEMO_PASSWORD);
    expect(run.stdout).toContain(`Open ${DEMO_APP_URL}`);
    expect(run.stderr).toContain("no changes");
    expect(await snapshot()).toEqual(before);
  });
});

describe("the demo credentials", () => {
  it("use a password the sign-up rules accept, and one workspace per currency/locale case", () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
    expect(Object.values(DEMO_WORKSPACES).map((w) => `${w.currency}/${w.locale}`).sort()).toEqual(["INR/en", "USD/en", "USD/es"]);
  });
});
