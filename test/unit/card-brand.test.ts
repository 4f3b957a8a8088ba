import { describe, expect, it } from "vitest";
import { cardLabel } from "@/lib/mail/templates/messages";
import { brandName, expiry, isExpired, knownBrandName } from "@/lib/payments/card-brand";

describe("card networks, one spelling for screens, e-mails and ledger lines", () => {
  it("names Stripe's brand codes as the networks write them", () => {
    expect(brandName("amex")).toBe("American Express");
    expect(brandName("cartes_bancaires")).toBe("Cartes Bancaires");
    expect(cardLabel({ brand: "cartes_bancaires", last4: "4242" }, "en")).toBe("Cartes Bancaires •••• 4242");
    expect(knownBrandName("constructor")).toBeUndefined();
  });

  it("an unknown code: capitalised on screens, as Stripe sent it in e-mails", () => {
    expect(brandName("unknownbrand")).toBe("Unknownbrand");
    expect(brandName("")).toBe("Card");
    expect(cardLabel({ brand: "unknownbrand", last4: "0005" }, "en")).toBe("unknownbrand •••• 0005");
  });

  it("a card works until the end of its expiry month", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(isExpired(11, 2026, now)).toBe(false);
    expect(isExpired(10, 2026, now)).toBe(true);
    expect(expiry(3, 2031)).toBe("03/31");
  });
});
