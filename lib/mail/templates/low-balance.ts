import { compose } from "./layout";
import { walletMailCopy, type MailContent, type WalletMailInput } from "./messages";

export type LowBalanceMailInput = WalletMailInput & {
  /** Available balance (paid + trial) now. */
  balance: bigint;
  /** The alert threshold the owner set in Billing settings. */
  threshold: bigint;
  settingsUrl: string;
};

/** The available balance fell below the owner's low-balance alert. */
export function lowBalanceMail(input: LowBalanceMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.lowBalance", input);
  const balance = money(input.balance);
  const workspace = input.workspaceName;
  return compose({
    subject: t("subject", { workspace, balance }),
    heading: t("heading"),
    paragraphs: [t("intro", { workspace, threshold: money(input.threshold), balance }), t("advice")],
    links: [
      [common("addFunds"), input.walletUrl],
      [t("changeAlert"), input.settingsUrl],
    ],
    footer: t("footer"),
  });
}
