import { CircleCheck, CircleDashed, PartyPopper } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { HideOnboardingButton } from "@/components/onboarding/hide-onboarding-button";
import { stepHref } from "@/components/onboarding/step-links";
import { Alert, AlertContent, AlertDescription } from "@/components/ui/alert";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { cn } from "@/components/ui/cn";
import type { AutoRechargeSuggestion } from "@/lib/auto-recharge/defaults";
import { formatMoney, type Currency } from "@/lib/money";
import type { OnboardingView } from "@/lib/onboarding/progress";

/**
 * The walkthrough on the dashboard: the tutorial's five steps, each marked done from the
 * workspace's real state, with "Show me" on the ones left. Once complete it says so on the first
 * page that finds it so, and then it is gone.
 */
export async function OnboardingChecklist({
  workspaceSlug,
  view,
  currency,
  suggestion,
}: {
  workspaceSlug: string;
  view: OnboardingView;
  currency: Currency;
  suggestion: AutoRechargeSuggestion;
}) {
  const t = await getTranslations("onboarding");
  if (!view.visible) return null;
  if (view.progress.complete) {
    return (
      <Alert variant="success" role="status" data-testid="onboarding-complete">
        <PartyPopper aria-hidden />
        <AlertContent title={t("completeTitle")}>
          <AlertDescription>{t("completeBody")}</AlertDescription>
        </AlertContent>
      </Alert>
    );
  }
  const locale = await getLocale();
  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const { doneCount, total, steps } = view.progress;
  const progressText = t("progress", { done: doneCount, total });
  return (
    <Card data-testid="onboarding-checklist" data-done={doneCount}>
      <CardHeader className="gap-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle>{t("title")}</CardTitle>
          {view.canHide ? <HideOnboardingButton workspaceSlug={workspaceSlug} /> : null}
        </div>
        <CardDescription>{t("intro")}</CardDescription>
        <div className="flex items-center gap-3">
          <Progress value={doneCount} max={total} label={t("progressLabel")} valueText={progressText} />
          <span className="tabular shrink-0 text-sm font-medium" data-testid="onboarding-progress">
            {progressText}
          </span>
        </div>
      </CardHeader>
      <ol className="divide-y divide-border border-t border-border">
        {steps.map((step, index) => {
          const title = t(`steps.${step.id}.title`);
          return (
            <li key={step.id} className="flex flex-wrap items-start gap-x-4 gap-y-2 px-5 py-4 sm:px-6" data-testid={`onboarding-step-${step.id}`} data-done={step.done}>
              <span
                aria-hidden
                className={cn(
                  "flex size-8 shrink-0 items-center justify-center rounded-full border text-sm font-semibold",
                  step.done ? "border-success/40 bg-success-soft text-success" : "border-accent-border bg-accent text-accent-foreground",
                )}
              >
                {step.done ? <CircleCheck className="size-4" /> : index + 1}
              </span>
              <div className="grid min-w-0 flex-1 basis-48 gap-1">
                <span className={cn("font-medium", step.done && "text-muted-foreground")}>
                  {title}
                  <span className="sr-only">
                    {" — "}
                    {step.done ? t("stepDone") : t("stepToDo")}
                  </span>
                </span>
                <span className="text-sm text-muted-foreground">
                  {t(`steps.${step.id}.body`, {
                    threshold: money(suggestion.threshold),
                    first: money(suggestion.amounts[0]),
                    second: money(suggestion.amounts[1]),
                  })}
                </span>
              </div>
              {step.done ? (
                <span className="flex shrink-0 items-center gap-1 text-sm font-medium text-success" aria-hidden>
                  <CircleCheck className="size-4" />
                  <span className="max-sm:sr-only">{t("stepDone")}</span>
                </span>
              ) : (
                <Link
                  href={stepHref(workspaceSlug, step.id)}
                  className="inline-flex shrink-0 items-center gap-1 rounded-md text-sm font-medium text-primary underline-offset-4 hover:underline max-sm:ml-12"
                  data-testid={`onboarding-show-${step.id}`}
                  // "Show me" in the name as shown (WCAG 2.5.3), with the step it is about.
                  aria-label={t("showMeStep", { step: title })}
                >
                  <CircleDashed aria-hidden className="size-4" />
                  {t("showMe")}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
