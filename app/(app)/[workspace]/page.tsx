import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { loadMemberWorkspace, type WorkspaceParams } from "@/app/(app)/[workspace]/_lib/workspace";
import { PageHeader } from "@/components/app/page-header";
import { BalanceCard } from "@/components/billing/balance-card";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { walletStatusInput } from "@/lib/wallet/status";
import { getWalletOverview } from "@/lib/wallet/view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

const STEPS = ["openWallet", "addPaymentMethod", "autoRecharge", "checkBalance", "enableChannels"] as const;

export default async function OverviewPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const { workspace, user } = await loadMemberWorkspace(slug);
  const wallet = await getWalletOverview(workspace.id);
  const t = await getTranslations("overview");
  const base = `/${workspace.slug}`;
  const href = (step: (typeof STEPS)[number]) =>
    step === "enableChannels" ? `${base}/settings/channels` : `${base}/settings/billing/wallet`;

  return (
    <>
      <PageHeader title={t("greeting", { name: user.name.split(/\s+/)[0] ?? user.name })} description={t("description")} />
      <div className="grid grid-cols-1 gap-6">
        <BalanceCard
          variant="compact"
          currency={workspace.currency}
          balance={walletStatusInput(wallet, workspace)}
        />
        <Card>
          <CardHeader>
            <CardTitle>{t("nextStepsTitle")}</CardTitle>
            <CardDescription>{t("nextStepsDescription")}</CardDescription>
          </CardHeader>
          <ol className="divide-y divide-border border-t border-border" data-testid="next-steps">
            {STEPS.map((step, index) => (
              <li key={step}>
                <Link
                  href={href(step)}
                  className="group flex items-center gap-4 px-5 py-4 transition-colors hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:outline-none sm:px-6"
                >
                  <span
                    aria-hidden
                    className="flex size-8 shrink-0 items-center justify-center rounded-full border border-accent-border bg-accent text-sm font-semibold text-accent-foreground"
                  >
                    {index + 1}
                  </span>
                  <span className="grid min-w-0 flex-1 gap-0.5">
                    <span className="font-medium group-hover:text-primary">{t(`steps.${step}.title`)}</span>
                    <span className="text-sm text-muted-foreground">{t(`steps.${step}.body`)}</span>
                  </span>
                  <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                </Link>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
