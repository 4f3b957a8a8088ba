"use client";

import { CircleCheck, CreditCard, Loader2, Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { brandName } from "@/lib/payments/card-brand";
import { useDeclineMessage } from "@/components/payments/decline-message";
import { newRequestId } from "@/components/payments/request-id";
import { handleNextActionWithStripe } from "@/components/payments/stripe-js";
import { ThreeDSecurePanel } from "@/components/payments/three-d-secure-panel";
import type { CardSummary, PaymentsClientConfig } from "@/components/payments/types";
import { Alert, AlertContent, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CurrencyInput } from "@/components/ui/currency-input";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { refreshPayment } from "@/lib/actions/refresh-payment";
import { startTopUp } from "@/lib/actions/start-top-up";
import { formatMessageValues } from "@/lib/errors";
import { formatMoney, fromMajorUnits, parseMoneyInput, type Currency } from "@/lib/money";
import { TOP_UP_LIMITS, topUpAmountProblem } from "@/lib/payments/limits";

/** One-click amounts, in whole units of the plan currency (INR at the plans' 1:50). */
const QUICK_PICKS: Record<Currency, number[]> = { USD: [10, 25, 50, 100], INR: [500, 1000, 2500, 5000] };
const POLL_MS = 1000;
const POLL_TRIES = 30;

type Phase =
  | { name: "form" }
  | { name: "paying" }
  | { name: "authenticate"; paymentId: string; paymentIntentId: string; clientSecret: string }
  | { name: "waiting"; paymentId: string }
  | { name: "credited" }
  | { name: "slow" }
  | { name: "failed"; message: string };

type Props = {
  workspaceSlug: string;
  currency: Currency;
  cards: CardSummary[];
  config: PaymentsClientConfig;
};

/**
 * "Add funds": a native modal <dialog> (focus trapped, Escape closes) with quick picks, a custom
 * amount, the card to charge and Pay. The payment is confirmed by Stripe's webhook a moment
 * later; the dialog polls until the wallet has been credited, then refreshes the page.
 */
export function AddFundsDialog({ workspaceSlug, currency, cards, config }: Props) {
  const t = useTranslations("topUp");
  const errors = useTranslations("errors");
  const locale = useLocale();
  const router = useRouter();
  const declineMessage = useDeclineMessage();
  const dialog = useRef<HTMLDialogElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const defaultCardId = (cards.find((card) => card.isDefault) ?? cards[0])?.id ?? "";

  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const [chosenCardId, setCardId] = useState(defaultCardId);
  // A card added or removed behind the dialog: the selection falls back to the default card.
  const cardId = cards.some((card) => card.id === chosenCardId) ? chosenCardId : defaultCardId;
  const [amountError, setAmountError] = useState<string | undefined>();
  const [cardError, setCardError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({ name: "form" });
  const [paid, setPaid] = useState<string | null>(null);
  // One key per opening of the dialog (and per new attempt after a failure), so a double click
  // or a retried request is one payment, never two.
  const idempotencyKey = useRef("");

  const money = (micros: bigint) => formatMoney(micros, currency, locale);
  const limits = TOP_UP_LIMITS[currency];
  // The server's own field and limits, for the hint before sending.
  const parsed = parseMoneyInput(amount);
  const problem = parsed.ok ? topUpAmountProblem(parsed.value, currency) : null;
  const validAmount = parsed.ok && !problem ? parsed.value : null;

  // After paying: ask the server until the webhook has credited the wallet, then refresh the page.
  const waitingFor = phase.name === "waiting" ? phase.paymentId : null;
  useEffect(() => {
    if (!waitingFor) return;
    let tries = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      tries += 1;
      const result = await refreshPayment(workspaceSlug, { paymentId: waitingFor }).catch(() => null);
      if (stopped) return;
      if (result?.ok) {
        const payment = result.data;
        if (payment.credited) {
          setPhase({ name: "credited" });
          router.refresh();
          return;
        }
        if (payment.status === "FAILED" || payment.status === "CANCELED") {
          setPhase({ name: "failed", message: declineMessage(payment.failureCode, payment.failureMessage) });
          router.refresh();
          return;
        }
      }
      if (tries >= POLL_TRIES) {
        setPhase({ name: "slow" });
        router.refresh();
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waitingFor, workspaceSlug, router, declineMessage]);

  function openDialog() {
    // A finished payment starts over; one still under way is shown as it is.
    if (phase.name === "form" || phase.name === "credited" || phase.name === "failed" || phase.name === "slow") {
      idempotencyKey.current = newRequestId();
      setPhase({ name: "form" });
      setAmountError(undefined);
      setCardError(undefined);
      setPaid(null);
      setAmount("");
      // Each new payment starts from the default card (it may have changed since the last one).
      setCardId(defaultCardId);
    }
    dialog.current?.showModal();
    setOpen(true);
  }

  function close() {
    dialog.current?.close();
  }

  function tryAgain() {
    idempotencyKey.current = newRequestId();
    setPhase({ name: "form" });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.name === "paying") return;
    if (!parsed.ok) {
      setAmountError(t(`errors.${parsed.error}`));
      amountRef.current?.focus();
      return;
    }
    if (problem) {
      const { key = "invalid_field", values } = problem.translation;
      setAmountError(errors(key, formatMessageValues(values, locale)));
      amountRef.current?.focus();
      return;
    }
    if (!cardId) {
      setCardError(t("errors.card_required"));
      return;
    }
    setAmountError(undefined);
    setCardError(undefined);
    setPhase({ name: "paying" });
    setPaid(money(parsed.value));

    const result = await startTopUp(workspaceSlug, { amount, cardId, idempotencyKey: idempotencyKey.current }).catch(() => null);
    if (!result) {
      setPhase({ name: "failed", message: t("errors.network") });
      return;
    }
    if (!result.ok) {
      const fields = result.error.fieldErrors ?? {};
      if (fields.amount || fields.cardId) {
        setAmountError(fields.amount);
        setCardError(fields.cardId);
        setPhase({ name: "form" });
        if (fields.amount) amountRef.current?.focus();
        if (result.error.code === "not_found") router.refresh();
        return;
      }
      setPhase({ name: "failed", message: result.error.message });
      return;
    }
    const outcome = result.data;
    switch (outcome.status) {
      case "succeeded":
      case "processing":
        setPhase({ name: "waiting", paymentId: outcome.paymentId });
        return;
      case "requires_action":
        if (config.emulatorUrl) {
          setPhase({
            name: "authenticate",
            paymentId: outcome.paymentId,
            paymentIntentId: outcome.paymentIntentId,
            clientSecret: outcome.clientSecret,
          });
        } else if (config.publishableKey) {
          // Stripe.js shows the bank's own challenge; the server then reads the outcome.
          await handleNextActionWithStripe(config.publishableKey, outcome.clientSecret);
          setPhase({ name: "waiting", paymentId: outcome.paymentId });
        } else {
          setPhase({ name: "failed", message: t("errors.authenticationUnavailable") });
        }
        return;
      case "failed":
        setPhase({ name: "failed", message: declineMessage(outcome.code, outcome.message) });
        router.refresh();
        return;
    }
  }

  const busy = phase.name === "paying";
  const showForm = phase.name === "form" || phase.name === "paying";

  return (
    <>
      <Button onClick={openDialog} aria-haspopup="dialog" aria-expanded={open} data-testid="add-funds" className="w-full sm:w-auto">
        <Plus aria-hidden />
        {t("open")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid="add-funds-dialog"
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialog.current && !busy) close();
        }}
        onCancel={(event) => {
          if (busy) event.preventDefault();
        }}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[min(32rem,calc(100vw-1.5rem))] overflow-y-auto rounded-xl border border-border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-foreground/40"
      >
        <div className="flex items-start justify-between gap-3 border-b border-border px-5 py-4 sm:px-6">
          <div className="grid gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id={titleId} className="text-lg font-semibold tracking-tight">
                {t("title")}
              </h2>
              {config.testMode ? <Badge variant="warning">{t("testMode")}</Badge> : null}
            </div>
            <p className="text-sm text-muted-foreground">{t("description")}</p>
          </div>
          <Button variant="ghost" size="icon" className="-mt-1 -mr-2" aria-label={t("close")} onClick={close} disabled={busy}>
            <X aria-hidden className="size-5" />
          </Button>
        </div>

        <div className="grid gap-5 px-5 py-5 sm:px-6">
          {cards.length === 0 ? (
            <div className="grid gap-3" data-testid="top-up-no-card">
              <Alert variant="info">
                <CreditCard aria-hidden />
                <AlertDescription>{t("noCard")}</AlertDescription>
              </Alert>
              <div>
                <Button asChild variant="outline">
                  <a href="#payment-methods" onClick={close}>
                    {t("addCardFirst")}
                  </a>
                </Button>
              </div>
            </div>
          ) : showForm ? (
            <form onSubmit={onSubmit} noValidate className="grid gap-5" aria-busy={busy}>
              <fieldset className="grid gap-2" disabled={busy}>
                <legend className="mb-2 text-sm font-medium">{t("quickPicks")}</legend>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {QUICK_PICKS[currency].map((units) => {
                    const value = String(units);
                    const selected = parsed.ok && parsed.value === fromMajorUnits(units);
                    return (
                      <button
                        key={units}
                        type="button"
                        aria-pressed={selected}
                        data-testid={`top-up-pick-${units}`}
                        onClick={() => {
                          setAmount(value);
                          setAmountError(undefined);
                        }}
                        className={cn(
                          "tabular h-11 rounded-md border text-sm font-semibold transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-60",
                          selected
                            ? "border-primary bg-primary text-primary-foreground"
                            : "border-input bg-card text-foreground hover:border-primary/60 hover:bg-accent",
                        )}
                      >
                        {money(fromMajorUnits(units))}
                      </button>
                    );
                  })}
                </div>
              </fieldset>

              <FormField
                id="top-up-amount"
                label={t("amount", { currency })}
                hint={t("limits", { min: money(limits.min), max: money(limits.max) })}
                hintLive
                error={amountError}
              >
                {(props) => (
                  <CurrencyInput
                    {...props}
                    ref={amountRef}
                    currency={currency}
                    name="amount"
                    placeholder={t("amountPlaceholder")}
                    className="text-base"
                    value={amount}
                    disabled={busy}
                    data-testid="top-up-amount"
                    onChange={(event) => {
                      setAmount(event.target.value);
                      setAmountError(undefined);
                    }}
                  />
                )}
              </FormField>

              <FormField id="top-up-card" label={t("card")} error={cardError}>
                {(props) => (
                  <Select
                    {...props}
                    name="cardId"
                    value={cardId}
                    disabled={busy}
                    data-testid="top-up-card"
                    onChange={(event) => {
                      setCardId(event.target.value);
                      setCardError(undefined);
                    }}
                  >
                    {cards.map((card) => (
                      <option key={card.id} value={card.id}>
                        {card.isDefault
                          ? t("cardOptionDefault", { brand: brandName(card.brand), last4: card.last4 })
                          : t("cardOption", { brand: brandName(card.brand), last4: card.last4 })}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>

              <div className="grid gap-2">
                <Button type="submit" size="lg" disabled={busy} aria-busy={busy} pending={busy} data-testid="top-up-pay" className="w-full">
                  {busy ? t("paying") : validAmount !== null ? t("payAmount", { amount: money(validAmount) }) : t("pay")}
                </Button>
                <p className="text-center text-xs text-muted-foreground">{t("usageOnly")}</p>
              </div>
            </form>
          ) : (
            <TopUpProgress
              phase={phase}
              paid={paid}
              config={config}
              onAuthenticated={(paymentId) => setPhase({ name: "waiting", paymentId })}
              onDone={close}
              onTryAgain={tryAgain}
            />
          )}
        </div>
      </dialog>
    </>
  );
}

/** What happens after Pay: authentication, waiting for the bank, credited, or the bank's refusal. */
function TopUpProgress({
  phase,
  paid,
  config,
  onAuthenticated,
  onDone,
  onTryAgain,
}: {
  phase: Phase;
  paid: string | null;
  config: PaymentsClientConfig;
  onAuthenticated: (paymentId: string) => void;
  onDone: () => void;
  onTryAgain: () => void;
}) {
  const t = useTranslations("topUp");
  const ref = useRef<HTMLDivElement>(null);
  // Each outcome replaces the form: move focus to it so it is read out and keyboard users can act.
  useEffect(() => {
    if (phase.name !== "authenticate") ref.current?.focus();
  }, [phase.name]);

  return (
    <div ref={ref} tabIndex={-1} className="grid gap-4 outline-none" data-testid="top-up-status" data-state={phase.name}>
      {phase.name === "authenticate" && config.emulatorUrl ? (
        <ThreeDSecurePanel
          kind="payment"
          intentId={phase.paymentIntentId}
          clientSecret={phase.clientSecret}
          emulatorUrl={config.emulatorUrl}
          onAnswered={() => onAuthenticated(phase.paymentId)}
        />
      ) : null}
      {phase.name === "waiting" ? (
        <Alert variant="info" role="status">
          <Loader2 aria-hidden className="animate-spin" />
          <AlertContent title={t("received", { amount: paid ?? "" })}>
            <AlertDescription>{t("receivedHint")}</AlertDescription>
          </AlertContent>
        </Alert>
      ) : null}
      {phase.name === "credited" ? (
        <Alert variant="success" role="status">
          <CircleCheck aria-hidden />
          <AlertContent title={t("credited", { amount: paid ?? "" })}>
            <AlertDescription>{t("creditedHint")}</AlertDescription>
          </AlertContent>
        </Alert>
      ) : null}
      {phase.name === "slow" ? (
        <Alert variant="info" role="status">
          <AlertContent title={t("slow")}>
            <AlertDescription>{t("slowHint")}</AlertDescription>
          </AlertContent>
        </Alert>
      ) : null}
      {phase.name === "failed" ? (
        <Alert variant="destructive" role="alert" data-testid="top-up-error">
          <AlertContent title={t("failed")}>
            <AlertDescription>{phase.message}</AlertDescription>
            <AlertDescription className="text-xs">{t("failedHint")}</AlertDescription>
          </AlertContent>
        </Alert>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        {phase.name === "failed" ? (
          <Button variant="outline" onClick={onTryAgain}>
            {t("tryAgain")}
          </Button>
        ) : null}
        {phase.name !== "authenticate" ? (
          <Button onClick={onDone} variant={phase.name === "failed" ? "ghost" : "default"} data-testid="top-up-done">
            {t("done")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
