import { formatMoney, type Currency } from "@/lib/money";
import { compose } from "./layout";
import { mailTranslator, type MailContent, type MailLocale } from "./messages";

export type LowBalanceMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  /** Available balance (paid + trial) now. */
  balance: bigint;
  /** The alert threshold the owner set in Billing settings. */
  threshold: bigint;
  walletUrl: string;
  settingsUrl: string;
};

/** The available balance fell below the owner's low-balance alert. */
export function lowBalanceMail(input: LowBalanceMailInput): MailContent {
  const t = mailTranslator(input.locale);
  const balance = formatMoney(input.balance, input.currency, input.locale);
  const threshold = formatMoney(input.threshold, input.currency, input.locale);
  const workspace = input.workspaceName;
  return compose({
    subject: t("mail.lowBalance.subject", { workspace, balance }),
    heading: t("mail.lowBalance.heading"),
    paragraphs: [t("mail.lowBalance.intro", { workspace, threshold, balance }), t("mail.lowBalance.advice")],
    links: [
      [t("mail.common.addFunds"), input.walletUrl],
      [t("mail.lowBalance.changeAlert"), input.settingsUrl],
    ],
    footer: t("mail.lowBalance.footer"),
  });
}
