import "server-only";
import { z } from "zod";

// Every setting Saldo takes from its environment — the README's "Environment variables" table,
// one entry each, with the default the README states — validated with zod, typed, in one file.
// Nothing else in app/, lib/, components/, proxy.ts or instrumentation.ts reads process.env
// (ESLint's no-restricted-properties refuses it); scripts/, tools/ and tests may.
//
// Checked once at start, before anything is served, with exitOnInvalidEnv(): by
// instrumentation.ts for the Next.js server and by the scripts (dev, start, test, bench, the app
// server; the admin CLI reports envProblems() on its error line). A bad value then stops the start
// with one message naming the variable, instead of failing at the first request that happens to
// read it (the third declined card).
//
// Read with env(). It re-parses when a variable it covers changed since the last call (a
// comparison of its 23 strings, a few µs): some settings are read per call on purpose — the
// tests start a Stripe emulator on a random port per file and set STRIPE_EMULATOR_URL, shorten
// AUTO_RECHARGE_RETRY_DELAYS_SECONDS or the API rate limit, switch NODE_ENV; the scripts set
// DATABASE_URL once the embedded database is up — and a cache without that check would keep the
// first value for good. No test hook to remember to call.

type Source = Record<string, string | undefined>;

const wholeNumber = (min: number, max: number, what = "a whole number") =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what} from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be ${what} from ${min} to ${max}`);

const port = () => wholeNumber(0, 65_535, "a port number");

const positiveNumber = () =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a number above 0")
    .transform(Number)
    .refine((value) => value > 0, "must be a number above 0");

/** An amount of money as a decimal string ("50", "12.50"): lib/money reads it exactly. */
const decimalAmount = () => z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, "must be an amount such as 50 or 12.50");

const url = (protocols: string[], message: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, message);

const httpUrl = () => url(["http:", "https:"], "must be an http:// or https:// URL");

/** The emulator's default address: the port the scripts start it on (tools/stripe-emulator). */
export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";

/** The app's settings: what the Next.js server and the code it runs read. */
const appShape = {
  NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).default("development"),
  // Optional here (the scripts start with it unset and fill it in once the embedded database is
  // up); the server cannot start without it (envProblem("server")), and databaseUrl() says so.
  DATABASE_URL: url(["postgres:", "postgresql:"], "must be a postgresql:// URL (npm run dev and npm start set it for you)").optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: httpUrl().optional(), // default http://localhost:$PORT, below
  PORT: port().default(3000),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…; restricted rk_… keys too)")
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_… or pk_live_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)").optional(),
  // Issue 8's opt-in: only `on` lets a production server run on the emulator (lib/payments/emulator-mode.ts).
  STRIPE_EMULATOR: z.enum(["on", "off"], { message: "must be on (or off, or unset)" }).optional(),
  STRIPE_EMULATOR_URL: httpUrl().default(DEFAULT_EMULATOR_URL),
  STRIPE_EMULATOR_PUBLIC_URL: httpUrl().optional(), // default STRIPE_EMULATOR_URL, below
  SMTP_URL: url(["smtp:", "smtps:"], "must be an smtp:// or smtps:// URL (nodemailer's)").optional(),
  MAIL_FROM: z.string().default("Saldo <no-reply@saldo.localhost>"),
  AUTO_RECHARGE_RETRY_DELAYS_SECONDS: z
    .string()
    .regex(/^\d+(\s*,\s*\d+)*$/, "must be whole seconds separated by commas, e.g. 60,300")
    .transform((text) => text.split(",").map((part) => Number(part.trim())))
    .default([60, 300]),
  JOBS_POOL_SIZE: wholeNumber(1, 50).default(4),
  API_RATE_LIMIT_PER_SECOND: positiveNumber().default(100),
  API_RATE_LIMIT_BURST: positiveNumber().default(200),
  TRUST_PROXY: wholeNumber(0, 10, "the number of reverse proxies in front of Saldo, a whole number").default(0),
  // What a SUPPORT staff member may grant as goodwill credit (ADMIN is uncapped), in whole or
  // decimal units of the currency: per grant, and in total per workspace per UTC day.
  SUPPORT_GOODWILL_MAX_USD: decimalAmount().default("50"),
  SUPPORT_GOODWILL_MAX_INR: decimalAmount().default("4000"),
  SUPPORT_GOODWILL_DAILY_USD: decimalAmount().default("100"),
  SUPPORT_GOODWILL_DAILY_INR: decimalAmount().default("8000"),
};

/** What only the scripts read (dev/start/test/bench), validated with the rest when they start. */
const scriptShape = {
  EMBEDDED_PG_PORT: port().default(54329),
  STRIPE_EMULATOR_PORT: port().default(12111),
  E2E_PORT: port().optional(),
  CHROMIUM_PATH: z.string().optional(),
  BENCH_SPREAD_EVENTS: wholeNumber(1, 100_000_000).default(200_000),
  BENCH_HOT_EVENTS: wholeNumber(1, 100_000_000).default(100_000),
  BENCH_AUTHORIZE_REQUESTS: wholeNumber(1, 100_000_000).default(20_000),
  BENCH_GROWTH_EVENTS: wholeNumber(1, 100_000_000).default(1_000_000),
  BENCH_OTHER_TENANT_EVENTS: wholeNumber(0, 100_000_000).default(1_000_000),
  BENCH_PAGES_EVENTS: wholeNumber(1, 100_000_000).default(1_000_000),
  BENCH_PAGES_REQUESTS: wholeNumber(1, 100_000).default(50),
};

const appSchema = z.object(appShape).transform((settings) => ({
  ...settings,
  NEXTAUTH_URL: settings.NEXTAUTH_URL ?? `http://localhost:${settings.PORT}`,
  STRIPE_EMULATOR_PUBLIC_URL: settings.STRIPE_EMULATOR_PUBLIC_URL ?? settings.STRIPE_EMULATOR_URL,
}));
const scriptSchema = z.object(scriptShape);

export type Env = z.infer<typeof appSchema>;
export type ScriptEnv = z.infer<typeof scriptSchema>;

const APP_NAMES = Object.keys(appShape) as (keyof typeof appShape)[];
const SCRIPT_NAMES = Object.keys(scriptShape) as (keyof typeof scriptShape)[];
/** Never repeated in a message: they may carry a password or a key. */
const SECRETS = new Set(["DATABASE_URL", "NEXTAUTH_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SMTP_URL"]);

/** A variable that is set but wrong, or missing where it is required; the message names it. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** An unset, empty or blank variable is "not set"; anything else is read trimmed. */
function pick(source: Source, names: readonly string[]): Source {
  return Object.fromEntries(names.map((name) => [name, source[name]?.trim() || undefined]));
}

function problemWith(name: string, value: string | undefined, problem: string): string {
  if (value === undefined) return `${name} is not set: ${problem}`;
  return `${name} ${SECRETS.has(name) ? "(value not shown)" : `is ${JSON.stringify(value)}`}: ${problem}`;
}

function problemsOf(schema: z.ZodType, values: Source): string[] {
  const parsed = schema.safeParse(values);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return problemWith(name, values[name], issue.message);
  });
}

function message(problems: string[]): string {
  const where = "see README, Environment variables";
  return problems.length === 1
    ? `Invalid environment variable ${problems[0]} (${where})`
    : `Invalid environment variables (${where}):\n${problems.map((problem) => `  ${problem}`).join("\n")}`;
}

/**
 * What is wrong with `source` for a start, one line per variable, each naming it:
 * - `server`: the app's settings, and what the Next.js server cannot run without (DATABASE_URL;
 *   NEXTAUTH_SECRET in production, where next-auth refuses to sign sessions without it);
 * - `script`: the app's settings as a script starts (before it fills in DATABASE_URL and
 *   NEXTAUTH_SECRET for the server it runs), and the scripts' own.
 */
export function envProblems(scope: "server" | "script", source: Source = process.env): string[] {
  const app = pick(source, APP_NAMES);
  const problems = problemsOf(appSchema, app);
  if (scope === "script") problems.push(...problemsOf(scriptSchema, pick(source, SCRIPT_NAMES)));
  if (scope === "server") {
    if (!app.DATABASE_URL) problems.push(problemWith("DATABASE_URL", undefined, "the server needs its PostgreSQL (npm run dev and npm start set it for you)"));
    if (app.NODE_ENV === "production" && !app.NEXTAUTH_SECRET) {
      problems.push(problemWith("NEXTAUTH_SECRET", undefined, "a production server needs it to sign sessions (npm start sets one in local mode)"));
    }
  }
  return problems;
}

/** envProblems() as the one message a start fails with, or null when all is well. */
export function envProblem(scope: "server" | "script", source: Source = process.env): string | null {
  const problems = envProblems(scope, source);
  return problems.length ? message(problems) : null;
}

/**
 * The first thing a start does (instrumentation.ts, the scripts): with a bad setting, print the
 * message and end the process before it starts a database, an emulator or a server.
 */
export function exitOnInvalidEnv(scope: "server" | "script" = "script"): void {
  const problem = envProblem(scope);
  if (!problem) return;
  console.error(`✖ ${problem}`);
  process.exit(1);
}

/** Every variable lib/env.ts covers: the app's, then the scripts'. */
export const ENV_NAMES: readonly string[] = [...APP_NAMES, ...SCRIPT_NAMES];

/** The app's settings in `source`, typed and with their defaults; throws an EnvError naming each bad variable. */
export function parseEnv(source: Source): Env {
  const values = pick(source, APP_NAMES);
  const parsed = appSchema.safeParse(values);
  if (!parsed.success) throw new EnvError(message(problemsOf(appSchema, values)));
  return parsed.data;
}

let cached: { values: Source; env: Env } | undefined;

/** The app's settings (parseEnv of process.env), parsed again only when one of them changed. */
export function env(): Env {
  if (cached && APP_NAMES.every((name) => process.env[name] === cached!.values[name])) return cached.env;
  const values = Object.fromEntries(APP_NAMES.map((name) => [name, process.env[name]]));
  cached = { values, env: parseEnv(values) };
  return cached.env;
}

/** The scripts' own settings (the BENCH_* sizes, ports, the browser), typed and with their defaults. */
export function scriptEnv(source: Source = process.env): ScriptEnv {
  const values = pick(source, SCRIPT_NAMES);
  const parsed = scriptSchema.safeParse(values);
  if (!parsed.success) throw new EnvError(message(problemsOf(scriptSchema, values)));
  return parsed.data;
}

/** One app setting read from a record the caller passes instead of the environment. */
export function setting<N extends keyof typeof appShape>(name: N, source: Source): z.output<(typeof appShape)[N]> {
  const value = source[name]?.trim() || undefined;
  const parsed = appShape[name].safeParse(value);
  if (!parsed.success) throw new EnvError(message([problemWith(name, value, parsed.error.issues[0].message)]));
  return parsed.data as z.output<(typeof appShape)[N]>;
}

/** The PostgreSQL to use; the server does not start without it (envProblem), this says why if called anyway. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new EnvError(message([problemWith("DATABASE_URL", undefined, "must be a postgresql:// URL (npm run dev and npm start set it for you)")]));
  return url;
}

/** True while `next build` runs (Next.js's own variable): nothing may start then. */
export function isNextBuild(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
