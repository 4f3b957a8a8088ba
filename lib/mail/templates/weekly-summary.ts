import type { Channel } from "@/lib/rating/channels";
import { compose } from "./layout";
import { mailTranslator, walletMailCopy, type MailContent, type WalletMailInput } from "./messages";

export type WeeklySummaryMailInput = WalletMailInput & {
  timeZone: string;
  /** The week: Monday 00:00 to the next Monday 00:00, local time. */
  from: Date;
  to: Date;
  /** What each channel cost that week; channels with no events are left out. */
  channels: { channel: Channel; events: number; spent: bigint }[];
  /** Top-ups and auto-recharges credited that week. */
  added: bigint;
  /** Available balance (paid + trial) now. */
  balance: bigint;
  usageUrl: string;
  settingsUrl: string;
};

/** Monday's look back at last week (R14): spending per channel, money added, the balance now. */
export function weeklySummaryMail(input: WeeklySummaryMailInput): MailContent {
  const { t, common, money } = walletMailCopy("mail.weeklySummary", input);
  const workspace = input.workspaceName;
  // "November 23 – 29" / "23–29 de noviembre": the week's first and last local days.
  const period = new Intl.DateTimeFormat(input.locale, { day: "numeric", month: "long", timeZone: input.timeZone }).formatRange(
    input.from,
    new Date(input.to.getTime() - 1),
  );
  const spent = input.channels.reduce((sum, row) => sum + row.spent, 0n);
  // Channel names as the app shows them, so the e-mail and the Usage screen agree.
  const app = mailTranslator(input.locale);
  const rows: [string, string][] = input.channels.map((row) => [app(`channelNames.${row.channel}`), money(row.spent)]);
  rows.push([t("totalSpent"), money(spent)]);
  if (input.added > 0n) rows.push([t("fundsAdded"), money(input.added)]);
  rows.push([t("balanceNow"), money(input.balance)]);
  return compose({
    subject: t("subject", { spent: money(spent), balance: money(input.balance) }),
    heading: t("heading", { workspace }),
    paragraphs: [input.channels.length ? t("usage", { workspace, period }) : t("noUsage", { workspace, period })],
    rows,
    links: [
      [t("seeUsage"), input.usageUrl],
      [common("openWallet"), input.walletUrl],
    ],
    footer: t("footer", { settingsUrl: input.settingsUrl }),
  });
}
