import { ArrowRight, PartyPopper } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HideOnboardingButton } from "@/components/onboarding/hide-onboarding-button";
import { NotOnPage } from "@/components/onboarding/not-on-page";
import { stepHref } from "@/components/onboarding/step-links";
import { Progress } from "@/components/ui/progress";
import type { OnboardingView } from "@/lib/onboarding/progress";

/**
 * The walkthrough's compact form above every workspace page (not the dashboard, which shows
 * the whole checklist): progress, the next step with "Show me", and hide.
 */
export async function OnboardingWidget({ workspaceSlug, view }: { workspaceSlug: string; view: OnboardingView }) {
  if (!view.visible) return null;
  const t = await getTranslations("onboarding");
  const { doneCount, total, next, complete } = view.progress;
  const progressText = t("progress", { done: doneCount, total });
  return (
    <NotOnPage path={`/${workspaceSlug}`}>
      {complete ? (
        <div role="status" data-testid="onboarding-widget-complete" className="mb-6 flex items-start gap-3 rounded-lg border border-success/25 bg-success-soft px-4 py-3 text-sm text-success">
          <PartyPopper aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>
            <strong className="font-semibold">{t("completeTitle")}</strong> {t("completeBody")}
          </p>
        </div>
      ) : (
        <section
          aria-label={t("widgetTitle")}
          data-testid="onboarding-widget"
          data-done={doneCount}
          className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-accent-border bg-accent px-4 py-2.5 text-sm text-accent-foreground"
        >
          <span className="font-semibold">{t("widgetTitle")}</span>
          <span className="flex min-w-32 flex-1 items-center gap-2 sm:max-w-48">
            <Progress value={doneCount} max={total} label={t("progressLabel")} valueText={progressText} className="bg-card" />
            <span className="tabular shrink-0 font-medium" data-testid="onboarding-widget-progress">
              {progressText}
            </span>
          </span>
          {next ? (
            <Link
              href={stepHref(workspaceSlug, next)}
              data-testid="onboarding-widget-next"
              className="inline-flex min-w-0 items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
            >
              <span className="truncate">{t("next", { step: t(`steps.${next}.title`) })}</span>
              <ArrowRight aria-hidden className="size-4 shrink-0" />
            </Link>
          ) : null}
          {view.canHide ? (
            <span className="ml-auto">
              <HideOnboardingButton workspaceSlug={workspaceSlug} compact />
            </span>
          ) : null}
        </section>
      )}
    </NotOnPage>
  );
}
