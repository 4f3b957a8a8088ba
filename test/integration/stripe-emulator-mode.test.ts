// Emulator mode (no STRIPE_SECRET_KEY) in production: refused by the app and by the start
// scripts unless STRIPE_EMULATOR=on, because the emulator's webhook secret is public.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emulatorModeRefusal, isProductionEmulator } from "@/lib/payments/emulator-mode";
import { getStripe, webhookSecret } from "@/lib/payments/stripe";
import { runScript as script } from "@/test/helpers/scripts";
import { startStripeEmulatorForTests } from "@/test/helpers/stripe";

const stripe = startStripeEmulatorForTests();

// Saved after the helper's beforeAll, which hands the app the emulator's webhook secret.
let saved: Record<string, string | undefined> = {};
beforeAll(() => {
  saved = { NODE_ENV: process.env.NODE_ENV, STRIPE_EMULATOR: process.env.STRIPE_EMULATOR, STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET };
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** process.env's NODE_ENV is typed read-only; at run time it is an ordinary variable. */
function setEnv(name: string, value: string) {
  (process.env as Record<string, string>)[name] = value;
}

function production(optIn?: string) {
  setEnv("NODE_ENV", "production");
  if (optIn === undefined) delete process.env.STRIPE_EMULATOR;
  else process.env.STRIPE_EMULATOR = optIn;
}

const unknownEvent = (id: string) =>
  JSON.stringify({ id, object: "event", type: "payment_intent.succeeded", data: { object: { id: "pi_1NotOurs000000000000000" } } });

describe("emulatorModeRefusal", () => {
  it("refuses production without a Stripe key unless STRIPE_EMULATOR=on", () => {
    expect(emulatorModeRefusal({ NODE_ENV: "production" })).toMatch(/STRIPE_EMULATOR=on/);
    expect(emulatorModeRefusal({ NODE_ENV: "production", STRIPE_EMULATOR: "yes" })).toMatch(/Refusing/);
    expect(emulatorModeRefusal({ NODE_ENV: "production", STRIPE_EMULATOR: "on" })).toBeNull();
    expect(emulatorModeRefusal({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x" })).toBeNull();
    expect(emulatorModeRefusal({ NODE_ENV: "development" })).toBeNull();
    expect(emulatorModeRefusal({ NODE_ENV: "test" })).toBeNull();
    expect(isProductionEmulator({ NODE_ENV: "production", STRIPE_EMULATOR: "on" })).toBe(true);
    expect(isProductionEmulator({ NODE_ENV: "development", STRIPE_EMULATOR: "on" })).toBe(false);
  });
});

describe("the app in production", () => {
  it("refuses the emulator and its public webhook secret without the opt-in", async () => {
    production();
    expect(() => getStripe()).toThrow(/STRIPE_EMULATOR=on/);
    expect(() => webhookSecret()).toThrow(/STRIPE_EMULATOR=on/);
    // Even with the emulator's secret configured explicitly, as the test helper does.
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_emulator_configured";
    expect(() => webhookSecret()).toThrow(/STRIPE_EMULATOR=on/);
  });

  it("refuses a webhook signed with the emulator's secret, recording nothing", async () => {
    production();
    const before = await db.stripeEvent.count();
    const answer = await stripe.postWebhook(unknownEvent("evt_1ProductionRefused00000"));
    expect(answer.status).toBe(500);
    expect(answer.body?.error?.code).toBe("webhook_not_configured");
    expect(await db.stripeEvent.count()).toBe(before);
  });

  it("runs on the emulator when STRIPE_EMULATOR=on asks for it", async () => {
    production("on");
    expect(getStripe()).toBeDefined();
    const answer = await stripe.postWebhook(unknownEvent("evt_1ProductionOptIn000000"));
    expect(answer).toEqual({ status: 200, body: { received: true } });
  });

  it("verifies the emulator's webhooks only with the secret it was handed, never a built-in one", async () => {
    setEnv("NODE_ENV", "development");
    expect(webhookSecret()).toBe(process.env.STRIPE_WEBHOOK_SECRET);
    delete process.env.STRIPE_WEBHOOK_SECRET;
    expect(() => webhookSecret()).toThrow(/STRIPE_WEBHOOK_SECRET is not set: set it to the secret the Stripe emulator signs with/);
  });

  it("is unaffected in development and tests", async () => {
    setEnv("NODE_ENV", "development");
    delete process.env.STRIPE_EMULATOR;
    expect(() => getStripe()).not.toThrow();
  });
});

describe("the start scripts", () => {
  const noStripe = { STRIPE_SECRET_KEY: undefined, STRIPE_EMULATOR: undefined, NODE_ENV: undefined };

  it("`npm start` (scripts/start.ts) refuses emulator mode before starting anything", async () => {
    const run = await script("scripts/start.ts", noStripe);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Refusing to run in production on the local Stripe emulator/);
    expect(run.stderr).not.toMatch(/migrations|Starting Saldo/);
  });

  it("the production server (scripts/app-server.ts) refuses it too", async () => {
    const run = await script("scripts/app-server.ts", { ...noStripe, PORT: "9" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/STRIPE_EMULATOR=on/);
  });
});
