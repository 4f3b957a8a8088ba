"use client";

import { Gift } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CurrencyInput } from "@/components/ui/currency-input";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { grantGoodwill } from "@/lib/actions/grant-goodwill";

/**
 * Goodwill credit: an amount and a reason. One request id per filled-in form, so a double click
 * (or a retry after a lost answer) grants once; a new one after each grant.
 */
export function GoodwillForm({ workspaceId, currency, capHint }: { workspaceId: string; currency: string; capHint: string }) {
  const t = useTranslations("support.goodwill");
  const router = useRouter();
  const [values, setValues] = useState({ amount: "", reason: "" });
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string }>({});
  const [granted, setGranted] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setGranted(null);
    startTransition(async () => {
      const result = await grantGoodwill({ workspaceId, ...values, requestId }).catch(() => null);
      if (!result) return setErrors({ form: t("errorNetwork") });
      if (!result.ok) {
        const { amount, reason } = result.error.fieldErrors ?? {};
        return setErrors(amount || reason ? { amount, reason } : { form: result.error.message });
      }
      setGranted(t("granted", { amount: `${result.data.amount} ${currency}` }));
      setValues({ amount: "", reason: "" });
      setRequestId(crypto.randomUUID());
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="goodwill-form">
      <FormError message={errors.form} />
      <FormField id="goodwill-amount" label={t("amount", { currency })} hint={capHint} error={errors.amount}>
        {(props) => (
          <CurrencyInput
            {...props}
            currency={currency}
            name="amount"
            className="max-w-48"
            value={values.amount}
            onChange={(event) => setValues((current) => ({ ...current, amount: event.target.value }))}
          />
        )}
      </FormField>
      <FormField id="goodwill-reason" label={t("reason")} hint={t("reasonHint")} error={errors.reason}>
        {(props) => (
          <Input
            {...props}
            name="reason"
            maxLength={500}
            value={values.reason}
            onChange={(event) => setValues((current) => ({ ...current, reason: event.target.value }))}
          />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} icon={<Gift aria-hidden />}>
          {t("submit")}
        </Button>
        <p role="status" className="text-sm font-medium text-success" data-testid="goodwill-granted">
          {granted}
        </p>
      </div>
    </form>
  );
}
