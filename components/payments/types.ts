/** A saved card as the browser sees it (no Stripe ids it does not need). */
export type CardSummary = {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** credit | debit | prepaid | unknown */
  funding: string;
  isDefault: boolean;
};

/** Which Stripe the browser talks to, decided on the server. */
export type PaymentsClientConfig = {
  /** No real money moves: the local emulator, or Stripe with an sk_test_ key. */
  testMode: boolean;
  /** The local Stripe emulator as the browser reaches it; null with real Stripe. */
  emulatorUrl: string | null;
  /** For Stripe Elements with real Stripe; null when not configured (or with the emulator). */
  publishableKey: string | null;
};

/** What a test card in the test-mode picker does. */
export type TestCardBehaviour = "succeeds" | "three_d_secure" | "declines_on_save" | "declines_payments";

export type TestCardOption = {
  token: string;
  brand: string;
  last4: string;
  funding: string;
  behaviour: TestCardBehaviour;
};
