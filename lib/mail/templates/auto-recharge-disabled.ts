import { compose } from "./layout";
import { cardLabel, walletMailCopy, type CardLabel, type MailContent, type WalletMailInput } from "./messages";

export type AutoRechargeDisabledMailInput = WalletMailInput & {
  amount: bigint;
  card: CardLabel;
  /** The last failure's reason. */
  reason: string;
  /** Failures in a row that switched it off. */
  failures: number;
};

export function autoRechargeDisabledMail(input: AutoRechargeDisabledMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.autoRechargeDisabled", input);
  const card = cardLabel(input.card, input.locale);
  return compose({
    subject: t("subject", { workspace: input.workspaceName }),
    heading: t("heading"),
    paragraphs: [t("intro", { amount: money(input.amount), card, failures: input.failures, reason: input.reason }), t("advice")],
    links: [[common("openWallet"), input.walletUrl]],
  });
}
