// A bad setting stops the start, with one message naming the variable, before anything is
// started or served: `npm start` (scripts/start.ts), the production server itself
// (scripts/app-server.ts), the admin CLI, and a Next.js server started without them
// (instrumentation.ts's register()).
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { runScript } from "@/test/helpers/scripts";

const MESSAGE = 'Invalid environment variable JOBS_POOL_SIZE is "abc": must be a whole number from 1 to 50 (see README, Environment variables)';
// A production start that would otherwise go ahead: the emulator opted in, no Stripe keys.
const production = { JOBS_POOL_SIZE: "abc", STRIPE_EMULATOR: "on", STRIPE_SECRET_KEY: undefined, NODE_ENV: undefined };

describe("a bad value fails the start", () => {
  it("`npm start` (scripts/start.ts) says which variable, before migrations or anything else", async () => {
    const run = await runScript("scripts/start.ts", production);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`✖ ${MESSAGE}`);
    expect(run.stderr).not.toMatch(/migrations|Starting Saldo|Stripe/);
  });

  it("the production server (scripts/app-server.ts) refuses it before Next.js loads", async () => {
    const run = await runScript("scripts/app-server.ts", { ...production, PORT: "9" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`✖ ${MESSAGE}`);
  });

  it("the production server names every bad variable, and what it cannot run without", async () => {
    const run = await runScript("scripts/app-server.ts", { ...production, TRUST_PROXY: "yes", NEXTAUTH_SECRET: undefined, PORT: "9" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('  JOBS_POOL_SIZE is "abc": must be a whole number from 1 to 50');
    expect(run.stderr).toContain('  TRUST_PROXY is "yes": must be the number of reverse proxies in front of Saldo');
    expect(run.stderr).toContain("  NEXTAUTH_SECRET is not set: a production server needs it to sign sessions");
  });

  it("the admin CLI answers its one error line", async () => {
    const run = await runScript("scripts/admin.ts", { API_RATE_LIMIT_BURST: "-3" }, ["prices:list", "--currency", "USD"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: invalid environment: API_RATE_LIMIT_BURST is "-3": must be a number above 0 (see README, Environment variables)\n',
    );
  });
});

describe("instrumentation.ts", () => {
  const saved = { NEXT_RUNTIME: process.env.NEXT_RUNTIME, JOBS_POOL_SIZE: process.env.JOBS_POOL_SIZE };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("register() prints the message and ends the process as the Node.js server starts, before the job workers", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    process.env.JOBS_POOL_SIZE = "abc";
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    await expect(register()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(`✖ ${MESSAGE}`);
  });
});
