"use client";

import type { Driver, DriveStep } from "driver.js";
import "driver.js/dist/driver.css";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { ONBOARDING_STEPS, STEP_FIVE_CHANNELS, type OnboardingStep } from "@/lib/onboarding/steps";

// The guided tour (driver.js): "Show me" links carry ?tour=<step>; on that screen this finds the
// controls marked data-tour="…" and highlights them one after another with a short
// explanation. driver.js gives the popover role="dialog", keeps Tab inside it, moves with the
// arrow keys and leaves on Escape (or the close button); leaving drops ?tour from the address.

type Stop = { anchor: string; message: string };

/** The controls each step points at, in order; a stop whose control is not on the page is skipped. */
const STOPS: Record<OnboardingStep, Stop[]> = {
  openWallet: [{ anchor: "balance", message: "balance" }],
  addPaymentMethod: [{ anchor: "add-card", message: "addCard" }],
  autoRecharge: [
    { anchor: "auto-recharge-toggle", message: "autoRechargeToggle" },
    { anchor: "use-suggestion", message: "useSuggestion" },
  ],
  checkBalance: [{ anchor: "usage-chart", message: "usageChart" }],
  enableChannels: STEP_FIVE_CHANNELS.map((channel) => ({ anchor: `channel-${channel}`, message: `channel.${channel}` })),
};

/** How long to wait for the screen's controls to render (a client navigation streams them in). */
const WAIT_MS = 3_000;

export function GuidedTour({ usageHref }: { usageHref: string }) {
  const t = useTranslations("onboarding.tour");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const tour = searchParams.get("tour");
  const step = ONBOARDING_STEPS.find((candidate) => candidate === tour);
  // What the tour reads but should not restart for: a refresh of the page (a step just done)
  // renders again with new functions, and the tour stays where it is.
  const latest = useRef({ t, router, usageHref });
  useEffect(() => {
    latest.current = { t, router, usageHref };
  });

  useEffect(() => {
    if (!step) return;
    const { t, router, usageHref } = latest.current;
    let cancelled = false;
    let navigating = false;
    let tourDriver: Driver | null = null;
    const leave = () => {
      const rest = new URLSearchParams(window.location.search);
      rest.delete("tour");
      router.replace(rest.size ? `${pathname}?${rest}` : pathname, { scroll: false });
    };
    const started = Date.now();

    const start = async () => {
      if (cancelled) return;
      const found = STOPS[step]
        .map((stop) => ({ stop, element: document.querySelector<HTMLElement>(`[data-tour="${stop.anchor}"]`) }))
        .filter((entry): entry is { stop: Stop; element: HTMLElement } => entry.element !== null);
      if (found.length === 0 && Date.now() - started < WAIT_MS) {
        setTimeout(() => void start(), 100);
        return;
      }
      if (found.length === 0) return leave();
      const last = found.length - 1;
      const steps: DriveStep[] = found.map(({ stop, element }, index) => ({
        element,
        popover: {
          title: t(`${stop.message}.title`),
          description: t(`${stop.message}.body`),
          // The usage chart's tour ends on the usage screen, which step 4 is about.
          ...(stop.anchor === "usage-chart" && index === last
            ? {
                doneBtnText: t("usageChart.action"),
                onNextClick: () => {
                  navigating = true;
                  tourDriver?.destroy();
                  router.push(usageHref);
                },
              }
            : {}),
        },
      }));
      // driver.js is fetched only when a tour starts: no page pays for it on first load.
      const { driver } = await import("driver.js");
      if (cancelled) return;
      tourDriver = driver({
        steps,
        showProgress: steps.length > 1,
        progressText: t("progress", { current: "{{current}}", total: "{{total}}" }),
        nextBtnText: t("next"),
        prevBtnText: t("previous"),
        doneBtnText: t("done"),
        popoverClass: "saldo-tour",
        allowClose: true,
        allowKeyboardControl: true,
        smoothScroll: true,
        onDestroyed: () => {
          if (!cancelled && !navigating) leave();
        },
      });
      tourDriver.drive();
    };
    void start();
    return () => {
      cancelled = true;
      tourDriver?.destroy();
    };
  }, [step, pathname]);

  return null;
}
