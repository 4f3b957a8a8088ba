// What `npm run dev` and `npm start` share: the database (embedded unless DATABASE_URL is set),
// pending migrations, the Stripe emulator (unless STRIPE_SECRET_KEY is set), then Next.js, with
// everything stopped cleanly when Next.js exits or the user presses Ctrl+C.
import path from "node:path";
import { env as settings } from "../../lib/env";
import { EMULATOR_OPT_IN } from "../../lib/payments/emulator-mode";
import { startLocalEmulator, type LocalEmulator } from "../../tools/stripe-emulator/local";
import { connectDatabase } from "./database";
import { localAuthSecret } from "./local-env";
import { log } from "./log";
import { migrate } from "./migrate";
import { startAppServer, supervise } from "./processes";

export async function serveNext(options: { command: "dev" | "start"; beforeStart?: (databaseUrl: string) => Promise<void> }) {
  const port = settings().PORT;
  const database = await connectDatabase();
  const fail = async (error: unknown) => {
    console.error(`✖ ${(error as Error).message}`);
    await database.stop();
    process.exit(1);
  };
  try {
    log("Applying database migrations");
    const applied = await migrate(database.url, (name) => log(`  applying ${name}`));
    if (!applied.length) log("  database already up to date");
    await options.beforeStart?.(database.url);
  } catch (error) {
    await fail(error);
  }

  const stripe = await startStripe(port, options.command).catch(fail);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // The emulator's URL and the secret it signs webhooks with, as Stripe's keys would be.
    ...stripe?.appEnv,
  };
  log(`Starting Saldo on http://localhost:${port} (Ctrl+C stops it, the database and the Stripe emulator)`);
  const next = startAppServer(port, { stdio: "inherit", env, dev: options.command === "dev" });
  supervise(next, async () => {
    await stripe?.stop();
    await database.stop();
  });
}

/** Without Stripe keys, the local Stripe emulator (its state kept next to the database's). */
async function startStripe(port: number, command: "dev" | "start"): Promise<LocalEmulator | undefined> {
  if (process.env.STRIPE_SECRET_KEY) {
    if (!process.env.STRIPE_WEBHOOK_SECRET) log("Warning: STRIPE_WEBHOOK_SECRET is not set, so Stripe webhooks will be refused");
    log(`Stripe: ${process.env.STRIPE_SECRET_KEY.startsWith("sk_test_") ? "test mode" : "LIVE mode"} (STRIPE_SECRET_KEY)`);
    return undefined;
  }
  const emulator = await startLocalEmulator({
    webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    stateFile: path.resolve(import.meta.dirname, "../../.data/stripe-emulator.json"),
    log,
  });
  log(`Stripe: test mode (local emulator on ${emulator.url})`);
  // start.ts refused already unless STRIPE_EMULATOR=on; the server prints the big warning too.
  if (command === "start") log(`Stripe emulator in a production server: allowed by ${EMULATOR_OPT_IN.name}=${EMULATOR_OPT_IN.value}`);
  return emulator;
}
