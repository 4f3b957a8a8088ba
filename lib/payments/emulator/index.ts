// The local Stripe emulator (test mode without Stripe keys). See server.ts for the endpoints and
// cards.ts for the test cards.

export { startStripeEmulator, type EmulatorState, type StripeEmulator, type StripeEmulatorOptions } from "./server";
export { TEST_CARDS, testCard, type TestCard } from "./cards";
export { signatureHeader, type DeliveryAttempt } from "./webhooks";

export { DEFAULT_EMULATOR_PORT } from "../emulator-mode";

/**
 * The webhook signing secret the CLI uses when STRIPE_WEBHOOK_SECRET is unset. It only ever signs
 * test-mode events from a local emulator; the app should fall back to the same value when it runs
 * without Stripe keys, so both ends agree without configuration.
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
