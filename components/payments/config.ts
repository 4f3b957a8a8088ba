import "server-only";
import { emulatorBrowserUrl } from "@/lib/payments/emulator-mode";
import { isTestMode, publishableKey, usesEmulator } from "@/lib/payments/stripe";
import { OFFERED_TEST_CARDS } from "@/lib/payments/test-cards";
import type { PaymentsClientConfig, TestCardOption } from "@/components/payments/types";

/** What the browser needs to know about the Stripe in use. Never a secret. */
export function paymentsClientConfig(): PaymentsClientConfig {
  const emulator = usesEmulator();
  return {
    testMode: isTestMode(),
    emulatorUrl: emulator ? emulatorBrowserUrl() : null,
    publishableKey: emulator ? null : publishableKey(),
  };
}

/** The test cards offered when saving a card against the local emulator (lib/payments/test-cards.ts). */
export function testCardOptions(): TestCardOption[] {
  return [...OFFERED_TEST_CARDS];
}
