// The test payment methods the emulator understands, and what each one does.
//
// They mirror Stripe's own test tokens (https://docs.stripe.com/testing): the same `pm_card_…` ids,
// the same brand, last 4 digits, funding and country, and the same behaviour on setup and on
// payment — so code written against the emulator behaves the same against Stripe in test mode.
//
// How Stripe's test cards behave, and therefore how these do:
//
// - A card that declines (`pm_card_chargeDeclined`, `…InsufficientFunds`, `…LostCard`, …) declines
//   *everything*, including being saved: a SetupIntent confirm or a PaymentMethod attach answers
//   402 `card_error` (Stripe verifies the card when it is saved). Only `pm_card_chargeCustomerFail`
//   ("decline after attaching") and `pm_card_chargeDeclinedFraudulent` (blocked by Radar at charge
//   time) save fine and then decline every charge — those are the cards to keep on file when
//   testing failed top-ups and failed auto-recharges (for insufficient_funds on a saved card, see
//   `pm_card_authenticationRequiredChargeDeclinedInsufficientFunds` below). Every decline card can
//   also be used directly in a PaymentIntent (`payment_method: "pm_card_chargeDeclined"`).
// - 3-D Secure cards follow Stripe's "regulatory" table:
//     `pm_card_authenticationRequired` (…3184) authenticates on setup and on every on-session
//       payment; off-session payments always fail with `authentication_required`, even after setup.
//     `pm_card_authenticationRequiredOnSetup` (…3155) authenticates on setup and on-session; once
//       set up for off-session use, off-session payments succeed without authentication.
//     `pm_card_authenticationRequiredSetupForOffSession` (…0446) saves without authentication,
//       authenticates on-session, and off-session payments succeed.
//     `pm_card_authenticationRequiredChargeDeclinedInsufficientFunds` (…3178) authenticates on
//       setup and on-session, and every payment (off-session too) is then declined with
//       `insufficient_funds`.
//     `pm_card_threeDSecure2Required` (…3220) behaves like …3184.
//     `pm_card_threeDSecureRequiredChargeDeclined` (…1629) authenticates, then declines.
// - `pm_card_createDispute` (…0259) succeeds and the charge is disputed right after
//   (`charge.dispute.created`), like Stripe's dispute test card.

/** Card brands as Stripe writes them in `payment_method.card.brand`. */
export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay";
export type CardFunding = "credit" | "debit" | "prepaid";

/** A card-issuer refusal, with the fields Stripe puts in the `card_error`. */
export interface Decline {
  /** `error.code`: usually `card_declined`; some refusals have their own code. */
  code: "card_declined" | "expired_card" | "incorrect_cvc" | "processing_error";
  /** `error.decline_code` and `charge.outcome.reason`. */
  declineCode: string;
  /** `error.message`, Stripe's customer-facing wording. */
  message: string;
  /** `error.param` when the refusal is about one field (expiry, CVC). */
  param?: string;
}

/** When the issuer asks for 3-D Secure. */
export interface Authentication {
  /** Confirming a SetupIntent (saving the card) needs the cardholder. */
  onSetup: boolean;
  /** A payment with the customer present (not `off_session`) needs the cardholder. */
  onSession: boolean;
  /**
   * A payment with `off_session=true`: `never` succeeds, `always` fails with
   * `authentication_required`, `unless_set_up` fails unless the card went through a successful
   * SetupIntent (or a payment with `setup_future_usage`) first.
   */
  offSession: "never" | "always" | "unless_set_up";
}

export interface TestCard {
  /** The test token, e.g. `pm_card_visa`. */
  token: string;
  /** The full test card number (for receipts and documentation; never stored on objects). */
  number: string;
  brand: CardBrand;
  funding: CardFunding;
  /** ISO country of the issuer. */
  country: string;
  /** What the card does, in one line (shown by `GET /emulator/cards` for test-mode pickers). */
  description: string;
  authentication: Authentication;
  /** Payments are refused with this decline (after authentication, if any). */
  decline?: Decline;
  /** The decline also applies when the card is saved (SetupIntent confirm, attach). */
  declinesOnSetup?: boolean;
  /** Every successful charge is disputed right after it succeeds. */
  disputesCharges?: boolean;
}

const NO_AUTHENTICATION: Authentication = { onSetup: false, onSession: false, offSession: "never" };

/** A `card_declined` refusal, with Stripe's generic wording unless the reason has its own. */
function cardDeclined(declineCode: string, message = "Your card was declined."): Decline {
  return { code: "card_declined", declineCode, message };
}

const GENERIC_DECLINE = cardDeclined("generic_decline");
const INSUFFICIENT_FUNDS = cardDeclined("insufficient_funds", "Your card has insufficient funds.");

function card(token: string, fields: Omit<TestCard, "token" | "authentication"> & { authentication?: Authentication }): TestCard {
  return { token, authentication: NO_AUTHENTICATION, ...fields };
}

/** A US Visa credit card refused with `decline` everywhere, being saved included: most of Stripe's decline cards. */
function declinedEverywhere(token: string, number: string, decline: Decline): TestCard {
  return card(token, { number, brand: "visa", funding: "credit", country: "US", description: `Declined (${decline.declineCode}), also when saved`, decline, declinesOnSetup: true });
}

const table: TestCard[] = [
  // Successful cards, by brand and funding.
  card("pm_card_visa", { number: "4242424242424242", brand: "visa", funding: "credit", country: "US", description: "Visa credit, succeeds" }),
  card("pm_card_visa_debit", { number: "4000056655665556", brand: "visa", funding: "debit", country: "US", description: "Visa debit, succeeds" }),
  card("pm_card_mastercard", { number: "5555555555554444", brand: "mastercard", funding: "credit", country: "US", description: "Mastercard credit, succeeds" }),
  card("pm_card_mastercard_debit", { number: "5200828282828210", brand: "mastercard", funding: "debit", country: "US", description: "Mastercard debit, succeeds" }),
  card("pm_card_mastercard_prepaid", { number: "5105105105105100", brand: "mastercard", funding: "prepaid", country: "US", description: "Mastercard prepaid (like a Wise or Mercury virtual card), succeeds" }),
  card("pm_card_amex", { number: "371449635398431", brand: "amex", funding: "credit", country: "US", description: "American Express, succeeds" }),
  card("pm_card_discover", { number: "6011111111111117", brand: "discover", funding: "credit", country: "US", description: "Discover, succeeds" }),
  card("pm_card_diners", { number: "3056930009020004", brand: "diners", funding: "credit", country: "US", description: "Diners Club, succeeds" }),
  card("pm_card_jcb", { number: "3566002020360505", brand: "jcb", funding: "credit", country: "JP", description: "JCB, succeeds" }),
  card("pm_card_unionpay", { number: "6200000000000005", brand: "unionpay", funding: "credit", country: "CN", description: "UnionPay, succeeds" }),
  // Successful cards, by issuing country (the product sells in USD and INR, to Spanish speakers too).
  card("pm_card_in", { number: "4000003560000008", brand: "visa", funding: "credit", country: "IN", description: "Visa issued in India, succeeds" }),
  card("pm_card_es", { number: "4000007240000007", brand: "visa", funding: "credit", country: "ES", description: "Visa issued in Spain, succeeds" }),
  card("pm_card_mx", { number: "4000004840008001", brand: "visa", funding: "credit", country: "MX", description: "Visa issued in Mexico, succeeds" }),
  card("pm_card_gb", { number: "4000008260000000", brand: "visa", funding: "credit", country: "GB", description: "Visa issued in the United Kingdom, succeeds" }),

  // Declines: refused when saved and when charged (two of them under a `pm_card_visa_…` token too, as on Stripe).
  declinedEverywhere("pm_card_chargeDeclined", "4000000000000002", GENERIC_DECLINE),
  declinedEverywhere("pm_card_visa_chargeDeclined", "4000000000000002", GENERIC_DECLINE),
  declinedEverywhere("pm_card_chargeDeclinedInsufficientFunds", "4000000000009995", INSUFFICIENT_FUNDS),
  declinedEverywhere("pm_card_visa_chargeDeclinedInsufficientFunds", "4000000000009995", INSUFFICIENT_FUNDS),
  declinedEverywhere("pm_card_chargeDeclinedLostCard", "4000000000009987", cardDeclined("lost_card")),
  declinedEverywhere("pm_card_chargeDeclinedStolenCard", "4000000000009979", cardDeclined("stolen_card")),
  // Radar blocks the charges of this one, not the saving of it.
  card("pm_card_chargeDeclinedFraudulent", {
    number: "4100000000000019", brand: "visa", funding: "credit", country: "US",
    description: "Saves fine, then every charge is blocked as fraudulent",
    decline: cardDeclined("fraudulent"),
  }),
  declinedEverywhere("pm_card_chargeDeclinedVelocityLimitExceeded", "4000000000006975", cardDeclined("card_velocity_exceeded")),
  // Refusals with a code of their own (and, for expiry and CVC, the field they are about).
  declinedEverywhere("pm_card_chargeDeclinedExpiredCard", "4000000000000069", { code: "expired_card", declineCode: "expired_card", message: "Your card has expired.", param: "exp_month" }),
  declinedEverywhere("pm_card_chargeDeclinedIncorrectCvc", "4000000000000127", { code: "incorrect_cvc", declineCode: "incorrect_cvc", message: "Your card's security code is incorrect.", param: "cvc" }),
  declinedEverywhere("pm_card_chargeDeclinedProcessingError", "4000000000000119", { code: "processing_error", declineCode: "processing_error", message: "An error occurred while processing your card. Try again in a little bit." }),
  // Saves fine, then every charge is declined: failed top-ups and auto-recharges with a saved card.
  card("pm_card_chargeCustomerFail", {
    number: "4000000000000341", brand: "visa", funding: "credit", country: "US",
    description: "Saves fine, then every charge is declined (generic_decline)",
    decline: GENERIC_DECLINE,
  }),

  // 3-D Secure (Stripe's "regulatory" and "3DS" test cards).
  card("pm_card_authenticationRequired", {
    number: "4000002760003184", brand: "visa", funding: "credit", country: "DE",
    description: "3-D Secure on setup and on every on-session payment; off-session payments fail (authentication_required)",
    authentication: { onSetup: true, onSession: true, offSession: "always" },
  }),
  card("pm_card_authenticationRequiredOnSetup", {
    number: "4000002500003155", brand: "visa", funding: "credit", country: "FR",
    description: "3-D Secure on setup and on-session; off-session payments succeed once the card is set up",
    authentication: { onSetup: true, onSession: true, offSession: "unless_set_up" },
  }),
  card("pm_card_authenticationRequiredSetupForOffSession", {
    number: "4000003800000446", brand: "visa", funding: "credit", country: "IT",
    description: "Already set up: saves without 3-D Secure, authenticates on-session, off-session payments succeed",
    authentication: { onSetup: false, onSession: true, offSession: "never" },
  }),
  card("pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", {
    number: "4000008260003178", brand: "visa", funding: "credit", country: "GB",
    description: "3-D Secure on setup and on-session, then every payment is declined (insufficient_funds)",
    authentication: { onSetup: true, onSession: true, offSession: "never" },
    decline: INSUFFICIENT_FUNDS,
  }),
  card("pm_card_threeDSecure2Required", {
    number: "4000000000003220", brand: "visa", funding: "credit", country: "US",
    description: "3-D Secure 2 required on setup and every on-session payment; off-session payments fail",
    authentication: { onSetup: true, onSession: true, offSession: "always" },
  }),
  card("pm_card_threeDSecureRequiredChargeDeclined", {
    number: "4000008400001629", brand: "visa", funding: "credit", country: "US",
    description: "3-D Secure required, then the payment is declined (generic_decline)",
    authentication: { onSetup: true, onSession: true, offSession: "always" },
    decline: GENERIC_DECLINE,
  }),

  // Disputes.
  card("pm_card_createDispute", {
    number: "4000000000000259", brand: "visa", funding: "credit", country: "US",
    description: "Succeeds, then the charge is disputed (fraudulent)",
    disputesCharges: true,
  }),
];

/** Every test card, keyed by token. */
export const TEST_CARDS: ReadonlyMap<string, TestCard> = new Map(table.map((entry) => [entry.token, entry]));

export function testCard(token: string): TestCard | undefined {
  return TEST_CARDS.get(token);
}

export function last4(entry: TestCard): string {
  return entry.number.slice(-4);
}

/** Stripe's `display_brand` spelling (it differs from `brand` for a few networks). */
export function displayBrand(brand: CardBrand): string {
  switch (brand) {
    case "amex":
      return "american_express";
    case "diners":
      return "diners_club";
    case "unionpay":
      return "union_pay";
    default:
      return brand;
  }
}
