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

/** A test card of the test-mode picker, and what it does: data in lib/payments/test-cards.ts. */
export type { TestCardBehaviour, TestCardOption } from "@/lib/payments/test-cards";

