// saldo-admin — operator commands (API.md, "Admin CLI"):
//   npm run -s admin -- <command> [flags]      npx saldo-admin <command> [flags]
//
// Every command is one entry in COMMANDS: a name, a summary, its flags as zod schemas, and a
// `run` that calls the domain code in lib/. Flags are validated before the database is touched,
// so a usage error writes nothing. Output contract: with --json, stdout is exactly one line of
// JSON; without it, one friendly line. Any failure is exactly one `error: …` line on stderr and
// a non-zero exit (2 for usage errors, 1 for everything else). Progress lines (the embedded
// database starting and stopping) are shown only with --verbose, so stderr carries nothing else.
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { envProblems } from "@/lib/env";
import { currencyForCountry } from "@/lib/workspaces/countries";
import { userFields, workspaceFields } from "@/lib/workspaces/schema";

const PROGRAM = "saldo-admin";

/** A failure to report as one line; `usage` errors exit with 2. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

type Flag<S extends z.ZodType = z.ZodType> = {
  schema: S;
  description: string;
  /** Shown in help as `--flag <placeholder>`. */
  placeholder: string;
  /** Never echoed back in error messages. */
  secret?: boolean;
};

function flag<S extends z.ZodType>(schema: S, description: string, placeholder: string, options: { secret?: boolean } = {}): Flag<S> {
  return { schema, description, placeholder, ...options };
}

type Flags = Record<string, Flag>;
type Input<F extends Flags> = z.output<z.ZodObject<{ [K in keyof F]: F[K]["schema"] }>>;
type Output = { json: Record<string, unknown>; text: string };

type Command<F extends Flags = Flags> = {
  name: string;
  summary: string;
  /** Keys are camelCase; on the command line they are kebab-case (`ownerEmail` → `--owner-email`). */
  flags: F;
  /** Checks across flags, before the database is touched: the flag at fault and what is wrong. */
  check?: (input: Input<F>) => { flag: keyof F & string; message: string } | undefined;
  /** Whether the command needs the database (all of them, so far). */
  database?: boolean;
  examples: string[];
  run: (input: Input<F>) => Promise<Output>;
};

function command<F extends Flags>(definition: Command<F>): Command {
  return definition as unknown as Command;
}

// Messages of the shared field schemas are translation keys (errors.*); the CLI speaks English.
const MESSAGES: Record<string, string> = {
  name_too_short: "must be at least 2 characters",
  name_too_long: "must be at most 100 characters",
  country_unknown: "must be an ISO 3166-1 alpha-2 country code such as US, MX or IN",
  time_zone_unknown: "must be an IANA time zone such as America/New_York or Asia/Kolkata",
  locale_unknown: "must be en or es",
  email_invalid: "must be a valid e-mail address",
  required: "must not be empty",
  password_too_short: "must be at least 10 characters",
  password_too_long: "must be at most 200 characters",
  slug_invalid: "must be 3 to 48 lower-case letters, digits or dashes, not starting or ending with a dash",
  currency_unknown: "must be USD or INR",
  role_unknown: "must be SUPPORT or ADMIN",
  member_role_unknown: "must be OWNER, BILLING_ADMIN or MEMBER",
  workspace_unknown: "must be a workspace id or slug",
  amount_invalid: "must be a non-zero decimal amount with up to 6 decimals, such as 12.50 or -3",
  reason_too_short: "must be at least 3 characters",
  reason_too_long: "must be at most 500 characters",
  day_invalid: "must be a calendar day written YYYY-MM-DD, such as 2026-11-01",
};

// ---------------------------------------------------------------------------------------------
// The commands. To add one, add an entry here and to COMMANDS.
// ---------------------------------------------------------------------------------------------

const workspaceCreate = command({
  name: "workspace:create",
  summary: "Create a workspace, its wallet and its owner",
  flags: {
    name: flag(workspaceFields.name, "Workspace name, 2 to 100 characters", "name"),
    currency: flag(z.enum(["USD", "INR"], { message: "currency_unknown" }), "Plan currency, fixed for good: INR for India, USD elsewhere", "USD|INR"),
    ownerEmail: flag(userFields.email, "The owner's e-mail (must not have an account yet)", "email"),
    ownerPassword: flag(userFields.password, "The owner's password, at least 10 characters", "password", { secret: true }),
    ownerName: flag(userFields.name.optional(), "The owner's name (default: the part of the e-mail before @)", "name"),
    country: flag(workspaceFields.country.optional(), "ISO country code (default: US for USD, IN for INR); must match the currency", "CC"),
    timeZone: flag(workspaceFields.timeZone.optional(), "IANA time zone (default: the country's main zone, else UTC)", "zone"),
    locale: flag(workspaceFields.locale.default("en"), "Workspace and owner language: en or es (default en)", "en|es"),
    slug: flag(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, "slug_invalid")
        .optional(),
      "Address of the workspace in URLs (default: derived from the name)",
      "slug",
    ),
  },
  check: (input) => {
    if (!input.country) return;
    const expected = currencyForCountry(input.country);
    if (expected === input.currency) return;
    return {
      flag: "country",
      message: `${input.country} pays in ${expected}, not ${input.currency} (India uses INR, every other country USD): change --currency or --country`,
    };
  },
  examples: [
    `${PROGRAM} workspace:create --name "Acme Inc" --currency USD --owner-email ana@acme.com --owner-password 'correct horse battery' --json`,
    `${PROGRAM} workspace:create --name "Mumbai Traders" --currency INR --owner-email raj@example.in --owner-password '…' --locale en`,
  ],
  async run(input) {
    const { createWorkspace } = await import("@/lib/workspaces/create");
    const country = input.country ?? (input.currency === "INR" ? "IN" : "US");
    const slugTaken = `--slug: "${input.slug}" is taken or reserved; choose another (or leave --slug out)`;
    const { workspace, owner } = await domain(
      () =>
        createWorkspace({
          name: input.name,
          slug: input.slug,
          country,
          // Absent: the country's main zone (lib/workspaces/countries.ts).
          timeZone: input.timeZone,
          locale: input.locale,
          owner: { email: input.ownerEmail, name: input.ownerName ?? input.ownerEmail.split("@")[0], password: input.ownerPassword },
        }),
      {
        email_taken: `--owner-email: ${input.ownerEmail} already has an account; use another e-mail`,
        slug_taken: slugTaken,
      },
    );
    return {
      json: { workspaceId: workspace.id, slug: workspace.slug },
      text:
        `Created workspace "${workspace.name}" (${workspace.slug}, ${workspace.currency}, ${workspace.country}, ` +
        `${workspace.timeZone}, ${workspace.locale}) owned by ${owner.email}. Workspace id: ${workspace.id}`,
    };
  },
});

const staffCreate = command({
  name: "staff:create",
  summary: "Create a platform staff user (support or admin); staff belong to no workspace",
  flags: {
    email: flag(userFields.email, "The staff member's e-mail (must not have an account yet)", "email"),
    password: flag(userFields.password, "Password, at least 10 characters", "password", { secret: true }),
    role: flag(
      z
        .string()
        .trim()
        .toUpperCase()
        .pipe(z.enum(["SUPPORT", "ADMIN"], { message: "role_unknown" }))
        .default("SUPPORT"),
      "SUPPORT (default) or ADMIN",
      "SUPPORT|ADMIN",
    ),
    name: flag(userFields.name.optional(), "Display name (default: the part of the e-mail before @)", "name"),
  },
  examples: [`${PROGRAM} staff:create --email sam@saldo.example --password 'correct horse battery' --role SUPPORT --json`],
  async run(input) {
    const { createStaffUser } = await import("@/lib/auth/staff");
    const user = await domain(() => createStaffUser(input), {
      email_taken: `--email: ${input.email} already has an account; use another e-mail`,
    });
    return {
      json: { userId: user.id, email: user.email, role: user.platformRole },
      text: `Created ${user.platformRole} staff user ${user.email} (${user.name}). User id: ${user.id}`,
    };
  },
});

const workspaceRef = flag(
  z.string().trim().min(1, "required").max(64, "workspace_unknown"),
  "The workspace's id or slug",
  "ID_OR_SLUG",
);

/** The workspace named by id or slug, or a CliError saying so. */
async function findWorkspace(ref: string) {
  const { db } = await import("@/lib/db");
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const workspace = await db.workspace.findUnique({
    where: byId ? { id: ref.toLowerCase() } : { slug: ref.toLowerCase() },
    select: { id: true, slug: true, name: true, currency: true },
  });
  if (!workspace) throw new CliError(`--workspace: no workspace with id or slug "${ref}"`);
  return workspace;
}

const apikeyCreate = command({
  name: "apikey:create",
  summary: "Create an API key for a workspace; the secret is shown once and cannot be recovered",
  flags: {
    workspace: workspaceRef,
    name: flag(z.string().trim().min(1, "required").max(100, "name_too_long").default("CLI key"), "A label for the key (default \"CLI key\")", "name"),
  },
  examples: [`${PROGRAM} apikey:create --workspace acme --name "Messaging platform" --json`],
  async run(input) {
    const workspace = await findWorkspace(input.workspace);
    const { createApiKey } = await import("@/lib/auth/api-keys");
    const { secret, apiKey } = await createApiKey(workspace.id, input.name);
    return {
      json: { key: secret },
      text: `API key "${apiKey.name}" for ${workspace.slug}: ${secret}\nStore it now: only its hash is kept.`,
    };
  },
});

const creditGrant = command({
  name: "credit:grant",
  summary: "Adjust a workspace's paid balance (negative amounts debit), recorded in the ledger with the reason",
  flags: {
    workspace: workspaceRef,
    amount: flag(
      z.string().trim().refine((text) => /^-?\d+(\.\d{1,6})?$/.test(text) && !/^-?0+(\.0+)?$/.test(text), "amount_invalid"),
      "Amount in the workspace's currency, up to 6 decimals, not zero; negative debits (write --amount=-5)",
      "amount",
    ),
    reason: flag(z.string().trim().min(3, "reason_too_short").max(500, "reason_too_long"), "Why: kept in the ledger (3 to 500 characters)", "text"),
  },
  examples: [`${PROGRAM} credit:grant --workspace acme --amount 12.50 --reason "Goodwill for the outage of 3 May" --json`],
  async run(input) {
    const workspace = await findWorkspace(input.workspace);
    const [{ adjustBalance }, { formatAmount, parseAmount }, { operatorAudit, recordAudit }, { ledgerKeys }] = await Promise.all([
      import("@/lib/ledger/adjust"),
      import("@/lib/money"),
      import("@/lib/audit/record"),
      import("@/lib/ledger/keys"),
    ]);
    // The same audit row as the support console's goodwill credit, with the operator as actor.
    const audit = operatorAudit(workspace.id, `saldo-admin (${operatorName()})`);
    const { entry, wallet } = await domain(
      () =>
        adjustBalance(workspace.id, parseAmount(input.amount), input.reason, { type: "system", id: "admin-cli" }, ledgerKeys.adjustment(), ({ tx, wallet }, posted) =>
          recordAudit(tx, audit, {
            action: "credit.granted",
            target: posted.idempotencyKey,
            reason: posted.description,
            changes: { amount: formatAmount(posted.amount), currency: wallet.currency },
          }),
        ),
      {},
    );
    return {
      json: {
        entryId: entry.id,
        workspaceId: workspace.id,
        amount: formatAmount(entry.amount),
        currency: workspace.currency,
        paidBalance: formatAmount(wallet.paidBalance),
        balance: formatAmount(wallet.paidBalance + wallet.trialBalance),
      },
      text: `${entry.amount < 0n ? "Debited" : "Credited"} ${formatAmount(entry.amount < 0n ? -entry.amount : entry.amount)} ${workspace.currency} ${entry.amount < 0n ? "from" : "to"} ${workspace.slug}; paid balance now ${formatAmount(wallet.paidBalance)} ${workspace.currency}. Ledger entry ${entry.id}`,
    };
  },
});

/** Who runs the CLI, for the audit trail: the operating-system account (SUDO_USER when run through sudo). */
function operatorName(): string {
  try {
    return process.env.SUDO_USER || userInfo().username;
  } catch {
    return "unknown";
  }
}

const pricesList = command({
  name: "prices:list",
  summary: "Show the price book in force for a currency",
  flags: {
    currency: flag(z.string().trim().toUpperCase().pipe(z.enum(["USD", "INR"], { message: "currency_unknown" })), "USD or INR", "USD|INR"),
  },
  examples: [`${PROGRAM} prices:list --currency INR`],
  async run(input) {
    const [{ loadPriceBook, getCurrencyPlan }, { formatAmount }] = await Promise.all([import("@/lib/rating/prices"), import("@/lib/money")]);
    const [book, plan] = await Promise.all([loadPriceBook(input.currency), getCurrencyPlan(input.currency)]);
    const prices = book.current().map((price) => ({
      channel: price.channel,
      direction: price.direction,
      unit: price.unit,
      unitPrice: formatAmount(price.unitPrice),
      billingIncrementSeconds: price.billingIncrementSeconds,
      validFrom: price.validFrom.toISOString(),
    }));
    const table = prices.map((p) => `  ${p.channel.padEnd(14)} ${p.direction.padEnd(9)} ${p.unitPrice.padStart(12)} / ${p.unit}${p.billingIncrementSeconds ? ` (${p.billingIncrementSeconds} s increments)` : ""}`);
    return {
      json: {
        currency: input.currency,
        callMinimumBalance: formatAmount(plan.callMinimumBalance),
        whatsappCallTrialCredit: formatAmount(plan.whatsappCallTrialCredit),
        prices,
      },
      text: [
        `Price book (${input.currency}): call minimum ${formatAmount(plan.callMinimumBalance)}, WhatsApp calling trial ${formatAmount(plan.whatsappCallTrialCredit)}`,
        ...table,
      ].join("\n"),
    };
  },
});

const paymentsReconcile = command({
  name: "payments:reconcile",
  summary: "Settle payments whose Stripe webhook never arrived, as the webhook would have (what the payments.reconcile job does every 10 minutes)",
  flags: {
    workspace: flag(workspaceRef.schema.optional(), "Only this workspace's payments (default: every workspace)", "ID_OR_SLUG"),
  },
  examples: [`${PROGRAM} payments:reconcile --json`, `${PROGRAM} payments:reconcile --workspace acme`],
  async run(input) {
    const workspace = input.workspace ? await findWorkspace(input.workspace) : null;
    const [{ describeReconciled, reconcilePayments, RECONCILE_AFTER_MINUTES }, { stopBoss }] = await Promise.all([
      import("@/lib/payments/reconcile"),
      import("@/lib/jobs/boss"),
    ]);
    // The lines go into this command's own output; an auto-recharge failure it records may
    // schedule a retry, which starts pg-boss in this process.
    const result = await reconcilePayments({ workspaceId: workspace?.id, log: () => {} }).finally(stopBoss);
    const where = workspace ? ` in ${workspace.slug}` : "";
    const lines = result.payments.map(describeReconciled);
    return {
      json: result,
      text: result.checked
        ? [`Checked ${result.checked} payment(s)${where} unsettled for over ${RECONCILE_AFTER_MINUTES} minutes, ${result.errors} failed:`, ...lines].join("\n")
        : `No payment${where} has waited over ${RECONCILE_AFTER_MINUTES} minutes for Stripe: nothing to reconcile.`,
    };
  },
});

const memberAdd = command({
  name: "member:add",
  summary: "Add someone to a workspace with a role: an existing account joins at once, a new address is e-mailed an invitation (7 days, once)",
  flags: {
    workspace: workspaceRef,
    email: flag(userFields.email, "The person's e-mail", "email"),
    role: flag(
      z.string().trim().toUpperCase().pipe(z.enum(["OWNER", "BILLING_ADMIN", "MEMBER"], { message: "member_role_unknown" })),
      "OWNER, BILLING_ADMIN or MEMBER",
      "OWNER|BILLING_ADMIN|MEMBER",
    ),
  },
  examples: [
    `${PROGRAM} member:add --workspace acme --email ana@acme.com --role BILLING_ADMIN --json`,
    `${PROGRAM} member:add --workspace acme --email new.person@acme.com --role MEMBER`,
  ],
  async run(input) {
    const workspace = await findWorkspace(input.workspace);
    const [{ db }, { operatorAudit }, { addMember, inviteMember }, { userInfo }] = await Promise.all([
      import("@/lib/db"),
      import("@/lib/audit/record"),
      import("@/lib/workspaces/invitations"),
      import("node:os"),
    ]);
    const audit = operatorAudit(workspace.id, `saldo-admin:${userInfo().username}`);
    const alreadyMember = `--email: ${input.email} is already a member of ${workspace.slug}`;
    const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, platformRole: true } });
    if (user?.platformRole) throw new CliError(`--email: ${input.email} is a staff account; staff reach workspaces through the support console`);
    if (user) {
      const membership = await domain(() => addMember(workspace.id, user.id, input.role, audit), { already_member: alreadyMember });
      return {
        json: { status: "added", membershipId: membership.id, workspaceId: workspace.id, email: input.email, role: membership.role },
        text: `Added ${input.email} to ${workspace.slug} as ${membership.role}.`,
      };
    }
    const { invitation, url } = await domain(() => inviteMember(workspace.id, { email: input.email, role: input.role }, null, audit), { already_member: alreadyMember });
    return {
      json: { status: "invited", invitationId: invitation.id, workspaceId: workspace.id, email: invitation.email, role: invitation.role, url, expiresAt: invitation.expiresAt.toISOString() },
      text: `${input.email} has no account yet: invited to ${workspace.slug} as ${invitation.role} (e-mailed; works once, until ${invitation.expiresAt.toISOString()}). Link: ${url}`,
    };
  },
});

const usageRollup = command({
  name: "usage:rollup",
  summary: "Recompute a workspace's daily usage rollups from its events (idempotent; waits for the wallet lock, so it cannot race an ingest)",
  flags: {
    workspace: workspaceRef,
    from: flag(
      z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "day_invalid").refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "day_invalid").optional(),
      "First local day to recompute, YYYY-MM-DD (default: all of them; after a time-zone change, leave it out)",
      "YYYY-MM-DD",
    ),
  },
  examples: [`${PROGRAM} usage:rollup --workspace acme --json`, `${PROGRAM} usage:rollup --workspace acme --from 2026-11-01`],
  async run(input) {
    const workspace = await findWorkspace(input.workspace);
    const { rebuildRollups } = await import("@/lib/usage/rollups");
    const result = await rebuildRollups(workspace.id, input.from);
    const since = result.from ? ` from ${result.from}` : "";
    return {
      json: result,
      text: `Rebuilt ${workspace.slug}'s daily usage rollups${since} (${result.timeZone}): ${result.events} event(s) in ${result.rowsWritten} row(s), ${result.rowsDeleted} row(s) replaced.`,
    };
  },
});

const COMMANDS: Command[] = [workspaceCreate, staffCreate, apikeyCreate, creditGrant, pricesList, paymentsReconcile, memberAdd, usageRollup];

// ---------------------------------------------------------------------------------------------
// The machinery.
// ---------------------------------------------------------------------------------------------

const GLOBAL_FLAGS = {
  json: { type: "boolean", description: "Print exactly one line of JSON on stdout" },
  verbose: { type: "boolean", description: "Show progress lines (database start/stop) on stderr" },
  help: { type: "boolean", short: "h", description: "Show help (after a command: that command's flags)" },
} as const;

const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Runs a domain call, turning its expected errors (AppError codes) into messages that say what to fix. */
async function domain<T>(call: () => Promise<T>, messages: Record<string, string>): Promise<T> {
  const { isAppError } = await import("@/lib/errors");
  try {
    return await call();
  } catch (error) {
    if (isAppError(error)) throw new CliError(messages[error.code] ?? error.message);
    throw error;
  }
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((entry) => entry.name.length));
  return [
    `${PROGRAM}: operator commands for Saldo`,
    "",
    `Usage: npm run -s admin -- <command> [flags]      (or: npx ${PROGRAM} <command> [flags])`,
    "",
    "Commands:",
    ...COMMANDS.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.summary}`),
    "",
    "Flags for every command:",
    "  --json         print exactly one line of JSON on stdout",
    "  --verbose      progress lines (database start/stop) on stderr",
    "  -h, --help     this help; `<command> --help` shows a command's flags",
    "",
    "Database: DATABASE_URL, or the embedded PostgreSQL under .data/ (started and stopped for the command).",
    "Exit status: 0 done; 1 failed, 2 usage error, each with one `error: …` line on stderr.",
  ].join("\n");
}

function commandHelp(entry: Command): string {
  const shape = Object.entries(entry.flags);
  const required = shape.filter(([, spec]) => isRequired(spec));
  const optional = shape.filter(([, spec]) => !isRequired(spec));
  const label = ([key, spec]: [string, Flag]) => `--${kebab(key)} <${spec.placeholder}>`;
  const width = Math.max(...shape.map((item) => label(item).length), "-h, --help".length);
  const rows = (items: [string, Flag][]) => items.map((item) => `  ${label(item).padEnd(width)}  ${item[1].description}`);
  return [
    `Usage: ${[PROGRAM, entry.name, ...required.map((item) => label(item))].join(" ")}${optional.length ? " [flags]" : ""}`,
    "",
    `${entry.summary}.`,
    ...(required.length ? ["", "Required:", ...rows(required)] : []),
    ...(optional.length ? ["", "Optional:", ...rows(optional)] : []),
    `  ${"--json".padEnd(width)}  ${GLOBAL_FLAGS.json.description}`,
    `  ${"--verbose".padEnd(width)}  ${GLOBAL_FLAGS.verbose.description}`,
    `  ${"-h, --help".padEnd(width)}  This help`,
    "",
    "Example:",
    ...entry.examples.map((example) => `  ${example}`),
  ].join("\n");
}

function isRequired(spec: Flag): boolean {
  return !spec.schema.safeParse(undefined).success;
}

/** Parses and validates a command's flags; throws a CliError (exit 2) naming the flag at fault. */
function parseCommandLine(argv: string[]): { entry?: Command; input?: Record<string, unknown>; json: boolean; verbose: boolean; help: boolean } {
  const [name, ...rest] = argv;
  if (name === undefined) throw new CliError(`no command given; run ${PROGRAM} --help for the list`, 2);
  if (name === "--help" || name === "-h" || name === "help") return { json: false, verbose: false, help: true };
  if (name.startsWith("-")) throw new CliError(`the command comes first: ${PROGRAM} <command> [flags] (see ${PROGRAM} --help)`, 2);
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new CliError(`unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(", ")} (see ${PROGRAM} --help)`, 2);
  }

  const options: ParseArgsConfig["options"] = { ...GLOBAL_FLAGS };
  for (const key of Object.keys(entry.flags)) options[kebab(key)] = { type: "string" };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliError(`${parseArgsMessage(error as Error & { code?: string }, entry)} (see ${PROGRAM} ${entry.name} --help)`, 2);
  }
  const json = values.json === true;
  const verbose = values.verbose === true;
  if (values.help) return { entry, json, verbose, help: true };

  const raw = Object.fromEntries(Object.keys(entry.flags).map((key) => [key, values[kebab(key)]]));
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(entry.flags)) {
    const result = spec.schema.safeParse(raw[key]);
    if (result.success) input[key] = result.data;
    else if (raw[key] === undefined) problems.push(`missing --${kebab(key)} <${spec.placeholder}>`);
    else {
      const message = result.error.issues[0]?.message ?? "invalid";
      const shown = spec.secret ? "" : ` (got ${JSON.stringify(raw[key])})`;
      problems.push(`--${kebab(key)} ${MESSAGES[message] ?? message}${shown}`);
    }
  }
  if (!problems.length && entry.check) {
    const problem = entry.check(input as never);
    if (problem) problems.push(`--${kebab(problem.flag)}: ${problem.message}`);
  }
  if (problems.length) throw new CliError(`${problems.join("; ")} (see ${PROGRAM} ${entry.name} --help)`, 2);
  return { entry, input, json, verbose, help: false };
}

function parseArgsMessage(error: Error & { code?: string }, entry: Command): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown flag ${option ?? ""} for ${entry.name}`.replace("  ", " ");
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return option && GLOBAL_FLAGS[option.replace(/^-+/, "") as keyof typeof GLOBAL_FLAGS]
        ? `${option} takes no value`
        : `${option ?? "a flag"} needs a value (write --flag=value when the value starts with "-")`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${JSON.stringify(/'([^']*)'/.exec(error.message)?.[1] ?? "")}: every value needs its flag, and values with spaces need quotes`;
    default:
      return error.message.split("\n")[0];
  }
}

/** Runs `fn` with stderr muted unless `verbose`: progress lines must not add to the error line. */
async function quietly<T>(verbose: boolean, fn: () => Promise<T>): Promise<T> {
  if (verbose) return fn();
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

/** One line saying what went wrong; database errors that need an operator's action get a hint. */
function describe(error: unknown): string {
  if (error instanceof CliError) return error.message;
  const known = error as { code?: string; message?: string };
  const reason = prismaReason(String(known?.message ?? error));
  if (known?.code === "P2021" || /(relation|table) .* does not exist/i.test(reason)) {
    return `the database has no Saldo tables yet: run npm run db:migrate first (${reason})`;
  }
  if (/ECONNREFUSED|ENOTFOUND|can't reach database|password authentication failed|database .* does not exist/i.test(reason)) {
    return `cannot use the database: ${reason} (check DATABASE_URL)`;
  }
  return reason;
}

/**
 * Prisma's messages quote the calling source ("Invalid `db.user.create()` invocation in … → 29 …")
 * before the reason, which is the last line; other messages are folded onto one line.
 */
function prismaReason(message: string): string {
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  const text = /^Invalid `.*` invocation/.test(lines[0] ?? "") ? lines.at(-1)! : lines.join(" ");
  return text.slice(0, 500);
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    await write(process.stderr, `error: ${describe(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
  const { entry, input, json, verbose, help } = parsed;
  if (help || !entry || !input) {
    await write(process.stdout, `${entry ? commandHelp(entry) : globalHelp()}\n`);
    return 0;
  }

  // A bad setting (lib/env.ts) is reported before anything starts, on the one error line.
  const problems = envProblems("script");
  if (problems.length) {
    await write(process.stderr, `error: invalid environment: ${problems.join("; ")} (see README, Environment variables)\n`);
    return 1;
  }

  let stop = async () => {};
  try {
    if (entry.database !== false) {
      const { connectDatabase } = await import("./lib/database");
      const database = await quietly(verbose, () => connectDatabase());
      stop = async () => {
        const { disconnectDb } = await import("@/lib/db");
        await disconnectDb();
        await quietly(verbose, database.stop);
      };
      process.env.DATABASE_URL = database.url;
    }
    const output = await entry.run(input);
    await stop();
    await write(process.stdout, `${json ? JSON.stringify(output.json) : output.text}\n`);
    return 0;
  } catch (error) {
    await stop().catch(() => {});
    await write(process.stderr, `error: ${describe(error)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  // `saldo-admin --help | head` closes stdout early: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.exit(await main(process.argv.slice(2)));
}
