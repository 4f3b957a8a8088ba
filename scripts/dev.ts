// npm run dev — the whole product on one machine: embedded PostgreSQL (unless DATABASE_URL is
// set), migrations, demo data on an empty database, the Stripe emulator (unless
// STRIPE_SECRET_KEY is set), and the Next.js dev server.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startLocalEmulator, type LocalEmulator } from "../lib/payments/local-emulator";
import { connectDatabase } from "./lib/database";
import { localAuthSecret } from "./lib/local-env";
import { log } from "./lib/log";
import { migrate } from "./lib/migrate";
import { NPX, run, supervise } from "./lib/processes";

const port = Number(process.env.PORT ?? 3000);
const database = await connectDatabase();
try {
  log("Applying database migrations");
  const applied = await migrate(database.url, (name) => log(`  applying ${name}`));
  if (!applied.length) log("  database already up to date");
  if (await isEmpty(database.url)) {
    log("Empty database: loading demo data");
    await run("npm", ["run", "--silent", "db:seed"], { env: { ...process.env, DATABASE_URL: database.url } });
  }
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  await database.stop();
  process.exit(1);
}

const stripe = await startStripe();
const env = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localAuthSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  ...(stripe ? { STRIPE_EMULATOR_URL: stripe.url } : {}),
};
log(`Starting Next.js on http://localhost:${port} (Ctrl+C stops it, the database and the Stripe emulator)`);
const next = spawn(NPX, ["next", "dev", "-p", String(port)], { stdio: "inherit", env });
supervise(next, async () => {
  await stripe?.stop();
  await database.stop();
});

/** Without Stripe keys, the local Stripe emulator (its state kept next to the database's). */
async function startStripe(): Promise<LocalEmulator | undefined> {
  if (process.env.STRIPE_SECRET_KEY) {
    log(`Stripe: ${process.env.STRIPE_SECRET_KEY.startsWith("sk_test_") ? "test mode" : "LIVE mode"} (STRIPE_SECRET_KEY)`);
    return undefined;
  }
  try {
    const emulator = await startLocalEmulator({
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
      stateFile: path.resolve(import.meta.dirname, "../.data/stripe-emulator.json"),
      log,
    });
    log(`Stripe: test mode (local emulator on ${emulator.url})`);
    return emulator;
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    await database.stop();
    process.exit(1);
  }
}

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "Workspace"`);
    return rows[0].count === "0";
  } finally {
    await client.end();
  }
}
