import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { PageHeader } from "@/components/app/page-header";
import { BalanceCard } from "@/components/billing/balance-card";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { suggestedAutoRecharge } from "@/lib/auto-recharge/defaults";
import { getOnboardingView } from "@/lib/onboarding/progress";
import { walletStatusInput } from "@/lib/wallet/status";
import { getWalletOverview } from "@/lib/wallet/view";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("overview");

export default async function OverviewPage({ params }: WorkspaceParams) {
  const context = await loadMemberWorkspace(params);
  const { workspace, user, role } = context;
  // The same view the app shell read for this request (cached): one "all done" per person.
  const [wallet, onboarding] = await Promise.all([getWalletOverview(workspace.id), getOnboardingView(workspace.id, { userId: user.id, role, impersonation: context.impersonation })]);
  const t = await getTranslations("overview");

  return (
    <>
      <PageHeader title={t("greeting", { name: user.name.split(/\s+/)[0] ?? user.name })} description={t("description")} />
      <div className="grid grid-cols-1 gap-6">
        {onboarding ? (
          <OnboardingChecklist
            workspaceSlug={workspace.slug}
            view={onboarding}
            currency={workspace.currency}
            suggestion={suggestedAutoRecharge(workspace.currency, wallet)}
          />
        ) : null}
        <BalanceCard variant="compact" currency={workspace.currency} balance={walletStatusInput(wallet, workspace)} />
      </div>
    </>
  );
}
