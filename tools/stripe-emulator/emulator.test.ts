// The local Stripe emulator, driven by the real stripe-node SDK (so requests are encoded, signed
// and parsed exactly as the app's will be), with a local webhook endpoint that verifies every
// delivery with the SDK's own stripe.webhooks.constructEvent.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emulatorClientOptions, startStripeEmulator, type StripeEmulator } from "./index";

const SECRET = "whsec_test_emulator_secret";

interface Delivery {
  event: Stripe.Event;
  raw: string;
  signature: string;
  attempt: number;
  status: number;
}

let emulator: StripeEmulator;
let stripe: Stripe;
let receiver: Server;
let receiverUrl: string;
/** Every POST the webhook endpoint received, in arrival order (failed attempts included). */
const deliveries: Delivery[] = [];
/** Decides the endpoint's HTTP status for an attempt; tests override it to simulate failures. */
let respond: (event: Stripe.Event, attempt: number) => number = () => 200;
const emulatorLog: string[] = [];

beforeAll(async () => {
  const attempts = new Map<string, number>();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["stripe-signature"] ?? "");
      let event: Stripe.Event;
      try {
        // What the app's webhook route does: verify against the raw body, then trust the event.
        event = stripe.webhooks.constructEvent(raw, signature, SECRET);
      } catch {
        res.writeHead(400).end("bad signature");
        return;
      }
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      const status = respond(event, attempt);
      deliveries.push({ event, raw, signature, attempt, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;

  emulator = await startStripeEmulator({
    port: 0,
    webhookUrl: receiverUrl,
    webhookSecret: SECRET,
    webhookRetryDelaysMs: [30, 60, 120],
    log: (line) => emulatorLog.push(line),
  });
  stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0 });
});

afterAll(async () => {
  await emulator?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

afterEach(async () => {
  await emulator.webhooksSettled();
  respond = () => 200;
});

/** Events delivered (2xx) about one customer, in arrival order. */
async function deliveredFor(customer: string): Promise<Stripe.Event[]> {
  await emulator.webhooksSettled();
  return deliveries
    .filter((delivery) => delivery.status < 300)
    .map((delivery) => delivery.event)
    .filter((event) => {
      const object = event.data.object as unknown as { id: string; object: string; customer?: string | null; charge?: string };
      // Disputes name their charge, not the customer.
      const owner = object.object === "dispute" ? (emulator.state.get(object.charge!) as Stripe.Charge).customer : object.customer;
      return object.id === customer || owner === customer || event.data.previous_attributes?.["customer" as never] === customer;
    });
}

/** A call the browser or a test tool makes to the emulator's own endpoints. */
async function emulatorCall(
  path: string,
  form: Record<string, string> = {},
  options: { auth?: boolean; accept?: string; method?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (options.auth !== false) headers.Authorization = "Bearer sk_test_emulator";
  if (options.accept) headers.Accept = options.accept;
  const method = options.method ?? "POST";
  return fetch(`${emulator.url}${path}`, {
    method,
    headers,
    body: method === "POST" ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
}

async function customerWithCard(token: string, email = "owner@example.com") {
  const customer = await stripe.customers.create({ email, metadata: { workspace: "ws_test" } });
  const setup = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["card"], usage: "off_session" });
  let confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: token });
  if (confirmed.status === "requires_action") {
    const response = await emulatorCall(`/emulator/setup_intents/${setup.id}/authenticate`, { result: "succeed", client_secret: setup.client_secret! }, { auth: false });
    expect(response.status).toBe(200);
    confirmed = await stripe.setupIntents.retrieve(setup.id);
  }
  expect(confirmed.status).toBe("succeeded");
  return { customer, paymentMethod: confirmed.payment_method as string };
}

/** Confirms a USD payment of `amount` cents with a customer's saved card; `params` adds to (or overrides) the rest. */
function payWith(saved: { customer: Stripe.Customer; paymentMethod: string }, amount: number, params: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({ amount, currency: "usd", customer: saved.customer.id, payment_method: saved.paymentMethod, confirm: true, ...params });
}

async function cardError(promise: Promise<unknown>): Promise<Stripe.errors.StripeCardError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a card error");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  return error as Stripe.errors.StripeCardError;
}

describe("API basics", () => {
  it("answers health without a key and asks for a test secret key everywhere else", async () => {
    const health = await fetch(`${emulator.url}/emulator/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", livemode: false });

    const anonymous = await fetch(`${emulator.url}/v1/customers/cus_x`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.type).toBe("invalid_request_error");

    const live = new Stripe("sk_live_0123456789abcdef", { ...emulatorClientOptions(emulator.url), maxNetworkRetries: 0 });
    await expect(live.customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("answers unknown ids with a 404 resource_missing and unknown parameters with a 400", async () => {
    const missing = await stripe.customers.retrieve("cus_doesnotexist").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", message: "No such customer: 'cus_doesnotexist'" });

    const unknown = await stripe.customers.create({ emial: "typo@example.com" } as Stripe.CustomerCreateParams).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "emial" });

    const route = await fetch(`${emulator.url}/v1/subscriptions`, { headers: { Authorization: "Bearer sk_test_x" } });
    expect(route.status).toBe(404);
  });

  it("lists the test cards for a test-mode card picker", async () => {
    const response = await fetch(`${emulator.url}/emulator/cards`);
    const { data } = (await response.json()) as { data: Array<{ token: string; last4: string; funding: string }> };
    expect(data).toContainEqual(expect.objectContaining({ token: "pm_card_mastercard_prepaid", last4: "5100", funding: "prepaid" }));
    expect(data.map((card) => card.token)).toEqual(expect.arrayContaining(["pm_card_chargeDeclined", "pm_card_authenticationRequired", "pm_card_chargeCustomerFail"]));
  });

  it("creates, reads and updates customers with metadata", async () => {
    const customer = await stripe.customers.create({ email: "ana@example.com", name: "Ana", metadata: { workspace: "ws_1", plan: "usd" } });
    expect(customer).toMatchObject({ object: "customer", email: "ana@example.com", livemode: false, metadata: { workspace: "ws_1", plan: "usd" } });
    expect(customer.id).toMatch(/^cus_/);

    const updated = await stripe.customers.update(customer.id, { metadata: { plan: "", region: "es" }, name: "Ana García" });
    expect(updated.metadata).toEqual({ workspace: "ws_1", region: "es" });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ name: "Ana García" });

    const events = await deliveredFor(customer.id);
    expect(events.map((event) => event.type)).toEqual(["customer.created", "customer.updated"]);
    expect(events[1].data.previous_attributes).toMatchObject({ name: "Ana" });
  });
});

describe("saving cards (SetupIntents and PaymentMethods)", () => {
  it.each([
    ["pm_card_visa", "visa", "4242", "credit"],
    ["pm_card_visa_debit", "visa", "5556", "debit"],
    ["pm_card_mastercard", "mastercard", "4444", "credit"],
    ["pm_card_mastercard_prepaid", "mastercard", "5100", "prepaid"],
    ["pm_card_amex", "amex", "8431", "credit"],
  ])("saves %s as a %s •••• %s (%s) attached to the customer", async (token, brand, last4, funding) => {
    const customer = await stripe.customers.create({ email: "cards@example.com" });
    const setup = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ["card"], usage: "off_session" });
    expect(setup).toMatchObject({
      object: "setup_intent",
      status: "requires_payment_method",
      usage: "off_session",
      allowed_payment_method_types: ["card"],
      payment_method_types: ["card"],
    });
    expect(setup.client_secret).toMatch(new RegExp(`^${setup.id}_secret_`));

    const confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: token });
    expect(confirmed.status).toBe("succeeded");
    const pm = await stripe.paymentMethods.retrieve(confirmed.payment_method as string);
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.id).not.toBe(token);
    expect(pm.customer).toBe(customer.id);
    expect(pm.card).toMatchObject({ brand, last4, funding, exp_month: expect.any(Number), exp_year: expect.any(Number) });
    expect(pm.card!.exp_year).toBeGreaterThan(new Date().getFullYear());

    const events = await deliveredFor(customer.id);
    expect(events.map((event) => event.type)).toEqual(["customer.created", "setup_intent.created", "payment_method.attached", "setup_intent.succeeded"]);
  });

  it("lists a customer's cards, sets the default, and detaches (which clears the default)", async () => {
    const { customer, paymentMethod: first } = await customerWithCard("pm_card_visa");
    const second = await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
    expect(second.customer).toBe(customer.id);

    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: first } });
    const expanded = (await stripe.customers.retrieve(customer.id, { expand: ["invoice_settings.default_payment_method"] })) as Stripe.Customer;
    expect((expanded.invoice_settings.default_payment_method as Stripe.PaymentMethod).card!.last4).toBe("4242");

    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(listed.object).toBe("list");
    expect(listed.data.map((pm) => pm.id)).toEqual([second.id, first]);
    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { limit: 1 });
    expect(viaCustomer.data.map((pm) => pm.id)).toEqual([second.id]);
    expect(viaCustomer.has_more).toBe(true);

    const detached = await stripe.paymentMethods.detach(first);
    expect(detached.customer).toBeNull();
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data.map((pm) => pm.id)).toEqual([second.id]);
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).invoice_settings.default_payment_method).toBeNull();

    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["customer.updated", "payment_method.detached"]);

    // A detached card cannot be used again, as on Stripe.
    await expect(stripe.paymentMethods.attach(first, { customer: customer.id })).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: first } })).rejects.toMatchObject({
      statusCode: 400,
      param: "invoice_settings[default_payment_method]",
    });
  });

  it("refuses to save a declining card, with the bank's reason", async () => {
    const customer = await stripe.customers.create({});
    const setup = await stripe.setupIntents.create({ customer: customer.id });
    const error = await cardError(stripe.setupIntents.confirm(setup.id, { payment_method: "pm_card_chargeDeclined" }));
    expect(error).toMatchObject({ code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.", statusCode: 402 });
    expect(error.setup_intent).toMatchObject({ id: setup.id, status: "requires_payment_method" });

    const after = await stripe.setupIntents.retrieve(setup.id);
    expect(after.status).toBe("requires_payment_method");
    expect(after.last_setup_error).toMatchObject({ type: "card_error", decline_code: "generic_decline" });
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
    expect((await deliveredFor(customer.id)).map((event) => event.type)).toContain("setup_intent.setup_failed");
  });

  it("asks for 3-D Secure when saving pm_card_authenticationRequired, completed or failed by the browser", async () => {
    const customer = await stripe.customers.create({});
    const setup = await stripe.setupIntents.create({ customer: customer.id });
    const pending = await stripe.setupIntents.confirm(setup.id, { payment_method: "pm_card_authenticationRequired" });
    expect(pending.status).toBe("requires_action");
    expect(pending.next_action?.type).toBe("use_stripe_sdk");

    // The browser only holds the client_secret; a wrong one is refused.
    const wrong = await emulatorCall(`/emulator/setup_intents/${setup.id}/authenticate`, { result: "succeed", client_secret: "seti_x_secret_y" }, { auth: false });
    expect(wrong.status).toBe(400);
    const failed = await emulatorCall(`/emulator/setup_intents/${setup.id}/authenticate`, { result: "fail", client_secret: setup.client_secret! }, { auth: false });
    expect(failed.status).toBe(200);
    expect(await failed.json()).toMatchObject({ status: "requires_payment_method", last_setup_error: { code: "setup_intent_authentication_failure" } });

    const again = await stripe.setupIntents.confirm(setup.id, { payment_method: "pm_card_authenticationRequired" });
    expect(again.status).toBe("requires_action");
    const ok = await emulatorCall(`/emulator/setup_intents/${setup.id}/authenticate`, { result: "succeed", client_secret: setup.client_secret! }, { auth: false });
    expect(await ok.json()).toMatchObject({ status: "succeeded" });
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(1);

    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types).toEqual([
      "customer.created",
      "setup_intent.created",
      "setup_intent.requires_action",
      "setup_intent.setup_failed",
      "setup_intent.requires_action",
      "payment_method.attached",
      "setup_intent.succeeded",
    ]);
  });
});

describe("payments (PaymentIntents)", () => {
  it("charges a saved card off-session: succeeded, with a charge and a receipt", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_visa");
    const intent = await payWith({ customer, paymentMethod }, 2500, {
      off_session: true,
      description: "Wallet top-up",
      receipt_email: "owner@example.com",
      metadata: { workspace: "ws_test", kind: "topup" },
      expand: ["latest_charge"],
    });
    expect(intent).toMatchObject({ status: "succeeded", amount: 2500, amount_received: 2500, currency: "usd", customer: customer.id, payment_method: paymentMethod });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: "charge", status: "succeeded", paid: true, amount: 2500, payment_intent: intent.id, metadata: { kind: "topup" } });
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.payment_method_details?.card).toMatchObject({ brand: "visa", last4: "4242", funding: "credit" });

    const receipt = await fetch(charge.receipt_url!);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain("$25.00");

    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(["payment_intent.created", "charge.succeeded", "payment_intent.succeeded"]);
    const succeeded = (await deliveredFor(customer.id)).find((event) => event.type === "payment_intent.succeeded")!;
    expect(succeeded.data.object).toMatchObject({ id: intent.id, status: "succeeded", metadata: { workspace: "ws_test" } });
  });

  it("charges in INR and enforces Stripe's minimum amount", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_in");
    const intent = await payWith({ customer, paymentMethod }, 50_000, { currency: "inr", off_session: true });
    expect(intent).toMatchObject({ status: "succeeded", currency: "inr", amount: 50_000 });
    await expect(stripe.paymentIntents.create({ amount: 10, currency: "usd", customer: customer.id })).rejects.toMatchObject({ statusCode: 400, code: "amount_too_small" });
    await expect(
      stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, allowed_payment_method_types: ["link"] }),
    ).rejects.toMatchObject({ statusCode: 400, param: "allowed_payment_method_types" });
  });

  it("declines a saved card with generic_decline and leaves the intent awaiting a payment method", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_chargeCustomerFail");
    const error = await cardError(payWith({ customer, paymentMethod }, 2000, { off_session: true }));
    expect(error).toMatchObject({ code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.", type: "StripeCardError" });
    const failed = error.payment_intent!;
    expect(failed).toMatchObject({ status: "requires_payment_method", last_payment_error: { decline_code: "generic_decline", type: "card_error" } });

    const stored = await stripe.paymentIntents.retrieve(failed.id, { expand: ["latest_charge"] });
    expect(stored.status).toBe("requires_payment_method");
    expect(stored.payment_method).toBeNull();
    expect((stored.latest_charge as Stripe.Charge)).toMatchObject({ status: "failed", failure_code: "card_declined", outcome: { reason: "generic_decline" } });

    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["charge.failed", "payment_intent.payment_failed"]);
  });

  it("blocks charges of pm_card_chargeDeclinedFraudulent, which saves fine", async () => {
    const error = await cardError(payWith(await customerWithCard("pm_card_chargeDeclinedFraudulent"), 2000, { off_session: true }));
    expect(error).toMatchObject({ code: "card_declined", decline_code: "fraudulent" });
    expect(await stripe.charges.retrieve(error.charge!)).toMatchObject({ status: "failed", outcome: { type: "blocked" } });
  });

  it("declines with insufficient_funds when paying directly with the test token", async () => {
    const customer = await stripe.customers.create({});
    const error = await cardError(
      stripe.paymentIntents.create({ amount: 2000, currency: "usd", customer: customer.id, payment_method: "pm_card_chargeDeclinedInsufficientFunds", confirm: true }),
    );
    expect(error).toMatchObject({ code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." });
  });

  it("asks for 3-D Secure on-session, and completes or fails it through the emulator endpoint", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_authenticationRequired");
    const intent = await payWith({ customer, paymentMethod }, 3000);
    expect(intent.status).toBe("requires_action");
    expect(intent.next_action).toMatchObject({ type: "use_stripe_sdk" });

    const done = await emulatorCall(`/emulator/payment_intents/${intent.id}/authenticate`, { result: "succeed", client_secret: intent.client_secret! }, { auth: false });
    expect(done.status).toBe(200);
    expect(done.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await done.json()) as Stripe.PaymentIntent;
    expect(body.status).toBe("succeeded");
    const charge = await stripe.charges.retrieve(body.latest_charge as string);
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: "authenticated" });

    const second = await payWith({ customer, paymentMethod }, 3000);
    const refused = await emulatorCall(`/emulator/payment_intents/${second.id}/authenticate`, { result: "fail" });
    expect(await refused.json()).toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { code: "payment_intent_authentication_failure" },
    });
    const notWaiting = await emulatorCall(`/emulator/payment_intents/${second.id}/authenticate`, { result: "succeed" });
    expect(notWaiting.status).toBe(400);

    const types = (await deliveredFor(customer.id)).map((event) => event.type).filter((type) => type.startsWith("payment_intent."));
    expect(types).toEqual([
      "payment_intent.created",
      "payment_intent.requires_action",
      "payment_intent.succeeded",
      "payment_intent.created",
      "payment_intent.requires_action",
      "payment_intent.payment_failed",
    ]);
  });

  it("with a return_url, sends the browser to the challenge page and back with redirect_status", async () => {
    const intent = await payWith(await customerWithCard("pm_card_authenticationRequired"), 1500, { return_url: "http://localhost:3000/settings/billing/wallet?topup=1" });
    expect(intent.next_action?.type).toBe("redirect_to_url");
    const challenge = await fetch(intent.next_action!.redirect_to_url!.url!);
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toContain("Complete authentication");

    const submitted = await emulatorCall(`/emulator/payment_intents/${intent.id}/authenticate`, { result: "succeed", client_secret: intent.client_secret! }, { auth: false, accept: "text/html" });
    expect(submitted.status).toBe(303);
    const back = new URL(submitted.headers.get("location")!);
    expect(back.pathname).toBe("/settings/billing/wallet");
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ topup: "1", payment_intent: intent.id, redirect_status: "succeeded" });
  });

  it("without a return_url, the challenge page tells the embedding window (iframe or popup) the outcome", async () => {
    const intent = await payWith(await customerWithCard("pm_card_visa"), 1500, {
      // Any 3-D Secure capable card can be forced through a challenge, as on Stripe.
      payment_method_options: { card: { request_three_d_secure: "challenge" } },
    });
    expect(intent.status).toBe("requires_action");
    const page = await emulatorCall(`/emulator/payment_intents/${intent.id}/authenticate`, { result: "succeed", client_secret: intent.client_secret! }, { auth: false, accept: "text/html" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("postMessage");
    expect(html).toContain(`"intent":"${intent.id}","status":"succeeded"`);
  });

  it("authenticates and then declines pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", async () => {
    const intent = await payWith(await customerWithCard("pm_card_authenticationRequiredChargeDeclinedInsufficientFunds"), 2000);
    expect(intent.status).toBe("requires_action");
    const response = await emulatorCall(`/emulator/payment_intents/${intent.id}/authenticate`, { result: "succeed" });
    expect(await response.json()).toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" },
    });
  });

  it("saves pm_card_authenticationRequiredSetupForOffSession without a challenge; it authenticates on-session only", async () => {
    const customer = await stripe.customers.create({});
    const setup = await stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_authenticationRequiredSetupForOffSession", confirm: true });
    expect(setup.status).toBe("succeeded");
    const paymentMethod = setup.payment_method as string;
    const onSession = await payWith({ customer, paymentMethod }, 1000);
    expect(onSession.status).toBe("requires_action");
    const offSession = await payWith({ customer, paymentMethod }, 1000, { off_session: true });
    expect(offSession.status).toBe("succeeded");
  });

  it("refuses off-session payments that need authentication (authentication_required)", async () => {
    const error = await cardError(payWith(await customerWithCard("pm_card_authenticationRequired"), 2000, { off_session: true }));
    expect(error).toMatchObject({ code: "card_declined", decline_code: "authentication_required" });
    expect(error.payment_intent?.status).toBe("requires_payment_method");

    // The "authenticate unless set up" card pays off-session once it went through a SetupIntent.
    const setUp = await customerWithCard("pm_card_authenticationRequiredOnSetup");
    const recharge = await payWith(setUp, 2000, { off_session: true });
    expect(recharge.status).toBe("succeeded");
  });

  it("cancels an intent that has not succeeded, and refuses to cancel one that has", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_visa");
    const open = await stripe.paymentIntents.create({ amount: 900, currency: "usd", customer: customer.id, payment_method: paymentMethod });
    expect(open.status).toBe("requires_confirmation");
    const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    const paid = await stripe.paymentIntents.confirm(
      (await stripe.paymentIntents.create({ amount: 900, currency: "usd", customer: customer.id, payment_method: paymentMethod })).id,
    );
    expect(paid.status).toBe("succeeded");
    await expect(stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    expect((await deliveredFor(customer.id)).map((event) => event.type)).toContain("payment_intent.canceled");
  });
});

describe("idempotency", () => {
  it("replays the same response for the same key and parameters, and charges once", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_visa");
    const params = { amount: 2500, currency: "usd", customer: customer.id, payment_method: paymentMethod, confirm: true, off_session: true };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: "topup-1" });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: "topup-1" });
    expect(second.id).toBe(first.id);
    expect(second.latest_charge).toBe(first.latest_charge);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.paymentIntents.list({ customer: customer.id })).data).toHaveLength(1);

    const conflict = await stripe.paymentIntents.create({ ...params, amount: 3000 }, { idempotencyKey: "topup-1" }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(conflict).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });

    const otherEndpoint = await stripe.customers.create({}, { idempotencyKey: "topup-1" }).catch((error: unknown) => error);
    expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("replays a decline too, without a second attempt", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_chargeCustomerFail");
    const params = { amount: 2500, currency: "usd", customer: customer.id, payment_method: paymentMethod, confirm: true, off_session: true };
    const first = await cardError(stripe.paymentIntents.create(params, { idempotencyKey: "recharge-attempt-1" }));
    const second = await cardError(stripe.paymentIntents.create(params, { idempotencyKey: "recharge-attempt-1" }));
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    const failures = (await deliveredFor(customer.id)).filter((event) => event.type === "payment_intent.payment_failed");
    expect(failures).toHaveLength(1);
  });
});

describe("refunds and disputes", () => {
  it("refunds partially then fully, emitting charge.refunded each time", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_visa");
    const intent = await payWith({ customer, paymentMethod }, 2500, { off_session: true });

    const partial = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000, reason: "requested_by_customer" });
    expect(partial).toMatchObject({ object: "refund", amount: 1000, status: "succeeded", payment_intent: intent.id, charge: intent.latest_charge });
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ amount_refunded: 1000, refunded: false });

    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 2000 })).rejects.toMatchObject({ statusCode: 400, code: "amount_too_large" });
    const rest = await stripe.refunds.create({ charge: intent.latest_charge as string });
    expect(rest.amount).toBe(1500);
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ amount_refunded: 2500, refunded: true });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: "charge_already_refunded" });

    const refunded = (await deliveredFor(customer.id)).filter((event) => event.type === "charge.refunded");
    expect(refunded.map((event) => (event.data.object as Stripe.Charge).amount_refunded)).toEqual([1000, 2500]);
    expect((await stripe.refunds.list({ payment_intent: intent.id })).data.map((refund) => refund.id)).toEqual([rest.id, partial.id]);
  });

  it("simulates a dispute on a charge, which then cannot be refunded", async () => {
    const { customer, paymentMethod } = await customerWithCard("pm_card_visa");
    const intent = await payWith({ customer, paymentMethod }, 4000, { off_session: true });
    const response = await emulatorCall(`/emulator/charges/${intent.latest_charge as string}/dispute`, { reason: "product_not_received" });
    expect(response.status).toBe(200);
    const dispute = (await response.json()) as Stripe.Dispute;
    expect(dispute).toMatchObject({ object: "dispute", amount: 4000, reason: "product_not_received", status: "needs_response", charge: intent.latest_charge });
    expect(await stripe.disputes.retrieve(dispute.id)).toMatchObject({ id: dispute.id });
    expect((await stripe.charges.retrieve(intent.latest_charge as string)).disputed).toBe(true);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: "charge_disputed" });

    const disputed = (await deliveredFor(customer.id)).find((event) => event.type === "charge.dispute.created");
    expect(disputed?.data.object).toMatchObject({ id: dispute.id });

    // Only the secret key may simulate disputes.
    expect((await emulatorCall(`/emulator/charges/${intent.latest_charge as string}/dispute`, {}, { auth: false })).status).toBe(401);
  });

  it("disputes charges of pm_card_createDispute automatically", async () => {
    const customer = await stripe.customers.create({});
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, payment_method: "pm_card_createDispute", confirm: true });
    expect(intent.status).toBe("succeeded");
    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(["charge.succeeded", "payment_intent.succeeded", "charge.dispute.created"]);
  });
});

describe("events and webhooks", () => {
  it("keeps every event readable through the API", async () => {
    const customer = await stripe.customers.create({});
    const [created] = await deliveredFor(customer.id);
    const event = await stripe.events.retrieve(created.id);
    expect(event).toMatchObject({ id: created.id, object: "event", type: "customer.created", livemode: false, api_version: Stripe.API_VERSION });
    expect(event.request).toMatchObject({ id: expect.stringMatching(/^req_/) });
    expect(event.created).toBeGreaterThan(Date.now() / 1000 - 60);

    const customers = await stripe.events.list({ type: "customer.*", limit: 100 });
    expect(customers.data.every((item) => item.type.startsWith("customer."))).toBe(true);
    expect(customers.data.map((item) => item.id)).toContain(event.id);

    // Newest first, with cursors.
    const [newest, older] = (await stripe.events.list({ limit: 2 })).data;
    expect(newest.created).toBeGreaterThanOrEqual(older.created);
    expect((await stripe.events.list({ limit: 1, starting_after: newest.id })).data[0].id).toBe(older.id);
  });

  it("signs deliveries so constructEvent accepts them, and a wrong secret is rejected", async () => {
    const customer = await stripe.customers.create({});
    await emulator.webhooksSettled();
    const delivery = deliveries.find((item) => (item.event.data.object as { id: string }).id === customer.id)!;
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(delivery.raw, delivery.signature, SECRET).id).toBe(delivery.event.id);
    expect(() => stripe.webhooks.constructEvent(delivery.raw, delivery.signature, "whsec_someone_else")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(delivery.raw.replace(customer.id, "cus_forged"), delivery.signature, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("retries a delivery the endpoint answered with a 500, with a fresh signature", async () => {
    respond = (event, attempt) => (event.type === "customer.created" && attempt < 3 ? 500 : 200);
    const customer = await stripe.customers.create({});
    await emulator.webhooksSettled();
    const attempts = deliveries.filter((item) => (item.event.data.object as { id: string }).id === customer.id);
    expect(attempts.map((item) => [item.attempt, item.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(emulator.state.deliveries(attempts[0].event.id).map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect((await stripe.events.retrieve(attempts[0].event.id)).pending_webhooks).toBe(0);
  });

  it("delivers a customer's events in order even when an earlier one is being retried", async () => {
    respond = (event, attempt) => (event.type === "setup_intent.created" && attempt < 3 ? 503 : 200);
    const { customer } = await customerWithCard("pm_card_visa");
    const types = (await deliveredFor(customer.id)).map((event) => event.type);
    expect(types).toEqual(["customer.created", "setup_intent.created", "payment_method.attached", "setup_intent.succeeded"]);
    const order = deliveries
      .filter((item) => (item.event.data.object as { customer?: string }).customer === customer.id)
      .map((item) => `${item.event.type}#${item.attempt}`);
    expect(order).toEqual(["setup_intent.created#1", "setup_intent.created#2", "setup_intent.created#3", "payment_method.attached#1", "setup_intent.succeeded#1"]);
  });

  it("gives up after the last attempt when the endpoint stays down, and resends on request", async () => {
    emulator.setWebhookUrl("http://127.0.0.1:9/unreachable");
    const customer = await stripe.customers.create({});
    await emulator.webhooksSettled();
    const [event] = emulator.state.events("customer.created").filter((item) => (item.data.object as { id: string }).id === customer.id);
    const attempts = emulator.state.deliveries(event.id);
    expect(attempts).toHaveLength(4);
    expect(attempts.every((attempt) => attempt.error !== undefined)).toBe(true);
    expect(emulatorLog.some((line) => line.includes(event.id) && line.includes("gave up"))).toBe(true);

    emulator.setWebhookUrl(receiverUrl);
    const resend = await emulatorCall(`/emulator/events/${event.id}/resend`);
    expect(resend.status).toBe(200);
    await emulator.webhooksSettled();
    const received = deliveries.filter((item) => item.event.id === event.id);
    expect(received).toHaveLength(1);
    expect(received[0].status).toBe(200);
    // A replayed event is the same event: the app must dedupe by id.
    const again = await emulatorCall(`/emulator/events/${event.id}/resend`);
    expect(again.status).toBe(200);
    await emulator.webhooksSettled();
    expect(deliveries.filter((item) => item.event.id === event.id)).toHaveLength(2);
  });
});

describe("persistence", () => {
  it("delivers after a restart the webhooks that were still pending when it stopped", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stripe-emulator-"));
    try {
      const stateFile = path.join(dir, "state.json");
      // The endpoint is down and the next retry is far away when the emulator stops.
      const first = await startStripeEmulator({ webhookSecret: SECRET, stateFile, webhookUrl: "http://127.0.0.1:9/down", webhookRetryDelaysMs: [60_000] });
      const client = new Stripe("sk_test_restart", { ...emulatorClientOptions(first.url), maxNetworkRetries: 0 });
      const customer = await client.customers.create({ email: "pending@example.com" });
      await first.stop();

      const second = await startStripeEmulator({ webhookSecret: SECRET, stateFile, webhookUrl: receiverUrl });
      try {
        await second.webhooksSettled();
        const delivered = deliveries.filter((item) => (item.event.data.object as { id: string }).id === customer.id);
        expect(delivered.map((item) => [item.event.type, item.status])).toEqual([["customer.created", 200]]);
        expect(second.state.events("customer.created").find((event) => event.id === delivered[0].event.id)?.pending_webhooks).toBe(0);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps customers and cards across a restart when given a state file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stripe-emulator-"));
    try {
      const stateFile = path.join(dir, "state.json");
      const first = await startStripeEmulator({ webhookSecret: SECRET, stateFile });
      const client = new Stripe("sk_test_restart", { ...emulatorClientOptions(first.url), maxNetworkRetries: 0 });
      const customer = await client.customers.create({ email: "keep@example.com" });
      const pm = await client.paymentMethods.attach("pm_card_visa_debit", { customer: customer.id });
      await first.stop();

      const second = await startStripeEmulator({ webhookSecret: SECRET, stateFile });
      try {
        const again = new Stripe("sk_test_restart", { ...emulatorClientOptions(second.url), maxNetworkRetries: 0 });
        expect(((await again.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe("keep@example.com");
        const cards = await again.paymentMethods.list({ customer: customer.id, type: "card" });
        expect(cards.data.map((card) => [card.id, card.card?.funding])).toEqual([[pm.id, "debit"]]);
        const charge = await again.paymentIntents.create({ amount: 700, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
        expect(charge.status).toBe("succeeded");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
