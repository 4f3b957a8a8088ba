// What every e-mail template shares: its language, the copy from the app's message files, how
// money and a card are named. The copy lives in lib/i18n/messages/{en,es}.json under `mail`, in ICU
// message format, next to the app's own; templates run in jobs and webhooks, outside any React
// request, so they use `createTranslator` from next-intl's core (use-intl/core: the root
// `next-intl` entry pulls in React hooks that scripts running with the react-server condition
// cannot load) rather than the request-scoped helpers.
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { formatMoney, type Currency, type Micros } from "@/lib/money";
import { knownBrandName } from "@/lib/payments/card-brand";

export type MailLocale = "en" | "es";
export type MailContent = { subject: string; text: string; html: string };
export type CardLabel = { brand: string; last4: string } | null | undefined;

/** What the input of every e-mail about a workspace's wallet has. */
export type WalletMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  walletUrl: string;
};

/** The e-mail language for a workspace or user locale: Spanish for any `es…`, else English. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale?.toLowerCase().startsWith("es") ? "es" : "en";
}

type Messages = typeof en;
const MESSAGES: Record<MailLocale, Messages> = { en, es };

/** A group of e-mail messages: one e-mail's (`mail.receipt`), or those they share (`mail.common`). */
export type MailNamespace = Extract<NamespaceKeys<Messages, NestedKeyOf<Messages>>, `mail.${string}`>;

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

export type MailCopy<Namespace extends MailNamespace> = ReturnType<typeof createTranslator<Messages, Namespace>>;

// Likewise one per language and group of messages.
const copies = new Map<string, MailCopy<MailNamespace>>();

/** The translator for the messages under `namespace`, by their own keys (`subject` for `mail.receipt.subject`). */
export function mailCopy<Namespace extends MailNamespace>(namespace: Namespace, locale: MailLocale): MailCopy<Namespace> {
  const key = `${locale} ${namespace}`;
  let t = copies.get(key) as MailCopy<Namespace> | undefined;
  if (!t) {
    t = createTranslator({ locale, messages: MESSAGES[locale], namespace });
    copies.set(key, t as MailCopy<MailNamespace>);
  }
  return t;
}

/**
 * What a wallet e-mail is worded with, in the input's language: `t` for its own messages,
 * `common` for those the e-mails share, `money` for amounts in the input's currency.
 */
export function walletMailCopy<Namespace extends MailNamespace>(namespace: Namespace, input: { locale: MailLocale; currency: Currency }) {
  return {
    t: mailCopy(namespace, input.locale),
    common: mailCopy("mail.common", input.locale),
    money: (micros: Micros) => formatMoney(micros, input.currency, input.locale),
  };
}

/** "Visa •••• 4242" (or "your card" when the card is not known). */
export function cardLabel(card: CardLabel, locale: MailLocale = "en"): string {
  if (!card) return mailTranslator(locale)("mail.common.yourCard");
  return `${knownBrandName(card.brand) ?? card.brand} •••• ${card.last4}`;
}
