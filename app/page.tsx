import { LifeBuoy } from "lucide-react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/brand/logo";
import { SignOutButton } from "@/components/app/sign-out-button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { isStaff } from "@/lib/auth/impersonation";
import { currentImpersonation, getCurrentUser } from "@/lib/auth/session";
import { firstWorkspaceSlug } from "@/lib/workspaces/members";

/** The front door: anonymous → login; staff → the support console; a member → their first workspace's wallet. */
export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");

  // Staff land on the support console, or back in the workspace they are viewing.
  if (isStaff(user)) {
    const impersonation = await currentImpersonation();
    redirect(impersonation ? `/${impersonation.workspace.slug}/settings/billing/wallet` : "/support");
  }

  const slug = await firstWorkspaceSlug(user.id);
  if (slug) redirect(`/${slug}/settings/billing/wallet`);

  const t = await getTranslations("home");
  const common = await getTranslations("common");
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-md">
        <Logo name={common("appName")} className="mb-6" />
        <Card>
          <CardHeader>
            <div className="mb-2 flex size-10 items-center justify-center rounded-lg bg-accent text-accent-foreground">
              <LifeBuoy aria-hidden className="size-5" />
            </div>
            <h1 className="text-xl font-semibold tracking-tight">
              {t("noWorkspaceTitle")}
            </h1>
            <CardDescription>{t("noWorkspaceBody")}</CardDescription>
          </CardHeader>
          <CardContent>
            <SignOutButton variant="outline" />
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
