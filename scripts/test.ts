// npm test — every test, in order: type-check, Vitest (unit + integration on a real, throwaway
// PostgreSQL), production build, Playwright end-to-end in Chromium against that build.
//   --only=unit   Vitest only        --only=e2e   build + Playwright only
//   --skip-build  reuse the existing .next build for the e2e step
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { exitOnInvalidEnv, scriptEnv } from "../lib/env";
import { connectDatabase, freePort } from "./lib/database";
import { log } from "./lib/log";
import { migrate } from "./lib/migrate";
import { NPX, run, startAppServer } from "./lib/processes";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET } from "../tools/stripe-emulator";
import { startLocalEmulator, type LocalEmulator } from "../tools/stripe-emulator/local";

exitOnInvalidEnv();
const { values } = parseArgs({ options: { only: { type: "string" }, "skip-build": { type: "boolean" } } });
const only = values.only as "unit" | "e2e" | undefined;
const REPORTS = path.resolve(".data/reports");
const TEST_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";
const started = Date.now();
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

let failure: Error | undefined;
const steps: [string, () => Promise<void>][] = [];
if (!only) steps.push(["Type-checking (tsc --noEmit)", () => run(NPX, ["tsc", "--noEmit"])]);
if (!only) steps.push(["Linting (eslint)", () => run(NPX, ["eslint", "."])]);
if (only !== "e2e") steps.push(["Unit and integration tests (Vitest, real PostgreSQL)", vitest]);
if (only !== "unit" && !values["skip-build"]) steps.push(["Building the app (next build)", build]);
if (only !== "unit") steps.push(["End-to-end tests (Playwright, Chromium)", e2e]);

for (const [index, [title, step]] of steps.entries()) {
  log(`[${index + 1}/${steps.length}] ${title}`);
  const stepStarted = Date.now();
  try {
    await step();
    log(`    done in ${seconds(stepStarted)}`);
  } catch (error) {
    failure = error as Error;
    log(`    FAILED after ${seconds(stepStarted)}: ${failure.message}`);
    break;
  }
}

const { passed, failed, skipped } = countResults();
log(`Finished in ${seconds(started)}${failure ? " with failures" : ""}`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failure || failed ? 1 : 0);

async function vitest() {
  await run(NPX, ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`]);
}

async function build() {
  await run(NPX, ["next", "build"], { env: { ...process.env, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? TEST_SECRET } });
}

async function e2e() {
  const server = await connectDatabase({ name: `e2e-pg-${process.pid}`, port: await freePort(), database: "postgres", throwaway: true });
  const url = await freshDatabase(server.url, "saldo_e2e");
  let app: ReturnType<typeof startAppServer> | undefined;
  let stripe: LocalEmulator | undefined;
  try {
    await migrate(url);
    log("    loading demo data");
    await run("npm", ["run", "--silent", "db:seed"], { env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
    const port = scriptEnv().E2E_PORT ?? (await freePort());
    const baseUrl = `http://localhost:${port}`;
    // Payments always run against a Stripe emulator of this run's own (fresh, no state file),
    // whatever Stripe keys the shell has: the journeys must never reach a real account.
    stripe = await startLocalEmulator({
      port: 0,
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
      webhookSecret: DEFAULT_EMULATOR_WEBHOOK_SECRET,
      log,
    });
    // A production server on the emulator must say so (STRIPE_EMULATOR=on, lib/payments/emulator-mode.ts).
    const stripeEnv = { ...withoutStripeKeys(process.env), ...stripe.appEnv, STRIPE_EMULATOR: "on" };
    log(`    Stripe emulator on ${stripe.url}`);
    log(`    starting the built app on ${baseUrl}`);
    app = startAppServer(port, {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...stripeEnv, DATABASE_URL: url, NEXTAUTH_SECRET: TEST_SECRET, NEXTAUTH_URL: baseUrl },
    });
    await waitFor(`${baseUrl}/login`, 60_000);
    await run(NPX, ["playwright", "test"], {
      env: { ...stripeEnv, E2E_BASE_URL: baseUrl, DATABASE_URL: url, PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` },
    });
  } finally {
    await app?.stop();
    await stripe?.stop();
    await server.stop();
  }
}

function withoutStripeKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_EMULATOR_PUBLIC_URL"]) delete copy[name];
  return copy;
}

/** Creates (or recreates) a database next to the one in `serverUrl` and returns its URL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

function countResults() {
  let passed = 0, failed = 0, skipped = 0;
  const vitestReport = readJson(`${REPORTS}/vitest.json`);
  if (vitestReport) {
    passed += vitestReport.numPassedTests;
    failed += vitestReport.numFailedTests;
    skipped += vitestReport.numPendingTests + vitestReport.numTodoTests;
  }
  const playwrightReport = readJson(`${REPORTS}/playwright.json`);
  if (playwrightReport) {
    passed += playwrightReport.stats.expected + playwrightReport.stats.flaky;
    failed += playwrightReport.stats.unexpected;
    skipped += playwrightReport.stats.skipped;
  }
  return { passed, failed, skipped };
}

function readJson(file: string) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

function seconds(since: number) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}
