"use client";

import { Sparkles, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { brandName } from "@/lib/payments/card-brand";
import type { CardSummary } from "@/components/payments/types";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CurrencyInput } from "@/components/ui/currency-input";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { StatusMessage } from "@/components/ui/status-message";
import { Switch } from "@/components/ui/switch";
import { Select } from "@/components/ui/select";
import { saveAutoRecharge, type ChargeNowQuestion } from "@/lib/actions/save-auto-recharge";
import { thresholdBelowCallMinimum } from "@/lib/auto-recharge/limits";
import { formatMoney, formatMoneyInput, parseAmount, parseMoneyInput, type Currency } from "@/lib/money";

export type AutoRechargeValues = {
  enabled: boolean;
  /** As the fields show them, in the viewer's language ("5.00", "5,00"). */
  threshold: string;
  amount: string;
  monthlyCap: string;
  /** A card of the workspace, or "" for whichever card is the default. */
  cardId: string;
};

type Field = "threshold" | "amount" | "monthlyCap" | "cardId";

/**
 * Auto-recharge settings for owners and billing admins: on/off, threshold, amount (the
 * tutorial's suggestion next to it), monthly cap and card. Warns while typing when the
 * threshold is below the call minimum with WhatsApp calling on: calls would be refused before
 * the recharge fires. When the balance is already under the threshold being saved, the server
 * answers with the charge that saving would make at once, and nothing is saved until the owner
 * confirms that amount.
 */
export function AutoRechargeForm({
  workspaceSlug,
  currency,
  cards,
  initial,
  suggestion,
  callMinimum,
  whatsappCallingEnabled,
}: {
  workspaceSlug: string;
  currency: Currency;
  cards: CardSummary[];
  initial: AutoRechargeValues;
  /** The tutorial's values (R11), plain decimal strings ("5.00"): threshold, and the two amounts it names. */
  suggestion: { threshold: string; amounts: [string, string]; raisedForCalls: boolean };
  callMinimum: string;
  whatsappCallingEnabled: boolean;
}) {
  const t = useTranslations("autoRecharge");
  const locale = useLocale();
  const router = useRouter();
  const switchLabelId = useId();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  // The charge saving would make right away, while the owner is asked to confirm it.
  const [chargeNow, setChargeNow] = useState<ChargeNowQuestion | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const focused = useRef<ChargeNowQuestion | "save" | null>(null);
  const confirmTitleId = useId();
  const confirmBodyId = useId();
  // While the owner is asked, the values stay as they were asked about.
  const locked = pending || chargeNow !== null;

  // Focus goes to Cancel (the safe answer) once the question's buttons are enabled, and back
  // to Save when it is cancelled, so keyboard and screen reader users keep their place.
  useEffect(() => {
    if (pending) return;
    if (chargeNow && focused.current !== chargeNow) {
      focused.current = chargeNow;
      cancelRef.current?.focus();
    } else if (!chargeNow && focused.current === "save") {
      focused.current = null;
      saveRef.current?.focus();
    }
  }, [chargeNow, pending]);

  const money = (text: string) => formatMoney(parseAmount(text), currency, locale);
  const threshold = parseMoneyInput(values.threshold);
  const belowCallMinimum = threshold.ok && thresholdBelowCallMinimum(threshold.value, parseAmount(callMinimum), whatsappCallingEnabled);
  const defaultCard = cards.find((card) => card.isDefault);

  function update<K extends keyof AutoRechargeValues>(field: K, value: AutoRechargeValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: undefined }));
    setSaved(false);
  }

  function applySuggestion() {
    const field = (text: string) => formatMoneyInput(parseAmount(text), locale);
    setValues((current) => ({ ...current, threshold: field(suggestion.threshold), amount: field(suggestion.amounts[1]) }));
    setFieldErrors((current) => ({ ...current, threshold: undefined, amount: undefined }));
    setSaved(false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save(null);
  }

  function cancelCharge() {
    focused.current = "save";
    setChargeNow(null);
  }

  /** Sends the form; `confirmedCharge` is the amount the owner agreed to have charged now. */
  function save(confirmedCharge: string | null) {
    setSaved(false);
    setFormError(null);
    // Say what is wrong before sending; the server checks everything again.
    const errors: Partial<Record<Field, string>> = {};
    for (const field of ["threshold", "amount", "monthlyCap"] as const) {
      const parsed = parseMoneyInput(values[field]);
      if (!parsed.ok) errors[field] = t(`errors.${parsed.error}`);
    }
    if (Object.keys(errors).length) {
      setFieldErrors(errors);
      return;
    }
    startTransition(async () => {
      const input = confirmedCharge ? { ...values, confirmedChargeNow: confirmedCharge } : values;
      const result = await saveAutoRecharge(workspaceSlug, input).catch(() => null);
      setChargeNow(null);
      if (!result) {
        setFormError(t("errors.network"));
        return;
      }
      if (!result.ok) {
        // Whether the workspace has a card is the server's call: this page's list of cards can
        // lag behind a card saved a moment ago (it arrives with the next refresh).
        if (result.error.code === "card_required") {
          setFormError(t("errors.card_required"));
          return;
        }
        const errors: Partial<Record<Field, string>> = {};
        for (const [key, message] of Object.entries(result.error.fieldErrors ?? {})) {
          const field = key === "paymentMethodId" ? "cardId" : key;
          if (field === "threshold" || field === "amount" || field === "monthlyCap" || field === "cardId") errors[field] = message;
        }
        setFieldErrors(errors);
        if (!Object.keys(errors).length) setFormError(result.error.message);
        return;
      }
      if (!result.data.saved) {
        setChargeNow(result.data.chargeNow);
        return;
      }
      const savedValues = result.data.values;
      // One transition with the refresh: "saved" appears together with the card's new state
      // (badge, recharge in progress), not before it.
      startTransition(() => {
        setFieldErrors({});
        setValues(savedValues);
        setSaved(true);
        router.refresh();
      });
    });
  }

  const moneyField = (field: "threshold" | "amount" | "monthlyCap", id: string) => (
    <FormField id={id} label={t(field, { currency })} hint={t(`${field}Hint`)} error={fieldErrors[field]}>
      {(props) => (
        <CurrencyInput
          {...props}
          currency={currency}
          value={values[field]}
          onChange={(event) => update(field, event.target.value)}
          disabled={locked}
          data-testid={id}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="auto-recharge-form">
      <FormError message={formError} />

      <div className="flex items-start justify-between gap-4 rounded-lg border border-border px-4 py-3">
        <div className="grid gap-0.5">
          <span id={switchLabelId} className="text-sm font-medium">
            {t("toggle")}
          </span>
          <span className="text-xs text-muted-foreground">
            {values.enabled === initial.enabled
              ? values.enabled
                ? t("toggleOnHint")
                : t("toggleOffHint")
              : values.enabled
                ? t("toggleOnceSaved")
                : t("toggleOffOnceSaved")}
          </span>
        </div>
        <Switch
          checked={values.enabled}
          onCheckedChange={(enabled) => update("enabled", enabled)}
          aria-labelledby={switchLabelId}
          data-testid="auto-recharge-toggle"
          data-tour="auto-recharge-toggle"
          disabled={locked}
        />
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        {moneyField("threshold", "auto-recharge-threshold")}
        {moneyField("amount", "auto-recharge-amount")}
      </div>

      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg bg-accent px-4 py-3 text-sm text-accent-foreground" data-testid="auto-recharge-suggestion">
        <Sparkles aria-hidden className="size-4 shrink-0" />
        <span className="min-w-0 flex-1 basis-56">
          {t("suggestion", { threshold: money(suggestion.threshold), first: money(suggestion.amounts[0]), second: money(suggestion.amounts[1]) })}
          {suggestion.raisedForCalls ? (
            <span className="mt-1 block text-xs" data-testid="auto-recharge-suggestion-raised">
              {t("suggestionRaised", { minimum: money(callMinimum) })}
            </span>
          ) : null}
        </span>
        <Button type="button" variant="link" className="h-auto p-0 pl-6 text-sm sm:pl-0" onClick={applySuggestion} disabled={locked} data-tour="use-suggestion" data-testid="use-suggestion">
          {t("useSuggestion")}
        </Button>
      </div>

      {belowCallMinimum ? (
        <Alert variant="warning" role="status" data-testid="auto-recharge-call-minimum-warning">
          <TriangleAlert aria-hidden />
          <AlertDescription>{t("belowCallMinimum", { minimum: money(callMinimum) })}</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-5 sm:grid-cols-2">
        {moneyField("monthlyCap", "auto-recharge-cap")}
        <FormField id="auto-recharge-card" label={t("card")} error={fieldErrors.cardId}>
          {(props) => (
            <Select
              {...props}
              value={values.cardId}
              disabled={locked || cards.length === 0}
              data-testid="auto-recharge-card-select"
              onChange={(event) => update("cardId", event.target.value)}
            >
              <option value="">
                {defaultCard
                  ? t("defaultCardNamed", { brand: brandName(defaultCard.brand), last4: defaultCard.last4 })
                  : t("defaultCard")}
              </option>
              {cards.map((card) => (
                <option key={card.id} value={card.id}>
                  {t("cardOption", { brand: brandName(card.brand), last4: card.last4 })}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>

      {chargeNow ? (
        <div
          role="alertdialog"
          aria-labelledby={confirmTitleId}
          aria-describedby={confirmBodyId}
          data-testid="auto-recharge-confirm"
          className="grid gap-3 rounded-lg border border-warning/30 bg-warning-soft px-4 py-3 text-sm"
          onKeyDown={(event) => {
            if (event.key === "Escape" && !pending) cancelCharge();
          }}
        >
          <p id={confirmTitleId} className="flex items-center gap-2 font-semibold text-warning">
            <TriangleAlert aria-hidden className="size-4 shrink-0" />
            {t("confirmTitle")}
          </p>
          <p id={confirmBodyId} className="leading-relaxed text-foreground">
            {t("confirmBody", {
              balance: formatMoney(BigInt(chargeNow.available), currency, locale),
              threshold: formatMoney(BigInt(chargeNow.threshold), currency, locale),
              amount: formatMoney(BigInt(chargeNow.amount), currency, locale),
              card: t("cardOption", { brand: brandName(chargeNow.card.brand), last4: chargeNow.card.last4 }),
            })}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="button" onClick={() => save(chargeNow.amount)} disabled={pending} aria-busy={pending} pending={pending} data-testid="auto-recharge-confirm-charge">
              {t("confirmCharge", { amount: formatMoney(BigInt(chargeNow.amount), currency, locale) })}
            </Button>
            <Button ref={cancelRef} type="button" variant="ghost" onClick={cancelCharge} disabled={pending} data-testid="auto-recharge-confirm-cancel">
              {t("confirmCancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button ref={saveRef} type="submit" disabled={pending} aria-busy={pending} pending={pending} data-testid="auto-recharge-save">
            {pending ? t("saving") : t("save")}
          </Button>
          <StatusMessage persistent message={saved ? t("saved") : null} />
        </div>
      )}
    </form>
  );
}
