// CLI: runs the Stripe emulator on its own, configured from the environment.
//
//   STRIPE_EMULATOR_PORT         port (default 12111)
//   STRIPE_WEBHOOK_SECRET        whsec_… used to sign webhooks (default: DEFAULT_EMULATOR_WEBHOOK_SECRET)
//   STRIPE_EMULATOR_WEBHOOK_URL  where to POST events, e.g. http://localhost:3000/api/webhooks/stripe
//   STRIPE_EMULATOR_STATE_FILE   JSON file that keeps customers and cards across restarts
//   STRIPE_EMULATOR_PUBLIC_URL   URL the browser reaches the emulator at (default http://127.0.0.1:<port>)
//   STRIPE_EMULATOR_QUIET=1      no per-request / per-webhook log lines
//
//   npx tsx tools/stripe-emulator/main.ts

import { DEFAULT_EMULATOR_PORT, DEFAULT_EMULATOR_WEBHOOK_SECRET, startStripeEmulator } from "./index";

const port = Number(process.env.STRIPE_EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`✖ STRIPE_EMULATOR_PORT must be a port number, not ${process.env.STRIPE_EMULATOR_PORT}`);
  process.exit(1);
}
const quiet = process.env.STRIPE_EMULATOR_QUIET === "1";

const emulator = await startStripeEmulator({
  port,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || DEFAULT_EMULATOR_WEBHOOK_SECRET,
  webhookUrl: process.env.STRIPE_EMULATOR_WEBHOOK_URL || undefined,
  stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
  publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL || undefined,
  // Log lines go to stderr, keeping stdout for the one readiness line below.
  log: quiet ? undefined : (line) => console.error(`[stripe-emulator] ${line}`),
}).catch((error: Error) => {
  console.error(`✖ Stripe emulator could not start: ${error.message}`);
  process.exit(1);
});

console.log(`Stripe emulator (test mode) on ${emulator.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void emulator.stop().then(() => process.exit(0));
  });
}
