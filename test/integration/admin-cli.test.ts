// The admin CLI as operators run it: `node scripts/admin-bin.mjs …` in a child process, against
// this file's own database (DATABASE_URL), checking exit status, stdout and stderr exactly.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/login";
import { db } from "@/lib/db";
import { confirmTestCard, startCardSetup } from "@/lib/payments/cards";
import { startTopUp } from "@/lib/payments/top-ups";
import { createWorkspaceWithPeople } from "@/prisma/factories";
import { runProcess, type ProcessRun } from "@/test/helpers/scripts";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const BIN = path.resolve(import.meta.dirname, "../../scripts/admin-bin.mjs");
// For payments:reconcile: the CLI's child process inherits STRIPE_EMULATOR_URL.
const stripe = startStripeEmulatorForTests();
const PASSWORD = "correct horse battery";

function admin(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(process.execPath, [BIN, ...args], env);
}

async function counts() {
  const [workspaces, users, memberships, wallets] = await Promise.all([
    db.workspace.count(),
    db.user.count(),
    db.membership.count(),
    db.wallet.count(),
  ]);
  return { workspaces, users, memberships, wallets };
}

/** A failure: non-zero exit, nothing on stdout, exactly one `error:` line on stderr, no rows written. */
async function expectFailure(args: string[], message: RegExp, exitCode = 2) {
  const before = await counts();
  const run = await admin(args);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(exitCode);
  expect(await counts()).toEqual(before);
  return run;
}

describe("saldo-admin workspace:create", () => {
  it("creates a USD workspace with its wallet and owner; --json prints exactly one line of JSON", async () => {
    const run = await admin([
      "workspace:create", "--name", "Acme Inc", "--currency", "USD",
      "--owner-email", "Ana@Acme.example", "--owner-password", PASSWORD, "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[^\n]+\n$/);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output).sort()).toEqual(["slug", "workspaceId"]);
    expect(output.slug).toBe("acme-inc");

    const workspace = await db.workspace.findUniqueOrThrow({
      where: { id: output.workspaceId },
      include: { wallet: true, memberships: { include: { user: true } } },
    });
    expect(workspace).toMatchObject({ name: "Acme Inc", slug: "acme-inc", currency: "USD", country: "US", timeZone: "America/New_York", locale: "en" });
    expect(workspace.wallet).toMatchObject({ currency: "USD", paidBalance: 0n, trialBalance: 0n });
    expect(workspace.memberships).toHaveLength(1);
    expect(workspace.memberships[0]).toMatchObject({ role: "OWNER", user: { email: "ana@acme.example", name: "ana", platformRole: null } });
    expect((await checkCredentials("ana@acme.example", PASSWORD)).ok).toBe(true);
  });

  it("creates an INR workspace (India) with the optional flags, and says so in one line without --json", async () => {
    const run = await admin([
      "workspace:create", "--name", "Mumbai Traders", "--currency", "INR", "--owner-email", "priya@mumbai.example",
      "--owner-password", PASSWORD, "--owner-name", "Priya Shah", "--locale", "es", "--slug", "mumbai-hq",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created workspace "Mumbai Traders" \(mumbai-hq, INR, IN, Asia\/Kolkata, es\) owned by priya@mumbai\.example\. Workspace id: [0-9a-f-]{36}\n$/);
    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: "mumbai-hq" }, include: { wallet: true } });
    expect(workspace).toMatchObject({ currency: "INR", country: "IN", timeZone: "Asia/Kolkata", locale: "es" });
    expect(workspace.wallet?.currency).toBe("INR");
    expect(await db.user.findUniqueOrThrow({ where: { email: "priya@mumbai.example" } })).toMatchObject({ name: "Priya Shah", locale: "es" });
  });

  it("accepts another country paying in USD, with its own time zone", async () => {
    const run = await admin([
      "workspace:create", "--name", "Tienda Sol", "--currency", "USD", "--country", "mx", "--time-zone", "America/Mexico_City",
      "--owner-email", "sofia@tiendasol.example", "--owner-password", PASSWORD, "--locale", "es", "--json",
    ]);
    expect(run.code).toBe(0);
    const { workspaceId } = JSON.parse(run.stdout);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toMatchObject({ country: "MX", currency: "USD", timeZone: "America/Mexico_City" });
  });

  it("gives a workspace its country's main time zone, unless --time-zone (validated, spelled as IANA does) says otherwise", async () => {
    const create = async (email: string, ...flags: string[]) => {
      const run = await admin([
        "workspace:create", "--name", "Zona", "--currency", "USD", "--owner-email", email, "--owner-password", PASSWORD, "--json", ...flags,
      ]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      return db.workspace.findUniqueOrThrow({ where: { id: JSON.parse(run.stdout).workspaceId } });
    };
    expect(await create("es@zona.example", "--country", "ES")).toMatchObject({ country: "ES", timeZone: "Europe/Madrid" });
    expect(await create("br@zona.example", "--country", "br")).toMatchObject({ country: "BR", timeZone: "America/Sao_Paulo" });
    expect(await create("fr@zona.example", "--country", "FR")).toMatchObject({ timeZone: "Europe/Paris" });
    expect(await create("ca@zona.example", "--country", "ES", "--time-zone", "Atlantic/Canary")).toMatchObject({ timeZone: "Atlantic/Canary" });
    expect(await create("lc@zona.example", "--country", "ES", "--time-zone", "europe/madrid")).toMatchObject({ timeZone: "Europe/Madrid" });
    // A UTC offset is not an IANA zone: PostgreSQL would read "+01:00" as one hour west.
    await expectFailure(
      ["workspace:create", "--name", "Zona", "--currency", "USD", "--country", "ES", "--time-zone", "+01:00", "--owner-email", "o@zona.example", "--owner-password", PASSWORD],
      /--time-zone must be an IANA time zone/,
    );
  });

  it("refuses a missing flag", async () => {
    await expectFailure(
      ["workspace:create", "--name", "Half", "--currency", "USD", "--owner-email", "half@x.example", "--json"],
      /missing --owner-password/,
    );
  });

  it("refuses a currency other than USD or INR", async () => {
    await expectFailure(
      ["workspace:create", "--name", "Euro", "--currency", "EUR", "--owner-email", "euro@x.example", "--owner-password", PASSWORD],
      /--currency must be USD or INR \(got "EUR"\)/,
    );
  });

  it("refuses a country whose currency is not the one asked for", async () => {
    await expectFailure(
      ["workspace:create", "--name", "Wrong", "--currency", "USD", "--country", "IN", "--owner-email", "w@x.example", "--owner-password", PASSWORD],
      /--country: IN pays in INR, not USD/,
    );
  });

  it("names every invalid flag, and never echoes the password", async () => {
    const run = await expectFailure(
      ["workspace:create", "--name", "A", "--currency", "USD", "--owner-email", "nope", "--owner-password", "short-pw", "--time-zone", "Mars/Base"],
      /--name must be at least 2 characters.*--owner-email must be a valid e-mail address.*--owner-password must be at least 10 characters.*--time-zone must be an IANA time zone/,
    );
    expect(run.stderr).not.toContain("short-pw");
  });

  it("refuses an e-mail that already has an account, and writes nothing", async () => {
    await expectFailure(
      ["workspace:create", "--name", "Acme Again", "--currency", "USD", "--owner-email", "ANA@acme.example", "--owner-password", PASSWORD, "--json"],
      /--owner-email: ana@acme\.example already has an account/,
      1,
    );
  });

  it("refuses a slug that is taken or reserved", async () => {
    await expectFailure(
      ["workspace:create", "--name", "Other", "--currency", "USD", "--slug", "acme-inc", "--owner-email", "other@x.example", "--owner-password", PASSWORD],
      /--slug: "acme-inc" is taken/,
      1,
    );
    await expectFailure(
      ["workspace:create", "--name", "Other", "--currency", "USD", "--slug", "admin", "--owner-email", "other@x.example", "--owner-password", PASSWORD],
      /--slug: "admin" is taken or reserved/,
      1,
    );
  });

  it("refuses unknown flags and stray arguments", async () => {
    await expectFailure(["workspace:create", "--name", "X Co", "--colour", "red"], /unknown flag --colour for workspace:create/);
    await expectFailure(["workspace:create", "--name", "X", "Co"], /unexpected argument "Co"/);
  });
});

describe("saldo-admin staff:create", () => {
  it("creates a SUPPORT user by default, who belongs to no workspace", async () => {
    const run = await admin(["staff:create", "--email", "Sam@Saldo.example", "--password", PASSWORD, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toEqual({ userId: expect.any(String), email: "sam@saldo.example", role: "SUPPORT" });
    const user = await db.user.findUniqueOrThrow({ where: { id: output.userId }, include: { memberships: true } });
    expect(user).toMatchObject({ email: "sam@saldo.example", name: "sam", platformRole: "SUPPORT", memberships: [] });
    const login = await checkCredentials("sam@saldo.example", PASSWORD);
    expect(login.ok && login.user.platformRole).toBe("SUPPORT");
  });

  it("creates an ADMIN with --role (any case)", async () => {
    const run = await admin(["staff:create", "--email", "root@saldo.example", "--password", PASSWORD, "--role", "admin", "--name", "Rita Root"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created ADMIN staff user root@saldo\.example \(Rita Root\)\. User id: [0-9a-f-]{36}\n$/);
    expect(await db.user.findUniqueOrThrow({ where: { email: "root@saldo.example" } })).toMatchObject({ platformRole: "ADMIN" });
  });

  it("refuses an unknown role and a taken e-mail", async () => {
    await expectFailure(["staff:create", "--email", "x@saldo.example", "--password", PASSWORD, "--role", "OWNER"], /--role must be SUPPORT or ADMIN/);
    await expectFailure(["staff:create", "--email", "sam@saldo.example", "--password", PASSWORD], /--email: sam@saldo\.example already has an account/, 1);
  });
});

describe("saldo-admin member:add", () => {
  it("adds an existing account at once, invites a new address, refuses a member twice and a bad role", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const existing = await db.user.create({ data: { email: "joiner@example.com", name: "Joiner", passwordHash: "x" } });
    const added = await admin(["member:add", "--workspace", workspace.slug, "--email", "Joiner@Example.com", "--role", "billing_admin", "--json"]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({ status: "added", membershipId: expect.any(String), workspaceId: workspace.id, email: "joiner@example.com", role: "BILLING_ADMIN" });
    expect(await db.membership.findFirst({ where: { workspaceId: workspace.id, userId: existing.id } })).toMatchObject({ role: "BILLING_ADMIN" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "member.added" } });
    expect(audit).toMatchObject({ actorType: "operator", actorEmail: expect.stringMatching(/^saldo-admin:/) });

    const invited = await admin(["member:add", "--workspace", workspace.id, "--email", "brand-new@example.com", "--role", "MEMBER"]);
    expect(invited.code).toBe(0);
    expect(invited.stdout).toMatch(/^brand-new@example\.com has no account yet: invited to .+ as MEMBER .+ Link: http\S+\/invite\/[A-Za-z0-9_-]{43}\n$/);
    expect(await db.mailMessage.count({ where: { workspaceId: workspace.id, kind: "invitation", to: "brand-new@example.com" } })).toBe(1);
    expect(await db.user.count({ where: { email: "brand-new@example.com" } })).toBe(0);

    await expectFailure(["member:add", "--workspace", workspace.slug, "--email", "joiner@example.com", "--role", "MEMBER"], /--email: joiner@example\.com is already a member/, 1);
    await expectFailure(["member:add", "--workspace", workspace.slug, "--email", "x@example.com", "--role", "ADMIN"], /--role must be OWNER, BILLING_ADMIN or MEMBER/);
    await expectFailure(["member:add", "--workspace", "nope", "--email", "x@example.com", "--role", "MEMBER"], /--workspace: no workspace/, 1);
  });
});

describe("saldo-admin help and usage errors", () => {
  it("prints the command list with --help and exits 0", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const run = await admin(args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain("workspace:create");
      expect(run.stdout).toContain("staff:create");
    }
  });

  it("prints a command's flags with <command> --help, even with other flags around it", async () => {
    const run = await admin(["workspace:create", "--name", "x", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const flag of ["--name", "--currency", "--owner-email", "--owner-password", "--country", "--time-zone", "--locale", "--owner-name", "--slug", "--json"]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it("refuses an unknown command, or none", async () => {
    await expectFailure(["workspace:delete", "--json"], /^error: unknown command "workspace:delete"; commands: workspace:create, staff:create/);
    await expectFailure([], /no command given/);
    await expectFailure(["--json", "staff:create"], /the command comes first/);
  });

  it("reports an unreachable database in one line", async () => {
    const run = await admin(
      ["staff:create", "--email", "nobody@saldo.example", "--password", PASSWORD, "--json"],
      { DATABASE_URL: "postgresql://saldo:saldo@127.0.0.1:9/nowhere" },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: cannot use the database: [^\n]+ \(check DATABASE_URL\)\n$/);
  });
});

describe("saldo-admin apikey:create, credit:grant, prices:list", () => {
  async function workspace() {
    const run = await admin([
      "workspace:create", "--name", "Ledger Co", "--currency", "USD",
      "--owner-email", `o-${Math.random().toString(36).slice(2)}@x.example`, "--owner-password", PASSWORD, "--json",
    ]);
    return JSON.parse(run.stdout) as { workspaceId: string; slug: string };
  }

  it("apikey:create prints a key that authenticates, and stores only its hash", async () => {
    const { slug, workspaceId } = await workspace();
    const run = await admin(["apikey:create", "--workspace", slug, "--name", "Platform", "--json"]);
    expect(run.code).toBe(0);
    const { key } = JSON.parse(run.stdout);
    expect(key).toMatch(/^sk_saldo_/);
    const { authenticateApiKey } = await import("@/lib/auth/api-keys");
    expect(await authenticateApiKey(`Bearer ${key}`)).toMatchObject({ workspaceId });
    const stored = await db.apiKey.findFirstOrThrow({ where: { workspaceId } });
    expect(JSON.stringify(stored)).not.toContain(key);
  });

  it("credit:grant posts an adjustment with its reason, by id or slug, negative allowed", async () => {
    const { slug, workspaceId } = await workspace();
    const grant = await admin(["credit:grant", "--workspace", workspaceId, "--amount", "12.50", "--reason", "Goodwill credit", "--json"]);
    expect(grant.code).toBe(0);
    expect(JSON.parse(grant.stdout)).toMatchObject({ amount: "12.500000", currency: "USD", paidBalance: "12.500000" });
    const debit = await admin(["credit:grant", "--workspace", slug, "--amount=-2.000001", "--reason", "Correction"]);
    expect(debit.code).toBe(0);
    expect(debit.stdout).toMatch(/Debited 2\.000001 USD from/);
    const entries = await db.ledgerEntry.findMany({ where: { workspaceId }, orderBy: { amount: "desc" } });
    expect(entries.map((e) => [e.kind, e.amount, e.description])).toEqual([
      ["ADJUSTMENT", 12_500_000n, "Goodwill credit"],
      ["ADJUSTMENT", -2_000_001n, "Correction"],
    ]);
    expect((await db.wallet.findUniqueOrThrow({ where: { workspaceId } })).paidBalance).toBe(10_499_999n);
    // The support console's audit row, with the operator as actor, written with each entry.
    const audit = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.action, row.actorType, row.reason, row.changes])).toEqual([
      ["credit.granted", "operator", "Goodwill credit", { amount: "12.500000", currency: "USD" }],
      ["credit.granted", "operator", "Correction", { amount: "-2.000001", currency: "USD" }],
    ]);
    expect(audit[0].actorEmail).toMatch(/^saldo-admin \(.+\)$/);
  });

  it("credit:grant refuses bad amounts, missing reasons and unknown workspaces, writing nothing", async () => {
    const { slug, workspaceId } = await workspace();
    for (const [args, message] of [
      [["--amount", "1.2345678", "--reason", "Too precise"], /--amount/],
      [["--amount", "0", "--reason", "Nothing"], /--amount/],
      [["--amount", "ten", "--reason", "Words"], /--amount/],
      [["--amount", "5"], /--reason/],
    ] as [string[], RegExp][]) {
      await expectFailure(["credit:grant", "--workspace", slug, ...args], message);
    }
    await expectFailure(["credit:grant", "--workspace", "no-such-workspace", "--amount", "5", "--reason", "Lost"], /no workspace/, 1);
    expect(await db.ledgerEntry.count({ where: { workspaceId } })).toBe(0);
  });

  it("usage:rollup rebuilds the rollups from the events, --json one line; a bad --from writes nothing", async () => {
    const { slug, workspaceId } = await workspace();
    const { ingestUsage } = await import("@/lib/usage/ingest");
    const sms = (id: string) => ({ externalId: id, channel: "sms" as const, direction: "outbound" as const, quantity: 2, durationSeconds: null, outcome: null, occurredAt: new Date(), source: null });
    await ingestUsage(workspaceId, [sms("a"), sms("b")], { type: "system" });
    await db.usageDailyRollup.deleteMany({ where: { workspaceId } });
    const run = await admin(["usage:rollup", "--workspace", slug, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ workspaceId, from: null, rowsDeleted: 0, rowsWritten: 1, events: 2 });
    expect(await db.usageDailyRollup.findMany({ where: { workspaceId } })).toMatchObject([{ channel: "sms", events: 2, quantity: 4n }]);
    const text = await admin(["usage:rollup", "--workspace", slug, "--from", "2026-01-01"]);
    expect(text.stdout).toMatch(/^Rebuilt .* from 2026-01-01 .*2 event\(s\) in 1 row\(s\), 1 row\(s\) replaced\.\n$/);
    await expectFailure(["usage:rollup", "--workspace", slug, "--from", "2026-02-30"], /--from must be a calendar day/);
  });

  it("prices:list shows every channel and direction of a currency", async () => {
    const run = await admin(["prices:list", "--currency", "inr", "--json"]);
    expect(run.code).toBe(0);
    const book = JSON.parse(run.stdout);
    expect(book).toMatchObject({ currency: "INR", callMinimumBalance: "500.000000", whatsappCallTrialCredit: "80.000000" });
    expect(book.prices).toHaveLength(12);
    const text = await admin(["prices:list", "--currency", "USD"]);
    expect(text.stdout).toMatch(/whatsapp_call\s+outbound\s+0\.100000 \/ minute \(60 s increments\)/);
    await expectFailure(["prices:list", "--currency", "EUR"], /--currency/);
  });
});

describe("saldo-admin payments:reconcile", () => {
  it("settles a top-up whose webhook never came, once, and says what it did", async () => {
    const { workspace, owner } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const { setupIntentId } = await startCardSetup(workspace.id);
    const saved = await confirmTestCard(workspace.id, setupIntentId, "pm_card_visa");
    if (saved.status !== "succeeded") throw new Error(JSON.stringify(saved));
    const { paymentId } = await stripe.withoutWebhooks(() =>
      startTopUp(workspace.id, { amount: 20_000_000n, cardId: saved.card.id, idempotencyKey: randomUUID(), userId: owner.id }),
    );
    await db.$executeRaw`UPDATE "Payment" SET "updatedAt" = now() - interval '1 hour' WHERE id = ${paymentId}::uuid`;

    const run = await admin(["payments:reconcile", "--workspace", workspace.slug, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[^\n]+\n$/);
    expect(JSON.parse(run.stdout)).toMatchObject({
      checked: 1,
      errors: 0,
      payments: [{ paymentId, workspaceId: workspace.id, kind: "TOP_UP", intentStatus: "succeeded", action: "settled", from: "PROCESSING", status: "SUCCEEDED" }],
    });
    expect(await db.ledgerEntry.findMany({ where: { workspaceId: workspace.id } })).toMatchObject([{ kind: "TOP_UP", amount: 20_000_000n, idempotencyKey: `payment:${paymentId}` }]);

    const again = await admin(["payments:reconcile", "--workspace", workspace.id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`No payment in ${workspace.slug} has waited over 15 minutes for Stripe: nothing to reconcile.\n`);
    expect(await db.ledgerEntry.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("refuses an unknown workspace", async () => {
    await expectFailure(["payments:reconcile", "--workspace", "no-such-workspace"], /--workspace: no workspace with id or slug "no-such-workspace"/, 1);
  });

  it("has no required flags in its help", async () => {
    const run = await admin(["payments:reconcile", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: saldo-admin payments:reconcile \[flags\]\n/);
    expect(run.stdout).not.toContain("Required:");
    expect(run.stdout).toContain("--workspace <ID_OR_SLUG>");
  });
});
