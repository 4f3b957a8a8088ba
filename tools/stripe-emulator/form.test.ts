// The Stripe emulator's request parsing (stripe-node's bracket notation) and webhook signing.
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { StripeApiError } from "./errors";
import { applyMetadata, parseForm, rejectUnknown } from "./form";
import { signatureHeader } from "./webhooks";

describe("parseForm", () => {
  it("nests bracketed keys and builds arrays from indexed or empty brackets", () => {
    expect(parseForm("amount=2500&metadata[workspace]=ws_1&metadata[kind]=top%20up&expand[0]=latest_charge&expand[1]=customer")).toEqual({
      amount: "2500",
      metadata: { workspace: "ws_1", kind: "top up" },
      expand: ["latest_charge", "customer"],
    });
    expect(parseForm("expand[]=a&expand[]=b&invoice_settings[default_payment_method]=pm_1")).toEqual({
      expand: ["a", "b"],
      invoice_settings: { default_payment_method: "pm_1" },
    });
    expect(parseForm("payment_method_options[card][request_three_d_secure]=challenge")).toEqual({
      payment_method_options: { card: { request_three_d_secure: "challenge" } },
    });
    expect(parseForm("items[0][price]=p1&items[1][price]=p2")).toEqual({ items: [{ price: "p1" }, { price: "p2" }] });
    expect(parseForm("description=a+b%2Bc&empty=")).toEqual({ description: "a b+c", empty: "" });
  });

  it("also reads percent-encoded brackets (URLSearchParams, curl --data-urlencode)", () => {
    // stripe-node leaves brackets readable (the integration tests cover that); other clients encode them.
    const body = new URLSearchParams({
      amount: "2500",
      "metadata[workspace]": "ws 1",
      "expand[0]": "latest_charge",
    }).toString();
    expect(body).toContain("%5B");
    expect(parseForm(body)).toEqual({ amount: "2500", metadata: { workspace: "ws 1" }, expand: ["latest_charge"] });
  });

  it("refuses a key that is both a value and a hash", () => {
    expect(() => parseForm("metadata=x&metadata[a]=b")).toThrow(StripeApiError);
  });
});

describe("rejectUnknown", () => {
  it("accepts declared paths, metadata keys and expand, and names the unknown parameter like Stripe", () => {
    const allowed = ["amount", "metadata.*", "invoice_settings.default_payment_method"];
    expect(() => rejectUnknown(parseForm("amount=1&metadata[any]=x&expand[0]=y&invoice_settings[default_payment_method]=pm"), allowed)).not.toThrow();
    try {
      rejectUnknown(parseForm("invoice_settings[footer]=hi"), allowed);
      expect.unreachable();
    } catch (error) {
      expect((error as StripeApiError).body).toMatchObject({ code: "parameter_unknown", param: "invoice_settings[footer]" });
    }
  });
});

describe("applyMetadata", () => {
  it("sets, removes one key with an empty value, and clears everything with metadata=", () => {
    expect(applyMetadata({ a: "1", b: "2" }, parseForm("metadata[b]=&metadata[c]=3"))).toEqual({ a: "1", c: "3" });
    expect(applyMetadata({ a: "1" }, parseForm("metadata="))).toEqual({});
    expect(applyMetadata({ a: "1" }, {})).toEqual({ a: "1" });
  });
});

describe("signatureHeader", () => {
  it("matches stripe-node's own test header and passes constructEvent", () => {
    const stripe = new Stripe("sk_test_unit");
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "payment_intent.succeeded" }, null, 2);
    const timestamp = Math.floor(Date.now() / 1000);
    const ours = signatureHeader(payload, "whsec_unit", timestamp);
    expect(ours).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_unit", timestamp }));
    expect(stripe.webhooks.constructEvent(payload, ours, "whsec_unit").id).toBe("evt_1");
    expect(() => stripe.webhooks.constructEvent(payload, ours, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });
});
