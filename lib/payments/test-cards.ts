// Stripe's documented test payment methods (https://docs.stripe.com/testing#cards): in test
// mode — the local emulator, or Stripe with an sk_test_ key — a card is saved by confirming the
// SetupIntent with one of these tokens instead of a number typed into Stripe Elements.
//
// Data, not the emulator's: the tokens, brands, last 4 digits and funding are Stripe's own, so
// the picker and the server's check are the same with or without the emulator, and rendering
// the wallet needs no call to it. test/unit/payments-test-cards.test.ts checks that the emulator
// (tools/stripe-emulator/cards.ts) knows every one and agrees with what is written here.

/** What a test card in the test-mode picker does. */
export type TestCardBehaviour = "succeeds" | "three_d_secure" | "declines_on_save" | "declines_payments";

export type TestCardOption = {
  token: string;
  brand: string;
  last4: string;
  funding: string;
  behaviour: TestCardBehaviour;
};

/**
 * The test-mode picker on Wallet → Payment methods: a card of each kind the tutorial mentions
 * (credit, debit, a prepaid card like Wise or Mercury) and one of each thing that can go wrong.
 */
export const OFFERED_TEST_CARDS: readonly TestCardOption[] = [
  { token: "pm_card_visa", brand: "visa", last4: "4242", funding: "credit", behaviour: "succeeds" },
  { token: "pm_card_visa_debit", brand: "visa", last4: "5556", funding: "debit", behaviour: "succeeds" },
  { token: "pm_card_mastercard_prepaid", brand: "mastercard", last4: "5100", funding: "prepaid", behaviour: "succeeds" },
  { token: "pm_card_amex", brand: "amex", last4: "8431", funding: "credit", behaviour: "succeeds" },
  { token: "pm_card_authenticationRequiredOnSetup", brand: "visa", last4: "3155", funding: "credit", behaviour: "three_d_secure" },
  { token: "pm_card_chargeDeclined", brand: "visa", last4: "0002", funding: "credit", behaviour: "declines_on_save" },
  { token: "pm_card_chargeCustomerFail", brand: "visa", last4: "0341", funding: "credit", behaviour: "declines_payments" },
];

/** The rest of Stripe's documented card tokens that test mode accepts (tests and developers use them). */
const MORE_TEST_TOKENS = [
  // brands, funding and issuing countries
  "pm_card_mastercard", "pm_card_mastercard_debit", "pm_card_discover", "pm_card_diners", "pm_card_jcb", "pm_card_unionpay",
  "pm_card_in", "pm_card_es", "pm_card_mx", "pm_card_gb",
  // declines
  "pm_card_visa_chargeDeclined", "pm_card_chargeDeclinedInsufficientFunds", "pm_card_visa_chargeDeclinedInsufficientFunds",
  "pm_card_chargeDeclinedLostCard", "pm_card_chargeDeclinedStolenCard", "pm_card_chargeDeclinedFraudulent",
  "pm_card_chargeDeclinedVelocityLimitExceeded", "pm_card_chargeDeclinedExpiredCard", "pm_card_chargeDeclinedIncorrectCvc",
  "pm_card_chargeDeclinedProcessingError",
  // 3-D Secure
  "pm_card_authenticationRequired", "pm_card_authenticationRequiredSetupForOffSession",
  "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", "pm_card_threeDSecure2Required",
  "pm_card_threeDSecureRequiredChargeDeclined",
  // disputes
  "pm_card_createDispute",
];

/** Every test token the server accepts in place of a card form. */
export const TEST_CARD_TOKENS: ReadonlySet<string> = new Set([...OFFERED_TEST_CARDS.map((card) => card.token), ...MORE_TEST_TOKENS]);
