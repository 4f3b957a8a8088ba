// A local Stripe-compatible HTTP server for test mode: the app points stripe-node at it (host,
// port, protocol) when there is no STRIPE_SECRET_KEY, and the whole payment flow — saving cards,
// top-ups, 3-D Secure, declines, refunds, disputes, signed webhooks — works offline.
//
// This file is the HTTP layer: routing, API-key check, form parsing, `expand[]`, Idempotency-Key
// replay, Stripe-shaped error responses, CORS for the browser-facing /emulator endpoints, and the
// two small HTML pages (the 3-D Secure challenge and the receipt). What each endpoint does is in
// api.ts. Plain node:http, no framework.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { AUTOMATIC, EmulatorCore, money, type RequestContext } from "./api";
import { TEST_CARDS, last4 } from "./cards";
import { StripeApiError, badRequest } from "./errors";
import { optionalStringArray, parseForm, type FormObject, type FormValue } from "./form";
import { Store, newId } from "./store";
import { WebhookDelivery, type DeliveryAttempt } from "./webhooks";

export interface StripeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default so nothing outside the machine can reach it. */
  host?: string;
  /** Where events are POSTed as signed webhooks; without it events are only stored. */
  webhookUrl?: string;
  /** The `whsec_…` secret the app verifies `Stripe-Signature` with. */
  webhookSecret: string;
  /** Receives one line per request and per webhook attempt. */
  log?: (line: string) => void;
  /** JSON file to keep the state in across restarts (created if missing). */
  stateFile?: string;
  /**
   * Base URL the browser uses to reach the emulator, for the 3-D Secure page and receipt links.
   * Defaults to http://<host>:<port>.
   */
  publicUrl?: string;
  /** `api_version` on events; defaults to the version of the installed stripe-node. */
  apiVersion?: string;
  /** Waits between webhook attempts (default 1 s, 5 s, 25 s, 2 min: five attempts in all). */
  webhookRetryDelaysMs?: number[];
  /** How long one webhook attempt may take before it counts as failed (default 10 s). */
  webhookTimeoutMs?: number;
}

/** Read-only access to what the emulator holds, for tests and tools. */
export interface EmulatorState {
  /** Events, oldest first, optionally of one type. */
  events(type?: string): Stripe.Event[];
  /** Any object by id (customer, payment method, intent, charge, refund, dispute). */
  get(id: string): unknown;
  /** The webhook attempts made for an event. */
  deliveries(eventId: string): DeliveryAttempt[];
}

export interface StripeEmulator {
  /** http://host:port, no trailing slash. */
  url: string;
  port: number;
  state: EmulatorState;
  /** Resolves once every queued webhook has been delivered or given up on. */
  webhooksSettled(): Promise<void>;
  /** Changes (or removes) the webhook endpoint for events created from now on. */
  setWebhookUrl(url: string | undefined): void;
  /** Stops listening and delivering, and writes the state file. */
  stop(): Promise<void>;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface RouteInput {
  params: FormObject;
  /** Path parameters, in order. */
  ids: string[];
  ctx: RequestContext;
  /** The caller wants HTML (a form in the 3-D Secure page), not JSON. */
  wantsHtml: boolean;
}

type Access = "secret" | "public" | "secret_or_client_secret";

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  access: Access;
  handle: (input: RouteInput) => unknown;
}

interface IdempotentResult {
  method: string;
  path: string;
  fingerprint: string;
  reply: Reply;
  requestId: string;
  at: number;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  if (!options.webhookSecret) throw new Error("startStripeEmulator: webhookSecret is required (the whsec_… the app verifies webhooks with)");
  const log = options.log ?? (() => {});
  const host = options.host ?? "127.0.0.1";
  const store = new Store(options.stateFile, log);
  let publicUrl = options.publicUrl?.replace(/\/$/, "") ?? "";

  const delivery = new WebhookDelivery({
    secret: options.webhookSecret,
    url: options.webhookUrl,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [1_000, 5_000, 25_000, 120_000],
    timeoutMs: options.webhookTimeoutMs ?? 10_000,
    log,
    onSettled: (event) => {
      event.pending_webhooks = 0;
      store.changed();
    },
  });
  const core = new EmulatorCore({
    store,
    delivery,
    apiVersion: options.apiVersion ?? Stripe.API_VERSION,
    publicUrl: () => publicUrl,
    log,
  });
  const idempotency = new Map<string, IdempotentResult>();
  const routes = defineRoutes(core, delivery, () => publicUrl);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`internal error: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, json(500, { error: { type: "api_error", message: "An unexpected error occurred in the Stripe emulator." } }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId("req", 14);
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = req.method ?? "GET";
    const isEmulatorPath = url.pathname.startsWith("/emulator/");
    const extraHeaders: Record<string, string> = { "Request-Id": requestId, "Stripe-Version": header(req, "stripe-version") ?? Stripe.API_VERSION };
    // The browser calls the /emulator endpoints (3-D Secure) from the app's own origin.
    if (isEmulatorPath) Object.assign(extraHeaders, CORS);
    if (method === "OPTIONS" && isEmulatorPath) return send(res, { status: 204, body: "", headers: extraHeaders });

    let reply: Reply;
    let replayed = false;
    const idempotencyKey = method === "POST" && url.pathname.startsWith("/v1/") ? (header(req, "idempotency-key") ?? null) : null;
    try {
      const body = method === "POST" ? await readBody(req) : "";
      const params = method === "POST" ? parseForm(body) : parseForm(url.search.slice(1));
      const match = matchRoute(routes, method, url.pathname);
      authorize(req, match.route.access, params);
      const ctx: RequestContext = { requestId, idempotencyKey };
      const run = (): Reply => {
        const expand = optionalStringArray(params, "expand") ?? [];
        delete params.expand;
        const result = match.route.handle({ params, ids: match.ids, ctx, wantsHtml: (header(req, "accept") ?? "").includes("text/html") });
        if (isReply(result)) return result;
        return json(200, core.expand(result, expand));
      };
      if (idempotencyKey) {
        const outcome = withIdempotency(idempotencyKey, method, url.pathname, params, requestId, run);
        reply = outcome.reply;
        replayed = outcome.replayed;
      } else {
        reply = run();
      }
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      reply = json(error.status, { error: error.body });
    }
    // Most changes also record an event (which saves), but not all (a PaymentIntent update, a
    // test token turned into a PaymentMethod): save after every write.
    if (method === "POST") store.changed();
    reply.headers = { ...reply.headers, ...extraHeaders };
    if (idempotencyKey) reply.headers["Idempotency-Key"] = idempotencyKey;
    if (replayed) reply.headers["Idempotent-Replayed"] = "true";
    send(res, reply);
    log(`${method} ${url.pathname} → ${reply.status}${replayed ? " (idempotent replay)" : ""}`);
  }

  /**
   * Stripe's idempotency: the first response to a key (success or card decline) is saved for 24
   * hours and replayed for the same request; reusing the key for another endpoint or with other
   * parameters is an idempotency_error. Validation errors are not saved, so a corrected retry
   * with the same key goes through — as on Stripe.
   */
  function withIdempotency(key: string, method: string, path: string, params: FormObject, requestId: string, run: () => Reply): { reply: Reply; replayed: boolean } {
    if (key.length > 255) throw badRequest("The Idempotency-Key header must be 255 characters or fewer.", { param: "Idempotency-Key" });
    const fingerprint = JSON.stringify(sortKeys(params));
    const nowMs = Date.now();
    const saved = idempotency.get(key);
    if (saved && nowMs - saved.at < IDEMPOTENCY_TTL_MS) {
      if (saved.method !== method || saved.path !== path) {
        throw new StripeApiError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.method} ${saved.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      if (saved.fingerprint !== fingerprint) {
        throw new StripeApiError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      return { reply: { ...saved.reply, headers: { ...saved.reply.headers, "Original-Request": saved.requestId } }, replayed: true };
    }
    let reply: Reply;
    try {
      reply = run();
    } catch (error) {
      if (error instanceof StripeApiError && error.status === 402) {
        reply = json(402, { error: error.body });
      } else {
        throw error;
      }
    }
    if (reply.status < 300 || reply.status === 402) {
      idempotency.set(key, { method, path, fingerprint, reply, requestId, at: nowMs });
      pruneIdempotency(nowMs);
    }
    return { reply, replayed: false };
  }

  function pruneIdempotency(nowMs: number): void {
    if (idempotency.size < 10_000) return;
    for (const [key, saved] of idempotency) if (nowMs - saved.at >= IDEMPOTENCY_TTL_MS) idempotency.delete(key);
  }

  function authorize(req: IncomingMessage, access: Access, params: FormObject): void {
    if (access === "public") return;
    const key = apiKey(req);
    // The browser completing 3-D Secure has no secret key, only the intent's client_secret, which
    // the route checks itself.
    if (access === "secret_or_client_secret" && !key && typeof params.client_secret === "string") return;
    if (!key) {
      throw new StripeApiError(401, {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      });
    }
    if (!/^sk_test_\S+$/.test(key)) {
      const masked = key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : "*".repeat(key.length);
      throw new StripeApiError(401, {
        type: "invalid_request_error",
        message: `Invalid API Key provided: ${masked}. The Stripe emulator runs in test mode and accepts any secret test key (sk_test_…).`,
      });
    }
  }

  // Resume webhooks that were still pending when a previous run stopped.
  const pending = store.data.events.filter((event) => event.pending_webhooks > 0);
  if (pending.length && !options.webhookUrl) for (const event of pending) event.pending_webhooks = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (!publicUrl) publicUrl = url;
  for (const event of pending) core.deliver(event);
  if (pending.length && options.webhookUrl) log(`resuming delivery of ${pending.length} pending webhook(s)`);

  return {
    url,
    port,
    state: {
      events: (type) => store.data.events.filter((event) => !type || event.type === type),
      get: (id) => store.lookup(id)?.value,
      deliveries: (eventId) => delivery.attemptsFor(eventId),
    },
    webhooksSettled: () => delivery.idle(),
    setWebhookUrl: (next) => {
      delivery.url = next;
    },
    stop: async () => {
      delivery.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

// ─────────────────────────── Routes ───────────────────────────

const ID = "([A-Za-z0-9_]+)";

function defineRoutes(core: EmulatorCore, delivery: WebhookDelivery, publicUrl: () => string): Route[] {
  const route = (method: Route["method"], path: string, access: Access, handle: Route["handle"]): Route => ({
    method,
    pattern: new RegExp(`^${path.replace(/:id/g, ID)}$`),
    access,
    handle,
  });
  return [
    // Emulator-only endpoints (what Stripe's dashboard, Stripe.js and the card networks do).
    route("GET", "/emulator/health", "public", () => ({ status: "ok", livemode: false, webhooks: delivery.url ? "enabled" : "disabled" })),
    route("GET", "/emulator/cards", "public", () => ({
      object: "list",
      data: [...TEST_CARDS.values()].map((card) => ({
        token: card.token,
        brand: card.brand,
        last4: last4(card),
        funding: card.funding,
        country: card.country,
        description: card.description,
      })),
    })),
    route("GET", "/emulator/3ds/:id", "public", ({ ids: [id], params }) => challengePage(core, id, params, publicUrl())),
    route("POST", "/emulator/payment_intents/:id/authenticate", "secret_or_client_secret", ({ ids: [id], params, ctx, wantsHtml }) => {
      const record = core.paymentIntent(id);
      checkClientSecret(params, record.object.client_secret);
      const intent = core.authenticatePaymentIntent(id, authenticationResult(params), { ...ctx, idempotencyKey: null });
      return wantsHtml ? afterChallenge("payment_intent", intent, record.returnUrl) : intent;
    }),
    route("POST", "/emulator/setup_intents/:id/authenticate", "secret_or_client_secret", ({ ids: [id], params, ctx, wantsHtml }) => {
      const record = core.setupIntent(id);
      checkClientSecret(params, record.object.client_secret);
      const intent = core.authenticateSetupIntent(id, authenticationResult(params), { ...ctx, idempotencyKey: null });
      return wantsHtml ? afterChallenge("setup_intent", intent, record.returnUrl) : intent;
    }),
    route("POST", "/emulator/charges/:id/dispute", "secret", ({ ids: [id], params }) => core.createDispute(id, params, AUTOMATIC)),
    route("POST", "/emulator/events/:id/resend", "secret", ({ ids: [id] }) => {
      const event = core.retrieveEvent(id);
      if (!core.deliver(event)) throw badRequest("No webhook endpoint is configured (webhookUrl / STRIPE_EMULATOR_WEBHOOK_URL), so there is nowhere to resend to.");
      return event;
    }),
    route("GET", "/emulator/events/:id/deliveries", "secret", ({ ids: [id] }) => {
      core.retrieveEvent(id);
      return { object: "list", data: delivery.attemptsFor(id), has_more: false, url: `/emulator/events/${id}/deliveries` };
    }),
    route("GET", "/emulator/receipts/:id", "public", ({ ids: [id] }) => receiptPage(core, id)),

    // Stripe API v1.
    route("POST", "/v1/customers", "secret", ({ params, ctx }) => core.createCustomer(params, ctx)),
    route("GET", "/v1/customers/:id", "secret", ({ ids: [id] }) => core.retrieveCustomer(id)),
    route("POST", "/v1/customers/:id", "secret", ({ ids: [id], params, ctx }) => core.updateCustomer(id, params, ctx)),
    route("GET", "/v1/customers/:id/payment_methods", "secret", ({ ids: [id], params }) =>
      core.listPaymentMethods(params, `/v1/customers/${id}/payment_methods`, id),
    ),
    route("POST", "/v1/setup_intents", "secret", ({ params, ctx }) => core.createSetupIntent(params, ctx)),
    route("GET", "/v1/setup_intents/:id", "secret", ({ ids: [id], params }) => core.retrieveSetupIntent(id, params)),
    route("POST", "/v1/setup_intents/:id/confirm", "secret", ({ ids: [id], params, ctx }) => core.confirmSetupIntent(id, params, ctx)),
    route("POST", "/v1/setup_intents/:id/cancel", "secret", ({ ids: [id], params, ctx }) => core.cancelSetupIntent(id, params, ctx)),
    route("GET", "/v1/payment_methods", "secret", ({ params }) => core.listPaymentMethods(params)),
    route("GET", "/v1/payment_methods/:id", "secret", ({ ids: [id] }) => core.retrievePaymentMethod(id)),
    route("POST", "/v1/payment_methods/:id/attach", "secret", ({ ids: [id], params, ctx }) => core.attachPaymentMethod(id, params, ctx)),
    route("POST", "/v1/payment_methods/:id/detach", "secret", ({ ids: [id], params, ctx }) => core.detachPaymentMethod(id, params, ctx)),
    route("POST", "/v1/payment_intents", "secret", ({ params, ctx }) => settle(core.createPaymentIntent(params, ctx))),
    route("GET", "/v1/payment_intents", "secret", ({ params }) => core.listPaymentIntents(params)),
    route("GET", "/v1/payment_intents/:id", "secret", ({ ids: [id], params }) => core.retrievePaymentIntent(id, params)),
    route("POST", "/v1/payment_intents/:id", "secret", ({ ids: [id], params }) => core.updatePaymentIntent(id, params)),
    route("POST", "/v1/payment_intents/:id/confirm", "secret", ({ ids: [id], params, ctx }) => settle(core.confirmPaymentIntent(id, params, ctx))),
    route("POST", "/v1/payment_intents/:id/cancel", "secret", ({ ids: [id], params, ctx }) => core.cancelPaymentIntent(id, params, ctx)),
    route("GET", "/v1/charges/:id", "secret", ({ ids: [id] }) => core.retrieveCharge(id)),
    route("POST", "/v1/refunds", "secret", ({ params, ctx }) => core.createRefund(params, ctx)),
    route("GET", "/v1/refunds", "secret", ({ params }) => core.listRefunds(params)),
    route("GET", "/v1/refunds/:id", "secret", ({ ids: [id] }) => core.retrieveRefund(id)),
    route("GET", "/v1/disputes/:id", "secret", ({ ids: [id] }) => core.retrieveDispute(id)),
    route("GET", "/v1/events", "secret", ({ params }) => core.listEvents(params)),
    route("GET", "/v1/events/:id", "secret", ({ ids: [id] }) => core.retrieveEvent(id)),
  ];
}

/** A declined payment still changed the intent; the response is then Stripe's 402. */
function settle(outcome: { intent: Stripe.PaymentIntent; error?: StripeApiError }): Stripe.PaymentIntent {
  if (outcome.error) throw outcome.error;
  return outcome.intent;
}

function matchRoute(routes: Route[], method: string, path: string): { route: Route; ids: string[] } {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, ids: found.slice(1) };
  }
  throw new StripeApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator implements only the endpoints Saldo uses; see tools/stripe-emulator/server.ts.`,
  });
}

function authenticationResult(params: FormObject): boolean {
  const result = params.result;
  if (result === "succeed") return true;
  if (result === "fail") return false;
  throw new StripeApiError(400, { type: "invalid_request_error", code: "parameter_invalid", message: "result must be succeed or fail.", param: "result" });
}

function checkClientSecret(params: FormObject, expected: string | null): void {
  const given = params.client_secret;
  if (given === undefined) return; // authorised by the secret key instead
  if (given !== expected) {
    throw new StripeApiError(400, {
      type: "invalid_request_error",
      message: "The client_secret provided does not match the client_secret associated with this intent.",
      param: "client_secret",
    });
  }
}

// ─────────────────────────── HTML pages ───────────────────────────

/** The bank's 3-D Secure challenge, as Stripe's test-mode page: complete or fail. */
function challengePage(core: EmulatorCore, id: string, params: FormObject, base: string): Reply {
  const kind = id.startsWith("seti_") ? "setup_intents" : "payment_intents";
  let intent: Stripe.PaymentIntent | Stripe.SetupIntent;
  try {
    intent = kind === "setup_intents" ? core.setupIntent(id).object : core.paymentIntent(id).object;
  } catch {
    return html(404, page("Not found", `<p>No such intent: ${escape(id)}</p>`));
  }
  if (params.client_secret !== intent.client_secret) return html(404, page("Not found", `<p>No such intent: ${escape(id)}</p>`));
  const what =
    intent.object === "payment_intent"
      ? `Pay <strong>${escape(money(intent.amount, intent.currency))}</strong>`
      : "Save this card for future payments";
  const form = (result: string, label: string, primary: boolean) => `
    <form method="post" action="${escape(`${base}/emulator/${kind}/${id}/authenticate`)}">
      <input type="hidden" name="client_secret" value="${escape(intent.client_secret ?? "")}">
      <input type="hidden" name="result" value="${result}">
      <button type="submit" class="${primary ? "primary" : ""}">${label}</button>
    </form>`;
  const body =
    intent.status === "requires_action"
      ? `<p>${what}. This is the test-mode stand-in for the bank's 3-D Secure check.</p>
         <div class="actions">${form("succeed", "Complete authentication", true)}${form("fail", "Fail authentication", false)}</div>`
      : `<p>This ${intent.object === "payment_intent" ? "payment" : "setup"} is not waiting for authentication (status: ${escape(intent.status)}).</p>`;
  return html(200, page("3-D Secure (test mode)", body));
}

/**
 * After the challenge form: back to the app's return_url with Stripe's query parameters, or a page
 * that tells an embedding window (iframe modal) the outcome via postMessage.
 */
function afterChallenge(kind: "payment_intent" | "setup_intent", intent: Stripe.PaymentIntent | Stripe.SetupIntent, returnUrl: string | null): Reply {
  const status = intent.status === "succeeded" ? "succeeded" : intent.status === "processing" ? "processing" : "failed";
  if (returnUrl) {
    const target = new URL(returnUrl);
    target.searchParams.set(kind, intent.id);
    target.searchParams.set(`${kind}_client_secret`, intent.client_secret ?? "");
    target.searchParams.set("redirect_status", status);
    return { status: 303, body: "", headers: { Location: target.toString() } };
  }
  const message = JSON.stringify({ type: "stripe-emulator-3ds", intent: intent.id, status: intent.status });
  return html(
    200,
    page(
      "3-D Secure (test mode)",
      `<p>Authentication ${status === "succeeded" ? "completed" : "finished"}: ${escape(intent.status)}. You can close this window.</p>
       <script>(window.opener || window.parent).postMessage(${message.replace(/</g, "\\u003c")}, "*");</script>`,
    ),
  );
}

function receiptPage(core: EmulatorCore, id: string): Reply {
  let charge: Stripe.Charge;
  try {
    charge = core.retrieveCharge(id);
  } catch {
    return html(404, page("Receipt not found", `<p>No such charge: ${escape(id)}</p>`));
  }
  const card = charge.payment_method_details?.card;
  const rows: Array<[string, string]> = [
    ["Amount paid", money(charge.amount, charge.currency)],
    ["Date", new Date(charge.created * 1000).toUTCString()],
    ["Payment method", card ? `${card.brand} •••• ${card.last4}` : "card"],
  ];
  if (charge.description) rows.push(["Description", charge.description]);
  if (charge.amount_refunded) rows.push(["Refunded", money(charge.amount_refunded, charge.currency)]);
  if (charge.receipt_email) rows.push(["Sent to", charge.receipt_email]);
  rows.push(["Reference", charge.id]);
  const table = rows.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`).join("");
  return html(200, page("Receipt (test mode)", `<table>${table}</table>`));
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.badge{display:inline-block;background:#ffe9a8;border-radius:4px;padding:2px 6px;font-size:12px}
.actions{display:flex;gap:.75rem}button{font:inherit;padding:.6rem 1rem;border-radius:6px;border:1px solid #999;background:#fff;cursor:pointer}
button.primary{background:#635bff;border-color:#635bff;color:#fff}th{text-align:left;padding:.3rem 1rem .3rem 0;font-weight:500;color:#555}</style>
</head><body><p class="badge">TEST MODE · Stripe emulator</p><h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// ─────────────────────────── HTTP helpers ───────────────────────────

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key, Stripe-Version",
};

function json(status: number, value: unknown): Reply {
  // Stripe pretty-prints its responses with two spaces; so does the emulator.
  return { status, body: JSON.stringify(value, null, 2), headers: { "Content-Type": "application/json" } };
}

function html(status: number, text: string): Reply {
  return { status, body: text, headers: { "Content-Type": "text/html; charset=utf-8" } };
}

function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value && "headers" in value && !("object" in value);
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The API key from `Authorization: Bearer sk_…` or HTTP Basic (`curl -u sk_…:`). */
function apiKey(req: IncomingMessage): string | undefined {
  const authorization = header(req, "authorization");
  if (!authorization) return undefined;
  const [scheme, value] = authorization.split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() === "basic") return Buffer.from(value, "base64").toString("utf8").split(":")[0] || undefined;
  return undefined;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new StripeApiError(400, { type: "invalid_request_error", message: "Request body too large." }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Parameters with keys sorted at every level: the same request in another order is the same request. */
function sortKeys(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

