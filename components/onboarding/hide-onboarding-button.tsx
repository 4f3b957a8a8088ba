"use client";

import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { setOnboardingDismissed } from "@/lib/actions/set-onboarding-dismissed";

/** Hides the walkthrough for this person; the user menu's "Show the setup guide" brings it back. */
export function HideOnboardingButton({ workspaceSlug, compact = false }: { workspaceSlug: string; compact?: boolean }) {
  const t = useTranslations("onboarding");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="ghost"
      size={compact ? "icon" : "sm"}
      disabled={pending}
      aria-label={compact ? t("hide") : undefined}
      title={compact ? t("hide") : undefined}
      data-testid="onboarding-hide"
      onClick={() =>
        startTransition(async () => {
          const result = await setOnboardingDismissed(workspaceSlug, { dismissed: true }).catch(() => null);
          if (result?.ok) router.refresh();
        })
      }
    >
      <X aria-hidden />
      {compact ? null : t("hide")}
    </Button>
  );
}
