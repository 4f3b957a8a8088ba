import { Eye, ScrollText, Search } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { loadStaff } from "@/app/support/_lib/staff";
import { Logo } from "@/components/brand/logo";
import { SignOutButton } from "@/components/app/sign-out-button";
import { SkipLink } from "@/components/app/skip-link";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { currentImpersonation } from "@/lib/auth/session";

/** The support console's frame: staff only (anyone else: 404), the staff member, and the visit in progress if any. */
export default async function SupportLayout({ children }: { children: ReactNode }) {
  const staff = await loadStaff();
  const impersonation = await currentImpersonation();
  const t = await getTranslations("support");
  const common = await getTranslations("common");
  return (
    <div className="min-h-dvh">
      <SkipLink label={t("skipToContent")} />
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/support" className="inline-flex items-center gap-2.5 rounded-md">
            <Logo name={common("appName")} />
            <Badge variant="outline">{t("badge")}</Badge>
          </Link>
          <nav aria-label={t("navLabel")} className="flex flex-1 flex-wrap items-center gap-1 text-sm">
            <Link href="/support" className={buttonVariants({ variant: "ghost", size: "sm" })}>
              <Search aria-hidden />
              {t("navSearch")}
            </Link>
            <Link href="/support/audit" className={buttonVariants({ variant: "ghost", size: "sm" })}>
              <ScrollText aria-hidden />
              {t("navAudit")}
            </Link>
          </nav>
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm text-muted-foreground" data-testid="staff-identity">
              {t("signedInAs", { email: staff.email, role: t(`roles.${staff.platformRole}`) })}
            </span>
            <LocaleSwitcher />
            <SignOutButton variant="outline" />
          </div>
        </div>
      </header>
      {impersonation ? (
        <div className="border-b border-warning bg-warning-soft">
          <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2 text-sm sm:px-6" data-testid="console-viewing">
            <Eye aria-hidden className="size-4 text-warning" />
            {t("stillViewing", { workspace: impersonation.workspace.name })}
            <Link href={`/${impersonation.workspace.slug}/settings/billing/wallet`} className="font-medium underline underline-offset-4">
              {t("backToWorkspace")}
            </Link>
          </p>
        </div>
      ) : null}
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:py-8">
        {children}
      </main>
    </div>
  );
}
