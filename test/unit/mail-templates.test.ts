import { describe, expect, it } from "vitest";
import {
  autoRechargeDisabledMail,
  autoRechargeFailedMail,
  autoRechargeSucceededMail,
  callsPausedMail,
  cardLabel,
  lowBalanceMail,
  receiptMail,
  weeklySummaryMail,
  type MailContent,
  type MailLocale,
} from "@/lib/mail/templates";

// The exact subject, text and HTML of every e-mail, in both languages and every branch, kept as
// snapshots (__snapshots__/mail-templates.test.ts.snap). They were recorded from the templates as
// they were before their copy moved into the message files, so a change to any byte shows here.
// The workspace name and the bank's reason carry an apostrophe, braces and HTML on purpose: ICU
// treats ' and { specially in messages, and the HTML must escape what the values bring.

const LOCALES: MailLocale[] = ["en", "es"];
const workspaceName = "O'Brien & <Sons> {1}";
const walletUrl = "https://saldo.example/acme/settings/billing/wallet";
const settingsUrl = "https://saldo.example/acme/settings/billing";
const usageUrl = "https://saldo.example/acme/settings/billing/usage";
const card = { brand: "visa", last4: "4242" };
const reason = "Your card's balance is insufficient {code: 51}.";

function render(mail: MailContent): string {
  return [`SUBJECT: ${mail.subject}`, "TEXT:", mail.text, "HTML:", mail.html].join("\n");
}

// Every case runs in both languages, named as its snapshot is; each builds its e-mail from what
// all the inputs share (the language, the workspace, the wallet's address) and its own values.
type Common = { locale: MailLocale; workspaceName: string; walletUrl: string };
const cases: [string, (common: Common) => MailContent][] = [
  [
    "receipt of a top-up, with Stripe's receipt",
    (common) =>
      receiptMail({
        ...common,
        kind: "TOP_UP",
        amount: 25_000_000n,
        currency: "USD",
        card,
        receiptUrl: "https://stripe.example/receipts/r_1?a=1&b=2",
        paidAt: new Date("2026-03-05T14:07:00Z"),
        timeZone: "Europe/Madrid",
      }),
  ],
  [
    "receipt of an auto-recharge, without a receipt or a known card, in INR",
    (common) =>
      receiptMail({
        ...common,
        kind: "AUTO_RECHARGE",
        amount: 2_000_000_000n,
        currency: "INR",
        card: null,
        receiptUrl: null,
        paidAt: new Date("2026-11-29T23:30:00Z"),
        timeZone: "Asia/Kolkata",
      }),
  ],
  [
    "auto-recharge succeeded, with balance and receipt",
    (common) =>
      autoRechargeSucceededMail({
        ...common,
        amount: 25_000_000n,
        currency: "USD",
        card: { brand: "mastercard", last4: "4444" },
        balance: 29_994_200n,
        receiptUrl: "https://stripe.example/receipts/r_2",
      }),
  ],
  [
    "auto-recharge succeeded, balance and receipt unknown",
    (common) => autoRechargeSucceededMail({ ...common, amount: 20_000_000n, currency: "USD", card: undefined }),
  ],
  [
    "auto-recharge failed, will retry",
    (common) => autoRechargeFailedMail({ ...common, amount: 25_000_000n, currency: "USD", card, reason, failures: 2, willRetry: true }),
  ],
  [
    "auto-recharge failed, no retry",
    (common) =>
      autoRechargeFailedMail({
        ...common,
        amount: 2_000_000_000n,
        currency: "INR",
        card: { brand: "unknownbrand", last4: "0005" },
        reason,
        failures: 1,
        willRetry: false,
      }),
  ],
  [
    "auto-recharge switched off",
    (common) => autoRechargeDisabledMail({ ...common, amount: 25_000_000n, currency: "USD", card, reason, failures: 3 }),
  ],
  [
    "low balance",
    (common) => lowBalanceMail({ ...common, currency: "USD", balance: 4_994_200n, threshold: 5_000_000n, settingsUrl }),
  ],
  [
    "outbound calls paused, paid balance negative",
    (common) =>
      callsPausedMail({ ...common, currency: "USD", paidBalance: -1_250_000n, minimum: 10_000_000n, whatsappTrialCredit: 0n, messagesGoOn: true }),
  ],
  [
    "voice and AI calls paused, WhatsApp calls go on with trial credit, messages stopped",
    (common) =>
      callsPausedMail({ ...common, currency: "USD", paidBalance: -1_250_000n, minimum: 10_000_000n, whatsappTrialCredit: 750_000n, messagesGoOn: false }),
  ],
  [
    "weekly summary with usage and funds added",
    (common) =>
      weeklySummaryMail({
        ...common,
        currency: "USD",
        timeZone: "America/New_York",
        from: new Date("2026-11-23T05:00:00Z"),
        to: new Date("2026-11-30T05:00:00Z"),
        channels: [
          { channel: "sms", events: 100, spent: 790_000n },
          { channel: "whatsapp_call", events: 3, spent: 140_000n },
          { channel: "ai_voice", events: 1, spent: 0n },
        ],
        added: 25_000_000n,
        balance: 66_170_000n,
        usageUrl,
        settingsUrl,
      }),
  ],
  [
    "weekly summary of a quiet week across two months",
    (common) =>
      weeklySummaryMail({
        ...common,
        currency: "INR",
        timeZone: "Asia/Kolkata",
        from: new Date("2026-11-29T18:30:00Z"),
        to: new Date("2026-12-06T18:30:00Z"),
        channels: [],
        added: 0n,
        balance: 50_000_000n,
        usageUrl,
        settingsUrl,
      }),
  ],
];

describe.each(LOCALES)("e-mails in %s", (locale) => {
  it.each(cases)("%s", (_name, mail) => {
    expect(render(mail({ locale, workspaceName, walletUrl }))).toMatchSnapshot();
  });

  it("names a card, or says whose", () => {
    expect([cardLabel(card, locale), cardLabel({ brand: "amex", last4: "0005" }, locale), cardLabel(null, locale)]).toMatchSnapshot();
  });
});
