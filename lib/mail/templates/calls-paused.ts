import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { mailTranslator, type MailContent, type MailLocale } from "./messages";

export type CallsPausedMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  /** Paid balance now: trial credit does not count toward the call minimum. */
  paidBalance: bigint;
  /** The plan's minimum to start an outbound call (R3). */
  minimum: bigint;
  walletUrl: string;
};

/** The paid balance fell below the call minimum: new outbound calls are refused (R3, R5). */
export function callsPausedMail(input: CallsPausedMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const paid = formatMoney(input.paidBalance, input.currency, input.locale);
  const minimum = formatMoney(input.minimum, input.currency, input.locale);
  const workspace = input.workspaceName;
  return compose({
    subject: t("mail.callsPaused.subject", { workspace }),
    heading: t("mail.callsPaused.heading"),
    paragraphs: [t("mail.callsPaused.intro", { workspace, paid, minimum }), t("mail.callsPaused.advice")],
    links: [[t("mail.common.addFunds"), input.walletUrl]],
  });
}
