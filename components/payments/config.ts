import "server-only";
import { testCard } from "@/lib/payments/emulator/cards";
import { emulatorBrowserUrl } from "@/lib/payments/emulator-mode";
import { isTestMode, publishableKey, usesEmulator } from "@/lib/payments/stripe";
import type { PaymentsClientConfig, TestCardBehaviour, TestCardOption } from "@/components/payments/types";

/** What the browser needs to know about the Stripe in use. Never a secret. */
export function paymentsClientConfig(): PaymentsClientConfig {
  const emulator = usesEmulator();
  return {
    testMode: isTestMode(),
    emulatorUrl: emulator ? emulatorBrowserUrl() : null,
    publishableKey: emulator ? null : publishableKey(),
  };
}

// The test-mode picker: a few cards of each kind the tutorial mentions (credit, debit, a
// prepaid card like Wise or Mercury) and one of each thing that can go wrong.
const PICKER: [token: string, behaviour: TestCardBehaviour][] = [
  ["pm_card_visa", "succeeds"],
  ["pm_card_visa_debit", "succeeds"],
  ["pm_card_mastercard_prepaid", "succeeds"],
  ["pm_card_amex", "succeeds"],
  ["pm_card_authenticationRequiredOnSetup", "three_d_secure"],
  ["pm_card_chargeDeclined", "declines_on_save"],
  ["pm_card_chargeCustomerFail", "declines_payments"],
];

/** The test cards offered when saving a card against the local emulator. */
export const TEST_CARD_TOKENS: readonly string[] = PICKER.map(([token]) => token);

export function testCardOptions(): TestCardOption[] {
  return PICKER.flatMap(([token, behaviour]) => {
    const card = testCard(token);
    return card ? [{ token, brand: card.brand, last4: card.number.slice(-4), funding: card.funding, behaviour }] : [];
  });
}
