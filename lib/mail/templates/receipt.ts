import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { cardLabel, mailTranslator, type CardLabel, type MailContent, type MailLocale } from "./messages";

export type ReceiptMailInput = {
  locale: MailLocale;
  workspaceName: string;
  kind: "TOP_UP" | "AUTO_RECHARGE";
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** Stripe's receipt page; null when Stripe gave none. */
  receiptUrl: string | null;
  walletUrl: string;
  paidAt: Date;
  timeZone: string;
};

/** Sent once per successful payment, when the wallet has been credited. */
export function receiptMail(input: ReceiptMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const workspace = input.workspaceName;
  const when = new Intl.DateTimeFormat(input.locale, { dateStyle: "long", timeStyle: "short", timeZone: input.timeZone }).format(input.paidAt);
  const item = t("mail.receipt.item", { kind: input.kind });
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([t("mail.common.viewReceipt"), input.receiptUrl]);
  links.push([t("mail.common.openWallet"), input.walletUrl]);
  return compose({
    subject: t("mail.receipt.subject", { amount, workspace }),
    heading: item,
    paragraphs: [t("mail.receipt.intro", { amount, card, workspace })],
    rows: [
      [t("mail.receipt.itemLabel"), item],
      [t("mail.receipt.amountLabel"), amount],
      [t("mail.receipt.cardLabel"), card],
      [t("mail.receipt.dateLabel"), when],
    ],
    links,
    footer: t("mail.receipt.footer"),
  });
}
