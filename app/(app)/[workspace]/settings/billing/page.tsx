import { getLocale, getTranslations } from "next-intl/server";
import { loadWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { Forbidden } from "@/components/app/forbidden";
import { PageHeader } from "@/components/app/page-header";
import { BillingSettingsForm } from "@/components/billing/billing-settings-form";
import { getOwnerEmail } from "@/lib/workspaces/members";
import { billingSettingsForForm } from "@/lib/workspaces/settings";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("billingSettings");

export default async function BillingSettingsPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const t = await getTranslations("billingSettings");
  // Owners and billing admins only; members get an explanation instead of the form.
  const context = await loadWorkspace(slug, "manageSettings");
  if (!context) {
    return (
      <Forbidden
        title={t("forbiddenTitle")}
        body={t("forbiddenBody")}
        backHref={`/${slug}/settings/billing/wallet`}
        backLabel={t("forbiddenBack")}
      />
    );
  }
  const { workspace } = context;
  const ownerEmail = await getOwnerEmail(workspace.id);

  return (
    <>
      <PageHeader eyebrow={t("eyebrow")} title={t("title")} description={t("description")} />
      <BillingSettingsForm
        workspaceSlug={workspace.slug}
        currency={workspace.currency}
        ownerEmail={ownerEmail}
        initial={billingSettingsForForm(workspace, await getLocale())}
      />
    </>
  );
}
