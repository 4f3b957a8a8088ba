// What the emulated Stripe API does: customers, saved cards (SetupIntents and PaymentMethods),
// payments (PaymentIntents and their charges), refunds, disputes and events. Each public method is
// one endpoint; it validates its parameters the way Stripe does, changes the state, records an
// Event for every state change (which is then delivered as a webhook), and returns the Stripe
// object — or throws a StripeApiError carrying Stripe's error body and status.
//
// Everything here is synchronous: Node runs one request handler at a time, so each endpoint is
// atomic, and an Idempotency-Key replay can never race the first request.

import type Stripe from "stripe";
import { testCard, type Decline, type TestCard } from "./cards";
import { StripeApiError, badRequest, noSuch } from "./errors";
import {
  applyMetadata,
  invalid,
  missing,
  nullableString,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  rejectUnknown,
  requiredString,
  type FormObject,
} from "./form";
import {
  chargeObject,
  customerObject,
  disputeObject,
  paymentIntentObject,
  paymentMethodObject,
  refundObject,
  setupIntentObject,
} from "./objects";
import { newId, now, snapshot, type PaymentIntentRecord, type PaymentMethodRecord, type SetupIntentRecord, type Store } from "./store";
import type { WebhookDelivery } from "./webhooks";

/** Who caused a change: an API request (its id and Idempotency-Key), or nobody (automatic). */
export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
}

export const AUTOMATIC: RequestContext = { requestId: null, idempotencyKey: null };

/**
 * Currencies the emulator charges in, with Stripe's minimum charge amount in the smallest unit.
 * Saldo plans are USD and INR; a few more are accepted so that nothing breaks for a Spanish or
 * Mexican test customer.
 */
export const CURRENCIES: Record<string, { minimum: number }> = {
  usd: { minimum: 50 },
  inr: { minimum: 50 },
  eur: { minimum: 50 },
  gbp: { minimum: 30 },
  mxn: { minimum: 1000 },
};
/** Stripe's largest charge: 8 digits in the smallest currency unit. */
const MAXIMUM_AMOUNT = 99_999_999;

const AUTHENTICATION_REQUIRED: Decline = {
  code: "card_declined",
  declineCode: "authentication_required",
  message: "Your card was declined. This transaction requires authentication.",
};

export interface CoreOptions {
  store: Store;
  delivery: WebhookDelivery;
  /** `api_version` written on events. */
  apiVersion: string;
  /** Base URL the browser reaches the emulator at (3-D Secure page and receipt links). */
  publicUrl: () => string;
  log: (line: string) => void;
}

type ListParams = { limit: number; startingAfter?: string; endingBefore?: string };

export class EmulatorCore {
  constructor(private readonly options: CoreOptions) {}

  private get data() {
    return this.options.store.data;
  }

  // ───────────────────────────── Customers ─────────────────────────────

  createCustomer(params: FormObject, ctx: RequestContext): Stripe.Customer {
    rejectUnknown(params, ["email", "name", "description", "phone", "metadata.*", "payment_method", "invoice_settings.default_payment_method", "preferred_locales"]);
    const customer = customerObject({
      email: nullableString(params, "email") ?? null,
      name: nullableString(params, "name") ?? null,
      description: nullableString(params, "description") ?? null,
      phone: nullableString(params, "phone") ?? null,
      metadata: applyMetadata({}, params),
      preferredLocales: optionalStringArray(params, "preferred_locales") ?? [],
    });
    // A payment_method given at creation is attached first: if the card declines, no customer exists.
    const pmRef = optionalString(params, "payment_method");
    const pm = pmRef ? this.resolvePaymentMethod(pmRef, "payment_method") : undefined;
    if (pm) this.assertAttachable(pm, customer.id);
    const defaultPm = this.invoiceDefault(params);
    if (defaultPm && defaultPm !== pm?.object.id) {
      throw invalid("invoice_settings[default_payment_method]", `The customer does not have a payment method with the ID ${defaultPm}. The payment method must be attached to the customer.`);
    }
    this.data.customers[customer.id] = customer;
    this.emit(ctx, "customer.created", customer);
    if (pm) this.attach(pm, customer.id, ctx);
    if (defaultPm) {
      const previous = snapshot(customer);
      customer.invoice_settings.default_payment_method = defaultPm;
      this.emit(ctx, "customer.updated", customer, diff(previous, customer));
    }
    return customer;
  }

  retrieveCustomer(id: string): Stripe.Customer {
    return this.customer(id);
  }

  updateCustomer(id: string, params: FormObject, ctx: RequestContext): Stripe.Customer {
    rejectUnknown(params, ["email", "name", "description", "phone", "metadata.*", "invoice_settings.default_payment_method", "preferred_locales"]);
    const customer = this.customer(id);
    const previous = snapshot(customer);
    for (const field of ["email", "name", "description", "phone"] as const) {
      const value = nullableString(params, field);
      if (value !== undefined) customer[field] = value;
    }
    customer.metadata = applyMetadata(customer.metadata, params);
    const locales = optionalStringArray(params, "preferred_locales");
    if (locales) customer.preferred_locales = locales;
    const defaultPm = this.invoiceDefault(params);
    if (defaultPm !== undefined) {
      if (defaultPm !== null) {
        const record = this.data.paymentMethods[defaultPm];
        if (!record || record.object.customer !== customer.id) {
          throw invalid("invoice_settings[default_payment_method]", `The customer does not have a payment method with the ID ${defaultPm}. The payment method must be attached to the customer.`);
        }
      }
      customer.invoice_settings.default_payment_method = defaultPm;
    }
    const changes = diff(previous, customer);
    if (Object.keys(changes).length) this.emit(ctx, "customer.updated", customer, changes);
    return customer;
  }

  /** `invoice_settings[default_payment_method]`: undefined when absent, null when sent empty. */
  private invoiceDefault(params: FormObject): string | null | undefined {
    const settings = optionalObject(params, "invoice_settings");
    if (!settings) return undefined;
    return nullableString(settings, "default_payment_method");
  }

  private customer(id: string, param = "id"): Stripe.Customer {
    const customer = this.data.customers[id];
    if (!customer) throw noSuch("customer", id, param);
    return customer;
  }

  // ─────────────────────────── Payment methods ───────────────────────────

  /**
   * A PaymentMethod from what the caller sent: an existing `pm_…` id, or a test token such as
   * `pm_card_visa`, which (like on Stripe) mints a new PaymentMethod each time it is used.
   */
  private resolvePaymentMethod(ref: string, param: string): PaymentMethodRecord {
    const existing = this.data.paymentMethods[ref];
    if (existing) return existing;
    const card = testCard(ref);
    if (!card) throw noSuch("PaymentMethod", ref, param);
    const record: PaymentMethodRecord = { object: paymentMethodObject(card), token: card.token, setUpForOffSession: false, reusable: true };
    this.data.paymentMethods[record.object.id] = record;
    return record;
  }

  private card(record: PaymentMethodRecord): TestCard {
    return testCard(record.token)!;
  }

  retrievePaymentMethod(id: string): Stripe.PaymentMethod {
    return this.resolvePaymentMethod(id, "id").object;
  }

  listPaymentMethods(query: FormObject, url = "/v1/payment_methods", forcedCustomer?: string): Stripe.ApiList<Stripe.PaymentMethod> {
    rejectUnknown(query, forcedCustomer ? ["type", "limit", "starting_after", "ending_before", "allow_redisplay"] : ["customer", "type", "limit", "starting_after", "ending_before"]);
    const customer = forcedCustomer ?? optionalString(query, "customer");
    if (customer) this.customer(customer, forcedCustomer ? "id" : "customer");
    const type = optionalString(query, "type");
    const items = Object.values(this.data.paymentMethods)
      .map((record) => record.object)
      .filter((pm) => (customer ? pm.customer === customer : pm.customer !== null))
      .filter((pm) => !type || pm.type === type);
    return this.list(items, listParams(query), url);
  }

  attachPaymentMethod(id: string, params: FormObject, ctx: RequestContext): Stripe.PaymentMethod {
    rejectUnknown(params, ["customer"]);
    const record = this.resolvePaymentMethod(id, "id");
    const customerId = requiredString(params, "customer");
    this.customer(customerId, "customer");
    if (record.object.customer === customerId) return record.object;
    this.assertAttachable(record, customerId);
    this.attach(record, customerId, ctx);
    return record.object;
  }

  /** Refusals Stripe gives when saving a card to a customer (the card's own decline included). */
  private assertAttachable(record: PaymentMethodRecord, customerId: string): void {
    if (record.object.customer && record.object.customer !== customerId) {
      throw badRequest("The payment method you provided has already been attached to a customer.", { param: "payment_method" });
    }
    if (!record.reusable) {
      throw badRequest(
        "This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
        { param: "payment_method" },
      );
    }
    const card = this.card(record);
    if (card.decline && card.declinesOnSetup) {
      throw new StripeApiError(402, { ...declineBody(card.decline), payment_method: snapshot(record.object) });
    }
  }

  private attach(record: PaymentMethodRecord, customerId: string, ctx: RequestContext): void {
    record.object.customer = customerId;
    this.emit(ctx, "payment_method.attached", record.object);
  }

  detachPaymentMethod(id: string, params: FormObject, ctx: RequestContext): Stripe.PaymentMethod {
    rejectUnknown(params, []);
    const record = this.data.paymentMethods[id];
    if (!record) throw noSuch("PaymentMethod", id);
    const customerId = record.object.customer as string | null;
    if (!customerId) throw badRequest("The payment method you provided is not attached to a customer so detachment is impossible.");
    record.object.customer = null;
    record.reusable = false;
    // Stripe forgets a detached card as the customer's default.
    const customer = this.data.customers[customerId];
    if (customer && customer.invoice_settings.default_payment_method === id) {
      const previous = snapshot(customer);
      customer.invoice_settings.default_payment_method = null;
      this.emit(ctx, "customer.updated", customer, diff(previous, customer));
    }
    this.emit(ctx, "payment_method.detached", record.object, { customer: customerId }, customerId);
    return record.object;
  }

  // ─────────────────────────── SetupIntents ───────────────────────────

  createSetupIntent(params: FormObject, ctx: RequestContext): Stripe.SetupIntent {
    rejectUnknown(params, [
      "customer", "description", "metadata.*", "usage", "allowed_payment_method_types", "excluded_payment_method_types",
      "payment_method_types", "automatic_payment_methods.enabled",
      "automatic_payment_methods.allow_redirects", "payment_method", "confirm", "return_url", "use_stripe_sdk",
      "payment_method_options.card.request_three_d_secure",
    ]);
    const customerId = optionalString(params, "customer");
    if (customerId) this.customer(customerId, "customer");
    const intent = setupIntentObject({
      customer: customerId ?? null,
      description: nullableString(params, "description") ?? null,
      metadata: applyMetadata({}, params),
      usage: optionalEnum(params, "usage", ["off_session", "on_session"] as const) ?? "off_session",
      allowedPaymentMethodTypes: allowedTypes(params),
      automaticPaymentMethods: automaticPaymentMethods(params),
    });
    intent.payment_method_options!.card!.request_three_d_secure = requestThreeDSecure(params) ?? "automatic";
    const pmRef = optionalString(params, "payment_method");
    if (pmRef) {
      intent.payment_method = this.resolvePaymentMethod(pmRef, "payment_method").object.id;
      intent.status = "requires_confirmation";
    }
    const record: SetupIntentRecord = { object: intent, returnUrl: null };
    this.data.setupIntents[intent.id] = record;
    this.emit(ctx, "setup_intent.created", intent);
    // The payment_method was already resolved above: confirm with it, not with the token again.
    if (optionalBoolean(params, "confirm")) return this.confirmSetup(record, params, ctx, intent.payment_method as string | null);
    return intent;
  }

  retrieveSetupIntent(id: string, query: FormObject): Stripe.SetupIntent {
    rejectUnknown(query, ["client_secret"]);
    return this.setupIntent(id).object;
  }

  confirmSetupIntent(id: string, params: FormObject, ctx: RequestContext): Stripe.SetupIntent {
    rejectUnknown(params, [
      "payment_method", "return_url", "use_stripe_sdk", "payment_method_options.card.request_three_d_secure", "client_secret",
      "allowed_payment_method_types",
    ]);
    const record = this.setupIntent(id);
    const allowed = allowedTypes(params);
    if (allowed) record.object.allowed_payment_method_types = allowed as Stripe.SetupIntent.AllowedPaymentMethodType[];
    return this.confirmSetup(record, params, ctx, optionalString(params, "payment_method") ?? (record.object.payment_method as string | null));
  }

  /** `pmRef`: the PaymentMethod (or test token) to confirm with, null when the intent has none. */
  private confirmSetup(record: SetupIntentRecord, params: FormObject, ctx: RequestContext, pmRef: string | null): Stripe.SetupIntent {
    const intent = record.object;
    if (intent.status === "succeeded") {
      throw unexpectedState("setup_intent", "You cannot confirm this SetupIntent because it has already succeeded.", intent);
    }
    if (intent.status === "canceled") {
      throw unexpectedState("setup_intent", "You cannot confirm this SetupIntent because it has a status of canceled.", intent);
    }
    if (!pmRef) {
      throw unexpectedState("setup_intent", "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.", intent);
    }
    const pm = this.resolvePaymentMethod(pmRef, "payment_method");
    const customerId = intent.customer as string | null;
    if (customerId) this.assertOwnership(pm, customerId);
    else if (pm.object.customer) throw badRequest("The provided PaymentMethod is attached to a Customer. Set `customer` on the SetupIntent to that Customer to use it.", { param: "payment_method" });
    if (!pm.reusable) throw badRequest("This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.", { param: "payment_method" });
    const rtds = requestThreeDSecure(params);
    const useStripeSdk = optionalBoolean(params, "use_stripe_sdk");
    const returnUrl = optionalString(params, "return_url");
    // Every parameter is valid: from here on the attempt changes the intent.
    if (rtds) intent.payment_method_options!.card!.request_three_d_secure = rtds;
    record.returnUrl = returnUrl ?? record.returnUrl;
    intent.payment_method = pm.object.id;
    intent.last_setup_error = null;
    const card = this.card(pm);

    if (card.decline && card.declinesOnSetup) {
      const error = { ...declineBody(card.decline), payment_method: snapshot(pm.object) };
      intent.status = "requires_payment_method";
      intent.payment_method = null;
      intent.next_action = null;
      intent.last_setup_error = error as Stripe.SetupIntent.LastSetupError;
      this.emit(ctx, "setup_intent.setup_failed", intent);
      throw new StripeApiError(402, { ...error, setup_intent: snapshot(intent) });
    }
    const challenge =
      card.authentication.onSetup ||
      (intent.payment_method_options?.card?.request_three_d_secure === "challenge" && pm.object.card!.three_d_secure_usage?.supported === true);
    if (challenge) {
      intent.status = "requires_action";
      intent.next_action = this.nextAction(intent, record.returnUrl, useStripeSdk);
      this.emit(ctx, "setup_intent.requires_action", intent);
      return intent;
    }
    return this.succeedSetup(record, pm, ctx);
  }

  private succeedSetup(record: SetupIntentRecord, pm: PaymentMethodRecord, ctx: RequestContext): Stripe.SetupIntent {
    const intent = record.object;
    intent.status = "succeeded";
    intent.next_action = null;
    intent.last_setup_error = null;
    if (intent.usage === "off_session") pm.setUpForOffSession = true;
    const customerId = intent.customer as string | null;
    if (customerId && pm.object.customer !== customerId) this.attach(pm, customerId, ctx);
    this.emit(ctx, "setup_intent.succeeded", intent);
    return intent;
  }

  cancelSetupIntent(id: string, params: FormObject, ctx: RequestContext): Stripe.SetupIntent {
    rejectUnknown(params, ["cancellation_reason"]);
    const record = this.setupIntent(id);
    const intent = record.object;
    if (intent.status === "succeeded" || intent.status === "canceled") {
      throw unexpectedState("setup_intent", `You cannot cancel this SetupIntent because it has a status of ${intent.status}.`, intent);
    }
    intent.cancellation_reason = optionalEnum(params, "cancellation_reason", ["abandoned", "duplicate", "requested_by_customer"] as const) ?? null;
    return this.markCanceled("setup_intent", intent, ctx);
  }

  /** What canceling ends with for either kind of intent: canceled, nothing left to do, and the event. */
  private markCanceled<I extends Stripe.PaymentIntent | Stripe.SetupIntent>(kind: "payment_intent" | "setup_intent", intent: I, ctx: RequestContext): I {
    intent.status = "canceled";
    intent.next_action = null;
    this.emit(ctx, `${kind}.canceled`, intent);
    return intent;
  }

  /** The cardholder's answer to the 3-D Secure challenge of a SetupIntent (emulator endpoint). */
  authenticateSetupIntent(id: string, succeed: boolean, ctx: RequestContext): Stripe.SetupIntent {
    const record = this.setupIntent(id);
    const intent = record.object;
    const pm = this.challengedPaymentMethod("setup_intent", intent);
    if (succeed) return this.succeedSetup(record, pm, ctx);
    intent.last_setup_error = failAuthentication("setup_intent", intent, pm);
    this.emit(ctx, "setup_intent.setup_failed", intent);
    return intent;
  }

  /** The payment method of an intent that waits for the cardholder's 3-D Secure answer; any other intent is refused. */
  private challengedPaymentMethod(kind: "payment_intent" | "setup_intent", intent: Stripe.PaymentIntent | Stripe.SetupIntent): PaymentMethodRecord {
    if (intent.status !== "requires_action") {
      throw unexpectedState(kind, `This ${INTENT_NAMES[kind]} is not waiting for authentication (status: ${intent.status}).`, intent);
    }
    return this.data.paymentMethods[intent.payment_method as string];
  }

  setupIntent(id: string): SetupIntentRecord {
    const record = this.data.setupIntents[id];
    if (!record) throw noSuch("setupintent", id, "intent");
    return record;
  }

  // ─────────────────────────── PaymentIntents ───────────────────────────

  createPaymentIntent(params: FormObject, ctx: RequestContext): { intent: Stripe.PaymentIntent; error?: StripeApiError } {
    rejectUnknown(params, [
      "amount", "currency", "customer", "payment_method", "confirm", "off_session", "metadata.*", "description",
      "receipt_email", "allowed_payment_method_types", "excluded_payment_method_types", "payment_method_types",
      "automatic_payment_methods.enabled", "automatic_payment_methods.allow_redirects",
      "setup_future_usage", "statement_descriptor", "statement_descriptor_suffix", "return_url", "use_stripe_sdk",
      "error_on_requires_action", "capture_method", "confirmation_method", "payment_method_options.card.request_three_d_secure",
    ]);
    const currency = validCurrency(params);
    const amount = validAmount(params, currency);
    const captureMethod = optionalString(params, "capture_method");
    if (captureMethod && captureMethod !== "automatic" && captureMethod !== "automatic_async") {
      throw invalid("capture_method", "The Stripe emulator only charges with capture_method=automatic (no separate authorisation and capture).");
    }
    const confirmationMethod = optionalString(params, "confirmation_method");
    if (confirmationMethod && confirmationMethod !== "automatic") {
      throw invalid("confirmation_method", "The Stripe emulator only supports confirmation_method=automatic.");
    }
    const customerId = optionalString(params, "customer");
    if (customerId) this.customer(customerId, "customer");
    const confirm = optionalBoolean(params, "confirm") ?? false;
    const offSession = offSessionParam(params);
    if (offSession !== undefined && !confirm) {
      throw invalid("off_session", "You can only pass `off_session` when `confirm` is set to true.");
    }
    const intent = paymentIntentObject({
      amount,
      currency,
      customer: customerId ?? null,
      description: nullableString(params, "description") ?? null,
      metadata: applyMetadata({}, params),
      receiptEmail: nullableString(params, "receipt_email") ?? null,
      allowedPaymentMethodTypes: allowedTypes(params),
      automaticPaymentMethods: automaticPaymentMethods(params),
      setupFutureUsage: optionalEnum(params, "setup_future_usage", ["off_session", "on_session"] as const) ?? null,
      statementDescriptor: nullableString(params, "statement_descriptor") ?? null,
      statementDescriptorSuffix: nullableString(params, "statement_descriptor_suffix") ?? null,
      requestThreeDSecure: requestThreeDSecure(params) ?? "automatic",
    });
    this.takePaymentMethodParam(intent, params);
    const record: PaymentIntentRecord = { object: intent, returnUrl: null, offSession: false };
    this.data.paymentIntents[intent.id] = record;
    this.emit(ctx, "payment_intent.created", intent);
    if (!confirm) return { intent };
    // The payment_method was already resolved above: confirm with it, not with the token again.
    return this.confirmPayment(record, params, ctx, intent.payment_method as string | null);
  }

  retrievePaymentIntent(id: string, query: FormObject): Stripe.PaymentIntent {
    rejectUnknown(query, ["client_secret"]);
    return this.paymentIntent(id).object;
  }

  listPaymentIntents(query: FormObject): Stripe.ApiList<Stripe.PaymentIntent> {
    rejectUnknown(query, ["customer", "limit", "starting_after", "ending_before"]);
    const customer = optionalString(query, "customer");
    const items = Object.values(this.data.paymentIntents)
      .map((record) => record.object)
      .filter((intent) => !customer || intent.customer === customer);
    return this.list(items, listParams(query), "/v1/payment_intents");
  }

  updatePaymentIntent(id: string, params: FormObject): Stripe.PaymentIntent {
    rejectUnknown(params, ["amount", "currency", "customer", "description", "metadata.*", "payment_method", "receipt_email", "setup_future_usage", "statement_descriptor", "statement_descriptor_suffix"]);
    const intent = this.paymentIntent(id).object;
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)) {
      throw unexpectedState("payment_intent", `This PaymentIntent's status is ${intent.status}, so it can no longer be updated.`, intent);
    }
    if (params.currency !== undefined) intent.currency = validCurrency(params);
    if (params.amount !== undefined) intent.amount = validAmount(params, intent.currency);
    const customerId = optionalString(params, "customer");
    if (customerId) intent.customer = this.customer(customerId, "customer").id;
    for (const [param, field] of [["description", "description"], ["receipt_email", "receipt_email"], ["statement_descriptor", "statement_descriptor"], ["statement_descriptor_suffix", "statement_descriptor_suffix"]] as const) {
      const value = nullableString(params, param);
      if (value !== undefined) intent[field] = value;
    }
    const sfu = optionalEnum(params, "setup_future_usage", ["off_session", "on_session", ""] as const);
    if (sfu !== undefined) intent.setup_future_usage = sfu === "" ? null : sfu;
    intent.metadata = applyMetadata(intent.metadata, params);
    this.takePaymentMethodParam(intent, params);
    return intent;
  }

  /** A `payment_method` in the parameters (creating or updating an intent): the intent will pay with it once confirmed. */
  private takePaymentMethodParam(intent: Stripe.PaymentIntent, params: FormObject): void {
    const pmRef = optionalString(params, "payment_method");
    if (!pmRef) return;
    const pm = this.resolvePaymentMethod(pmRef, "payment_method");
    this.assertUsableForPayment(pm, intent);
    intent.payment_method = pm.object.id;
    intent.status = "requires_confirmation";
    intent.next_action = null;
  }

  confirmPaymentIntent(id: string, params: FormObject, ctx: RequestContext): { intent: Stripe.PaymentIntent; error?: StripeApiError } {
    rejectUnknown(params, [
      "payment_method", "off_session", "return_url", "use_stripe_sdk", "error_on_requires_action", "receipt_email",
      "setup_future_usage", "payment_method_options.card.request_three_d_secure", "client_secret",
      "allowed_payment_method_types", "excluded_payment_method_types",
    ]);
    const record = this.paymentIntent(id);
    const allowed = allowedTypes(params);
    if (allowed) record.object.allowed_payment_method_types = allowed as Stripe.PaymentIntent.AllowedPaymentMethodType[];
    return this.confirmPayment(record, params, ctx, optionalString(params, "payment_method") ?? (record.object.payment_method as string | null));
  }

  /**
   * One payment attempt. Returns the PaymentIntent, plus the 402 error to answer with when the
   * attempt was declined (the intent is still changed and stored: Stripe keeps the failed attempt).
   */
  private confirmPayment(
    record: PaymentIntentRecord,
    params: FormObject,
    ctx: RequestContext,
    pmRef: string | null,
  ): { intent: Stripe.PaymentIntent; error?: StripeApiError } {
    const intent = record.object;
    if (intent.status === "succeeded") {
      throw unexpectedState("payment_intent", "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.", intent);
    }
    if (intent.status === "canceled" || intent.status === "processing") {
      throw unexpectedState(
        "payment_intent",
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
        intent,
      );
    }
    if (!pmRef) {
      throw unexpectedState(
        "payment_intent",
        "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, please provide a `payment_method`.",
        intent,
      );
    }
    const pm = this.resolvePaymentMethod(pmRef, "payment_method");
    this.assertUsableForPayment(pm, intent);
    // Every parameter is valid: from here on the attempt changes the intent.
    const receiptEmail = nullableString(params, "receipt_email");
    if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
    const sfu = optionalEnum(params, "setup_future_usage", ["off_session", "on_session"] as const);
    if (sfu) intent.setup_future_usage = sfu;
    const rtds = requestThreeDSecure(params);
    if (rtds) intent.payment_method_options!.card!.request_three_d_secure = rtds;
    const offSession = offSessionParam(params) ?? false;
    const useStripeSdk = optionalBoolean(params, "use_stripe_sdk");
    const errorOnRequiresAction = optionalBoolean(params, "error_on_requires_action");
    const returnUrl = optionalString(params, "return_url");
    intent.payment_method = pm.object.id;
    intent.last_payment_error = null;
    record.offSession = offSession;
    record.returnUrl = returnUrl ?? record.returnUrl;
    const card = this.card(pm);

    if (record.offSession) {
      // Off-session there is nobody to authenticate: Stripe refuses instead of asking.
      const { offSession } = card.authentication;
      if (offSession === "always" || (offSession === "unless_set_up" && !pm.setUpForOffSession)) {
        return this.charge(record, pm, ctx, { authenticated: false, decline: AUTHENTICATION_REQUIRED });
      }
      return this.charge(record, pm, ctx, { authenticated: false, decline: card.decline });
    }
    const challenge =
      card.authentication.onSession ||
      (intent.payment_method_options?.card?.request_three_d_secure === "challenge" && pm.object.card!.three_d_secure_usage?.supported === true);
    if (challenge) {
      if (errorOnRequiresAction) {
        return this.charge(record, pm, ctx, { authenticated: false, decline: AUTHENTICATION_REQUIRED });
      }
      intent.status = "requires_action";
      intent.next_action = this.nextAction(intent, record.returnUrl, useStripeSdk);
      this.emit(ctx, "payment_intent.requires_action", intent);
      return { intent };
    }
    return this.charge(record, pm, ctx, { authenticated: false, decline: card.decline });
  }

  /** Charges the card: a succeeded or failed Charge, and the PaymentIntent moved accordingly. */
  private charge(
    record: PaymentIntentRecord,
    pm: PaymentMethodRecord,
    ctx: RequestContext,
    attempt: { authenticated: boolean; decline: Decline | undefined },
  ): { intent: Stripe.PaymentIntent; error?: StripeApiError } {
    const intent = record.object;
    const card = this.card(pm);
    const decline = attempt.decline;
    const charge = chargeObject({
      intent,
      paymentMethod: pm.object,
      card,
      failure: decline ? { code: decline.code, declineCode: decline.declineCode, message: decline.message } : null,
      authenticated: attempt.authenticated,
      receiptUrl: (id) => `${this.options.publicUrl()}/emulator/receipts/${id}`,
    });
    this.data.charges[charge.id] = charge;
    intent.latest_charge = charge.id;
    intent.next_action = null;
    // A card used for a payment without being saved to a customer cannot be used again.
    if (!pm.object.customer) pm.reusable = false;

    if (decline) {
      const error = { ...declineBody(decline), charge: charge.id, payment_method: snapshot(pm.object) };
      intent.status = "requires_payment_method";
      intent.payment_method = null;
      intent.last_payment_error = error as Stripe.PaymentIntent.LastPaymentError;
      this.emit(ctx, "charge.failed", charge);
      this.emit(ctx, "payment_intent.payment_failed", intent);
      return { intent, error: new StripeApiError(402, { ...error, payment_intent: snapshot(intent) }) };
    }

    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    const customerId = intent.customer as string | null;
    if (intent.setup_future_usage && customerId) {
      if (intent.setup_future_usage === "off_session") pm.setUpForOffSession = true;
      if (pm.object.customer !== customerId) {
        pm.reusable = true;
        this.attach(pm, customerId, ctx);
      }
    }
    this.emit(ctx, "charge.succeeded", charge);
    this.emit(ctx, "payment_intent.succeeded", intent);
    if (card.disputesCharges) this.dispute(charge, charge.amount, "fraudulent", AUTOMATIC);
    return { intent };
  }

  cancelPaymentIntent(id: string, params: FormObject, ctx: RequestContext): Stripe.PaymentIntent {
    rejectUnknown(params, ["cancellation_reason"]);
    const intent = this.paymentIntent(id).object;
    if (intent.status === "succeeded" || intent.status === "canceled") {
      throw unexpectedState(
        "payment_intent",
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        intent,
      );
    }
    intent.cancellation_reason =
      optionalEnum(params, "cancellation_reason", ["abandoned", "duplicate", "fraudulent", "requested_by_customer"] as const) ?? null;
    intent.canceled_at = now();
    return this.markCanceled("payment_intent", intent, ctx);
  }

  /**
   * The cardholder's answer to a PaymentIntent's 3-D Secure challenge (emulator endpoint, what
   * Stripe.js's modal does on Stripe). Success charges the card — which may still be declined
   * afterwards, for the cards that authenticate and then decline.
   */
  authenticatePaymentIntent(id: string, succeed: boolean, ctx: RequestContext): Stripe.PaymentIntent {
    const record = this.paymentIntent(id);
    const intent = record.object;
    const pm = this.challengedPaymentMethod("payment_intent", intent);
    if (succeed) return this.charge(record, pm, ctx, { authenticated: true, decline: this.card(pm).decline }).intent;
    intent.last_payment_error = failAuthentication("payment_intent", intent, pm);
    this.emit(ctx, "payment_intent.payment_failed", intent);
    return intent;
  }

  paymentIntent(id: string): PaymentIntentRecord {
    const record = this.data.paymentIntents[id];
    if (!record) throw noSuch("payment_intent", id, "intent");
    return record;
  }

  /** Stripe's refusals for paying with a PaymentMethod that belongs elsewhere or was used up. */
  private assertUsableForPayment(pm: PaymentMethodRecord, intent: Stripe.PaymentIntent): void {
    const customerId = intent.customer as string | null;
    if (customerId) this.assertOwnership(pm, customerId);
    else if (pm.object.customer) {
      throw badRequest("The provided PaymentMethod is attached to a Customer. Please also provide the ID of that Customer as the `customer` parameter.", { param: "payment_method" });
    }
    if (!pm.reusable) {
      throw badRequest(
        "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.",
        { param: "payment_method" },
      );
    }
  }

  private assertOwnership(pm: PaymentMethodRecord, customerId: string): void {
    if (pm.object.customer && pm.object.customer !== customerId) {
      throw badRequest(`The provided PaymentMethod belongs to a different Customer (${String(pm.object.customer)}). Please use a PaymentMethod attached to ${customerId}.`, { param: "payment_method" });
    }
  }

  /**
   * What the browser must do to authenticate. Stripe answers `redirect_to_url` when the
   * confirmation carried a `return_url` (and did not ask for the SDK), `use_stripe_sdk` otherwise.
   * Both point at the emulator's own challenge page, which stands in for the bank's.
   */
  private nextAction(
    intent: { id: string; client_secret: string | null },
    returnUrl: string | null,
    useStripeSdk: boolean | undefined,
  ): Stripe.PaymentIntent.NextAction & Stripe.SetupIntent.NextAction {
    const page = `${this.options.publicUrl()}/emulator/3ds/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret ?? "")}`;
    if (returnUrl && useStripeSdk !== true) {
      return { type: "redirect_to_url", redirect_to_url: { url: page, return_url: returnUrl } };
    }
    return { type: "use_stripe_sdk", use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: page, source: newId("src") } };
  }

  // ─────────────────────────── Charges, refunds, disputes ───────────────────────────

  retrieveCharge(id: string): Stripe.Charge {
    const charge = this.data.charges[id];
    if (!charge) throw noSuch("charge", id);
    return charge;
  }

  createRefund(params: FormObject, ctx: RequestContext): Stripe.Refund {
    rejectUnknown(params, ["charge", "payment_intent", "amount", "reason", "metadata.*"]);
    const charge = this.refundableCharge(params);
    const remaining = charge.amount - charge.amount_refunded;
    const amount = optionalInteger(params, "amount") ?? remaining;
    if (amount <= 0) throw invalid("amount", "Invalid positive integer");
    if (amount > remaining) {
      throw badRequest(
        `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
        { code: "amount_too_large", param: "amount" },
      );
    }
    const reason = optionalEnum(params, "reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null;
    const refund = refundObject(charge, amount, reason, applyMetadata({}, params));
    this.data.refunds[refund.id] = refund;
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit(ctx, "refund.created", refund);
    this.emit(ctx, "charge.refunded", charge, previous);
    return refund;
  }

  private refundableCharge(params: FormObject): Stripe.Charge {
    const chargeId = optionalString(params, "charge");
    const intentId = optionalString(params, "payment_intent");
    if (!chargeId && !intentId) throw missing("charge");
    let charge: Stripe.Charge | undefined;
    if (intentId) {
      const intent = this.data.paymentIntents[intentId]?.object;
      if (!intent) throw noSuch("payment_intent", intentId, "payment_intent");
      const latest = intent.latest_charge as string | null;
      charge = latest ? this.data.charges[latest] : undefined;
      if (intent.status !== "succeeded" || !charge) {
        throw badRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, { param: "payment_intent" });
      }
      if (chargeId && chargeId !== charge.id) throw badRequest("The charge and payment_intent given do not match.", { param: "charge" });
    } else {
      charge = this.data.charges[chargeId!];
      if (!charge) throw noSuch("charge", chargeId!, "charge");
    }
    if (charge.status !== "succeeded") throw badRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, { param: "charge" });
    if (charge.disputed) throw badRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: "charge_disputed", param: "charge" });
    if (charge.refunded) throw badRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded", param: "charge" });
    return charge;
  }

  retrieveRefund(id: string): Stripe.Refund {
    const refund = this.data.refunds[id];
    if (!refund) throw noSuch("refund", id);
    return refund;
  }

  listRefunds(query: FormObject): Stripe.ApiList<Stripe.Refund> {
    rejectUnknown(query, ["charge", "payment_intent", "limit", "starting_after", "ending_before"]);
    const charge = optionalString(query, "charge");
    const intent = optionalString(query, "payment_intent");
    const items = Object.values(this.data.refunds).filter(
      (refund) => (!charge || refund.charge === charge) && (!intent || refund.payment_intent === intent),
    );
    return this.list(items, listParams(query), "/v1/refunds");
  }

  retrieveDispute(id: string): Stripe.Dispute {
    const dispute = this.data.disputes[id];
    if (!dispute) throw noSuch("dispute", id);
    return dispute;
  }

  /** The cardholder disputes a charge (emulator endpoint; accepts a ch_ or a pi_ id). */
  createDispute(ref: string, params: FormObject, ctx: RequestContext): Stripe.Dispute {
    rejectUnknown(params, ["reason", "amount"]);
    let charge: Stripe.Charge | undefined = this.data.charges[ref];
    if (!charge && this.data.paymentIntents[ref]) {
      const latest = this.data.paymentIntents[ref].object.latest_charge as string | null;
      charge = latest ? this.data.charges[latest] : undefined;
    }
    if (!charge) throw noSuch("charge", ref);
    if (charge.status !== "succeeded") throw badRequest(`Charge ${charge.id} did not succeed, so it cannot be disputed.`);
    if (charge.disputed) throw badRequest(`Charge ${charge.id} is already disputed.`);
    const amount = optionalInteger(params, "amount") ?? charge.amount;
    if (amount <= 0 || amount > charge.amount) throw invalid("amount", `The disputed amount must be between 1 and ${charge.amount}.`);
    const reason = optionalEnum(params, "reason", DISPUTE_REASONS) ?? "fraudulent";
    return this.dispute(charge, amount, reason, ctx);
  }

  private dispute(charge: Stripe.Charge, amount: number, reason: string, ctx: RequestContext): Stripe.Dispute {
    const dispute = disputeObject(charge, amount, reason);
    this.data.disputes[dispute.id] = dispute;
    charge.disputed = true;
    this.emit(ctx, "charge.dispute.created", dispute);
    return dispute;
  }

  // ─────────────────────────── Events ───────────────────────────

  retrieveEvent(id: string): Stripe.Event {
    const event = this.data.events.find((candidate) => candidate.id === id);
    if (!event) throw noSuch("event", id);
    return event;
  }

  listEvents(query: FormObject): Stripe.ApiList<Stripe.Event> {
    rejectUnknown(query, ["type", "types", "limit", "starting_after", "ending_before", "created", "created.gt", "created.gte", "created.lt", "created.lte"]);
    const type = optionalString(query, "type");
    const types = optionalStringArray(query, "types");
    if (type && types) throw badRequest("You cannot specify both `type` and `types`.", { param: "types" });
    // `type` may end in `*` (`payment_intent.*`), as on Stripe.
    const matchers = (types ?? (type ? [type] : [])).map((pattern) =>
      pattern.endsWith("*") ? (candidate: string) => candidate.startsWith(pattern.slice(0, -1)) : (candidate: string) => candidate === pattern,
    );
    const created = createdFilter(query);
    const items = this.data.events.filter((event) => (!matchers.length || matchers.some((match) => match(event.type))) && created(event.created));
    return this.list(items, listParams(query), "/v1/events");
  }

  /** Records an Event for a state change and queues its webhook. */
  emit(ctx: RequestContext, type: string, object: { id: string; object: string }, previous?: Record<string, unknown>, orderingKey?: string): Stripe.Event {
    const willDeliver = this.options.delivery.url !== undefined;
    // Stripe.Event is a union discriminated by `type`; the emulator builds them generically.
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: this.options.apiVersion,
      created: now(),
      data: previous && Object.keys(previous).length ? { object: snapshot(object), previous_attributes: previous } : { object: snapshot(object) },
      livemode: false,
      pending_webhooks: willDeliver ? 1 : 0,
      request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey },
      type,
    } as unknown as Stripe.Event;
    this.data.events.push(event);
    this.options.store.changed();
    this.deliver(event, orderingKey);
    return event;
  }

  /** Queues (again) the webhook for an event, keeping per-customer order. */
  deliver(event: Stripe.Event, orderingKey?: string): boolean {
    const queued = this.options.delivery.enqueue(event, orderingKey ?? this.orderingKey(event.data.object as unknown as Record<string, unknown>));
    if (queued && event.pending_webhooks === 0) {
      event.pending_webhooks = 1;
      this.options.store.changed();
    }
    return queued;
  }

  /** Events about one customer are delivered in order; the key is that customer (or the object). */
  private orderingKey(object: Record<string, unknown>): string {
    if (object.object === "customer") return object.id as string;
    if (typeof object.customer === "string") return object.customer;
    if (object.object === "dispute") {
      const charge = this.data.charges[object.charge as string];
      if (charge && typeof charge.customer === "string") return charge.customer;
    }
    return object.id as string;
  }

  // ─────────────────────────── Lists and expansion ───────────────────────────

  /** A Stripe list, newest first, with limit / starting_after / ending_before cursors. */
  private list<T extends { id: string }>(oldestFirst: T[], params: ListParams, url: string): Stripe.ApiList<T> {
    const items = [...oldestFirst].reverse();
    let start = 0;
    let end = items.length;
    if (params.startingAfter) {
      const index = items.findIndex((item) => item.id === params.startingAfter);
      if (index === -1) throw noSuch("object", params.startingAfter, "starting_after");
      start = index + 1;
    }
    if (params.endingBefore) {
      const index = items.findIndex((item) => item.id === params.endingBefore);
      if (index === -1) throw noSuch("object", params.endingBefore, "ending_before");
      end = index;
      start = Math.max(start, end - params.limit);
    }
    const page = items.slice(start, Math.min(end, start + params.limit));
    const hasMore = params.endingBefore ? start > 0 : start + params.limit < end;
    return { object: "list", data: page, has_more: hasMore, url };
  }

  /**
   * Applies `expand[]`: each dotted path replaces an id by the object it names (`latest_charge`,
   * `payment_method`, `customer`, `invoice_settings.default_payment_method`, `data.customer` in
   * lists…). Works on a copy; stored objects keep their ids.
   */
  expand<T>(value: T, paths: string[]): T {
    if (!paths.length) return value;
    const copy = snapshot(value) as unknown;
    for (const dotted of paths) {
      const segments = dotted.split(".");
      if (segments.length > 4) throw badRequest(`You cannot expand more than 4 levels of a property. Property: ${dotted}`, { param: "expand" });
      this.expandPath(copy, segments, dotted);
    }
    return copy as T;
  }

  private expandPath(target: unknown, segments: string[], dotted: string): void {
    if (target === null || typeof target !== "object") return;
    const holder = target as Record<string, unknown>;
    if (holder.object === "list" && Array.isArray(holder.data) && segments[0] === "data") {
      for (const item of holder.data) this.expandPath(item, segments.slice(1), dotted);
      return;
    }
    const [field, ...rest] = segments;
    if (!(field in holder)) throw badRequest(`This property cannot be expanded (${dotted}).`, { param: "expand" });
    let value = holder[field];
    if (typeof value === "string") {
      const found = this.options.store.lookup(value);
      if (!found) throw badRequest(`This property cannot be expanded (${dotted}).`, { param: "expand" });
      value = snapshot(found.value);
      holder[field] = value;
    }
    if (rest.length) this.expandPath(value, rest, dotted);
  }
}

export const DISPUTE_REASONS = [
  "bank_cannot_process", "check_returned", "credit_not_processed", "customer_initiated", "debit_not_authorized", "duplicate",
  "fraudulent", "general", "incorrect_account_details", "insufficient_funds", "product_not_received", "product_unacceptable",
  "subscription_canceled", "unrecognized",
] as const;

// ─────────────────────────── helpers ───────────────────────────

function declineBody(decline: Decline) {
  return {
    type: "card_error" as const,
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`,
    ...(decline.param ? { param: decline.param } : {}),
  };
}

const INTENT_NAMES = { payment_intent: "PaymentIntent", setup_intent: "SetupIntent" } as const;

/** What Stripe says when the cardholder fails an intent's 3-D Secure challenge. */
const AUTHENTICATION_FAILURES = {
  payment_intent: "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
  setup_intent: "The latest attempt to set up the payment method has failed because authentication failed.",
} as const;

/**
 * The cardholder failed the intent's 3-D Secure challenge: the intent waits for another payment
 * method. Answers the error to record as its last (`last_payment_error`, `last_setup_error`).
 */
function failAuthentication(kind: "payment_intent" | "setup_intent", intent: Stripe.PaymentIntent | Stripe.SetupIntent, pm: PaymentMethodRecord) {
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.payment_method = null;
  const code = `${kind}_authentication_failure` as const;
  return {
    code,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`,
    message: AUTHENTICATION_FAILURES[kind],
    payment_method: snapshot(pm.object),
    type: "invalid_request_error" as const,
  };
}

function unexpectedState(kind: "payment_intent" | "setup_intent", message: string, intent: Stripe.PaymentIntent | Stripe.SetupIntent): StripeApiError {
  return new StripeApiError(400, {
    type: "invalid_request_error",
    code: `${kind}_unexpected_state`,
    message,
    [kind]: snapshot(intent),
  });
}

function listParams(query: FormObject): ListParams {
  const limit = optionalInteger(query, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalid("limit", "This value must be greater than or equal to 1 and less than or equal to 100.");
  return { limit, startingAfter: optionalString(query, "starting_after"), endingBefore: optionalString(query, "ending_before") };
}

function createdFilter(query: FormObject): (created: number) => boolean {
  const created = query.created;
  if (created === undefined) return () => true;
  if (typeof created === "string") {
    const exact = optionalInteger(query, "created")!;
    return (value) => value === exact;
  }
  const range = optionalObject(query, "created")!;
  const gt = optionalInteger(range, "gt");
  const gte = optionalInteger(range, "gte");
  const lt = optionalInteger(range, "lt");
  const lte = optionalInteger(range, "lte");
  return (value) =>
    (gt === undefined || value > gt) && (gte === undefined || value >= gte) && (lt === undefined || value < lt) && (lte === undefined || value <= lte);
}

function validCurrency(params: FormObject): string {
  const currency = requiredString(params, "currency").toLowerCase();
  if (!CURRENCIES[currency]) {
    throw invalid("currency", `Invalid currency: ${currency}. The Stripe emulator supports: ${Object.keys(CURRENCIES).join(", ")}.`);
  }
  return currency;
}

function validAmount(params: FormObject, currency: string): number {
  const amount = optionalInteger(params, "amount");
  if (amount === undefined) throw missing("amount");
  if (amount < 1) throw invalid("amount", "This value must be greater than or equal to 1.");
  const { minimum } = CURRENCIES[currency];
  if (amount < minimum) {
    throw badRequest(`Amount must be at least ${money(minimum, currency)} ${currency}`, { code: "amount_too_small", param: "amount" });
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw badRequest(`Amount must be no more than ${money(MAXIMUM_AMOUNT, currency)}`, { code: "amount_too_large", param: "amount" });
  }
  return amount;
}

/** `off_session`: true/false, or Stripe's `one_off` / `recurring` (both mean off-session). */
function offSessionParam(params: FormObject): boolean | undefined {
  const value = optionalString(params, "off_session");
  if (value === undefined) return undefined;
  if (value === "true" || value === "one_off" || value === "recurring") return true;
  if (value === "false") return false;
  throw invalid("off_session", `Invalid off_session: ${value}`);
}

/**
 * `allowed_payment_method_types` (this API version's name; `payment_method_types` is accepted as
 * the older spelling) and `excluded_payment_method_types`. The emulator only handles cards, so a
 * request that leaves cards out is refused rather than silently charged to a card.
 */
function allowedTypes(params: FormObject): string[] | null {
  const param = params.allowed_payment_method_types !== undefined ? "allowed_payment_method_types" : "payment_method_types";
  const allowed = optionalStringArray(params, param) ?? null;
  if (allowed && !allowed.includes("card")) {
    throw invalid(param, `The Stripe emulator only handles cards; include "card" in ${param}.`);
  }
  if (optionalStringArray(params, "excluded_payment_method_types")?.includes("card")) {
    throw invalid("excluded_payment_method_types", "The Stripe emulator only handles cards, so they cannot be excluded.");
  }
  return allowed;
}

function automaticPaymentMethods(params: FormObject): boolean {
  const settings = optionalObject(params, "automatic_payment_methods");
  if (!settings) return false;
  optionalEnum(settings, "allow_redirects", ["always", "never"] as const);
  return optionalBoolean(settings, "enabled") ?? false;
}

/**
 * `payment_method_options[card][request_three_d_secure]`. `challenge` makes every 3-D Secure card
 * authenticate on-session; `any` behaves like `automatic`, as it does on Stripe for test cards
 * that are not enrolled in 3-D Secure (4242…).
 */
function requestThreeDSecure(params: FormObject): "any" | "automatic" | "challenge" | undefined {
  const card = optionalObject(optionalObject(params, "payment_method_options") ?? {}, "card");
  if (!card) return undefined;
  return optionalEnum(card, "request_three_d_secure", ["any", "automatic", "challenge"] as const);
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);
}

/** The fields of `before` that differ in `after`, with their old values (Stripe's previous_attributes). */
function diff(before: object, after: object): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const a = old[key];
    const b = next[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const bothObjects = a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b) && key !== "metadata";
    changes[key] = bothObjects ? diff(a, b) : (a ?? null);
  }
  return changes;
}
