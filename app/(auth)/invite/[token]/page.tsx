import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { InviteAccept } from "@/components/auth/invite-accept";
import { getCurrentUser } from "@/lib/auth/session";
import { findInvitation } from "@/lib/workspaces/invitations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("title", { workspace: "Saldo" }) };
}

/**
 * The invitation link (e-mailed, 7 days, once). Signed out: sign in (an address with an
 * account) or create an account (a new one, which joins without a workspace of its own).
 * Signed in: join, if the account is the invited address.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(token), getCurrentUser()]);
  const t = await getTranslations("invite");
  const roles = await getTranslations("roles");

  if (!invitation || invitation.state !== "pending") {
    const state = !invitation ? "notFound" : invitation.state;
    return (
      <AuthCard title={t(`${state}Title`)} description={t(`${state}Body`)}>
        <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline" data-testid="invite-unusable" data-state={state}>
          {t("home")}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t("title", { workspace: invitation.workspace.name })}
      description={t("description", { workspace: invitation.workspace.name, role: roles(invitation.role) })}
    >
      <InviteAccept
        token={token}
        invitedEmail={invitation.email}
        workspaceName={invitation.workspace.name}
        signedInAs={user ? user.email : null}
      />
    </AuthCard>
  );
}
