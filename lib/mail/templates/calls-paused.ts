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
  /** Trial credit that still starts WhatsApp calls (0 when there is none or WhatsApp calling is off). */
  whatsappTrialCredit: bigint;
  /** Whether new messages may still start (the available balance is above zero). */
  messagesGoOn: boolean;
  walletUrl: string;
};

/**
 * The paid balance fell below the call minimum: new outbound calls are refused (R3, R5) —
 * except WhatsApp calls while trial credit is left, which the e-mail then says (R3, R8).
 */
export function callsPausedMail(input: CallsPausedMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const paid = formatMoney(input.paidBalance, input.currency, input.locale);
  const minimum = formatMoney(input.minimum, input.currency, input.locale);
  const workspace = input.workspaceName;
  const trial = input.whatsappTrialCredit > 0n ? formatMoney(input.whatsappTrialCredit, input.currency, input.locale) : null;
  const which = trial ? "voiceAndAi" : "all";
  return compose({
    subject: t("mail.callsPaused.subject", { which, workspace }),
    heading: t("mail.callsPaused.heading", { which }),
    paragraphs: [
      t("mail.callsPaused.intro", { which, workspace, paid, minimum }),
      ...(trial ? [t("mail.callsPaused.trialGoesOn", { trial })] : []),
      input.messagesGoOn ? t("mail.callsPaused.advice") : t("mail.callsPaused.adviceMessagesStopped"),
    ],
    links: [[t("mail.common.addFunds"), input.walletUrl]],
  });
}
