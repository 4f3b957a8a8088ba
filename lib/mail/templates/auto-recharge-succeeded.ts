import { compose } from "./layout";
import { cardLabel, walletMailCopy, type CardLabel, type MailContent, type WalletMailInput } from "./messages";

export type AutoRechargeSucceededMailInput = WalletMailInput & {
  amount: bigint;
  card: CardLabel;
  /** Available balance after the recharge, when known. */
  balance?: bigint | null;
  receiptUrl?: string | null;
};

export function autoRechargeSucceededMail(input: AutoRechargeSucceededMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.autoRechargeSucceeded", input);
  const amount = money(input.amount);
  const card = cardLabel(input.card, input.locale);
  const paragraphs = [t("intro", { workspace: input.workspaceName, amount, card })];
  if (input.balance != null) paragraphs.push(t("balance", { balance: money(input.balance) }));
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([common("viewReceipt"), input.receiptUrl]);
  links.push([t("adjust"), input.walletUrl]);
  return compose({ subject: t("subject", { amount }), heading: t("heading"), paragraphs, links });
}
