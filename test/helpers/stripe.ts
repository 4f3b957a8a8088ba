// A real Stripe emulator per test file, wired to the app's real webhook route: the emulator
// POSTs signed events to a tiny local HTTP server, which hands body and signature to the route
// handler's POST exactly as Next.js would. getStripe() talks to the emulator (STRIPE_EMULATOR_URL).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET, signatureHeader, startStripeEmulator, type StripeEmulator } from "@/tools/stripe-emulator";

/** What the webhook route answers. */
export type WebhookAnswer = { received?: true; duplicate?: true; ignored?: true; error?: { code: string; message: string } } | null;
/** A JSON object from the emulator (a Stripe object or error). */
export type EmulatorObject = { id?: string; error?: { message: string }; [field: string]: unknown };

export type WebhookDelivery = { eventId: string; type: string; status: number; body: WebhookAnswer };

export type StripeTestEnv = {
  emulator: StripeEmulator;
  /** Every webhook the route answered, in order. */
  deliveries: WebhookDelivery[];
  /** Waits until every queued webhook was delivered (or given up on). */
  settle(): Promise<void>;
  /** A call to the emulator's API or /emulator endpoints, as a browser or the dashboard would. */
  call(path: string, form?: Record<string, string>, options?: { auth?: boolean }): Promise<{ status: number; body: EmulatorObject }>;
  /** The cardholder's answer to 3-D Secure, with the intent's client secret (what the browser holds). */
  authenticate(kind: "payment_intents" | "setup_intents", id: string, clientSecret: string, result: "succeed" | "fail"): Promise<void>;
  /** Events about an object (by its id), oldest first. */
  eventsFor(objectId: string, type?: string): Stripe.Event[];
  /** Delivers an event again through the emulator (a Stripe retry / replay). */
  resend(eventId: string): Promise<void>;
  /**
   * Runs `work` with webhook delivery switched off (events are still recorded by the emulator),
   * as if Stripe's webhooks were late; `resend` delivers them afterwards.
   */
  withoutWebhooks<T>(work: () => Promise<T>): Promise<T>;
  /** Posts a body to the webhook route directly, signed with the right secret unless told otherwise. */
  postWebhook(body: string, signature?: string | null): Promise<{ status: number; body: WebhookAnswer }>;
};

/**
 * Registers beforeAll/afterAll hooks that start an emulator on a free port (no state file) and
 * point the app at it. Use the returned object inside tests.
 */
export function startStripeEmulatorForTests(): StripeTestEnv {
  let emulator: StripeEmulator | undefined;
  let receiver: Server | undefined;
  let webhookUrl = "";
  const deliveries: WebhookDelivery[] = [];

  const env: StripeTestEnv = {
    get emulator() {
      if (!emulator) throw new Error("The Stripe emulator starts in beforeAll");
      return emulator;
    },
    deliveries,
    settle: () => env.emulator.webhooksSettled(),
    async call(path, form = {}, options = {}) {
      const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
      if (options.auth !== false) headers.Authorization = "Bearer sk_test_emulator";
      const response = await fetch(`${env.emulator.url}${path}`, { method: "POST", headers, body: new URLSearchParams(form).toString() });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as EmulatorObject) : {} };
    },
    async authenticate(kind, id, clientSecret, result) {
      const response = await env.call(`/emulator/${kind}/${id}/authenticate`, { result, client_secret: clientSecret }, { auth: false });
      if (response.status !== 200) throw new Error(`authenticate ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    },
    eventsFor(objectId, type) {
      return env.emulator.state.events(type).filter((event) => (event.data.object as unknown as { id: string }).id === objectId);
    },
    async resend(eventId) {
      const response = await env.call(`/emulator/events/${eventId}/resend`);
      if (response.status !== 200) throw new Error(`resend ${eventId}: ${response.status} ${JSON.stringify(response.body)}`);
      await env.settle();
    },
    async withoutWebhooks(work) {
      await env.settle();
      env.emulator.setWebhookUrl(undefined);
      try {
        return await work();
      } finally {
        env.emulator.setWebhookUrl(webhookUrl);
      }
    },
    async postWebhook(body, signature) {
      const header = signature === undefined ? signatureHeader(body, DEFAULT_EMULATOR_WEBHOOK_SECRET) : signature;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (header !== null) headers["stripe-signature"] = header;
      const response = await POST(new Request("http://saldo.test/api/webhooks/stripe", { method: "POST", headers, body }));
      return { status: response.status, body: (await response.json()) as WebhookAnswer };
    },
  };

  beforeAll(async () => {
    // Whatever the developer's shell says, tests never talk to a real Stripe account.
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_EMULATOR_PUBLIC_URL;
    process.env.STRIPE_WEBHOOK_SECRET = DEFAULT_EMULATOR_WEBHOOK_SECRET;

    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (req.headers["stripe-signature"]) headers["stripe-signature"] = String(req.headers["stripe-signature"]);
        try {
          const response = await POST(new Request("http://saldo.test/api/webhooks/stripe", { method: "POST", headers, body: raw }));
          const text = await response.text();
          const event = JSON.parse(raw) as Stripe.Event;
          deliveries.push({ eventId: event.id, type: event.type, status: response.status, body: text ? JSON.parse(text) : null });
          res.writeHead(response.status, { "content-type": "application/json" }).end(text);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/stripe`;

    emulator = await startStripeEmulator({
      port: 0,
      webhookUrl,
      webhookSecret: DEFAULT_EMULATOR_WEBHOOK_SECRET,
      // Quick retries: a test that makes the route answer 500 sees the retry within the test.
      webhookRetryDelaysMs: [50, 100, 200],
    });
    process.env.STRIPE_EMULATOR_URL = emulator.url;
  });

  afterAll(async () => {
    await emulator?.webhooksSettled();
    await emulator?.stop();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  });

  return env;
}
