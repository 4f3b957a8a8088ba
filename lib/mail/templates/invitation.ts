import { compose } from "./layout";
import { mailCopy, mailTranslator, type MailContent, type MailLocale } from "./messages";

export type InvitationMailInput = {
  locale: MailLocale;
  workspaceName: string;
  /** Who invited; null from the admin CLI. */
  inviterName: string | null;
  role: "OWNER" | "BILLING_ADMIN" | "MEMBER";
  url: string;
  days: number;
};

/** An invitation to join a workspace: the link works once, for `days` days. */
export function invitationMail(input: InvitationMailInput): MailContent {
  const t = mailCopy("mail.invitation", input.locale);
  const workspace = input.workspaceName;
  const role = mailTranslator(input.locale)(`roles.${input.role}`);
  return compose({
    subject: t("subject", { workspace }),
    heading: t("heading", { workspace }),
    paragraphs: [input.inviterName ? t("introBy", { inviter: input.inviterName, workspace, role }) : t("intro", { workspace, role }), t("howTo")],
    links: [[t("accept"), input.url]],
    footer: t("footer", { days: input.days }),
  });
}
