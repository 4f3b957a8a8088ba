"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { CurrencyInput } from "@/components/ui/currency-input";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { StatusMessage } from "@/components/ui/status-message";
import { Switch } from "@/components/ui/switch";
import { Input } from "@/components/ui/input";
import { updateBillingSettings, type BillingSettingsInput } from "@/lib/actions/update-billing-settings";

type Field = keyof BillingSettingsInput;

export function BillingSettingsForm({
  workspaceSlug,
  currency,
  ownerEmail,
  initial,
}: {
  workspaceSlug: string;
  currency: string;
  ownerEmail: string | null;
  initial: BillingSettingsInput;
}) {
  const t = useTranslations("billingSettings");
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  function update<F extends Field>(field: F, value: BillingSettingsInput[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    setSaved(false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    startTransition(async () => {
      const result = await updateBillingSettings(workspaceSlug, values).catch(() => null);
      if (!result) {
        setFormError(t("errorNetwork"));
        return;
      }
      if (!result.ok) {
        const errors: Partial<Record<Field, string>> = {};
        for (const [key, message] of Object.entries(result.error.fieldErrors ?? {})) {
          if (key === "billingEmail" || key === "lowBalanceAlertThreshold") errors[key] = message;
        }
        setFieldErrors(errors);
        if (!Object.keys(errors).length) setFormError(result.error.message);
        return;
      }
      setFieldErrors({});
      setValues(result.data);
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl">
      <Card>
        <CardHeader>
          <CardTitle>{t("formTitle")}</CardTitle>
          <CardDescription>{t("formDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <FormError message={formError} />
          <FormField
            id="billingEmail"
            label={t("billingEmail")}
            hint={ownerEmail ? t("billingEmailHint", { email: ownerEmail }) : t("billingEmailHintNoOwner")}
            error={fieldErrors.billingEmail}
          >
            {(props) => (
              <Input
                {...props}
                name="billingEmail"
                type="email"
                inputMode="email"
                autoComplete="email"
                placeholder={ownerEmail ?? undefined}
                value={values.billingEmail}
                onChange={(event) => update("billingEmail", event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="lowBalanceAlertThreshold"
            label={t("threshold", { currency })}
            hint={t("thresholdHint")}
            error={fieldErrors.lowBalanceAlertThreshold}
          >
            {(props) => (
              <CurrencyInput
                {...props}
                currency={currency}
                name="lowBalanceAlertThreshold"
                placeholder={t("thresholdPlaceholder")}
                className="max-w-60"
                value={values.lowBalanceAlertThreshold}
                onChange={(event) => update("lowBalanceAlertThreshold", event.target.value)}
              />
            )}
          </FormField>
          <div className="flex items-start justify-between gap-4 rounded-lg border border-border px-4 py-3">
            <div className="grid gap-0.5">
              <span id="weeklySummary-label" className="text-sm font-medium">
                {t("weeklySummary")}
              </span>
              <span id="weeklySummary-hint" className="text-xs text-muted-foreground">
                {t("weeklySummaryHint")}
              </span>
            </div>
            <Switch
              checked={values.weeklySummary}
              onCheckedChange={(checked) => update("weeklySummary", checked)}
              aria-labelledby="weeklySummary-label"
              aria-describedby="weeklySummary-hint"
              data-testid="weekly-summary-toggle"
              disabled={pending}
            />
          </div>
        </CardContent>
        <CardFooter className="flex-wrap">
          <Button type="submit" disabled={pending} aria-busy={pending} pending={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <StatusMessage persistent message={saved ? t("saved") : null} />
        </CardFooter>
      </Card>
    </form>
  );
}
