import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { cardLabel, mailTranslator, type CardLabel, type MailContent, type MailLocale } from "./messages";

export type AutoRechargeDisabledMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** The last failure's reason. */
  reason: string;
  /** Failures in a row that switched it off. */
  failures: number;
  walletUrl: string;
};

export function autoRechargeDisabledMail(input: AutoRechargeDisabledMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  return compose({
    subject: t("mail.autoRechargeDisabled.subject", { workspace: input.workspaceName }),
    heading: t("mail.autoRechargeDisabled.heading"),
    paragraphs: [
      t("mail.autoRechargeDisabled.intro", { amount, card, failures: input.failures, reason: input.reason }),
      t("mail.autoRechargeDisabled.advice"),
    ],
    links: [[t("mail.common.openWallet"), input.walletUrl]],
  });
}
