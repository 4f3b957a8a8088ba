// Constructors for the Stripe objects the emulator hands out. They are typed with stripe-node's own
// object types (the API version the installed SDK speaks), so the compiler checks that every field
// the SDK declares is present; fields the emulator has no use for carry Stripe's "empty" value
// (null, {}, []) rather than being left out.

import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { displayBrand, last4, type TestCard } from "./cards";
import { newId, now } from "./store";

export interface CustomerFields {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  preferredLocales: string[];
}

export function customerObject(fields: CustomerFields): Stripe.Customer {
  return {
    id: newId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description,
    discount: null,
    email: fields.email,
    invoice_prefix: createHash("sha256").update(String(Math.random())).digest("hex").slice(0, 8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: fields.metadata,
    name: fields.name,
    next_invoice_sequence: 1,
    phone: fields.phone,
    preferred_locales: fields.preferredLocales,
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

/** The card's expiry: Stripe's test PaymentMethods expire in the current month, a few years on. */
function expiry(): { exp_month: number; exp_year: number } {
  const today = new Date();
  return { exp_month: today.getUTCMonth() + 1, exp_year: today.getUTCFullYear() + 3 };
}

/** Same card number, same fingerprint — how Stripe lets you spot a card saved twice. */
export function fingerprint(card: TestCard): string {
  return createHash("sha256").update(`saldo-emulator:${card.number}`).digest("base64url").slice(0, 16);
}

export function paymentMethodObject(card: TestCard, metadata: Record<string, string> = {}): Stripe.PaymentMethod {
  return {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: card.country,
      display_brand: displayBrand(card.brand),
      ...expiry(),
      fingerprint: fingerprint(card),
      funding: card.funding,
      generated_from: null,
      last4: last4(card),
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      // Amex test cards are the ones Stripe documents as not supporting 3-D Secure.
      three_d_secure_usage: { supported: card.brand !== "amex" },
      wallet: null,
    },
    created: now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    type: "card",
  };
}

export interface SetupIntentFields {
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  usage: "off_session" | "on_session";
  /** `allowed_payment_method_types` as sent (null when not sent). */
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: boolean;
}

export function setupIntentObject(fields: SetupIntentFields): Stripe.SetupIntent {
  const id = newId("seti");
  return {
    id,
    object: "setup_intent",
    allowed_payment_method_types: fields.allowedPaymentMethodTypes as Stripe.SetupIntent.AllowedPaymentMethodType[] | null,
    application: null,
    automatic_payment_methods: fields.automaticPaymentMethods ? { allow_redirects: "always", enabled: true } : null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId("x", 32).slice(2)}`,
    created: now(),
    customer: fields.customer,
    description: fields.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    // The emulator only does cards, so card is the one compatible type whatever was allowed.
    payment_method_types: ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: fields.usage,
  };
}

export interface PaymentIntentFields {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  /** `allowed_payment_method_types` as sent (null when not sent). */
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: boolean;
  setupFutureUsage: "off_session" | "on_session" | null;
  statementDescriptor: string | null;
  statementDescriptorSuffix: string | null;
  requestThreeDSecure: "any" | "automatic" | "challenge";
}

export function paymentIntentObject(fields: PaymentIntentFields): Stripe.PaymentIntent {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: fields.allowedPaymentMethodTypes as Stripe.PaymentIntent.AllowedPaymentMethodType[] | null,
    amount: fields.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: fields.automaticPaymentMethods ? { allow_redirects: "always", enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: `${id}_secret_${newId("x", 25).slice(2)}`,
    confirmation_method: "automatic",
    created: now(),
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    description: fields.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: fields.requestThreeDSecure },
    },
    // The emulator only does cards, so card is the one compatible type whatever was allowed.
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: fields.receiptEmail,
    review: null,
    setup_future_usage: fields.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: fields.statementDescriptor,
    statement_descriptor_suffix: fields.statementDescriptorSuffix,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

export interface ChargeFields {
  intent: Stripe.PaymentIntent;
  paymentMethod: Stripe.PaymentMethod;
  card: TestCard;
  /** Set when the issuer refused the payment. */
  failure: { code: string; declineCode: string; message: string } | null;
  /** 3-D Secure took place before this charge. */
  authenticated: boolean;
  receiptUrl: (chargeId: string) => string;
}

export function chargeObject({ intent, paymentMethod, card, failure, authenticated, receiptUrl }: ChargeFields): Stripe.Charge {
  const id = newId("ch");
  const pmCard = paymentMethod.card!;
  const succeeded = failure === null;
  return {
    id,
    object: "charge",
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    // The emulator keeps no balance, so there is no balance transaction to point at.
    balance_transaction: null,
    billing_details: paymentMethod.billing_details,
    calculated_statement_descriptor: intent.statement_descriptor ?? "SALDO",
    captured: succeeded,
    created: now(),
    currency: intent.currency,
    customer: typeof intent.customer === "string" ? intent.customer : (intent.customer?.id ?? null),
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: chargeOutcome(failure),
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: {
      type: "card",
      card: {
        amount_authorized: succeeded ? intent.amount : null,
        authorization_code: succeeded ? "123456" : null,
        brand: pmCard.brand,
        checks: pmCard.checks,
        country: pmCard.country,
        exp_month: pmCard.exp_month,
        exp_year: pmCard.exp_year,
        fingerprint: pmCard.fingerprint,
        funding: pmCard.funding,
        installments: null,
        last4: pmCard.last4,
        mandate: null,
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: succeeded ? newId("ntx", 15).slice(4) : null,
        regulated_status: "unregulated",
        three_d_secure: authenticated
          ? {
              authentication_flow: "challenge",
              electronic_commerce_indicator: "05",
              exemption_indicator: null,
              result: "authenticated",
              result_reason: null,
              transaction_id: newId("tds", 24).slice(4),
              version: "2.2.0",
            }
          : null,
        transaction_link_id: null,
        wallet: null,
        electronic_commerce_indicator: authenticated ? "05" : null,
      },
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: succeeded ? receiptUrl(id) : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: intent.statement_descriptor,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: null,
  };
}

type Failure = ChargeFields["failure"];

/** `charge.outcome`: what the network (or Radar) said about the attempt. */
function chargeOutcome(failure: Failure): Stripe.Charge.Outcome {
  const base = { network_advice_code: null, network_decline_code: null, risk_level: "normal", risk_score: 20 };
  if (!failure) {
    return { ...base, advice_code: null, network_status: "approved_by_network", reason: null, seller_message: "Payment complete.", type: "authorized" };
  }
  if (failure.declineCode === "fraudulent") {
    // Radar blocks these before they reach the card network.
    return {
      ...base,
      advice_code: "do_not_try_again",
      network_status: "not_sent_to_network",
      reason: "highest_risk_level",
      risk_level: "highest",
      risk_score: 95,
      seller_message: "Stripe blocked this payment as too risky.",
      type: "blocked",
    };
  }
  return {
    ...base,
    advice_code: failure.declineCode === "insufficient_funds" ? "try_again_later" : "do_not_try_again",
    network_status: "declined_by_network",
    reason: failure.declineCode,
    seller_message:
      failure.declineCode === "generic_decline"
        ? "The bank did not return any further details with this decline."
        : `The bank returned the decline code \`${failure.declineCode}\`.`,
    type: "issuer_declined",
  };
}

export function refundObject(charge: Stripe.Charge, amount: number, reason: Stripe.Refund.Reason | null, metadata: Record<string, string>): Stripe.Refund {
  return {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: now(),
    currency: charge.currency,
    customer: typeof charge.customer === "string" ? charge.customer : (charge.customer?.id ?? null),
    customer_account: null,
    destination_details: { type: "card", card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" } },
    metadata,
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null),
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}

export function disputeObject(charge: Stripe.Charge, amount: number, reason: string): Stripe.Dispute {
  const created = now();
  const card = charge.payment_method_details?.card;
  return {
    id: newId("dp"),
    object: "dispute",
    amount,
    // The emulator keeps no balance, so no balance transactions are recorded for the dispute.
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null,
      billing_address: null,
      cancellation_policy: null,
      cancellation_policy_disclosure: null,
      cancellation_rebuttal: null,
      customer_communication: null,
      customer_email_address: null,
      customer_name: null,
      customer_purchase_ip: null,
      customer_signature: null,
      duplicate_charge_documentation: null,
      duplicate_charge_explanation: null,
      duplicate_charge_id: null,
      enhanced_evidence: {},
      product_description: null,
      receipt: null,
      refund_policy: null,
      refund_policy_disclosure: null,
      refund_refusal_explanation: null,
      service_date: null,
      service_documentation: null,
      shipping_address: null,
      shipping_carrier: null,
      shipping_date: null,
      shipping_documentation: null,
      shipping_tracking_number: null,
      uncategorized_file: null,
      uncategorized_text: null,
    },
    evidence_details: {
      due_by: created + 21 * 24 * 3600,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: reason === "fraudulent" ? "10.4" : null,
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null),
    payment_method_details: card
      ? {
          type: "card",
          card: { brand: card.brand ?? "visa", case_type: "chargeback", network: card.network ?? card.brand ?? "visa", network_reason_code: reason === "fraudulent" ? "10.4" : null },
        }
      : undefined,
    reason,
    status: "needs_response",
  };
}
