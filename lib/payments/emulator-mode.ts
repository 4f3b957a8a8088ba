// Without STRIPE_SECRET_KEY Saldo talks to its built-in Stripe emulator, and webhooks are
// verified with the emulator's secret, which is a public constant (it is in this repository):
// anyone who can reach the server can sign a webhook. That is what a developer's machine and
// the test suites want, and what a production server must never do by accident. So in
// production (NODE_ENV=production: `npm start`, `next start`, the built app) emulator mode is
// refused unless STRIPE_EMULATOR=on asks for it — a demo or staging server with no real money —
// and then every page and the start-up log say so.
//
// No "server-only": the start scripts decide with the same function before anything starts.

/**
 * Where the app reaches the emulator unless STRIPE_EMULATOR_URL says otherwise: the port the
 * scripts start it on by default (tools/stripe-emulator, STRIPE_EMULATOR_PORT 12111).
 */
export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";

/** The variable that allows emulator mode in production, and the one value that does. */
export const EMULATOR_OPT_IN = { name: "STRIPE_EMULATOR", value: "on" } as const;

type Env = Record<string, string | undefined>;

function usesEmulator(env: Env): boolean {
  return !env.STRIPE_SECRET_KEY?.trim();
}

function isProduction(env: Env): boolean {
  return env.NODE_ENV === "production";
}

function optedIn(env: Env): boolean {
  return env[EMULATOR_OPT_IN.name]?.trim() === EMULATOR_OPT_IN.value;
}

/**
 * Where the browser reaches the emulator (its /emulator endpoints finish 3-D Secure in test
 * mode, standing in for Stripe.js's modal; receipts live there too); null with real Stripe.
 */
export function emulatorBrowserUrl(env: Env = process.env): string | null {
  if (!usesEmulator(env)) return null;
  return (env.STRIPE_EMULATOR_PUBLIC_URL?.trim() || env.STRIPE_EMULATOR_URL?.trim() || DEFAULT_EMULATOR_URL).replace(/\/$/, "");
}

/** Why this environment may not run on the emulator, or null when it may (or uses Stripe). */
export function emulatorModeRefusal(env: Env = process.env): string | null {
  if (!usesEmulator(env) || !isProduction(env) || optedIn(env)) return null;
  return (
    "Refusing to run in production on the local Stripe emulator: STRIPE_SECRET_KEY is not set, and the " +
    "emulator's webhook secret is public, so anyone could sign payment events. Set STRIPE_SECRET_KEY, " +
    `STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or ${EMULATOR_OPT_IN.name}=${EMULATOR_OPT_IN.value} ` +
    "for a demo server where no real money moves (see README, Environment variables)."
  );
}

/** True for a production server that was explicitly allowed to run on the emulator. */
export function isProductionEmulator(env: Env = process.env): boolean {
  return usesEmulator(env) && isProduction(env) && optedIn(env);
}

/** The start-up warning of a production server on the emulator: meant to be seen. */
export function productionEmulatorWarning(): string {
  const line = "!".repeat(78);
  return [
    line,
    `!! ${EMULATOR_OPT_IN.name}=${EMULATOR_OPT_IN.value}: PRODUCTION SERVER IN STRIPE EMULATOR (TEST) MODE`,
    "!! No real card is charged and no real money moves. Webhooks are verified with the",
    "!! emulator's PUBLIC secret: anyone can forge a payment. Never use this with real customers.",
    line,
  ].join("\n");
}
