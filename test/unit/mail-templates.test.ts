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

describe.each(LOCALES)("e-mails in %s", (locale) => {
  it("receipt of a top-up, with Stripe's receipt", () => {
    const mail = receiptMail({
      locale,
      workspaceName,
      kind: "TOP_UP",
      amount: 25_000_000n,
      currency: "USD",
      card,
      receiptUrl: "https://stripe.example/receipts/r_1?a=1&b=2",
      walletUrl,
      paidAt: new Date("2026-03-05T14:07:00Z"),
      timeZone: "Europe/Madrid",
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("receipt of an auto-recharge, without a receipt or a known card, in INR", () => {
    const mail = receiptMail({
      locale,
      workspaceName,
      kind: "AUTO_RECHARGE",
      amount: 2_000_000_000n,
      currency: "INR",
      card: null,
      receiptUrl: null,
      walletUrl,
      paidAt: new Date("2026-11-29T23:30:00Z"),
      timeZone: "Asia/Kolkata",
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("auto-recharge succeeded, with balance and receipt", () => {
    const mail = autoRechargeSucceededMail({
      locale,
      workspaceName,
      amount: 25_000_000n,
      currency: "USD",
      card: { brand: "mastercard", last4: "4444" },
      balance: 29_994_200n,
      receiptUrl: "https://stripe.example/receipts/r_2",
      walletUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("auto-recharge succeeded, balance and receipt unknown", () => {
    const mail = autoRechargeSucceededMail({ locale, workspaceName, amount: 20_000_000n, currency: "USD", card: undefined, walletUrl });
    expect(render(mail)).toMatchSnapshot();
  });

  it("auto-recharge failed, will retry", () => {
    const mail = autoRechargeFailedMail({
      locale,
      workspaceName,
      amount: 25_000_000n,
      currency: "USD",
      card,
      reason,
      failures: 2,
      willRetry: true,
      walletUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("auto-recharge failed, no retry", () => {
    const mail = autoRechargeFailedMail({
      locale,
      workspaceName,
      amount: 2_000_000_000n,
      currency: "INR",
      card: { brand: "unknownbrand", last4: "0005" },
      reason,
      failures: 1,
      willRetry: false,
      walletUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("auto-recharge switched off", () => {
    const mail = autoRechargeDisabledMail({ locale, workspaceName, amount: 25_000_000n, currency: "USD", card, reason, failures: 3, walletUrl });
    expect(render(mail)).toMatchSnapshot();
  });

  it("low balance", () => {
    const mail = lowBalanceMail({
      locale,
      workspaceName,
      currency: "USD",
      balance: 4_994_200n,
      threshold: 5_000_000n,
      walletUrl,
      settingsUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("outbound calls paused, paid balance negative", () => {
    const mail = callsPausedMail({
      locale,
      workspaceName,
      currency: "USD",
      paidBalance: -1_250_000n,
      minimum: 10_000_000n,
      whatsappTrialCredit: 0n,
      messagesGoOn: true,
      walletUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("voice and AI calls paused, WhatsApp calls go on with trial credit, messages stopped", () => {
    const mail = callsPausedMail({
      locale,
      workspaceName,
      currency: "USD",
      paidBalance: -1_250_000n,
      minimum: 10_000_000n,
      whatsappTrialCredit: 750_000n,
      messagesGoOn: false,
      walletUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("weekly summary with usage and funds added", () => {
    const mail = weeklySummaryMail({
      locale,
      workspaceName,
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
      walletUrl,
      usageUrl,
      settingsUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("weekly summary of a quiet week across two months", () => {
    const mail = weeklySummaryMail({
      locale,
      workspaceName,
      currency: "INR",
      timeZone: "Asia/Kolkata",
      from: new Date("2026-11-29T18:30:00Z"),
      to: new Date("2026-12-06T18:30:00Z"),
      channels: [],
      added: 0n,
      balance: 50_000_000n,
      walletUrl,
      usageUrl,
      settingsUrl,
    });
    expect(render(mail)).toMatchSnapshot();
  });

  it("names a card, or says whose", () => {
    expect([cardLabel(card, locale), cardLabel({ brand: "amex", last4: "0005" }, locale), cardLabel(null, locale)]).toMatchSnapshot();
  });
});
