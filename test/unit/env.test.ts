// lib/env.ts: the schema of every setting (defaults, each bad value's message), the start-up
// checks, the README's table it must cover, and env() re-reading a variable that changed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ENV_NAMES, env, envProblem, envProblems, EnvError, parseEnv, scriptEnv, setting } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("defaults", () => {
  it("the app's settings, as the README states them", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      NEXTAUTH_SECRET: undefined,
      NEXTAUTH_URL: "http://localhost:3000",
      PORT: 3000,
      STRIPE_SECRET_KEY: undefined,
      STRIPE_PUBLISHABLE_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
      STRIPE_EMULATOR: undefined,
      STRIPE_EMULATOR_URL: "http://127.0.0.1:12111",
      STRIPE_EMULATOR_PUBLIC_URL: "http://127.0.0.1:12111",
      SMTP_URL: undefined,
      MAIL_FROM: "Saldo <no-reply@saldo.localhost>",
      AUTO_RECHARGE_RETRY_DELAYS_SECONDS: [60, 300],
      JOBS_POOL_SIZE: 4,
      API_RATE_LIMIT_PER_SECOND: 100,
      API_RATE_LIMIT_BURST: 200,
      TRUST_PROXY: 0,
      SUPPORT_GOODWILL_MAX_USD: "50",
      SUPPORT_GOODWILL_MAX_INR: "4000",
      SUPPORT_GOODWILL_DAILY_USD: "100",
      SUPPORT_GOODWILL_DAILY_INR: "8000",
    });
  });

  it("the scripts' settings", () => {
    expect(scriptEnv({})).toEqual({
      EMBEDDED_PG_PORT: 54329,
      STRIPE_EMULATOR_PORT: 12111,
      E2E_PORT: undefined,
      CHROMIUM_PATH: undefined,
      BENCH_SPREAD_EVENTS: 200_000,
      BENCH_HOT_EVENTS: 100_000,
      BENCH_AUTHORIZE_REQUESTS: 20_000,
      BENCH_GROWTH_EVENTS: 1_000_000,
      BENCH_OTHER_TENANT_EVENTS: 1_000_000,
      BENCH_PAGES_EVENTS: 1_000_000,
      BENCH_PAGES_REQUESTS: 50,
    });
  });

  it("derived defaults follow what they derive from; empty and blank mean unset; values are trimmed", () => {
    const settings = parseEnv({ PORT: "4000", STRIPE_EMULATOR_URL: "http://127.0.0.1:5000", MAIL_FROM: "  ", JOBS_POOL_SIZE: " 7 " });
    expect(settings.NEXTAUTH_URL).toBe("http://localhost:4000");
    expect(settings.STRIPE_EMULATOR_PUBLIC_URL).toBe("http://127.0.0.1:5000");
    expect(settings.MAIL_FROM).toBe("Saldo <no-reply@saldo.localhost>");
    expect(settings.JOBS_POOL_SIZE).toBe(7);
    expect(parseEnv({ AUTO_RECHARGE_RETRY_DELAYS_SECONDS: "7, 11,13" }).AUTO_RECHARGE_RETRY_DELAYS_SECONDS).toEqual([7, 11, 13]);
    expect(parseEnv({ API_RATE_LIMIT_PER_SECOND: "0.5" }).API_RATE_LIMIT_PER_SECOND).toBe(0.5);
  });

  it("takes well-formed values as they are", () => {
    const settings = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://saldo:pw@db.internal:5432/saldo",
      NEXTAUTH_URL: "https://saldo.example",
      STRIPE_SECRET_KEY: "sk_live_51abc",
      STRIPE_PUBLISHABLE_KEY: "pk_live_51abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_EMULATOR: "on",
      SMTP_URL: "smtps://user:pw@smtp.example:465",
      TRUST_PROXY: "2",
    });
    expect(settings).toMatchObject({ NODE_ENV: "production", NEXTAUTH_URL: "https://saldo.example", STRIPE_EMULATOR: "on", TRUST_PROXY: 2 });
  });
});

describe("bad values", () => {
  // Each variable, a bad value, and what the one message says.
  const cases: [name: string, value: string, message: string][] = [
    ["NODE_ENV", "prod", 'NODE_ENV is "prod": must be development, production or test'],
    ["DATABASE_URL", "mysql://db/saldo", "DATABASE_URL (value not shown): must be a postgresql:// URL (npm run dev and npm start set it for you)"],
    ["DATABASE_POOL_SIZE", "0", 'DATABASE_POOL_SIZE is "0": must be a whole number from 1 to 100'],
    ["NEXTAUTH_URL", "localhost:3000", 'NEXTAUTH_URL is "localhost:3000": must be an http:// or https:// URL'],
    ["PORT", "http", 'PORT is "http": must be a port number from 0 to 65535'],
    ["STRIPE_SECRET_KEY", "pk_live_123", "STRIPE_SECRET_KEY (value not shown): must be a Stripe secret key (sk_test_… or sk_live_…; restricted rk_… keys too)"],
    ["STRIPE_PUBLISHABLE_KEY", "sk_test_123", 'STRIPE_PUBLISHABLE_KEY is "sk_test_123": must be a Stripe publishable key (pk_test_… or pk_live_…)'],
    ["STRIPE_WEBHOOK_SECRET", "secret", "STRIPE_WEBHOOK_SECRET (value not shown): must be a webhook signing secret (whsec_…)"],
    ["STRIPE_EMULATOR", "yes", 'STRIPE_EMULATOR is "yes": must be on (or off, or unset)'],
    ["STRIPE_EMULATOR_URL", "127.0.0.1:12111", 'STRIPE_EMULATOR_URL is "127.0.0.1:12111": must be an http:// or https:// URL'],
    ["STRIPE_EMULATOR_PUBLIC_URL", "ftp://x", 'STRIPE_EMULATOR_PUBLIC_URL is "ftp://x": must be an http:// or https:// URL'],
    ["SMTP_URL", "mail.example:25", "SMTP_URL (value not shown): must be an smtp:// or smtps:// URL (nodemailer's)"],
    ["AUTO_RECHARGE_RETRY_DELAYS_SECONDS", "1m,5m", 'AUTO_RECHARGE_RETRY_DELAYS_SECONDS is "1m,5m": must be whole seconds separated by commas, e.g. 60,300'],
    ["JOBS_POOL_SIZE", "abc", 'JOBS_POOL_SIZE is "abc": must be a whole number from 1 to 50'],
    ["JOBS_POOL_SIZE", "51", 'JOBS_POOL_SIZE is "51": must be a whole number from 1 to 50'],
    ["API_RATE_LIMIT_PER_SECOND", "-1", 'API_RATE_LIMIT_PER_SECOND is "-1": must be a number above 0'],
    ["API_RATE_LIMIT_BURST", "0", 'API_RATE_LIMIT_BURST is "0": must be a number above 0'],
    ["TRUST_PROXY", "true", 'TRUST_PROXY is "true": must be the number of reverse proxies in front of Saldo, a whole number from 0 to 10'],
    ["SUPPORT_GOODWILL_MAX_USD", "-5", 'SUPPORT_GOODWILL_MAX_USD is "-5": must be an amount such as 50 or 12.50'],
    ["SUPPORT_GOODWILL_MAX_INR", "4,000", 'SUPPORT_GOODWILL_MAX_INR is "4,000": must be an amount such as 50 or 12.50'],
    ["SUPPORT_GOODWILL_DAILY_USD", "1.005", 'SUPPORT_GOODWILL_DAILY_USD is "1.005": must be an amount such as 50 or 12.50'],
    ["SUPPORT_GOODWILL_DAILY_INR", "lots", 'SUPPORT_GOODWILL_DAILY_INR is "lots": must be an amount such as 50 or 12.50'],
    ["EMBEDDED_PG_PORT", "70000", 'EMBEDDED_PG_PORT is "70000": must be a port number from 0 to 65535'],
    ["STRIPE_EMULATOR_PORT", "-5", 'STRIPE_EMULATOR_PORT is "-5": must be a port number from 0 to 65535'],
    ["E2E_PORT", "x", 'E2E_PORT is "x": must be a port number from 0 to 65535'],
    ["BENCH_SPREAD_EVENTS", "2e5", 'BENCH_SPREAD_EVENTS is "2e5": must be a whole number from 1 to 100000000'],
    ["BENCH_HOT_EVENTS", "0", 'BENCH_HOT_EVENTS is "0": must be a whole number from 1 to 100000000'],
    ["BENCH_AUTHORIZE_REQUESTS", "many", 'BENCH_AUTHORIZE_REQUESTS is "many": must be a whole number from 1 to 100000000'],
    ["BENCH_GROWTH_EVENTS", "1_000_000", 'BENCH_GROWTH_EVENTS is "1_000_000": must be a whole number from 1 to 100000000'],
    ["BENCH_OTHER_TENANT_EVENTS", "-1", 'BENCH_OTHER_TENANT_EVENTS is "-1": must be a whole number from 0 to 100000000'],
    ["BENCH_PAGES_EVENTS", "0", 'BENCH_PAGES_EVENTS is "0": must be a whole number from 1 to 100000000'],
    ["BENCH_PAGES_REQUESTS", "1e3", 'BENCH_PAGES_REQUESTS is "1e3": must be a whole number from 1 to 100000'],
  ];

  it.each(cases)("%s=%s fails the start with one message naming it", (name, value, expected) => {
    expect(envProblem("script", { [name]: value })).toBe(`Invalid environment variable ${expected} (see README, Environment variables)`);
  });

  it("every variable has a bad-value case", () => {
    const tested = new Set(cases.map(([name]) => name));
    expect(ENV_NAMES.filter((name) => !tested.has(name) && !["NEXTAUTH_SECRET", "MAIL_FROM", "CHROMIUM_PATH"].includes(name))).toEqual([]);
  });

  it("never repeats a secret's value", () => {
    for (const [name, value] of [
      ["DATABASE_URL", "mysql://root:hunter2@db/saldo"],
      ["STRIPE_SECRET_KEY", "pk_live_hunter2"],
      ["STRIPE_WEBHOOK_SECRET", "hunter2"],
      ["SMTP_URL", "user:hunter2@smtp"],
    ]) {
      expect(envProblem("script", { [name]: value })).not.toContain("hunter2");
    }
  });

  it("lists every bad variable at once, one per line", () => {
    const problem = envProblem("script", { JOBS_POOL_SIZE: "abc", TRUST_PROXY: "x", PORT: "3000" });
    expect(problem).toBe(
      [
        "Invalid environment variables (see README, Environment variables):",
        '  JOBS_POOL_SIZE is "abc": must be a whole number from 1 to 50',
        '  TRUST_PROXY is "x": must be the number of reverse proxies in front of Saldo, a whole number from 0 to 10',
      ].join("\n"),
    );
  });

  it("parseEnv throws an EnvError with the same message", () => {
    expect(() => parseEnv({ JOBS_POOL_SIZE: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ JOBS_POOL_SIZE: "abc" })).toThrow('Invalid environment variable JOBS_POOL_SIZE is "abc": must be a whole number from 1 to 50');
  });

  it("setting() reads one variable from a given record", () => {
    expect(setting("TRUST_PROXY", { TRUST_PROXY: "3" })).toBe(3);
    expect(setting("TRUST_PROXY", {})).toBe(0);
    expect(() => setting("TRUST_PROXY", { TRUST_PROXY: "11" })).toThrow(/TRUST_PROXY is "11"/);
  });
});

describe("what a start needs", () => {
  it("the server needs its database, and a session secret in production", () => {
    expect(envProblems("server", {})).toEqual(["DATABASE_URL is not set: the server needs its PostgreSQL (npm run dev and npm start set it for you)"]);
    expect(envProblems("server", { DATABASE_URL: "postgresql://localhost/saldo", NODE_ENV: "production" })).toEqual([
      "NEXTAUTH_SECRET is not set: a production server needs it to sign sessions (npm start sets one in local mode)",
    ]);
    expect(envProblem("server", { DATABASE_URL: "postgresql://localhost/saldo", NODE_ENV: "production", NEXTAUTH_SECRET: "s" })).toBeNull();
    expect(envProblem("server", { DATABASE_URL: "postgresql://localhost/saldo" })).toBeNull();
  });

  it("a script may start without either: it fills them in for the server it runs", () => {
    expect(envProblem("script", {})).toBeNull();
    expect(envProblem("script", { NODE_ENV: "production" })).toBeNull();
  });
});

describe("the README's environment table", () => {
  it("lists exactly the variables lib/env.ts covers", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Environment variables"));
    const table = section.slice(0, section.indexOf("\n## ", 1));
    const documented = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]));
    expect(documented.length).toBeGreaterThan(25);
    expect(new Set(documented)).toEqual(new Set(ENV_NAMES));
  });
});

describe("env()", () => {
  const saved = process.env.API_RATE_LIMIT_BURST;
  afterEach(() => {
    if (saved === undefined) delete process.env.API_RATE_LIMIT_BURST;
    else process.env.API_RATE_LIMIT_BURST = saved;
  });

  it("reads a variable again once it changed, and keeps the parsed settings while nothing did", () => {
    process.env.API_RATE_LIMIT_BURST = "3";
    const first = env();
    expect(first.API_RATE_LIMIT_BURST).toBe(3);
    expect(env()).toBe(first);
    process.env.API_RATE_LIMIT_BURST = "5";
    expect(env().API_RATE_LIMIT_BURST).toBe(5);
    delete process.env.API_RATE_LIMIT_BURST;
    expect(env().API_RATE_LIMIT_BURST).toBe(200);
  });

  it("throws an EnvError naming the variable when process.env holds a bad value", () => {
    process.env.API_RATE_LIMIT_BURST = "lots";
    expect(() => env()).toThrow('API_RATE_LIMIT_BURST is "lots": must be a number above 0');
  });
});
