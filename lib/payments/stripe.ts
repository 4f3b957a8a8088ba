import "server-only";
import Stripe from "stripe";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { emulatorModeRefusal } from "@/lib/payments/emulator-mode";

// The one place that decides which Stripe the app talks to. With STRIPE_SECRET_KEY it is the
// real API; without it (the local default) it is the Stripe emulator (tools/stripe-emulator)
// started by `npm run dev` / `npm start` / the tests, so the same code paths run offline in test
// mode — refused in production unless STRIPE_EMULATOR=on (lib/payments/emulator-mode.ts). The
// app knows the emulator only by its base URL (STRIPE_EMULATOR_URL) and, as with real Stripe,
// the webhook secret it is handed (STRIPE_WEBHOOK_SECRET): whoever starts an emulator sets both.
//
// Settings are read on every call (not once at import; env() re-reads a changed variable) so that
// tests, which start an emulator on a random port per file, and the scripts, which set the URL
// for the Next.js process, both work.

/** What the emulator accepts: any sk_test_ key. */
const EMULATOR_SECRET_KEY = "sk_test_emulator";

const clients = new Map<string, Stripe>();

function secretKey(): string | undefined {
  return env().STRIPE_SECRET_KEY;
}

function emulatorUrl(): string {
  return env().STRIPE_EMULATOR_URL;
}

/** The Stripe client: the real API with STRIPE_SECRET_KEY, otherwise the local emulator. */
export function getStripe(): Stripe {
  const key = secretKey();
  if (!key) refuseEmulatorIfProduction();
  // One client per configuration: a client holds its own HTTP agent and settings.
  const cacheKey = key ? `key:${key}` : `emulator:${emulatorUrl()}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = key
      ? new Stripe(key, { maxNetworkRetries: 2, appInfo: { name: "Saldo" } })
      : new Stripe(EMULATOR_SECRET_KEY, { ...hostOf(emulatorUrl()), maxNetworkRetries: 2, appInfo: { name: "Saldo" } });
    clients.set(cacheKey, client);
  }
  return client;
}

/** stripe-node's host/port/protocol options that send every request to the base URL `url`. */
function hostOf(url: string): { host: string; port: number; protocol: "http" | "https" } {
  const { protocol, hostname, port } = new URL(url);
  const https = protocol === "https:";
  return { host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) || (https ? 443 : 80), protocol: https ? "https" : "http" };
}

/** True without keys (the emulator) and with an `sk_test_` key: no real money moves. */
export function isTestMode(): boolean {
  const key = secretKey();
  return !key || key.startsWith("sk_test_");
}

/** True when there is no STRIPE_SECRET_KEY and requests go to the local emulator. */
export function usesEmulator(): boolean {
  return !secretKey();
}

/** The publishable key for Stripe Elements in the browser; null when not configured. */
export function publishableKey(): string | null {
  return env().STRIPE_PUBLISHABLE_KEY ?? null;
}

/**
 * The secret webhook signatures are verified with: STRIPE_WEBHOOK_SECRET, the endpoint's whsec_…
 * secret with real Stripe, and the emulator's signing secret with the emulator (the scripts and
 * test helpers that start one set it for the app's process).
 */
export function webhookSecret(): string {
  // The emulator's secret is public: never accepted in production without the opt-in.
  if (usesEmulator()) refuseEmulatorIfProduction();
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (secret) return secret;
  throw new Error(
    usesEmulator()
      ? "STRIPE_WEBHOOK_SECRET is not set: set it to the secret the Stripe emulator signs with (npm run dev and npm start do; see tools/stripe-emulator/README.md)"
      : "STRIPE_WEBHOOK_SECRET is not set: with STRIPE_SECRET_KEY, webhooks cannot be verified without the endpoint's whsec_… secret",
  );
}

function refuseEmulatorIfProduction() {
  const refusal = emulatorModeRefusal();
  if (refusal) throw new Error(refusal);
}

/** A Stripe error that means Stripe could not be reached or failed, not that the request was wrong. */
export function isStripeUnavailable(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAuthenticationError
  );
}

/** Turns "Stripe is down / misconfigured" into the user-facing 503; anything else is rethrown. */
export function rethrowUnavailable(error: unknown): never {
  if (isStripeUnavailable(error)) {
    console.error("Stripe unavailable:", (error as Error).message);
    throw new AppError("payments_unavailable", "Card payments are unavailable right now. Please try again in a moment.");
  }
  throw error;
}

/** `resource_missing`: the object does not exist (deleted, or another account's). */
export function isResourceMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === "resource_missing";
}

/** The id of an expandable field, whether Stripe sent the id or the object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
