import { MAX_CONSECUTIVE_FAILURES } from "@/lib/auto-recharge/defaults";
import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { cardLabel, mailTranslator, type CardLabel, type MailContent, type MailLocale } from "./messages";

export type AutoRechargeFailedMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** The bank's reason, as Stripe worded it. */
  reason: string;
  /** Failures in a row so far (this one included). */
  failures: number;
  /** Another attempt is scheduled. */
  willRetry: boolean;
  walletUrl: string;
};

export function autoRechargeFailedMail(input: AutoRechargeFailedMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const workspace = input.workspaceName;
  return compose({
    subject: t("mail.autoRechargeFailed.subject", { amount, workspace }),
    heading: t("mail.autoRechargeFailed.heading"),
    paragraphs: [
      t("mail.autoRechargeFailed.declined", { amount, card, workspace, reason: input.reason }),
      input.willRetry
        ? t("mail.autoRechargeFailed.willRetry", { failures: input.failures, max: MAX_CONSECUTIVE_FAILURES })
        : t("mail.autoRechargeFailed.noRetry"),
      t("mail.autoRechargeFailed.advice"),
    ],
    links: [[t("mail.autoRechargeFailed.review"), input.walletUrl]],
  });
}
