// What every e-mail template shares: its language, the copy from the app's message files, and
// how a card is named. The copy lives in lib/i18n/messages/{en,es}.json under `mail`, in ICU
// message format, next to the app's own; templates run in jobs and webhooks, outside any React
// request, so they use `createTranslator` from next-intl's core (use-intl/core: the root
// `next-intl` entry pulls in React hooks that scripts running with the react-server condition
// cannot load) rather than the request-scoped helpers.
import { createTranslator } from "use-intl/core";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { knownBrandName } from "@/lib/payments/card-brand";

export type MailLocale = "en" | "es";
export type MailContent = { subject: string; text: string; html: string };
export type CardLabel = { brand: string; last4: string } | null | undefined;

/** The e-mail language for a workspace or user locale: Spanish for any `es…`, else English. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale?.toLowerCase().startsWith("es") ? "es" : "en";
}

const MESSAGES: Record<MailLocale, typeof en> = { en, es };

function createMailTranslator(locale: MailLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

export type MailTranslator = ReturnType<typeof createMailTranslator>;

// One translator per language for the process: it keeps the parsed messages and Intl formatters.
const translators = new Map<MailLocale, MailTranslator>();

/** The translator for e-mails in `locale`; keys are the message files' (`mail.receipt.subject`). */
export function mailTranslator(locale: MailLocale): MailTranslator {
  let t = translators.get(locale);
  if (!t) {
    t = createMailTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

/** "Visa •••• 4242" (or "your card" when the card is not known). */
export function cardLabel(card: CardLabel, locale: MailLocale = "en"): string {
  if (!card) return mailTranslator(locale)("mail.common.yourCard");
  return `${knownBrandName(card.brand) ?? card.brand} •••• ${card.last4}`;
}
