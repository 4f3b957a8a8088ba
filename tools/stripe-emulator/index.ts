// The local Stripe emulator (test mode without Stripe keys): a development and test tool, not
// part of the product. The scripts (scripts/lib/serve.ts, scripts/test.ts) and the test helpers
// (test/helpers/stripe.ts) start it; the app only gets its base URL (STRIPE_EMULATOR_URL) and
// the secret it signs webhooks with (STRIPE_WEBHOOK_SECRET), as it would from real Stripe.
// See server.ts for the endpoints and cards.ts for the test cards.

export { startStripeEmulator, type EmulatorState, type StripeEmulator, type StripeEmulatorOptions } from "./server";
export { TEST_CARDS, testCard, type TestCard } from "./cards";
export { signatureHeader, type DeliveryAttempt } from "./webhooks";

/** The port `npm run dev`, `npm start` and the CLI use unless STRIPE_EMULATOR_PORT says otherwise. */
export const DEFAULT_EMULATOR_PORT = 12111;

/**
 * The webhook signing secret the CLI and the scripts use when STRIPE_WEBHOOK_SECRET is unset. It
 * only ever signs test-mode events from a local emulator, and it is public (it is in this
 * repository): whoever starts an emulator hands the same value to the app as
 * STRIPE_WEBHOOK_SECRET, so both ends agree.
 */
export const DEFAULT_EMULATOR_WEBHOOK_SECRET = "whsec_saldo_local_stripe_emulator";

/**
 * The stripe-node constructor options that send every request to the emulator at `url`, e.g.
 * `new Stripe("sk_test_emulator", { ...emulatorClientOptions(url), maxNetworkRetries: 2 })`.
 */
export function emulatorClientOptions(url: string): { host: string; port: number; protocol: "http" | "https" } {
  const parsed = new URL(url);
  const protocol = parsed.protocol === "https:" ? "https" : "http";
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : protocol === "https" ? 443 : 80,
    protocol,
  };
}
