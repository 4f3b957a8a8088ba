import { compose } from "./layout";
import { cardLabel, walletMailCopy, type CardLabel, type MailContent, type WalletMailInput } from "./messages";

export type ReceiptMailInput = WalletMailInput & {
  kind: "TOP_UP" | "AUTO_RECHARGE";
  amount: bigint;
  card: CardLabel;
  /** Stripe's receipt page; null when Stripe gave none. */
  receiptUrl: string | null;
  paidAt: Date;
  timeZone: string;
};

/** Sent once per successful payment, when the wallet has been credited. */
export function receiptMail(input: ReceiptMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.receipt", input);
  const amount = money(input.amount);
  const card = cardLabel(input.card, input.locale);
  const workspace = input.workspaceName;
  const when = new Intl.DateTimeFormat(input.locale, { dateStyle: "long", timeStyle: "short", timeZone: input.timeZone }).format(input.paidAt);
  const item = t("item", { kind: input.kind });
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([common("viewReceipt"), input.receiptUrl]);
  links.push([common("openWallet"), input.walletUrl]);
  return compose({
    subject: t("subject", { amount, workspace }),
    heading: item,
    paragraphs: [t("intro", { amount, card, workspace })],
    rows: [
      [t("itemLabel"), item],
      [t("amountLabel"), amount],
      [t("cardLabel"), card],
      [t("dateLabel"), when],
    ],
    links,
    footer: t("footer"),
  });
}
