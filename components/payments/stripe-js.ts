"use client";

import type { Stripe } from "@stripe/stripe-js";

const loaded = new Map<string, Promise<Stripe | null>>();

/** Stripe.js for a publishable key, loaded once per page (it fetches js.stripe.com). */
export function getStripeJs(publishableKey: string): Promise<Stripe | null> {
  let promise = loaded.get(publishableKey);
  if (!promise) {
    // The loader (the /pure entry, which does not inject Stripe.js on import) and Stripe.js itself
    // are fetched only when a card form or a 3-D Secure challenge with real Stripe needs them:
    // never with the page, never in test mode against the emulator.
    promise = import("@stripe/stripe-js/pure").then(({ loadStripe }) => loadStripe(publishableKey));
    loaded.set(publishableKey, promise);
  }
  return promise;
}

/**
 * Real Stripe: lets Stripe.js run the bank's 3-D Secure challenge for an intent in
 * `requires_action`. Answers the bank's refusal message, or null when the challenge completed
 * (the server then reads the intent's outcome).
 */
export async function handleNextActionWithStripe(publishableKey: string, clientSecret: string): Promise<{ error: string | null }> {
  const stripe = await getStripeJs(publishableKey);
  if (!stripe) return { error: "stripe_unavailable" };
  const { error } = await stripe.handleNextAction({ clientSecret });
  return { error: error ? (error.message ?? "declined") : null };
}
