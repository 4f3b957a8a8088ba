// npm start — the production server: applies pending migrations, then runs `next start`.
// With DATABASE_URL unset it uses the embedded PostgreSQL, and with STRIPE_SECRET_KEY unset the
// local Stripe emulator, like `npm run dev`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startLocalEmulator, type LocalEmulator } from "../lib/payments/local-emulator";
import { connectDatabase } from "./lib/database";
import { localAuthSecret } from "./lib/local-env";
import { log } from "./lib/log";
import { migrate } from "./lib/migrate";
import { NPX, supervise } from "./lib/processes";

if (!existsSync(".next/BUILD_ID")) {
  console.error("✖ No production build found. Run `npm run build` first.");
  process.exit(1);
}
const localMode = !process.env.DATABASE_URL;
if (!localMode && !process.env.NEXTAUTH_SECRET) {
  console.error("✖ NEXTAUTH_SECRET is required when DATABASE_URL points at a real server (see README).");
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const database = await connectDatabase();
try {
  log("Applying database migrations");
  const applied = await migrate(database.url, (name) => log(`  applying ${name}`));
  if (!applied.length) log("  database already up to date");
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
log(`Starting Saldo on http://localhost:${port}`);
const next = spawn(NPX, ["next", "start", "-p", String(port)], { stdio: "inherit", env });
supervise(next, async () => {
  await stripe?.stop();
  await database.stop();
});

/** Without Stripe keys, the local Stripe emulator (its state kept next to the database's). */
async function startStripe(): Promise<LocalEmulator | undefined> {
  if (process.env.STRIPE_SECRET_KEY) {
    if (!process.env.STRIPE_WEBHOOK_SECRET) log("Warning: STRIPE_WEBHOOK_SECRET is not set, so Stripe webhooks will be refused");
    log(`Stripe: ${process.env.STRIPE_SECRET_KEY.startsWith("sk_test_") ? "test mode" : "live mode"} (STRIPE_SECRET_KEY)`);
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
