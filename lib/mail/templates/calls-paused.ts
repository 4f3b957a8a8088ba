import { compose } from "./layout";
import { walletMailCopy, type MailContent, type WalletMailInput } from "./messages";

export type CallsPausedMailInput = WalletMailInput & {
  /** Paid balance now: trial credit does not count toward the call minimum. */
  paidBalance: bigint;
  /** The plan's minimum to start an outbound call (R3). */
  minimum: bigint;
  /** Trial credit that still starts WhatsApp calls (0 when there is none or WhatsApp calling is off). */
  whatsappTrialCredit: bigint;
  /** Whether new messages may still start (the available balance is above zero). */
  messagesGoOn: boolean;
};

/**
 * The paid balance fell below the call minimum: new outbound calls are refused (R3, R5) —
 * except WhatsApp calls while trial credit is left, which the e-mail then says (R3, R8).
 */
export function callsPausedMail(input: CallsPausedMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.callsPaused", input);
  const workspace = input.workspaceName;
  const trial = input.whatsappTrialCredit > 0n ? money(input.whatsappTrialCredit) : null;
  const which = trial ? "voiceAndAi" : "all";
  return compose({
    subject: t("subject", { which, workspace }),
    heading: t("heading", { which }),
    paragraphs: [
      t("intro", { which, workspace, paid: money(input.paidBalance), minimum: money(input.minimum) }),
      ...(trial ? [t("trialGoesOn", { trial })] : []),
      input.messagesGoOn ? t("advice") : t("adviceMessagesStopped"),
    ],
    links: [[common("addFunds"), input.walletUrl]],
  });
}
