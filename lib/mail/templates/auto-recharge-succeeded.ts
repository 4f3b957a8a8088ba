import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { cardLabel, mailTranslator, type CardLabel, type MailContent, type MailLocale } from "./messages";

export type AutoRechargeSucceededMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** Available balance after the recharge, when known. */
  balance?: bigint | null;
  receiptUrl?: string | null;
  walletUrl: string;
};

export function autoRechargeSucceededMail(input: AutoRechargeSucceededMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const paragraphs = [t("mail.autoRechargeSucceeded.intro", { workspace: input.workspaceName, amount, card })];
  if (input.balance != null) {
    paragraphs.push(t("mail.autoRechargeSucceeded.balance", { balance: formatMoney(input.balance, input.currency, input.locale) }));
  }
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([t("mail.common.viewReceipt"), input.receiptUrl]);
  links.push([t("mail.autoRechargeSucceeded.adjust"), input.walletUrl]);
  return compose({
    subject: t("mail.autoRechargeSucceeded.subject", { amount }),
    heading: t("mail.autoRechargeSucceeded.heading"),
    paragraphs,
    links,
  });
}
