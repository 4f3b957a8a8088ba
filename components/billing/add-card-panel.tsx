"use client";

import { FlaskConical, Loader2, Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { brandName, fundingKey } from "@/lib/payments/card-brand";
import { CardBrandMark } from "@/components/payments/card-brand-mark";
import { useDeclineMessage } from "@/components/payments/decline-message";
import { ThreeDSecurePanel } from "@/components/payments/three-d-secure-panel";
import type { PaymentsClientConfig, TestCardOption } from "@/components/payments/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { StatusMessage } from "@/components/ui/status-message";
import { completeCardSetup } from "@/lib/actions/complete-card-setup";
import { confirmTestCard } from "@/lib/actions/confirm-test-card";
import { startCardSetup } from "@/lib/actions/start-card-setup";

// Stripe's card form (React Stripe.js) is fetched when a card is added with real Stripe, not with
// the page: the wallet's first load stays small, and test mode (the emulator) never loads it.
const StripeSetupForm = dynamic(() => import("@/components/payments/stripe-setup-form").then((module) => module.StripeSetupForm), {
  ssr: false,
  loading: () => <Loader2 aria-hidden className="size-5 animate-spin text-muted-foreground" />,
});

type SetupResult =
  | { status: "succeeded"; card: { brand: string; last4: string } }
  | { status: "requires_action"; setupIntentId: string; clientSecret: string }
  | { status: "failed"; code: string; message: string };

type Step =
  | { name: "closed" }
  | { name: "choose" }
  | { name: "saving" }
  | { name: "authenticate"; setupIntentId: string; clientSecret: string }
  | { name: "elements"; setupIntentId: string; clientSecret: string };

/**
 * "Add card". Against the local Stripe emulator, a picker of Stripe's test cards (credit, debit,
 * prepaid, 3-D Secure, declines) stands in for the card form; with real Stripe, the Payment
 * Element collects the card. Either way a SetupIntent saves it for off-session use.
 */
export function AddCardPanel({
  workspaceSlug,
  config,
  testCards,
  hasCards,
}: {
  workspaceSlug: string;
  config: PaymentsClientConfig;
  testCards: TestCardOption[];
  hasCards: boolean;
}) {
  const t = useTranslations("paymentMethods");
  const router = useRouter();
  const declineMessage = useDeclineMessage();
  const [step, setStep] = useState<Step>({ name: "closed" });
  const [token, setToken] = useState(testCards[0]?.token ?? "");
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [, startRefresh] = useTransition();
  const addRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);
  const emulator = config.emulatorUrl !== null;

  useEffect(() => {
    if (step.name === "choose") panelRef.current?.focus();
    if (step.name === "closed" && returnFocus.current) addRef.current?.focus();
    returnFocus.current = false;
  }, [step.name]);

  function close(message: string | null = null) {
    returnFocus.current = true;
    setAdded(message);
    setError(null);
    setStep({ name: "closed" });
  }

  function settle(result: SetupResult, fallback: Step) {
    if (result.status === "succeeded") {
      // One transition: "added" shows together with the refreshed page that lists the card, not
      // before it, so Add funds and auto-recharge already know the card when it is announced.
      startRefresh(() => {
        close(t("added", { brand: brandName(result.card.brand), last4: result.card.last4 }));
        router.refresh();
      });
    } else if (result.status === "requires_action") {
      if (emulator) setStep({ name: "authenticate", setupIntentId: result.setupIntentId, clientSecret: result.clientSecret });
      else setStep({ name: "elements", setupIntentId: result.setupIntentId, clientSecret: result.clientSecret });
    } else {
      setError(declineMessage(result.code, result.message));
      setStep(fallback);
    }
  }

  /** A call that failed or got no answer: say why, and go back to `step`. */
  function fail(result: { error: { message: string } } | null, step: Step) {
    setError(result ? result.error.message : t("errorNetwork"));
    setStep(step);
  }

  async function open() {
    setAdded(null);
    setError(null);
    if (emulator) {
      setStep({ name: "choose" });
      return;
    }
    if (!config.publishableKey) {
      setError(t("notConfigured"));
      return;
    }
    setStep({ name: "saving" });
    const started = await startCardSetup(workspaceSlug).catch(() => null);
    if (!started?.ok) return fail(started, { name: "closed" });
    setStep({ name: "elements", ...started.data });
  }

  async function saveTestCard(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setStep({ name: "saving" });
    const started = await startCardSetup(workspaceSlug).catch(() => null);
    if (!started?.ok) return fail(started, { name: "choose" });
    const result = await confirmTestCard(workspaceSlug, { setupIntentId: started.data.setupIntentId, testToken: token }).catch(() => null);
    if (!result?.ok) return fail(result, { name: "choose" });
    settle(result.data, { name: "choose" });
  }

  async function complete(setupIntentId: string, fallback: Step) {
    setStep({ name: "saving" });
    const result = await completeCardSetup(workspaceSlug, { setupIntentId }).catch(() => null);
    if (!result?.ok) return fail(result, fallback);
    settle(result.data, fallback);
  }

  const saving = step.name === "saving";

  if (step.name === "closed") {
    return (
      <div className="grid gap-3">
        <StatusMessage message={added} data-testid="card-added" />
        <FormError message={error} />
        <div>
          <Button ref={addRef} variant={hasCards ? "outline" : "default"} onClick={open} data-testid="add-card" data-tour="add-card">
            <Plus aria-hidden />
            {t("add")}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div
      ref={panelRef}
      tabIndex={-1}
      role="group"
      aria-labelledby="add-card-title"
      data-testid="add-card-panel"
      className="grid gap-4 rounded-lg border border-border bg-muted/40 p-4 outline-none focus-visible:ring-2 focus-visible:ring-ring sm:p-5"
    >
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id="add-card-title" className="font-semibold">
            {t("addTitle")}
          </h3>
          {config.testMode ? (
            <Badge variant="warning" data-testid="test-mode-badge">
              <FlaskConical aria-hidden />
              {t("testMode")}
            </Badge>
          ) : null}
        </div>
        <p className="text-sm text-muted-foreground">{emulator ? t("testModeHint") : t("addHint")}</p>
      </div>

      <FormError message={error} data-testid="add-card-error" />

      {step.name === "authenticate" && config.emulatorUrl ? (
        <ThreeDSecurePanel
          kind="setup"
          intentId={step.setupIntentId}
          clientSecret={step.clientSecret}
          emulatorUrl={config.emulatorUrl}
          onAnswered={() => complete(step.setupIntentId, { name: "choose" })}
        />
      ) : null}

      {step.name === "elements" && config.publishableKey ? (
        <StripeSetupForm
          publishableKey={config.publishableKey}
          clientSecret={step.clientSecret}
          onConfirmed={() => complete(step.setupIntentId, step)}
          onCancel={() => close()}
        />
      ) : null}

      {emulator && (step.name === "choose" || step.name === "saving") ? (
        <form onSubmit={saveTestCard} className="grid gap-4">
          <fieldset disabled={saving} className="grid gap-2">
            <legend className="sr-only">{t("testCards")}</legend>
            <div className="grid gap-2 sm:grid-cols-2" data-testid="test-card-picker">
              {testCards.map((card) => (
                <label
                  key={card.token}
                  className={cn(
                    "flex cursor-pointer items-start gap-3 rounded-lg border bg-card p-3 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                    token === card.token ? "border-primary ring-1 ring-primary" : "border-border hover:border-primary/50",
                  )}
                >
                  <input
                    type="radio"
                    name="testToken"
                    value={card.token}
                    checked={token === card.token}
                    onChange={() => setToken(card.token)}
                    className="sr-only"
                    data-testid={`test-card-${card.token}`}
                  />
                  <CardBrandMark brand={card.brand} className="mt-0.5" />
                  <span className="grid min-w-0 gap-0.5">
                    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-medium">
                      <span>{t("cardName", { brand: brandName(card.brand), last4: card.last4 })}</span>
                      <Badge variant="muted">{t(`funding.${fundingKey(card.funding)}`)}</Badge>
                    </span>
                    <span
                      className={cn(
                        "text-xs",
                        card.behaviour === "succeeds" ? "text-muted-foreground" : card.behaviour === "three_d_secure" ? "text-accent-foreground" : "text-warning",
                      )}
                    >
                      {t(`behaviour.${card.behaviour}`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={saving || !token} aria-busy={saving} pending={saving} data-testid="save-card">
              {saving ? t("saving") : t("save")}
            </Button>
            <Button variant="ghost" onClick={() => close()} disabled={saving}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : null}

      {!emulator && saving ? (
        <p role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 aria-hidden className="size-4 animate-spin" />
          {t("saving")}
        </p>
      ) : null}
    </div>
  );
}
