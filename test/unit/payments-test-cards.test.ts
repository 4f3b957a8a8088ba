// The test cards the app offers and accepts (lib/payments/test-cards.ts, Stripe's documented
// tokens) against the emulator's model of them (tools/stripe-emulator/cards.ts): the picker must
// never offer a card the emulator does not know, or describe one differently from it.
import { describe, expect, it } from "vitest";
import { OFFERED_TEST_CARDS, TEST_CARD_TOKENS, type TestCardBehaviour } from "@/lib/payments/test-cards";
import { TEST_CARDS, type TestCard } from "@/tools/stripe-emulator";

function behaviourOf(card: TestCard): TestCardBehaviour {
  if (card.declinesOnSetup) return "declines_on_save";
  if (card.authentication.onSetup) return "three_d_secure";
  if (card.decline) return "declines_payments";
  return "succeeds";
}

describe("test cards", () => {
  it("the emulator knows every token the app accepts, and the app accepts every token it knows", () => {
    expect([...TEST_CARD_TOKENS].filter((token) => !TEST_CARDS.has(token))).toEqual([]);
    expect([...TEST_CARDS.keys()].filter((token) => !TEST_CARD_TOKENS.has(token))).toEqual([]);
  });

  it("each offered card is described as the emulator behaves", () => {
    for (const offered of OFFERED_TEST_CARDS) {
      const card = TEST_CARDS.get(offered.token)!;
      expect({ ...offered }).toEqual({
        token: card.token,
        brand: card.brand,
        last4: card.number.slice(-4),
        funding: card.funding,
        behaviour: behaviourOf(card),
      });
    }
  });

  it("the picker offers each kind of card and each way a card can fail", () => {
    expect(new Set(OFFERED_TEST_CARDS.map((card) => card.funding))).toEqual(new Set(["credit", "debit", "prepaid"]));
    expect(new Set(OFFERED_TEST_CARDS.map((card) => card.behaviour))).toEqual(
      new Set(["succeeds", "three_d_secure", "declines_on_save", "declines_payments"]),
    );
  });
});
