// Without STRIPE_SECRET_KEY Saldo talks to its built-in Stripe emulator, and webhooks are
// verified with the emulator's secret, which is a public constant (it is in this repository):
// anyone who can reach the server can sign a webhook. That is what a developer's machine and
// the test suites want, and what a production server must never do by accident. So in
// production (NODE_ENV=production: `npm start`, `next start`, the built app) emulator mode is
// refused unless STRIPE_EMULATOR=on asks for it — a demo or staging server with no real money —
// and then every page and the start-up log say so.
//
// Each function reads the app's settings (lib/env.ts) unless given others: the start scripts
// decide with the same function, on the environment they are about to start a server with.
import { DEFAULT_EMULATOR_URL, env } from "@/lib/env";

/** The variable that allows emulator mode in production, and the one value that does. */
export const EMULATOR_OPT_IN = { name: "STRIPE_EMULATOR", value: "on" } as const;

/** The settings these rules read: the app's (env()), or a raw environment a script passes. */
type Settings = {
  NODE_ENV?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_EMULATOR?: string;
  STRIPE_EMULATOR_URL?: string;
  STRIPE_EMULATOR_PUBLIC_URL?: string;
};

function usesEmulator(settings: Settings): boolean {
  return !settings.STRIPE_SECRET_KEY?.trim();
}

function isProduction(settings: Settings): boolean {
  return settings.NODE_ENV === "production";
}

function optedIn(settings: Settings): boolean {
  return settings.STRIPE_EMULATOR?.trim() === EMULATOR_OPT_IN.value;
}

/**
 * Where the browser reaches the emulator (its /emulator endpoints finish 3-D Secure in test
 * mode, standing in for Stripe.js's modal; receipts live there too); null with real Stripe.
 */
export function emulatorBrowserUrl(settings: Settings = env()): string | null {
  if (!usesEmulator(settings)) return null;
  return (settings.STRIPE_EMULATOR_PUBLIC_URL?.trim() || settings.STRIPE_EMULATOR_URL?.trim() || DEFAULT_EMULATOR_URL).replace(/\/$/, "");
}

/** Why this environment may not run on the emulator, or null when it may (or uses Stripe). */
export function emulatorModeRefusal(settings: Settings = env()): string | null {
  if (!usesEmulator(settings) || !isProduction(settings) || optedIn(settings)) return null;
  return (
    "Refusing to run in production on the local Stripe emulator: STRIPE_SECRET_KEY is not set, and the " +
    "emulator's webhook secret is public, so anyone could sign payment events. Set STRIPE_SECRET_KEY, " +
    `STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or ${EMULATOR_OPT_IN.name}=${EMULATOR_OPT_IN.value} ` +
    "for a demo server where no real money moves (see README, Environment variables)."
  );
}

/** True for a production server that was explicitly allowed to run on the emulator. */
export function isProductionEmulator(settings: Settings = env()): boolean {
  return usesEmulator(settings) && isProduction(settings) && optedIn(settings);
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
