import { MAX_CONSECUTIVE_FAILURES } from "@/lib/auto-recharge/defaults";
import { compose } from "./layout";
import { cardLabel, walletMailCopy, type CardLabel, type MailContent, type WalletMailInput } from "./messages";

export type AutoRechargeFailedMailInput = WalletMailInput & {
  amount: bigint;
  card: CardLabel;
  /** The bank's reason, as Stripe worded it. */
  reason: string;
  /** Failures in a row so far (this one included). */
  failures: number;
  /** Another attempt is scheduled. */
  willRetry: boolean;
};

export function autoRechargeFailedMail(input: AutoRechargeFailedMailInput): MailContent {
  const { t, money } = walletMailCopy("mail.autoRechargeFailed", input);
  const amount = money(input.amount);
  const card = cardLabel(input.card, input.locale);
  const workspace = input.workspaceName;
  return compose({
    subject: t("subject", { amount, workspace }),
    heading: t("heading"),
    paragraphs: [
      t("declined", { amount, card, workspace, reason: input.reason }),
      input.willRetry ? t("willRetry", { failures: input.failures, max: MAX_CONSECUTIVE_FAILURES }) : t("noRetry"),
      t("advice"),
    ],
    links: [[t("review"), input.walletUrl]],
  });
}
