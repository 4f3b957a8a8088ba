import "server-only";
import { getTranslations } from "next-intl/server";

// Stored failure reasons (an auto-recharge's last failure) are the English sentences Stripe and
// lib/payments wrote. The known ones are shown in the reader's language through the same
// `payments.declines` messages as live refusals; anything else is shown as written.
const KNOWN: Record<string, string> = {
  "your card was declined.": "generic_decline",
  "the card was declined.": "generic_decline",
  "your card has insufficient funds.": "insufficient_funds",
  "your card has expired.": "expired_card",
  "your card's security code is incorrect.": "incorrect_cvc",
  "an error occurred while processing your card. try again in a little bit.": "processing_error",
  "your card was declined for making repeated attempts too frequently or exceeding its amount limit.": "card_velocity_exceeded",
  "your card was declined. this transaction requires authentication.": "authentication_required",
  "the bank asked for authentication, which can't happen off-session.": "authentication_required",
  "no card is saved for this workspace.": "no_card",
  "this card can't be charged. add it again or use another card.": "card_not_chargeable",
  "card payments could not be reached to charge your card.": "payments_unavailable",
  "the payment was canceled.": "canceled",
};

/** Translates a stored bank/Stripe reason when it is one of the known sentences. */
export async function bankMessageTranslator(): Promise<(message: string | null | undefined, code?: string | null) => string | null> {
  const t = await getTranslations("payments.declines");
  return (message, code) => {
    if (code && t.has(code)) return t(code);
    if (!message) return null;
    const known = KNOWN[message.trim().replace(/[’‘]/g, "'").toLowerCase()];
    if (known && t.has(known)) return t(known);
    if (/failed authentication|authentication failed/i.test(message)) return t("payment_intent_authentication_failure");
    return message;
  };
}
