import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";
import { MobileNav } from "@/components/app/mobile-nav";
import { SkipLink } from "@/components/app/skip-link";
import { UserMenu } from "@/components/app/user-menu";
import { WorkspaceNav } from "@/components/app/workspace-nav";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Badge } from "@/components/ui/badge";

type Props = {
  workspace: { slug: string; name: string; currency: string };
  user: { name: string; email: string };
  role: "OWNER" | "BILLING_ADMIN" | "MEMBER";
  canManageBilling: boolean;
  canReadAuditLog: boolean;
  /** Support staff viewing the workspace: the banner naming both identities, above everything. */
  viewing?: ReactNode;
  /** The local mail outbox, linked from the user menu while no SMTP server is configured. */
  outboxHref?: string;
  /** The user hid the walkthrough and may bring it back from the user menu. */
  resumeOnboarding?: boolean;
  /** Workspace-wide notices (low balance, auto-recharge switched off), above every page. */
  banner?: ReactNode;
  children: ReactNode;
};

/** Sidebar on desktop; on phones a top bar whose menu button opens the same navigation in a drawer. */
export async function AppShell({ workspace, user, role, canManageBilling, canReadAuditLog, viewing, outboxHref, resumeOnboarding, banner, children }: Props) {
  const t = await getTranslations("shell");
  const common = await getTranslations("common");
  const roles = await getTranslations("roles");
  const nav = <WorkspaceNav slug={workspace.slug} canManageBilling={canManageBilling} canReadAuditLog={canReadAuditLog} />;

  return (
    <>
    {viewing}
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <SkipLink label={t("skipToContent")} />

      <aside className="hidden border-r border-border bg-sidebar lg:block">
        <div className="sticky top-0 flex h-dvh flex-col">
          <div className="flex h-16 shrink-0 items-center px-5">
            <Link href={`/${workspace.slug}`} className="inline-flex rounded-md">
              <Logo name={common("appName")} />
            </Link>
          </div>
          <div className="flex-1 overflow-y-auto px-3 pb-6">{nav}</div>
        </div>
      </aside>

      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-2 border-b border-border bg-card/95 px-3 backdrop-blur sm:px-6">
          <MobileNav
            title={common("appName")}
            footer={<LocaleSwitcher className="w-full" />}
          >
            {nav}
          </MobileNav>
          <div className="flex min-w-0 flex-1 items-center gap-2">
            <span className="truncate text-sm font-semibold sm:text-base" title={workspace.name}>
              {workspace.name}
            </span>
            <Badge variant="outline" className="font-mono tracking-wide" title={t("planCurrency", { currency: workspace.currency })}>
              <span className="sr-only">{t("planCurrencyLabel")} </span>
              {workspace.currency}
            </Badge>
          </div>
          <LocaleSwitcher className="hidden sm:inline-flex" />
          <UserMenu
            name={user.name}
            email={user.email}
            role={roles(role)}
            outboxHref={outboxHref}
            resumeOnboardingIn={resumeOnboarding ? workspace.slug : undefined}
          />
        </header>
        <main id="main" className="flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
          <div className="mx-auto w-full max-w-5xl">
            {banner}
            {children}
          </div>
        </main>
      </div>
    </div>
    </>
  );
}
