import { compose } from "./layout";
import { mailTranslator, type MailContent, type MailLocale } from "./messages";

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
  const t = mailTranslator(input.locale);
  const workspace = input.workspaceName;
  const role = t(`roles.${input.role}`);
  return compose({
    subject: t("mail.invitation.subject", { workspace }),
    heading: t("mail.invitation.heading", { workspace }),
    paragraphs: [
      input.inviterName ? t("mail.invitation.introBy", { inviter: input.inviterName, workspace, role }) : t("mail.invitation.intro", { workspace, role }),
      t("mail.invitation.howTo"),
    ],
    links: [[t("mail.invitation.accept"), input.url]],
    footer: t("mail.invitation.footer", { days: input.days }),
  });
}
